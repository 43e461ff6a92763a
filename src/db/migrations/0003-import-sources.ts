// What imports need: modern.gov's "restricted" flag, and source ids on memberships and recommendations.
import type { Kysely } from 'kysely';

// modern.gov marks an agenda item or document `isrestricted` without saying which paragraph of
// Schedule 12A applies, so exempt_paragraph cannot be filled in. The importer sets is_restricted=1
// AND is_confidential=1 on such records: every check that withholds confidential material
// (isWithheld, the search index, the API) therefore withholds them too, and is_restricted lets a
// page say "Restricted" rather than guess a paragraph (RULES.md rule 9; LGA 1972 s.100A).
//
// Terms of office (memberships) and tracker recommendations keep where they came from
// (source_system, source_id) like every other imported record, so a second import updates them.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  await db.schema
    .alterTable('agenda_items')
    .addColumn('is_restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('documents')
    .addColumn('is_restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const table of ['memberships', 'recommendations']) {
    await db.schema.alterTable(table).addColumn('source_system', 'text').execute();
    await db.schema.alterTable(table).addColumn('source_id', 'text').execute();
    await db.schema.createIndex(`idx_${table}_source`).on(table).columns(['source_system', 'source_id']).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['memberships', 'recommendations']) {
    await db.schema.dropIndex(`idx_${table}_source`).execute();
    await db.schema.alterTable(table).dropColumn('source_id').execute();
    await db.schema.alterTable(table).dropColumn('source_system').execute();
  }
  await db.schema.alterTable('documents').dropColumn('is_restricted').execute();
  await db.schema.alterTable('agenda_items').dropColumn('is_restricted').execute();
}
