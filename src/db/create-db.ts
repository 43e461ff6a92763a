// Opens the database named by a URL: an embedded SQLite file by default, PostgreSQL for postgres:// URLs.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  CompiledQuery,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type SqliteDatabase,
} from 'kysely';
import type { Database } from './schema.ts';
import { ChangeCounter } from './change-counter.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { present } from '../domain/present.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages: a file path or the URL without its password. */
  location: string;
  /** The underlying better-sqlite3 connection (SQLite only): for its online backup API. */
  sqlite?: SQLite.Database;
  /** The connection URL, password included (PostgreSQL only): for pg_dump and pg_restore. */
  connectionString?: string;
  /**
   * A token that changes whenever data may have changed: writes through this handle and commits by
   * other connections (SQLite: PRAGMA data_version, within DATA_VERSION_MS; PostgreSQL: the
   * write-ahead log position, within WAL_POLL_MS). `lastChangeAt` is when this handle last wrote (ms since the epoch).
   */
  changes?: { token(): string; lastChangeAt(): number };
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_FILE = 'data/scrutineer.db';

/** Raised when a database cannot be opened; its message is one line naming the cause. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export function sqlitePath(url: string | undefined): string {
  if (!url) return resolve(DEFAULT_SQLITE_FILE);
  if (url === ':memory:' || url === 'sqlite::memory:') return ':memory:';
  return resolve(url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, ''));
}

/** How long SQLite's data_version is reused, so that other connections' commits are seen within this time. */
export const DATA_VERSION_MS = 100;

/** How often PostgreSQL's write-ahead log position is read, so that other clients' commits are seen within this time. */
export const WAL_POLL_MS = 1000;

/**
 * Follows the server's write-ahead log insert position: every commit that changed anything, by any
 * client (another server, the command line, a restore), moves it. It also moves for maintenance
 * (vacuum, checkpoints after writes), which only makes a cache let go sooner. A failed read keeps
 * the last position: a database that cannot be reached has not changed what was read from it.
 */
function watchWalPosition(pool: pg.Pool): { position(): string; stop(): void } {
  let position = 'unread';
  let reading = false;
  let warned = false;
  let stopped = false;
  // A standby replays the primary's log: its replay position moves as the primary's commits arrive.
  const query = 'select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_insert_lsn() end)::text as lsn';
  const read = () => {
    if (reading) return;
    reading = true;
    pool
      .query<{ lsn: string | null }>(query)
      .then(
        (result) => {
          position = result.rows[0]?.lsn ?? position;
        },
        (error: Error) => {
          // Said once: stored pages then go on being reused for up to the page cache's longest age.
          if (!warned && !stopped)
            process.emitWarning(`cannot read PostgreSQL's write-ahead log position, so other clients' changes are not noticed at once: ${error.message}`);
          warned = true;
        },
      )
      .finally(() => {
        reading = false;
      });
  };
  read();
  const timer = setInterval(read, WAL_POLL_MS);
  timer.unref();
  return {
    position: () => position,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** How long SQLite waits for a lock inside one statement (blocking the process) before answering SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** SQLite's page cache per connection, KiB: 32 MiB rather than the default 2 MiB. */
const SQLITE_CACHE_KIB = 32 * 1024;
/**
 * How long one attempt at a write transaction's lock waits inside SQLite. better-sqlite3 is
 * synchronous, so SQLite's busy wait stops the whole process: with several processes writing one
 * file (`serve --workers N`, the pack worker, a command-line import) a short wait, then a timer,
 * lets the process answer other requests while another holds the write lock.
 */
const LOCK_ATTEMPT_MS = 20;
/** Longest a write transaction waits its turn for the write lock, over all its attempts, before SQLITE_BUSY is the answer. */
const LOCK_WAIT_MS = 15_000;

function isBusy(error: unknown): boolean {
  return error instanceof SQLite.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/**
 * SQLite transactions begin IMMEDIATE, taking the write lock at BEGIN. A deferred transaction that
 * reads (a version check) and then writes fails at once with SQLITE_BUSY, without waiting out the
 * busy timeout, when another process commits between its read and its write
 * (https://www.sqlite.org/isolation.html, "BEGIN IMMEDIATE"); taking the lock first makes it wait
 * its turn instead, so the server's processes, its pack worker and a command-line import can write
 * one file. With the lock taken at BEGIN, BEGIN is the only statement of the transaction that can
 * meet SQLITE_BUSY (in WAL mode COMMIT needs no further lock), and nothing of the transaction has
 * run yet: a BEGIN that is refused is tried again, after a growing pause, until LOCK_WAIT_MS.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  constructor(options: SqliteDialectConfig & { sqlite: SQLite.Database }) {
    super(options);
    this.#sqlite = options.sqlite;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const started = performance.now();
    for (let attempt = 0; ; attempt += 1) {
      this.#sqlite.pragma(`busy_timeout = ${LOCK_ATTEMPT_MS}`);
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusy(error) || performance.now() - started > LOCK_WAIT_MS) throw error;
      } finally {
        this.#sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      // 5, 10, 20 … 100 ms, with jitter so that waiting processes do not try in step.
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/** How many distinct statements the SQLite connection keeps prepared (a list's `in (?, ?, …)` makes one per length). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with each statement prepared once and reused: Kysely prepares
 * every query it runs, and preparing cost an import more than running its inserts. Least recently
 * used statements are let go past STATEMENT_CACHE_SIZE. A statement still being iterated (a stream)
 * is busy and cannot run again until it finishes, so that query is prepared afresh.
 */
function preparedOnce(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(text: string) {
      const kept = statements.get(text);
      if (kept && !kept.busy) {
        // Moved to the end: the map's order is the order of last use.
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = sqlite.prepare(text);
      if (!kept) {
        statements.set(text, statement);
        if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(present(statements.keys().next().value, 'the oldest statement'));
      }
      return statement;
    },
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #options: SqliteDialectConfig & { sqlite: SQLite.Database };
  constructor(options: SqliteDialectConfig & { sqlite: SQLite.Database }) {
    super(options);
    this.#options = options;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#options);
  }
}

export interface CreateDbOptions {
  /** Dates writes and paces the reading of SQLite's data_version: the clock the services use (tests move it instead of waiting). */
  readonly clock?: Clock;
  /**
   * PostgreSQL: the most connections this process opens (default 10). Each process serving the
   * site (`serve --workers N`) has its own pool, and together they must stay under the server's
   * max_connections, past which a write is refused.
   */
  readonly maxConnections?: number;
}

export async function createDb(url: string | undefined, options: CreateDbOptions = {}): Promise<DatabaseHandle> {
  const clock = options.clock ?? systemClock;
  if (dialectOf(url) === 'postgres') {
    // The PostgreSQL driver is loaded only when the database is PostgreSQL.
    const { Pool } = (await import('pg')).default;
    const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 10 });
    // An idle connection the server drops (restart, failover, admin termination) must not crash the
    // process: the pool discards it and the next query opens a fresh one.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    const location = redact(present(url, 'url'));
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new DatabaseOpenError(`cannot connect to PostgreSQL at ${location}: ${(error as Error).message}`);
    }
    const counter = new ChangeCounter(clock);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [counter] });
    const wal = watchWalPosition(pool);
    const changes = { token: () => `${counter.count}:${wal.position()}`, lastChangeAt: () => counter.lastChangeAt };
    return {
      db,
      dialect: 'postgres',
      location,
      connectionString: present(url, 'url'),
      changes,
      close: async () => {
        wal.stop();
        await db.destroy();
      },
    };
  }

  const file = sqlitePath(url);
  let sqlite: SQLite.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    sqlite = new SQLite(file);
    // WAL lets readers carry on while one writer commits; foreign keys are off by default in SQLite.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A first rendering on a 20-year archive reads rows from all over a file of hundreds of MiB:
    // a larger page cache than the default 2 MiB keeps the pages every request needs
    // (https://www.sqlite.org/pragma.html#pragma_cache_size). The file is read with read() calls,
    // not through a memory map (https://www.sqlite.org/mmap.html): on that archive the map saved no
    // CPU time a page could measure, while every page of the file a worker had touched (the whole
    // file, after the search index's start-up check) counted as that worker's resident memory.
    sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new DatabaseOpenError(`cannot open SQLite database ${file}: ${(error as Error).message}`);
  }
  const counter = new ChangeCounter(clock);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: preparedOnce(sqlite), sqlite }), plugins: [counter] });
  // data_version changes when another connection commits (https://www.sqlite.org/pragma.html#pragma_data_version).
  // Read at most every DATA_VERSION_MS: the token is asked for on every request for a stored page,
  // and a call into SQLite cost more than the rest of answering one.
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  let version = '';
  let versionReadAt = Number.NEGATIVE_INFINITY;
  const changes = {
    token: () => {
      if (!sqlite.open) return `${counter.count}:closed`;
      const now = clock.now().getTime();
      if (!(now - versionReadAt < DATA_VERSION_MS && now >= versionReadAt)) {
        version = String(dataVersion.get());
        versionReadAt = now;
      }
      return `${counter.count}:${version}`;
    },
    lastChangeAt: () => counter.lastChangeAt,
  };
  return { db, dialect: 'sqlite', location: file, sqlite, changes, close: () => db.destroy() };
}
