// The database's change token, which tells the page cache to let go: it must turn when another client commits, on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, WAL_POLL_MS, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const clock = fixedClock('2024-05-01T10:00:00Z');

/** SQLite in a file, not in memory: two connections must share it. */
async function sqliteFile(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-token-'));
  const file = path.join(dir, 'token.db');
  const handle = await createDb(file);
  await migrateToLatest(handle.db);
  return { ...handle, url: file, destroy: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Waits until the token differs from `before`, up to a limit; returns whether it did. */
async function turns(handle: DatabaseHandle, before: string, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (handle.changes!.token() !== before) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return handle.changes!.token() !== before;
}

describe.each(testDialects())('change token on %s', (dialect) => {
  let server: TestDb;
  let other: DatabaseHandle;

  beforeAll(async () => {
    server = dialect === 'sqlite' ? await sqliteFile() : await createTestDb(dialect);
    other = await createDb(server.url);
    // PostgreSQL's position is read in the background: wait for the first reading.
    await new Promise((resolve) => setTimeout(resolve, WAL_POLL_MS + 200));
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
    expect(await turns(server, before, WAL_POLL_MS * 3)).toBe(true);
  });

  it('does not turn when another client only reads', async () => {
    // PostgreSQL's log position is the whole server's: other test files write to it meanwhile, so only SQLite's is exact.
    if (dialect !== 'sqlite') return;
    const before = server.changes!.token();
    await createRepositories({ db: other.db, clock }).issues.count();
    expect(await turns(server, before, 300)).toBe(false);
  });
});
