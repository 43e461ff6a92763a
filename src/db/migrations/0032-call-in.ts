// Call-in of executive decisions (RULES.md 4 and 5a): the notice with its councillors and grounds, the proper officer's check, the hearing, the outcome and the reconsideration.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (t: ReturnType<typeof db.schema.createTable>) =>
    isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  // One row per notice. Each step is dated on the row (the audit trail keeps who made it); the
  // hearing and reconsideration deadlines are kept as computed when the step was taken, so a later
  // change of the council's settings does not move a deadline already running.
  await id(db.schema.createTable('call_ins'))
    .addColumn('resolution_id', 'integer', (c) => c.notNull().references('resolutions.id'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('checked_on', 'text')
    .addColumn('check_reason', 'text')
    .addColumn('hearing_by', 'text')
    .addColumn('hearing_meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('hearing_agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
    .addColumn('outcome', 'varchar(30)')
    .addColumn('outcome_on', 'text')
    .addColumn('outcome_text', 'text')
    .addColumn('reconsider_by', 'text')
    .addColumn('reconsideration', 'varchar(20)')
    .addColumn('reconsidered_on', 'text')
    .addColumn('reconsideration_reasons', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_ins_resolution').on('call_ins').column('resolution_id').execute();
  // The councillors who signed the notice, in the order given; the name is kept as recorded.
  await id(db.schema.createTable('call_in_councillors'))
    .addColumn('call_in_id', 'integer', (c) => c.notNull().references('call_ins.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_in_councillors_call_in').on('call_in_councillors').column('call_in_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_in_councillors').execute();
  await db.schema.dropTable('call_ins').execute();
}
