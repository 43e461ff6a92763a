// Renaming an issue in the workspace: an issue takes the title of the first minute that made it, which officers may correct (audited; its address is kept).
import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { formVersion, optionalText, requiredText, requireEditor } from './form-input.ts';
import { EDITORS, createWriteRunner, declareWrite } from './command.ts';
import type { UnitOfWork } from './unit-of-work.ts';

const RenameSchema = z.object({
  title: requiredText('Enter the name of the issue', 500),
  summary: optionalText(5_000),
  version: formVersion,
});

const RENAME = declareWrite('issue.rename', EDITORS, RenameSchema);

export function createIssueWorkspaceService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork }) {
  const write = createWriteRunner(deps.unitOfWork);
  return {
    async issue(actor: Actor, id: number) {
      requireEditor(actor);
      const issue = await deps.repos().issues.findById(id);
      if (!issue) throw new NotFoundError('No such issue');
      return issue;
    },

    /** Renames the issue over the version the officer opened; the slug stays, so every link to it still works. */
    async rename(actor: Actor, id: number, input: unknown) {
      return write(RENAME, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.issues.findById(id);
        if (!before) throw new NotFoundError('No such issue');
        if (!(await tx.issues.rename(id, values.version, { title: values.title, summary: values.summary }))) {
          throw new ConflictError('Someone else changed this issue after you opened it');
        }
        const after = await tx.issues.findById(id);
        await audit('issue.renamed', 'issue', id, { title: before.title, summary: before.summary }, { title: after?.title, summary: after?.summary });
        touched('issue', id);
        return after ?? before;
      });
    },
  };
}

export type IssueWorkspaceService = ReturnType<typeof createIssueWorkspaceService>;
