// The monitoring of a review's recommendations: a review's own report schedule, and the reports presented to the committee.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// RULES.md rule 5: "progress reports to the committee at 6 and 12 months after the response by
// default, then at a set interval until the committee signs each recommendation off." The council's
// default schedule is a setting (settings table); a review may have its own: one row per report in
// review_monitoring_points (months after the response) and its own interval in
// scrutiny_reviews.monitoring_interval_months. A row per point rather than a list in one column,
// because columns stay portable (no JSON or array columns). monitoring_reports records each report
// presented, so a report that has been made no longer falls due.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (t: ReturnType<typeof db.schema.createTable>) =>
    isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await db.schema.alterTable('scrutiny_reviews').addColumn('monitoring_interval_months', 'integer').execute();

  await id(db.schema.createTable('review_monitoring_points'))
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('months_after_response', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idx_review_monitoring_points_review')
    .on('review_monitoring_points')
    .columns(['review_id', 'months_after_response'])
    .unique()
    .execute();

  await id(db.schema.createTable('monitoring_reports'))
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('presented_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_monitoring_reports_review').on('monitoring_reports').columns(['review_id', 'due_on']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('monitoring_reports').execute();
  await db.schema.dropTable('review_monitoring_points').execute();
  await db.schema.alterTable('scrutiny_reviews').dropColumn('monitoring_interval_months').execute();
}
