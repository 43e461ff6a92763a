// What every command shares: configuration from the environment, opening and migrating the database.
import { z } from 'zod';
import { createDb, DatabaseOpenError, type DatabaseHandle } from '../db/create-db.ts';
import { refreshStatistics } from '../db/maintenance.ts';
import { migrateToLatest, MigrationError } from '../db/migrate.ts';
import { ValidationError } from '../services/errors.ts';
import { mailSettingsFromEnv } from '../services/mail-settings.ts';
import type { NotificationSettings } from '../services/notification-service.ts';

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  COUNCIL_NAME: z.string().min(1).optional(),
  /** Searches per client address per minute (src/web/routes/public/search-routes.ts); 0 turns the limit off. */
  SEARCH_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

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
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/**
 * BASE_URL and MAIL_FROM (src/services/mail-settings.ts): undefined when BASE_URL is unset; a
 * malformed BASE_URL stops the command with exit code 2, so a server never starts with it.
 */
export function readMailSettings(env: NodeJS.ProcessEnv = process.env): NotificationSettings | undefined {
  try {
    return mailSettingsFromEnv(env);
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(`invalid environment variable ${error.message}`, 2);
    throw error;
  }
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new CliError(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`, 2);
  }
  return result.data;
}

/** Opens the database and brings its schema up to date; a failure is one line naming the cause. */
export async function openDatabase(url: string | undefined, log: (line: string) => void = () => undefined): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = await createDb(url);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new CliError(error.message);
    throw error;
  }
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof MigrationError) throw new CliError(`cannot migrate database ${handle.location}: ${error.message}`);
    throw new CliError(`cannot migrate database ${handle.location}: ${(error as Error).message}`);
  }
  return handle;
}
