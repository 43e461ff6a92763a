// Every recommendation tracked, not only a review's: where it came from (a review, a committee meeting's minute, a Council motion), the body that made it and the body it is addressed to, and a reference per municipal year such as "2025/26-014".
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

/** Municipal years start at the annual meeting in May (RULES.md, minutes and resolutions). */
function municipalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 5 ? year : year - 1;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // A recommendation of a committee meeting or a Council motion has no review: review_id becomes
  // optional. SQLite cannot drop a NOT NULL with ALTER TABLE, so the table is rebuilt from its own
  // definition (sqlite.org/lang_altertable.html, the twelve steps; migrate.ts turns foreign keys
  // off for it and checks them after): the tables that refer to "recommendations" by name find the
  // rebuilt one under it.
  if (isPostgres(db)) {
    await sql`alter table recommendations alter column review_id drop not null`.execute(db);
  } else {
    const row = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'recommendations'`.execute(db);
    const definition = row.rows[0]?.sql ?? '';
    const relaxed = definition
      .replace(/("review_id"\s+integer)\s+not null/i, '$1')
      .replace(/^create table "?recommendations"?/i, 'create table "recommendations_0033"');
    if (!/"review_id"\s+integer\s+references/i.test(relaxed) || !relaxed.includes('recommendations_0033')) {
      throw new Error('recommendations is not the table this migration expects');
    }
    const indexes = await sql<{ sql: string | null }>`select sql from sqlite_master where type = 'index' and tbl_name = 'recommendations'`.execute(db);
    await sql.raw(relaxed).execute(db);
    await sql`insert into recommendations_0033 select * from recommendations`.execute(db);
    await sql`drop table recommendations`.execute(db);
    await sql`alter table recommendations_0033 rename to recommendations`.execute(db);
    for (const index of indexes.rows) if (index.sql) await sql.raw(index.sql).execute(db);
  }
  // Where it came from: review | meeting (a committee's minute recommends to another body) | motion
  // (a Council motion asks an officer to act); the minute's limb that made it; the body that made it
  // (it signs it off) and the body it is addressed to; the date it was made, from which the
  // executive's two months run (RULES.md rule 1).
  await db.schema
    .alterTable('recommendations')
    .addColumn('origin_kind', 'text', (c) => c.notNull().defaultTo('review'))
    .execute();
  await db.schema
    .alterTable('recommendations')
    .addColumn('resolution_limb_id', 'integer', (c) => c.references('resolution_limbs.id'))
    .execute();
  await db.schema
    .alterTable('recommendations')
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .execute();
  await db.schema
    .alterTable('recommendations')
    .addColumn('target_organisation_id', 'integer', (c) => c.references('organisations.id'))
    .execute();
  await db.schema.alterTable('recommendations').addColumn('made_on', 'text').execute();
  await db.schema.alterTable('recommendations').addColumn('municipal_year', 'integer').execute();
  await db.schema.alterTable('recommendations').addColumn('year_sequence', 'integer').execute();

  // Every recommendation already held gets its reference, in the order made (its review's report,
  // else when it was entered).
  const rows = await sql<{ id: number; made: string }>`
    select rec.id, coalesce(r.report_date, substr(rec.created_at, 1, 10)) as made
    from recommendations rec left join scrutiny_reviews r on r.id = rec.review_id
    order by made, rec.review_id, rec.number, rec.id`.execute(db);
  const next = new Map<number, number>();
  for (const row of rows.rows) {
    const year = municipalYearOf(row.made);
    const sequence = (next.get(year) ?? 0) + 1;
    next.set(year, sequence);
    await sql`update recommendations set municipal_year = ${year}, year_sequence = ${sequence} where id = ${row.id}`.execute(db);
  }
  await db.schema.createIndex('idx_recommendations_reference').on('recommendations').columns(['municipal_year', 'year_sequence']).unique().execute();
  await db.schema.createIndex('idx_recommendations_limb').on('recommendations').columns(['resolution_limb_id']).execute();
  await db.schema.createIndex('idx_recommendations_origin').on('recommendations').columns(['origin_kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_recommendations_origin').execute();
  await db.schema.dropIndex('idx_recommendations_limb').execute();
  await db.schema.dropIndex('idx_recommendations_reference').execute();
  for (const column of ['year_sequence', 'municipal_year', 'made_on', 'target_organisation_id', 'organisation_id', 'resolution_limb_id', 'origin_kind']) {
    await db.schema.alterTable('recommendations').dropColumn(column).execute();
  }
}
