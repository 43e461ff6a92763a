// `scrutineer backup` and `restore` round-trip the whole database on both engines, even while writes go on.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { BackupError } from '../../src/db/backup.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { restoreFromBackup } from '../../src/services/backup-service.ts';
import { createServices } from '../../src/services/index.ts';
import { createTestDb, testDialects } from '../support/test-db.ts';
import { dumpTables } from '../support/table-dump.ts';
import { spawnCli } from '../support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clock = fixedClock(new Date('2024-05-01T10:00:00Z'));

describe.each(testDialects())('backup and restore on %s', (dialect) => {
  it('restores exactly what was backed up, though writes went on during the backup', async () => {
    const source =
      dialect === 'sqlite'
        ? await createDb(path.join(dir, 'source.db')).then(async (h) => {
            await migrateToLatest(h.db);
            return { ...h, destroy: () => h.close() };
          })
        : await createTestDb(dialect);
    const services = createServices({ database: source, clock });
    await services.demo.loadIfAbsent();
    const repos = createRepositories({ db: source.db, clock });
    const [review] = await repos.reviews.list({ limit: 1, offset: 0 });
    const [recommendation] = await repos.recommendations.forReview(review!.id);

    // Writers keep committing while the snapshot is taken: the snapshot is one committed state.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await source.db.transaction().execute(async (trx) => {
          await createRepositories({ db: trx, clock }).recommendations.addProgress({
            recommendation_id: recommendation!.id,
            update_date: '2024-05-01',
            status: 'in_progress',
            rag: 'amber',
            narrative: `update ${written}`,
            previous_target_date: null,
            new_target_date: null,
            slip_reason: null,
            author_name: 'Soak',
          });
        });
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = path.join(dir, `backup-${dialect}.bak`);
    // The backup starts while writes are under way.
    await vi.waitFor(() => expect(written).toBeGreaterThan(0));
    const result = await services.backup.backup(file);
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);
    expect(result.bytes).toBe(statSync(file).size);

    // What the snapshot holds: restore it into a fresh database and read it back.
    const target = dialect === 'sqlite' ? { url: path.join(dir, 'target.db'), destroy: () => Promise.resolve() } : await createTestDb(dialect);
    if (dialect === 'postgres') await (target as Awaited<ReturnType<typeof createTestDb>>).close();
    await restoreFromBackup(target.url, file);
    const restored = await createDb(target.url);
    const restoredTables = await dumpTables(restored);
    const progress = JSON.parse(restoredTables.progress_updates!) as { narrative: string }[];
    // Whole transactions only: the updates present are exactly the first N written, none torn.
    expect(progress.map((p) => p.narrative)).toEqual(progress.map((_, i) => `update ${i}`));
    expect(progress.length).toBeLessThanOrEqual(written);

    // Everything but the updates written after the snapshot is identical to the source.
    const sourceTables = await dumpTables(source);
    expect(Object.keys(restoredTables)).toEqual(Object.keys(sourceTables));
    for (const table of Object.keys(sourceTables)) {
      if (table === 'progress_updates') continue;
      expect(restoredTables[table], table).toBe(sourceTables[table]);
    }
    expect((JSON.parse(sourceTables.progress_updates!) as unknown[]).slice(0, progress.length)).toEqual(progress);
    expect((JSON.parse(restoredTables.organisations!) as unknown[]).length).toBeGreaterThan(5);

    await restored.close();
    await source.destroy();
    if (dialect === 'postgres') await (target as Awaited<ReturnType<typeof createTestDb>>).destroy();
  });

  it('refuses a file that is not a backup, leaving the database as it was', async () => {
    const junk = path.join(dir, `junk-${dialect}.bak`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(junk, 'not a backup at all');
    if (dialect === 'sqlite') {
      await expect(restoreFromBackup(path.join(dir, 'untouched.db'), junk)).rejects.toBeInstanceOf(BackupError);
    } else {
      const target = await createTestDb(dialect);
      await expect(restoreFromBackup(target.url, junk)).rejects.toBeInstanceOf(BackupError);
      expect(await createRepositories({ db: target.db, clock }).organisations.count()).toBe(0);
      await target.destroy();
    }
  });
});

describe('the backup and restore commands', () => {
  it('back up a SQLite database and restore it elsewhere', async () => {
    const db = path.join(dir, 'cli.db');
    const loaded = spawnCli(['demo'], { DATABASE_URL: db });
    expect(await loaded.exited, loaded.output()).toBe(0);
    const backup = spawnCli(['backup', path.join(dir, 'cli.bak')], { DATABASE_URL: db });
    expect(await backup.exited, backup.output()).toBe(0);
    expect(backup.output()).toMatch(/Backed up .*cli\.db to .*cli\.bak \(\d+ bytes\)/);
    const restore = spawnCli(['restore', path.join(dir, 'cli.bak')], { DATABASE_URL: path.join(dir, 'cli-restored.db') });
    expect(await restore.exited, restore.output()).toBe(0);
    const a = await createDb(db);
    const b = await createDb(path.join(dir, 'cli-restored.db'));
    expect(await dumpTables(b)).toEqual(await dumpTables(a));
    await a.close();
    await b.close();
    const missing = spawnCli(['restore', path.join(dir, 'nope.bak')], { DATABASE_URL: path.join(dir, 'x.db') });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain('no backup file at');
  });
});
