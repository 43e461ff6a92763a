// Meeting packs (the agenda pack, numbered supplements, the exempt pack) kept as built PDFs, which papers went into which pack, and the queue of meetings whose packs need building.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// A pack is built off the request path and kept whole in the database (bytea on PostgreSQL, blob on
// SQLite), as uploaded files are (migration 0005), so a backup holds what was published. Each pack
// records the hash of everything it was built from (input_hash): a build whose inputs hash the same
// is skipped, so a pack is rebuilt only when one of its inputs changes; content_hash is the strong
// ETag it is served with.
//
// paper_pack_papers fixes which pack a public paper belongs to once it is first packed: the papers
// there when the agenda pack is first built stay in it; a paper added later goes into the next
// numbered supplement, as councils publish late papers.
//
// paper_pack_requests is the queue: one row per write that may change a meeting's packs (a meeting,
// agenda item or document), written in the same transaction as the write; the worker resolves each
// to its meeting, builds, and deletes the rows it took.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const packs = db.schema.createTable('paper_packs');
  await (postgres ? packs.addColumn('id', 'serial', (c) => c.primaryKey()) : packs.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('content', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('paper_packs_meeting_kind_number', ['meeting_id', 'kind', 'number'])
    .execute();

  await db.schema
    .createTable('paper_pack_papers')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_paper_pack_papers_meeting').on('paper_pack_papers').columns(['meeting_id', 'number']).execute();

  const requests = db.schema.createTable('paper_pack_requests');
  await (postgres ? requests.addColumn('id', 'serial', (c) => c.primaryKey()) : requests.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('paper_pack_requests').execute();
  await db.schema.dropIndex('idx_paper_pack_papers_meeting').execute();
  await db.schema.dropTable('paper_pack_papers').execute();
  await db.schema.dropTable('paper_packs').execute();
}
