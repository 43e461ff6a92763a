// A scrutiny committee's work programme for the municipal year: each topic with why it was chosen, how it will be scrutinised, who leads it, where it is planned and where it stands.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema.createTable('work_programme_topics');
  await (isPostgres(db) ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    // The municipal year by the calendar year it starts in (May 2026 to May 2027 is 2026).
    .addColumn('municipal_year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // RULES.md 5b: the criteria the committee adopts to prioritise its work, one flag each.
    .addColumn('public_interest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('impact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('council_priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timeliness', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added_value', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('lead_member_id', 'integer', (c) => c.references('people.id'))
    .addColumn('lead_officer_id', 'integer', (c) => c.references('people.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dropped_reason', 'text')
    .addColumn('done_on', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('suggested_by', 'text')
    // Kept so an officer can reply to a member of the public; never published.
    .addColumn('suggester_email', 'text')
    .addColumn('suggested_on', 'text', (c) => c.notNull())
    // A public suggestion stays off every public output until an officer accepts it for consideration.
    .addColumn('accepted_on', 'text')
    // Linked to a forward-plan entry when that register exists; no constraint until then.
    .addColumn('forward_plan_entry_id', 'integer')
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
    .addColumn('review_id', 'integer', (c) => c.references('scrutiny_reviews.id'))
    // LGA 1972 Schedule 12A: a topic may itself be exempt business, and is then never public.
    .addColumn('exempt_paragraph', 'integer')
    .addColumn('is_confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_programme_topics_body_year').on('work_programme_topics').columns(['organisation_id', 'municipal_year']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_programme_topics').execute();
}
