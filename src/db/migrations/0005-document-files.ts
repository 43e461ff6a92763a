// Uploaded document files (the bytes of a PDF or Word file kept in the database) and the key-decision flag on agenda items.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// The bytes live in the database (bytea on PostgreSQL, blob on SQLite; Kysely reads both as a
// Buffer) so a backup of the database is a backup of every published paper, and no second store
// has to be kept in step. One file per document: a new upload replaces the old.
//
// agenda_items.is_key_decision marks an item as a key decision before it is taken, which is what
// the notice of key decisions must list 28 clear days ahead (SI 2012/2089 reg 9); resolutions
// already carry the flag for decisions once taken.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  const table = db.schema.createTable('document_files');
  await (postgres ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('document_id', 'integer', (c) => c.notNull().unique().references('documents.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('content', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('agenda_items')
    .addColumn('is_key_decision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agenda_items').dropColumn('is_key_decision').execute();
  await db.schema.dropTable('document_files').execute();
}
