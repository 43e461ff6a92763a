// A work programme topic suggested from a forward-plan entry is linked to it, once per committee and municipal year.
import type { Kysely } from 'kysely';

// RULES.md 5b: the forward plan is a source of topics for pre-decision scrutiny. The column was made
// with the work programme (0030) before the forward plan existed; this index is what holds "one topic
// per entry, committee and year" even when two officers suggest the same entry at once. Topics from
// elsewhere have no entry (NULL), and NULLs never collide in a unique index on either engine.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('work_programme_topics_forward_plan_once')
    .on('work_programme_topics')
    .columns(['forward_plan_entry_id', 'organisation_id', 'municipal_year'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('work_programme_topics_forward_plan_once').execute();
}
