// Putting mistakes right: withdraw a record created in error (with a reason) so it leaves every public output at once, and restore it; both audited.
import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import { WITHDRAWABLE_NOUNS, type WithdrawableKind } from '../domain/withdrawal.ts';
import type { Repositories } from '../repositories/index.ts';
import type { WithdrawableRecord } from '../repositories/withdrawal-repository.ts';

export type { WithdrawableRecord };
import { ConflictError, NotFoundError } from './errors.ts';
import { requiredText, requireEditor } from './form-input.ts';
import { EDITORS, NO_INPUT, createWriteRunner, declareWrite, type WriteDeclaration } from './command.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import type { Work, UnitOfWork } from './unit-of-work.ts';

const reasonSchema = (kind: WithdrawableKind) =>
  z.object({
    reason: requiredText(`Enter why this ${WITHDRAWABLE_NOUNS[kind]} is being withdrawn`, 5_000),
  });

/** Each kind's withdrawal, declared once: the reason's message names the kind ("Enter why this minute is being withdrawn"). */
const WITHDRAW = Object.fromEntries(
  (Object.keys(WITHDRAWABLE_NOUNS) as WithdrawableKind[]).map((kind) => [kind, declareWrite(`${kind}.withdraw`, EDITORS, reasonSchema(kind))]),
) as Record<WithdrawableKind, WriteDeclaration<ReturnType<typeof reasonSchema>>>;
const RESTORE = declareWrite('record.restore', EDITORS, NO_INPUT);

/**
 * Refreshes, in the write's own transaction, every search row the record is part of (DESIGN.md
 * "How we write code" 9): a withdrawn record is out of search in the same commit that withdraws it.
 */
function touchSearch(work: Work, record: WithdrawableRecord): void {
  const s = record.search;
  work.touched('review', ...s.reviews);
  work.touched('recommendation', ...s.recommendations);
  work.touched('response', ...s.responses);
  work.touched('document', ...s.documents);
  work.touched('meeting', ...s.meetings);
  work.touched('agenda_item', ...s.agendaItems);
  work.touched('minute', ...s.minutes);
  work.touched('resolution', ...s.resolutions);
  work.touched('person', ...s.people);
  work.touched('body', ...s.bodies);
}

export function createWithdrawalService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork }) {
  const { repos } = deps;
  const write = createWriteRunner(deps.unitOfWork);

  async function find(r: Repositories, kind: WithdrawableKind, id: number): Promise<WithdrawableRecord> {
    const record = await r.withdrawals.find(kind, id);
    if (!record) throw new NotFoundError(`No such ${WITHDRAWABLE_NOUNS[kind]}`);
    return record;
  }

  /** A withdrawal or a restoration changes what a review's status is derived from. */
  async function afterChange(work: Work, record: WithdrawableRecord): Promise<void> {
    if (record.reviewId !== null && (record.kind === 'review' || record.kind === 'recommendation' || record.kind === 'progress_update')) {
      if (await refreshReviewStatus(work.repos, record.reviewId)) work.touched('review', record.reviewId);
    }
  }

  return {
    /** The record for the withdraw or restore page, withdrawn or not. */
    async record(actor: Actor, kind: WithdrawableKind, id: number): Promise<WithdrawableRecord> {
      requireEditor(actor);
      return find(repos(), kind, id);
    },

    /**
     * Withdraws a record created in error: it leaves every public page, feed, file, API document
     * and search in this one transaction, and stays in the workspace and the audit trail with who,
     * when and why.
     */
    async withdraw(actor: Actor, kind: WithdrawableKind, id: number, input: unknown): Promise<WithdrawableRecord> {
      return write(WITHDRAW[kind], actor, input, async ({ reason }, work) => {
        // A missing record is a 404 before anything is written.
        await find(work.repos, kind, id);
        if (!(await work.repos.withdrawals.withdraw(kind, id, { by: actor.name, reason }))) {
          throw new ConflictError(`This ${WITHDRAWABLE_NOUNS[kind]} was withdrawn already`);
        }
        const after = await find(work.repos, kind, id);
        await work.audit(`${kind}.withdrawn`, kind, id, { withdrawn: false }, { withdrawn: true, reason, withdrawn_at: after.withdrawnAt });
        touchSearch(work, after);
        await afterChange(work, after);
        return after;
      });
    },

    /** Restores a withdrawn record: back on every public output in the same commit; audited with the reason it was withdrawn. */
    async restore(actor: Actor, kind: WithdrawableKind, id: number): Promise<WithdrawableRecord> {
      return write(RESTORE, actor, undefined, async (_values, work) => {
        const before = await find(work.repos, kind, id);
        if (!(await work.repos.withdrawals.restore(kind, id))) {
          throw new ConflictError(`This ${WITHDRAWABLE_NOUNS[kind]} is not withdrawn`);
        }
        const after = await find(work.repos, kind, id);
        await work.audit(
          `${kind}.restored`,
          kind,
          id,
          { withdrawn: true, withdrawn_at: before.withdrawnAt, withdrawn_by: before.withdrawnBy, reason: before.withdrawnReason },
          { withdrawn: false },
        );
        touchSearch(work, after);
        await afterChange(work, after);
        return after;
      });
    },
  };
}

export type WithdrawalService = ReturnType<typeof createWithdrawalService>;
