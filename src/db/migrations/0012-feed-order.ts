// Indexes responses and progress updates in the order the recommendation progress feed lists them, so the feed reads only its newest entries.
import type { Kysely } from 'kysely';

// The Atom feed of recommendation progress carries the newest hundred responses and progress
// updates: by date, newest first, then by when each was last changed. Without an index in that
// order every response and every update of the archive was read and sorted to keep a hundred.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('idx_progress_updates_date').on('progress_updates').columns(['update_date', 'created_at']).execute();
  await db.schema.createIndex('idx_executive_responses_date').on('executive_responses').columns(['responded_on', 'updated_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_executive_responses_date').execute();
  await db.schema.dropIndex('idx_progress_updates_date').execute();
}
