// The public search index: one row per findable record, with SQLite FTS5 or a PostgreSQL tsvector over it.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// Only public text is ever written here (the index service leaves out exempt and confidential
// records: RULES.md rule 9), so the table can be searched without further checks. The full-text
// structures differ by engine and live only in this migration; the queries stay in
// src/repositories/search-repository.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
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
  await db.schema.createIndex('idx_search_documents_record').on('search_documents').columns(['kind', 'record_id']).unique().execute();
  await db.schema.createIndex('idx_search_documents_filters').on('search_documents').columns(['organisation_id', 'date']).execute();

  if (postgres) {
    // Title words weigh more than body words (A above B) in ts_rank. Angle brackets become spaces
    // first: PostgreSQL's parser would otherwise read "<script>x</script>" as markup and drop words
    // that FTS5 (which treats brackets as separators) finds, and both engines must agree.
    await sql`alter table search_documents add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', translate(coalesce(title, ''), '<>', '  ')), 'A') ||
      setweight(to_tsvector('english', translate(coalesce(body_text, ''), '<>', '  ')), 'B')) stored`.execute(db);
    await sql`create index idx_search_documents_vector on search_documents using gin (search_vector)`.execute(db);
    return;
  }

  // An external-content FTS5 table kept in step by triggers: the text is stored once. The porter
  // tokenizer stems English as PostgreSQL's 'english' configuration does ("partners" finds "partner").
  await sql`create virtual table search_documents_fts using fts5(
    title, body_text, content='search_documents', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    for (const trigger of ['search_documents_ai', 'search_documents_ad', 'search_documents_au']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists search_documents_fts`.execute(db);
  }
  await db.schema.dropTable('search_documents').execute();
}
