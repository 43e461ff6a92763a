// A fresh, migrated database per test file, on SQLite or PostgreSQL: the same suite runs on both.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { createDb, type CreateDbOptions, type DatabaseHandle, type Dialect } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** The engines this run covers: PostgreSQL only when global setup found or was given a server. */
export function testDialects(): Dialect[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDb extends DatabaseHandle {
  url: string;
  /** Closes the handle and removes the database. */
  destroy(): Promise<void>;
}

/** `options.clock` dates the handle's writes for the page cache: pass the clock the services get. */
export async function createTestDb(dialect: Dialect, options: CreateDbOptions = {}): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const handle = await createDb(':memory:', options);
    await migrateToLatest(handle.db);
    return { ...handle, url: ':memory:', destroy: () => handle.close() };
  }
  const admin = inject('postgresUrl');
  if (!admin) throw new Error('no PostgreSQL server for this run');
  const name = `scrutineer_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const handle = await createDb(url, options);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
