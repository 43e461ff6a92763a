// Indexes in the order public pages and feeds read things newest first, so that they read only what they show: responses, progress updates and reviews.
import type { Kysely } from 'kysely';

// The Atom feed of recommendation progress carries the newest hundred responses and progress
// updates: by date, newest first, then by when each was last changed. Without an index in that
// order every response and every update of the archive was read and sorted to keep a hundred.
// The home page shows the five newest reviews (by report date, then id), which was a sort of every
// review; a person's page lists the reviews of the groups they sit on, which read every review to
// find those groups' ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('idx_progress_updates_date').on('progress_updates').columns(['update_date', 'created_at']).execute();
  await db.schema.createIndex('idx_executive_responses_date').on('executive_responses').columns(['responded_on', 'updated_at']).execute();
  await db.schema.createIndex('idx_reviews_report_date').on('scrutiny_reviews').columns(['report_date', 'id']).execute();
  await db.schema.createIndex('idx_reviews_group').on('scrutiny_reviews').columns(['group_organisation_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_reviews_group').execute();
  await db.schema.dropIndex('idx_reviews_report_date').execute();
  await db.schema.dropIndex('idx_executive_responses_date').execute();
  await db.schema.dropIndex('idx_progress_updates_date').execute();
}
