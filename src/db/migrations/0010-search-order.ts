// Renumbers the search index so that its ids follow the records' dates: searches rank the newest matches first found by id.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// Why: a common word matches a large share of a 20-year archive (a quarter of a million rows), and
// scoring every match costs seconds. The search repository ranks only the most recent matches
// (SEARCH_RANK_POOL in src/repositories/search-repository.ts), found cheaply as the highest ids:
// SQLite FTS5 walks its index in rowid order, and PostgreSQL narrows its GIN bitmap to a range of
// the primary key. For "highest id" to mean "most recent", ids must follow dates; rows indexed
// later (a new meeting, an edited record) take the next id and so count as recent. Records with no
// date (people, committees, issues) come last, so that they are always among the ranked.
//
// The table is copied in that order and the old one dropped; the full-text structures are rebuilt
// as migration 0004 made them.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  if (postgres) {
    await sql`drop index if exists idx_search_documents_record`.execute(db);
    await sql`drop index if exists idx_search_documents_filters`.execute(db);
    await sql`drop index if exists idx_search_documents_vector`.execute(db);
    await sql`alter table search_documents rename to search_documents_unordered`.execute(db);
    await sql`alter table search_documents_unordered rename constraint search_documents_pkey to search_documents_unordered_pkey`.execute(db);
    await sql`alter sequence if exists search_documents_id_seq rename to search_documents_unordered_id_seq`.execute(db);
  } else {
    for (const trigger of ['search_documents_ai', 'search_documents_ad', 'search_documents_au']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists search_documents_fts`.execute(db);
    await sql`alter table search_documents rename to search_documents_unordered`.execute(db);
  }

  await db.schema
    .createTable('search_documents')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer')
    .addColumn('date', 'text')
    .addColumn('url_key', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  if (postgres) {
    await sql`alter table search_documents add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', translate(coalesce(title, ''), '<>', '  ')), 'A') ||
      setweight(to_tsvector('english', translate(coalesce(body_text, ''), '<>', '  ')), 'B')) stored`.execute(db);
  }

  // Explicit ids in date order (the same order rebuildSearchIndex writes a fresh index in).
  await sql`insert into search_documents (id, kind, record_id, title, body_text, organisation_id, date, url_key, indexed_at)
    select row_number() over (order by case when date is null then 1 else 0 end, date, kind, record_id),
      kind, record_id, title, body_text, organisation_id, date, url_key, indexed_at
    from search_documents_unordered`.execute(db);
  await sql`drop table search_documents_unordered`.execute(db);
  if (postgres) {
    await sql`select setval(pg_get_serial_sequence('search_documents', 'id'), coalesce((select max(id) from search_documents), 0) + 1, false)`.execute(db);
  }

  await db.schema.createIndex('idx_search_documents_record').on('search_documents').columns(['kind', 'record_id']).unique().execute();
  await db.schema.createIndex('idx_search_documents_filters').on('search_documents').columns(['organisation_id', 'date']).execute();
  // The date-range filter on its own ("from", "to" with no committee chosen).
  await db.schema.createIndex('idx_search_documents_date').on('search_documents').columns(['date']).execute();

  if (postgres) {
    await sql`create index idx_search_documents_vector on search_documents using gin (search_vector)`.execute(db);
    await sql`analyze search_documents`.execute(db);
    return;
  }

  await sql`create virtual table search_documents_fts using fts5(
    title, body_text, content='search_documents', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into search_documents_fts(search_documents_fts) values ('rebuild')`.execute(db);
  await sql`create trigger search_documents_ai after insert on search_documents begin
    insert into search_documents_fts(rowid, title, body_text) values (new.id, new.title, new.body_text);
  end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin
    insert into search_documents_fts(search_documents_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text);
  end`.execute(db);
  await sql`create trigger search_documents_au after update on search_documents begin
    insert into search_documents_fts(search_documents_fts, rowid, title, body_text) values ('delete', old.id, old.title, old.body_text);
    insert into search_documents_fts(rowid, title, body_text) values (new.id, new.title, new.body_text);
  end`.execute(db);
  await sql`analyze search_documents`.execute(db);
}

/** Only the order of ids and one index changed: going back drops the index and keeps the order, which 0004 never relied on. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_search_documents_date').ifExists().execute();
}
