// The database's change token, which tells the page cache to let go: it must turn when another client commits, on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, DATA_VERSION_MS, WAL_POLL_MS, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

/** Moved forward by the tests instead of waiting: SQLite's data_version is read again once DATA_VERSION_MS has passed on it. */
let now = new Date('2024-05-01T10:00:00Z').getTime();
const clock = { now: () => new Date(now) };
const advance = (ms: number) => {
  now += ms;
};

/** SQLite in a file, not in memory: two connections must share it. */
async function sqliteFile(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-token-'));
  const file = path.join(dir, 'token.db');
  const handle = await createDb(file, { clock });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: file,
    destroy: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether the token has turned since `before`: on SQLite once the clock has passed DATA_VERSION_MS;
 * PostgreSQL's log position is read in the background every WAL_POLL_MS, so it is watched until it turns.
 */
async function turns(handle: DatabaseHandle, before: string, dialect: string): Promise<boolean> {
  if (dialect === 'sqlite') {
    advance(DATA_VERSION_MS);
    return handle.changes!.token() !== before;
  }
  await vi.waitFor(() => expect(handle.changes!.token()).not.toBe(before), { timeout: WAL_POLL_MS * 10 });
  return true;
}

describe.each(testDialects())('change token on %s', (dialect) => {
  let server: TestDb;
  let other: DatabaseHandle;

  beforeAll(async () => {
    server = dialect === 'sqlite' ? await sqliteFile() : await createTestDb(dialect);
    other = await createDb(server.url, { clock });
    // PostgreSQL's position is read in the background: watch for the first reading.
    if (dialect === 'postgres') await vi.waitFor(() => expect(server.changes!.token()).not.toMatch(/unread$/), { timeout: WAL_POLL_MS * 10 });
  });

  afterAll(async () => {
    await other.close();
    await server.destroy();
  });

  it('turns when this handle writes', async () => {
    const before = server.changes!.token();
    await createRepositories({ db: server.db, clock }).issues.create({ slug: 'mine', title: 'Mine', summary: null });
    expect(server.changes!.token()).not.toBe(before);
  });

  it('turns when another client commits, within the poll interval', async () => {
    const before = server.changes!.token();
    await createRepositories({ db: other.db, clock }).issues.create({ slug: 'theirs', title: 'Theirs', summary: null });
    expect(await turns(server, before, dialect)).toBe(true);
  });

  it('does not turn when another client only reads', async () => {
    // PostgreSQL's log position is the whole server's: other test files write to it meanwhile, so only SQLite's is exact.
    if (dialect !== 'sqlite') return;
    const before = server.changes!.token();
    await createRepositories({ db: other.db, clock }).issues.count();
    expect(await turns(server, before, dialect)).toBe(false);
  });
});
