// Runs a use case's writes in one transaction, with repositories over that transaction and an audit helper that writes in it too.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { actorLabel, type Actor, type SystemActor } from '../domain/roles.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { isPackInputType } from '../repositories/paper-pack-repository.ts';
import { TouchedRecords, type SearchKind } from './search-index-service.ts';
import { RepeatedSubmissionError } from './errors.ts';
import { markSubmissionUsed, pendingSubmissionKey } from './submission-service.ts';
import { EVERYTHING, writeTags } from '../domain/page-tags.ts';
import { joinReach, TRACKER_ENTRY_TAG, trackerReach, type TrackerReach } from '../domain/tracker-entries.ts';
import { refreshTrackerEntries } from './tracker-entries-service.ts';
import type { LoggedChange } from '../repositories/change-log-repository.ts';
import type { ChangeService } from './change-service.ts';

export interface Work {
  readonly repos: Repositories;
  /**
   * DESIGN.md "AuditEvent for every write: actor, action, record, before/after, time": recorded in
   * the same transaction as the change, so a change is never kept without its audit event.
   */
  audit: (action: string, entityType: string, entityId: number | null, before: unknown, after: unknown) => Promise<void>;
  /**
   * Marks records whose search-index rows this write changes. They are refreshed in this same
   * transaction just before it commits (DESIGN.md "How we write code" 9), so the index never holds
   * text a committed change withheld, nor misses what it published, at any instant.
   */
  touched: (kind: SearchKind, ...ids: readonly number[]) => void;
}

/**
 * Stages of a write inside its transaction, for tests that kill the process there: after the change
 * and its audit events, and after the search rows, just before the commit. Only a test's own script
 * passes an observer (createServices' `pipelineObserver`); the server and the CLI never do.
 */
export type PipelineStage = 'changed' | 'indexed';
export type PipelineObserver = (stage: PipelineStage) => Promise<void>;

export type UnitOfWork = <T>(actor: Actor | SystemActor, fn: (work: Work) => Promise<T>) => Promise<T>;

/** How many times a unit of work is tried when another transaction takes the slug it chose. */
const SLUG_ATTEMPTS = 8;

/**
 * Whether a write failed because a record's slug was taken by another transaction between the
 * check that found it free and the insert (two officers creating records of the same name at
 * once): PostgreSQL's unique violation on a `…_slug_key` constraint, or SQLite's on `table.slug`.
 */
export function isSlugTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return typeof constraint === 'string' && constraint.endsWith('_slug_key');
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && typeof message === 'string' && /\.slug\b/.test(message);
}

/** A search kind's name as a page tag (src/domain/page-tags.ts), where the two differ. */
const TAG_OF_SEARCH_KIND: Partial<Record<SearchKind, string>> = { body: 'organisation', response: 'executive_response' };

export function createUnitOfWork(db: Kysely<Database>, clock: Clock, observer?: PipelineObserver, changes?: Pick<ChangeService, 'begin'>): UnitOfWork {
  const attempt: UnitOfWork = async (actor, fn) => {
    const done = changes?.begin();
    let logged: LoggedChange | undefined;
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const repos = createRepositories({ db: trx, clock });
        // The form's one-time key is used in the same transaction as the write it allows: a second
        // submission of the same form (double click, back button and resubmit) writes nothing.
        const key = pendingSubmissionKey();
        if (key !== null && !(await repos.formSubmissions.use(key))) throw new RepeatedSubmissionError(key);
        const touched = new TouchedRecords();
        // The page tags this write changed, from what it audited and re-indexed (src/domain/page-tags.ts).
        const tags = new Set<string>();
        // The tracker entries they reach, worked out from each audited write's tags alone: a kind
        // without an id beside a record's own tag is that record's unnamed owner only within them.
        const reaches: TrackerReach[] = [];
        const work: Work = {
          repos,
          async audit(action, entityType, entityId, before, after) {
            await repos.audit.record({
              actor: actorLabel(actor),
              action,
              entity_type: entityType,
              entity_id: entityId,
              before_json: before === null || before === undefined ? null : JSON.stringify(before),
              after_json: after === null || after === undefined ? null : JSON.stringify(after),
            });
            const written = writeTags(entityType, entityId, before, after);
            for (const tag of written) tags.add(tag);
            reaches.push(trackerReach(written));
            // A write to a meeting, an agenda item or a document may change that meeting's packs: it is
            // queued in the same transaction, so a committed change is never left out of the next build.
            if (entityId !== null && isPackInputType(entityType)) await repos.paperPacks.request(entityType, entityId);
          },
          touched(kind, ...ids) {
            touched.add(kind, ...ids);
            for (const id of ids) {
              const tag = `${TAG_OF_SEARCH_KIND[kind] ?? kind}:${id}`;
              tags.add(tag);
              reaches.push(trackerReach([tag]));
            }
          },
        };
        const result = await fn(work);
        if (observer) await observer('changed');
        await touched.refresh(repos);
        // Committed with the change, so that every serving process lets go of the pages that showed
        // it; a write that audited nothing cannot say what it reached, so every page goes.
        const changed = [...(tags.size > 0 ? tags : [EVERYTHING])];
        // The tracker's entries in the same transaction, so its counts never show an uncommitted
        // change nor miss a committed one; its pages go only when an entry changed. A write that
        // audited nothing reaches none: every write to the council's record is audited (DESIGN.md
        // "AuditEvent for every write"), and those that are not (a sign-in's throttle, a follow
        // request, the reminders' outbox) write nothing an entry reads. Refreshing every entry there
        // would put a refresh of the whole tracker under each sign-in attempt.
        const entriesChanged = await refreshTrackerEntries(repos, joinReach(...reaches));
        if (entriesChanged > 0 && !changed.includes(EVERYTHING)) changed.push(TRACKER_ENTRY_TAG);
        logged = { id: await repos.changeLog.record(changed), tags: changed };
        if (observer) await observer('indexed');
        return result;
      });
      // Committed: this process lets go of the pages that showed it now, not when its token is next read.
      done?.(logged);
      return outcome;
    } finally {
      done?.();
    }
  };
  const once: UnitOfWork = async (actor, fn) => {
    const keyed = pendingSubmissionKey() !== null;
    const result = await attempt(actor, fn);
    if (keyed) markSubmissionUsed();
    return result;
  };
  // The transaction was rolled back whole, so it is simply run again: its slug check now sees the
  // other record and chooses the next free slug.
  return async (actor, fn) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await once(actor, fn);
      } catch (error) {
        if (attempt >= SLUG_ATTEMPTS || !isSlugTaken(error)) throw error;
      }
    }
  };
}
