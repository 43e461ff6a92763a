// Online snapshots and restores: SQLite's backup API, or PostgreSQL's pg_dump and pg_restore.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { dialectOf, sqlitePath, type DatabaseHandle, type Dialect } from './create-db.ts';
import { present } from '../domain/present.ts';

/** Raised when a snapshot or a restore cannot be made; its message is one line naming the cause. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  dialect: Dialect;
  file: string;
  bytes: number;
}

/**
 * Writes a consistent snapshot of the open database to `file` while it stays in use.
 * SQLite: the online backup API copies pages and restarts if a writer changes one mid-copy, so the
 * copy is one committed state (https://www.sqlite.org/backup.html). PostgreSQL: pg_dump runs in one
 * repeatable-read transaction, so it too sees one committed state; custom format for pg_restore.
 */
export async function snapshotDatabase(database: DatabaseHandle, file: string): Promise<BackupResult> {
  const target = path.resolve(file);
  // Written beside the target and renamed into place, so that a failed or killed backup never
  // leaves a half-written file under the name the operator asked for.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    if (database.dialect === 'sqlite') {
      if (!database.sqlite) throw new BackupError('this SQLite handle does not expose its connection');
      await database.sqlite.backup(partial);
    } else {
      if (!database.connectionString) throw new BackupError('this PostgreSQL handle does not expose its connection URL');
      const { url, env } = splitPassword(database.connectionString);
      await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`], env);
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`cannot write the backup ${target}: ${(error as Error).message}`);
  }
  return { dialect: database.dialect, file: target, bytes: statSync(target).size };
}

/**
 * Replaces the database at `url` with the snapshot in `file`. Stop the server first: a restore
 * takes the place of everything in the database.
 */
export async function restoreDatabase(url: string | undefined, file: string): Promise<{ dialect: Dialect; file: string }> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`no backup file at ${source}`);
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const target = sqlitePath(url);
    if (target === ':memory:') throw new BackupError('cannot restore into an in-memory database');
    let snapshot: SQLite.Database;
    try {
      snapshot = new SQLite(source, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new BackupError(`${source} is not a SQLite backup: ${(error as Error).message}`);
    }
    try {
      const check = snapshot.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`${source} is damaged: ${String(check)}`);
      const hasSchema = snapshot.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
      if (!hasSchema) throw new BackupError(`${source} is not a Scrutineer database (it has no schema_migrations table)`);
      // The backup API writes the target in one transaction of its own (through its WAL if it has
      // one), so a crash mid-restore leaves the old database, never a mixture.
      await snapshot.backup(target);
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(`cannot restore ${source} into ${target}: ${(error as Error).message}`);
    } finally {
      snapshot.close();
    }
    return { dialect, file: source };
  }
  const { url: bare, env } = splitPassword(present(url, 'url'));
  // --clean --if-exists drops what the dump holds before recreating it; --single-transaction makes
  // the whole restore one transaction, so a failure leaves the database as it was.
  await run(postgresTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${bare}`, source], env);
  return { dialect, file: source };
}

/** Debian's newest client tools (they must be at least the server's version), else whatever is on PATH. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', name);
  }
  return name;
}

/** Keeps the password out of the process list: the tools read it from PGPASSWORD instead. */
function splitPassword(connectionString: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(connectionString);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (error) => reject(new BackupError(`cannot run ${command}: ${error.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${path.basename(command)} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`}`));
    });
  });
}
