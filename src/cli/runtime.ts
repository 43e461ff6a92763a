// What every command shares: configuration from the environment (src/cli/output.ts), opening and migrating the database.
import { createDb, DatabaseOpenError, type DatabaseHandle } from '../db/create-db.ts';
import { refreshStatistics } from '../db/maintenance.ts';
import { migrateToLatest, MigrationError } from '../db/migrate.ts';
import { CliError, duration, print } from './output.ts';

export { CliError, duration, print, readEnv, readMailSettings, type Env } from './output.ts';

/** After a bulk load (generate, reindex, restore): PostgreSQL's planner statistics, with how long they took. */
export async function refreshPlannerStatistics(database: DatabaseHandle): Promise<void> {
  const started = performance.now();
  if (await refreshStatistics(database)) print(`Refreshed PostgreSQL's planner statistics in ${duration((performance.now() - started) / 1000)}.`);
}

export interface OpenDatabaseOptions {
  /** false: the schema was brought up to date by another process already (`serve --workers`' primary); default true. */
  readonly migrate?: boolean;
  /** PostgreSQL: the most connections this process opens (src/db/create-db.ts). */
  readonly maxConnections?: number;
}

/** Opens the database and brings its schema up to date; a failure is one line naming the cause. */
export async function openDatabase(
  url: string | undefined,
  log: (line: string) => void = () => undefined,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = await createDb(url, options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections });
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message, 1, { cause: error });
    throw error;
  }
  if (options.migrate === false) return handle;
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof MigrationError) throw new CliError(`cannot migrate database ${handle.location}: ${error.message}`, 1, { cause: error });
    throw new CliError(`cannot migrate database ${handle.location}: ${(error as Error).message}`, 1, { cause: error });
  }
  return handle;
}
