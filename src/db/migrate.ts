// Brings a database's schema up to date with the migrations in this folder, in order.
import { Migrator } from 'kysely/migration';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './migrations/0001-initial.ts';
import type { Migration, MigrationResultSet } from 'kysely/migration';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-monitoring.ts';
import * as m0003 from './migrations/0003-import-sources.ts';
import * as m0006 from './migrations/0006-accounts.ts';
import * as m0004 from './migrations/0004-search.ts';
import * as m0005 from './migrations/0005-document-files.ts';
import * as m0010 from './migrations/0010-search-order.ts';
import * as m0011 from './migrations/0011-search-buckets.ts';
import * as m0012 from './migrations/0012-feed-order.ts';
import * as m0013 from './migrations/0013-sign-in-throttle.ts';
import * as m0016 from './migrations/0016-paper-packs.ts';
import * as m0017 from './migrations/0017-signed-minutes.ts';
import * as m0021 from './migrations/0021-meetings-as-run.ts';
import * as m0025 from './migrations/0025-successors-and-limb-corrections.ts';
import * as m0019 from './migrations/0019-review-lifecycle.ts';
import * as m0020 from './migrations/0020-derived-review-status.ts';
import * as m0023 from './migrations/0023-withdrawn-records.ts';
import * as m0037 from './migrations/0037-temporary-passwords.ts';
import * as m0030 from './migrations/0030-work-programme.ts';
import * as m0031 from './migrations/0031-forward-plan.ts';
import * as m0032 from './migrations/0032-call-in.ts';
import * as m0033 from './migrations/0033-recommendation-origins.ts';
import * as m0034 from './migrations/0034-options-appraisal.ts';
import * as m0035 from './migrations/0035-change-log.ts';
import * as m0042 from './migrations/0042-tracker-standing.ts';
import * as m0039 from './migrations/0039-topics-from-forward-plan.ts';
import * as m0043 from './migrations/0043-tracker-entries.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-monitoring': m0002,
  '0003-import-sources': m0003,
  '0006-accounts': m0006,
  '0004-search': m0004,
  '0005-document-files': m0005,
  '0010-search-order': m0010,
  '0011-search-buckets': m0011,
  '0012-feed-order': m0012,
  '0013-sign-in-throttle': m0013,
  '0016-paper-packs': m0016,
  '0017-signed-minutes': m0017,
  '0021-meetings-as-run': m0021,
  '0025-successors-and-limb-corrections': m0025,
  '0019-review-lifecycle': m0019,
  '0020-derived-review-status': m0020,
  '0023-withdrawn-records': m0023,
  '0037-temporary-passwords': m0037,
  '0030-work-programme': m0030,
  '0031-forward-plan': m0031,
  '0032-call-in': m0032,
  '0033-recommendation-origins': m0033,
  '0034-options-appraisal': m0034,
  '0035-change-log': m0035,
  '0042-tracker-standing': m0042,
  '0039-topics-from-forward-plan': m0039,
  '0043-tracker-entries': m0043,
};

/** Raised when a migration fails; its message is one line naming the migration and the cause. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    // Migrations are named by number but may land in any order; a database that has applied a
    // later number still takes an earlier one it lacks, rather than refusing to start.
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; each runs in its own transaction. Returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // SQLite rebuilds a table to change a column's constraints, which needs foreign keys off for the
  // migrations (they cannot be switched inside a transaction) and checked before they are back on
  // (sqlite.org/lang_altertable.html, "Making other kinds of table schema changes", steps 1 and 10).
  const sqlite = !isPostgres(db as unknown as Kysely<unknown>);
  if (sqlite) await sql`pragma foreign_keys = off`.execute(db);
  let result: MigrationResultSet;
  try {
    result = await migrator(db).migrateToLatest();
    if (sqlite && !result.error) {
      const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new MigrationError(`migrations left rows of ${broken.rows[0]?.table ?? 'a table'} referring to nothing`);
    }
  } finally {
    if (sqlite) await sql`pragma foreign_keys = on`.execute(db);
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown migration';
    const cause = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationError(`migration ${failed} failed: ${cause}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
