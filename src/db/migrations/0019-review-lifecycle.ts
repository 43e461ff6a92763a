// Records what a review's lifecycle is derived from: the agenda item that received its report, the minute that agreed the response, and each recommendation's sign-off outcome and minute.
import type { Kysely } from 'kysely';

// RULES.md rule 1 counts the executive's two months from the day the report is received, and the
// response is given by the meeting that agrees it; DESIGN.md: a recommendation's progress ends "in
// sign-off or closure (achieved, no further action, no longer relevant)", a decision of the
// committee recorded in a minute. Every column is nullable: a record without them stays valid.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('scrutiny_reviews')
    .addColumn('report_agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
    .execute();
  await db.schema
    .alterTable('scrutiny_reviews')
    .addColumn('response_minute_id', 'integer', (c) => c.references('minutes.id'))
    .execute();
  await db.schema.alterTable('recommendations').addColumn('signed_off_outcome', 'text').execute();
  await db.schema
    .alterTable('recommendations')
    .addColumn('signed_off_minute_id', 'integer', (c) => c.references('minutes.id'))
    .execute();
  await db.schema.createIndex('idx_recommendations_signed_off_meeting').on('recommendations').columns(['signed_off_meeting_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_recommendations_signed_off_meeting').execute();
  await db.schema.alterTable('recommendations').dropColumn('signed_off_minute_id').execute();
  await db.schema.alterTable('recommendations').dropColumn('signed_off_outcome').execute();
  await db.schema.alterTable('scrutiny_reviews').dropColumn('response_minute_id').execute();
  await db.schema.alterTable('scrutiny_reviews').dropColumn('report_agenda_item_id').execute();
}
