// The forward plan of key decisions as records (SI 2012/2089 regs 9 to 11), and the link from an agenda item to the entry it decides.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema.createTable('forward_plan_entries');
  // Reg 9(1): the matter, the decision maker, the date, whether it is taken in private (and the
  // Schedule 12A paragraph), the documents and how to get them. Regs 10 and 11: how notice was
  // given when 28 clear days were not. Dates are 'YYYY-MM-DD' text, amounts whole pounds.
  await (isPostgres(db) ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('decision_maker_kind', 'text', (c) => c.notNull())
    .addColumn('decision_maker_name', 'text')
    .addColumn('decision_maker_person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('is_key_decision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('key_reason_spending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('key_reason_wards', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_pounds', 'integer')
    .addColumn('wards_affected', 'integer')
    .addColumn('ward_names', 'text')
    .addColumn('first_published_on', 'text', (c) => c.notNull())
    .addColumn('intended_date', 'text', (c) => c.notNull())
    .addColumn('documents', 'text')
    .addColumn('exempt_paragraph', 'integer')
    .addColumn('is_confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scrutiny_engagement', 'text')
    .addColumn('notice_route', 'text', (c) => c.notNull().defaultTo('notice'))
    .addColumn('chair_informed_on', 'text')
    .addColumn('exception_notice_on', 'text')
    .addColumn('urgency_agreed_by', 'text')
    .addColumn('urgency_reasons', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_forward_plan_entries_date').on('forward_plan_entries').columns(['intended_date']).execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('forward_plan_entry_id', 'integer', (c) => c.references('forward_plan_entries.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agenda_items').dropColumn('forward_plan_entry_id').execute();
  await db.schema.dropIndex('idx_forward_plan_entries_date').execute();
  await db.schema.dropTable('forward_plan_entries').execute();
}
