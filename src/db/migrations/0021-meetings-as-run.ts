// Meetings as they really run: a cancelled meeting keeps its reason and date, agenda items are drafts until the agenda is published, and a minuted meeting is held.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A cancelled meeting is kept (its page and calendar entry say so) with the reason given.
  await db.schema.alterTable('meetings').addColumn('cancellation_reason', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('cancelled_on', 'text').execute();
  // An item added before its meeting's agenda is published is a draft, seen only in the workspace;
  // publication makes every draft public at once. Existing items were already public.
  await db.schema
    .alterTable('agenda_items')
    .addColumn('is_draft', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A meeting with minutes was held, whatever its status said when it was scheduled.
  await sql`update meetings set status = 'held' where status in ('scheduled', 'confirmed')
    and exists (select 1 from minutes where minutes.meeting_id = meetings.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agenda_items').dropColumn('is_draft').execute();
  await db.schema.alterTable('meetings').dropColumn('cancelled_on').execute();
  await db.schema.alterTable('meetings').dropColumn('cancellation_reason').execute();
}
