// Workspace forms to put mistakes right: withdraw a record created in error (with a reason) and restore it, one pair of pages for every withdrawable kind; and rename an issue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { isWithdrawableKind, WITHDRAWABLE_NOUNS, type WithdrawableKind } from '../../../domain/withdrawal.ts';
import { NotFoundError } from '../../../services/errors.ts';
import type { WithdrawableRecord } from '../../../services/withdrawal-service.ts';
import { formState, saveForm } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, showingState, workspaceAccess, workspaceView, type FormPage, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { kind: string; id: string } };

/** Instants are stored in UTC and shown in Europe/London (DESIGN.md "Domain model"). */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function readKind(value: string): WithdrawableKind {
  if (!isWithdrawableKind(value)) throw new NotFoundError('No such record');
  return value;
}

/** The workspace page of the record (or of what it belongs to), to go back to. */
export function workspaceHref(record: WithdrawableRecord): string {
  switch (record.kind) {
    case 'review':
      return paths.admin.review(record.id);
    case 'recommendation':
      return paths.admin.recommendation(record.id);
    case 'progress_update':
      return record.recommendationId === null ? paths.admin.reviews() : paths.admin.recommendation(record.recommendationId);
    case 'membership':
      return record.reviewId === null ? paths.admin.membership(record.id) : paths.admin.review(record.reviewId);
    case 'agenda_item':
      return paths.admin.agendaItem(record.id);
    case 'document':
    case 'attendance':
      if (record.meetingId !== null) return paths.admin.meeting(record.meetingId);
      return record.reviewId === null ? paths.admin.home() : paths.admin.review(record.reviewId);
  }
}

export function withdrawalRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const withdrawals = services.withdrawals;
  const access = workspaceAccess(app, EDITOR_ROLES);

  /** The withdrawal page of a record: the form with its reason, or who withdrew it, when and why, with the way to restore it. */
  async function page(request: FastifyRequest<Params>, showing: FormShowing): Promise<FormPage> {
    const kind = readKind(request.params.kind);
    const id = readId(request.params.id);
    const record = await withdrawals.record(actorOf(request), kind, id);
    const noun = WITHDRAWABLE_NOUNS[kind];
    return {
      template: 'admin/withdraw.njk',
      pageTitle: record.withdrawnAt === null ? `Withdraw this ${noun}` : `This ${noun} is withdrawn`,
      data: {
        noun,
        record,
        withdrawnAt: record.withdrawnAt === null ? null : LONDON.format(new Date(record.withdrawnAt)),
        backHref: workspaceHref(record),
        historyHref: paths.admin.history(kind, id),
        // After a stale withdrawal the page shows who withdrew it first; nothing typed is kept.
        form: formState(showing.status === 409 ? {} : (showing.typed ?? {}), showing.errors),
      },
    };
  }

  /** Withdraws or restores the record, then shows its page again with the success banner. */
  async function change(request: FastifyRequest<Params>, write: (kind: WithdrawableKind, id: number) => Promise<unknown>, done: string) {
    const kind = readKind(request.params.kind);
    const id = readId(request.params.id);
    await write(kind, id);
    const record = await withdrawals.record(actorOf(request), kind, id);
    return { url: paths.admin.withdraw(kind, id), saved: `${done}: ${record.name} ${done === 'Withdrawn' ? 'is no longer public' : 'is public again'}.` };
  }

  // Another officer withdrew or restored it first: the page now shows where it stands.
  const advice = 'The page now shows where it stands.';

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.withdraw.pattern,
    roles: EDITOR_ROLES,
    page,
    save: (request, typed) => change(request, (kind, id) => withdrawals.withdraw(actorOf(request), kind, id, typed), 'Withdrawn'),
    conflictField: 'reason',
    advice,
  });

  app.post<Params>(paths.admin.restore.pattern, access.write, async (request, reply) =>
    saveForm(
      reply,
      () => change(request, (kind, id) => withdrawals.restore(actorOf(request), kind, id), 'Restored'),
      async (errors, status) => {
        const shown = await page(request, { typed: {}, errors, status });
        return workspaceView(request, reply, cookies, shown.template, { ...shown.data, pageTitle: shown.pageTitle }, status);
      },
      'reason',
      { advice, flash: cookies.options(request) },
    ),
  );

  // Renaming an issue ---------------------------------------------------------------------------

  formRoute<{ Params: { id: string } }>(app, cookies, {
    pattern: paths.admin.issue.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const issue = await services.issueWorkspace.issue(actorOf(request), readId(request.params.id));
      return {
        template: 'admin/issue-form.njk',
        pageTitle: `Rename the issue: ${issue.title}`,
        data: {
          issue,
          publicHref: paths.issue(issue.slug),
          historyHref: paths.admin.history('issue', issue.id),
          form: showingState(showing, { title: issue.title, summary: issue.summary ?? '', version: String(issue.version) }),
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await services.issueWorkspace.rename(actorOf(request), id, typed);
      const issue = await services.issueWorkspace.issue(actorOf(request), id);
      return { url: paths.admin.issue(id), saved: `Issue renamed: ${issue.title}` };
    },
    conflictField: 'title',
    advice: 'Check the name, then save again.',
  });
}
