// After a bulk load through the command line (generate, reindex, restore), PostgreSQL's planner has statistics: the first visitors do not meet plans made for empty tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { spawnCli } from '../support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-statistics-'));
const databases: TestDb[] = [];
afterAll(async () => {
  for (const database of databases) await database.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** An empty PostgreSQL database's URL (migrated, as the command would leave it). */
async function emptyDatabase(): Promise<string> {
  const database = await createTestDb('postgres');
  databases.push(database);
  return database.url;
}

/** When each table was last analysed by a command (not by autovacuum, which may run meanwhile), null if never. */
async function analysedAt(url: string, tables: string[]): Promise<Record<string, string | null>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ relname: string; at: string | null }>(
      'select relname, last_analyze::text as at from pg_stat_user_tables where relname = any($1)',
      [tables],
    );
    return Object.fromEntries(tables.map((t) => [t, result.rows.find((r) => r.relname === t)?.at ?? null]));
  } finally {
    await client.end();
  }
}

const TABLES = ['meetings', 'agenda_items', 'recommendations', 'search_documents'];

describe.skipIf(!testDialects().includes('postgres'))('planner statistics on PostgreSQL', () => {
  it('are fresh after generate, reindex and restore', async () => {
    const url = await emptyDatabase();
    const generate = spawnCli(['generate', '--years', '1', '--seed', '3'], { DATABASE_URL: url });
    expect(await generate.exited, generate.output()).toBe(0);
    expect(generate.output()).toMatch(/Refreshed PostgreSQL's planner statistics in \d+/);
    const afterGenerate = await analysedAt(url, TABLES);
    for (const table of TABLES) expect(afterGenerate[table], table).not.toBeNull();

    const reindex = spawnCli(['reindex'], { DATABASE_URL: url });
    expect(await reindex.exited, reindex.output()).toBe(0);
    expect(reindex.output()).toContain("Refreshed PostgreSQL's planner statistics");
    expect((await analysedAt(url, ['search_documents'])).search_documents! > afterGenerate.search_documents!).toBe(true);

    const file = path.join(dir, 'archive.dump');
    const backup = spawnCli(['backup', file], { DATABASE_URL: url });
    expect(await backup.exited, backup.output()).toBe(0);
    const target = await emptyDatabase();
    const restore = spawnCli(['restore', file], { DATABASE_URL: target });
    expect(await restore.exited, restore.output()).toBe(0);
    expect(restore.output()).toContain("Refreshed PostgreSQL's planner statistics");
    const afterRestore = await analysedAt(target, TABLES);
    for (const table of TABLES) expect(afterRestore[table], table).not.toBeNull();
  }, 180_000);
});
