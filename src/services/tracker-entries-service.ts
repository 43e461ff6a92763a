// Keeps the tracker's standing entries (migration 0043) in step with the records: those a write reached, or all after a bulk load.
import type { TrackerReach } from '../domain/tracker-entries.ts';
import type { Repositories } from '../repositories/index.ts';

/**
 * Refreshes, through the given repositories (inside the caller's transaction), the entries of the
 * recommendations a write reached: every entry when it cannot say which. Returns how many changed.
 */
export async function refreshTrackerEntries(r: Repositories, reach: TrackerReach): Promise<number> {
  if (reach === 'everything') return r.tracker.refreshEntries('all');
  // A response or an update that is not there cannot say whose it was: then every entry.
  return r.tracker.refreshEntries((await r.tracker.recommendationsReached(reach)) ?? 'all');
}
