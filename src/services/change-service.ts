// Tells caches of rendered pages whether what they show may have changed since they rendered a page: the record, or the day.
import type { DatabaseHandle } from '../db/create-db.ts';
import { londonDate, type Clock } from '../domain/clock.ts';

/** How often the London date is worked out again (it is read on every request for a stored page). */
const DAY_CHECK_MS = 1000;

export function createChangeService(database: DatabaseHandle, clock: Clock) {
  // Without a change token from the database every moment counts as a change: nothing is reused.
  let uncounted = 0;
  let day = '';
  let dayCheckedAt = Number.NaN;

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
    /** When this process last wrote (ms since the epoch), 0 if never. */
    lastChangeAt(): number {
      return database.changes?.lastChangeAt() ?? clock.now().getTime();
    },
  };
}

export type ChangeService = ReturnType<typeof createChangeService>;
