// Tells caches of rendered pages whether the record may have changed since they rendered a page.
import type { DatabaseHandle } from '../db/create-db.ts';

export function createChangeService(database: DatabaseHandle) {
  // Without a change token from the database every moment counts as a change: nothing is reused.
  let uncounted = 0;
  return {
    /** Changes whenever data may have changed; equal tokens mean nothing was written in between. */
    token(): string {
      return database.changes ? database.changes.token() : `uncounted:${(uncounted += 1)}`;
    },
    /** When this process last wrote (ms since the epoch), 0 if never. */
    lastChangeAt(): number {
      return database.changes?.lastChangeAt() ?? Date.now();
    },
  };
}

export type ChangeService = ReturnType<typeof createChangeService>;
