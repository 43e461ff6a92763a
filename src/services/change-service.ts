// Tells caches of rendered pages what may have changed since they rendered a page: which records (the change log), or the day.
import type { DatabaseHandle } from '../db/create-db.ts';
import { londonDate, type Clock } from '../domain/clock.ts';
import { createChangeLogRepository, type LoggedChange } from '../repositories/change-log-repository.ts';

/** How often the London date is worked out again (it is read on every request for a stored page). */
const DAY_CHECK_MS = 1000;

/** A write of this process that has committed: its change-log row and the tags it changed. */
export type CommittedListener = (change: LoggedChange) => void;

export function createChangeService(database: DatabaseHandle, clock: Clock) {
  // Without a change token from the database every moment counts as a change: nothing is reused.
  let uncounted = 0;
  let day = '';
  let dayCheckedAt = Number.NaN;
  let open = 0;
  const listeners = new Set<CommittedListener>();
  const log = createChangeLogRepository({ db: database.db, clock });

  /**
   * Today in London: pages count deadlines, lateness and what is coming up in London days, so a
   * page rendered yesterday is out of date at midnight even when nothing was written.
   */
  function today(): string {
    const now = clock.now().getTime();
    if (!(Math.abs(now - dayCheckedAt) < DAY_CHECK_MS)) {
      day = londonDate(new Date(now));
      dayCheckedAt = now;
    }
    return day;
  }

  return {
    /** Changes whenever data may have changed or the London date turns; equal tokens mean neither happened in between. */
    token(): string {
      return database.changes ? `${database.changes.token()}|${today()}` : `uncounted:${(uncounted += 1)}`;
    },
    /**
     * Whether the token moved for a reason the change log cannot be trusted to name: a write by
     * this process (its statement count), another connection's commit to the SQLite file, a write
     * announced by another worker, or a new day. On PostgreSQL the write-ahead log position also
     * moves for maintenance (hint bits, vacuum, checkpoints) and for other databases on the server;
     * a move of that alone is a commit whose writes, if they were the council's record, are in the log.
     */
    unexplained(previous: string, current: string): boolean {
      if (database.dialect !== 'postgres') return true;
      const withoutPosition = (token: string) => token.replace(/^([^:]*):[^#|]*/, '$1');
      return withoutPosition(previous) !== withoutPosition(current);
    },
    /** When this process last wrote (ms since the epoch), 0 if never. */
    lastChangeAt(): number {
      return database.changes?.lastChangeAt() ?? clock.now().getTime();
    },
    /** The change log from a little before `after` (see CHANGE_LOG_LOOKBACK), and its newest id. */
    since: (after: number) => log.since(after),
    /** How many of this process's pipeline writes are between their first statement and their commit or rollback. */
    writing: () => open,
    /** The unit of work says a write has begun and, with `done`, that it committed (with its change) or did not. */
    begin(): (change?: LoggedChange) => void {
      open += 1;
      let ended = false;
      return (change) => {
        if (ended) return;
        ended = true;
        open -= 1;
        if (change) for (const listener of listeners) listener(change);
      };
    },
    /** Told of each of this process's writes once it has committed. */
    onCommitted(listener: CommittedListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ChangeService = ReturnType<typeof createChangeService>;
