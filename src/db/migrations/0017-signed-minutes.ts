// The signed minutes of a meeting: the uploaded copy that replaces the draft once the next meeting has confirmed them, and the minute that confirmed them.
import type { Kysely } from 'kysely';

// One row per meeting whose minutes are signed. The signed copy is a document of kind 'minutes'
// with its file (migration 0005), so it is served, backed up and found like any paper;
// confirmed_by_minute_id is the minute of the later meeting that agreed them as a correct record
// (LGA 1972 Sch 12 para 41(1): minutes are signed at the next suitable meeting).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signed_minutes')
    .addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('confirmed_by_minute_id', 'integer', (c) => c.notNull().references('minutes.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('signed_minutes').execute();
}
