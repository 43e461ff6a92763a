// An index from which the tracker reads each open recommendation's latest status and target in force without reading its progress updates' rows.
import type { Kysely } from 'kysely';

// The tracker counts its open recommendations by latest status and by whether the target in force
// has passed (src/repositories/tracker-repository.ts entries): for each one, the last live update in
// the order recorded and the last slip's new date. With these columns in the index, both are read
// from the index alone; before, every update's row of a 20-year archive was fetched for each count.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('idx_progress_updates_standing')
    .on('progress_updates')
    .columns(['recommendation_id', 'update_date', 'id', 'withdrawn_at', 'status', 'new_target_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_progress_updates_standing').execute();
}
