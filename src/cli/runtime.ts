// What every command shares: configuration from the environment, opening and migrating the database.
import { createDb, DatabaseOpenError, type DatabaseHandle } from '../db/create-db.ts';
import { refreshStatistics } from '../db/maintenance.ts';
import { migrateToLatest, MigrationError } from '../db/migrate.ts';
import { mailSettings } from '../services/mail-settings.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { ConfigError, readConfig, type Config } from './config.ts';

export type Env = Config;

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Seconds as a person reads them: `42s`, `2m05s`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** After a bulk load (generate, reindex, restore): PostgreSQL's planner statistics, with how long they took. */
export async function refreshPlannerStatistics(database: DatabaseHandle): Promise<void> {
  const started = performance.now();
  if (await refreshStatistics(database)) print(`Refreshed PostgreSQL's planner statistics in ${duration((performance.now() - started) / 1000)}.`);
}

/** A failure the user can act on: printed as one line, exit code 2 for bad input, 1 otherwise. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** BASE_URL and MAIL_FROM (src/services/mail-settings.ts): undefined when BASE_URL is unset. */
export function readMailSettings(env: Env): NotificationSettings | undefined {
  return mailSettings(env.BASE_URL, env.MAIL_FROM);
}

/** The configuration (src/cli/config.ts); a bad variable stops the command with exit code 2, naming it. */
export function readEnv(env?: NodeJS.ProcessEnv): Env {
  try {
    return readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
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
