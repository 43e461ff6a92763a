// The change log: one row per committed write naming what it changed, so that every serving process lets go of only the stored pages that showed it.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The tags are one space-separated text ("meeting:12 organisation:3"), not a list column: columns
  // stay portable (no JSON or array columns), and the log is read whole by id, never searched by tag.
  await db.schema
    .createTable('change_log')
    .$call((t) => (isPostgres(db) ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('change_log').execute();
}
