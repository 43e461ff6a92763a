// SIGKILL in the middle of a load and of a burst of writes: the database opens, holds only whole transactions, and a rerun completes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli, waitForOutput, type CliChild } from '../support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BURST_SCRIPT = path.join(ROOT, 'test/support/write-burst.ts');
const ROWS_PER_BATCH = 5;

function burst(file: string, batches: number): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', BURST_SCRIPT, file, String(batches)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => text, exited };
}

/** Opens the file as a fresh process would after the crash, and checks SQLite's own view of it. */
function inspect(file: string) {
  const db = new SQLite(file);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeyViolations: db.pragma('foreign_key_check') as unknown[],
      progress: db.prepare("select narrative from progress_updates where author_name = 'Crash test' order by id").pluck().all() as string[],
      lastBatch: db.prepare("select value from settings where key = 'burst.last'").pluck().get() as string | undefined,
      demoLoaded: db.prepare("select count(*) from settings where key = 'demo.loaded'").pluck().get() as number,
      organisations: db.prepare('select count(*) from organisations').pluck().get() as number,
      recommendations: db.prepare('select count(*) from recommendations').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('crash safety on SQLite', () => {
  it('keeps every acknowledged write and no torn transaction when killed mid-burst, and a rerun completes', async () => {
    const file = path.join(dir, 'burst.db');
    const writer = burst(file, 100_000);
    const match = await waitForOutput(writer, /committed (\d+)\n[\s\S]*committed (\d+)\n[\s\S]*committed \d+\n/, 60_000);
    expect(match).toBeTruthy();
    writer.child.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');
    const acknowledged = Math.max(...[...writer.output().matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));

    const after = inspect(file);
    expect(after.integrity).toBe('ok');
    expect(after.foreignKeyViolations).toEqual([]);
    const lastBatch = Number(after.lastBatch);
    // Every batch the writer announced is there; at most the one in flight is not yet announced.
    expect(lastBatch).toBeGreaterThanOrEqual(acknowledged);
    expect(lastBatch).toBeLessThanOrEqual(acknowledged + 1);
    // Whole transactions only: exactly ROWS_PER_BATCH rows for each batch up to the marker, none after it.
    const expected = Array.from({ length: lastBatch }, (_, b) => Array.from({ length: ROWS_PER_BATCH }, (_, r) => `batch ${b + 1} row ${r + 1}`)).flat();
    expect(after.progress).toEqual(expected);

    // A rerun picks up after the last committed batch and finishes the job.
    const total = lastBatch + 5;
    const rerun = burst(file, total);
    expect(await rerun.exited, rerun.output()).toBe(0);
    const finished = inspect(file);
    expect(finished.integrity).toBe('ok');
    expect(finished.lastBatch).toBe(String(total));
    expect(finished.progress).toHaveLength(total * ROWS_PER_BATCH);
  });

  it('holds all of a load or none of it when killed during the load, and a rerun loads it whole', async () => {
    // The reference case is loaded in one transaction. Kill it at several points of its run.
    const outcomes: string[] = [];
    for (const delayMs of [0, 40, 120, 300]) {
      const file = path.join(dir, `load-${delayMs}.db`);
      const load = spawnCli(['demo'], { DATABASE_URL: file });
      await waitForOutput(load, /Applied migrations/, 60_000);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      load.child.kill('SIGKILL');
      await load.exited;
      const after = inspect(file);
      expect(after.integrity).toBe('ok');
      expect(after.foreignKeyViolations).toEqual([]);
      if (after.demoLoaded === 1) {
        expect(after.organisations).toBeGreaterThan(5);
        expect(after.recommendations).toBe(5);
        outcomes.push('whole');
      } else {
        expect(after.organisations).toBe(0);
        expect(after.recommendations).toBe(0);
        outcomes.push('none');
      }
      if (delayMs === 0) {
        // The load that was cut short runs again from the start and completes.
        const rerun = spawnCli(['demo'], { DATABASE_URL: file });
        expect(await rerun.exited, rerun.output()).toBe(0);
        const finished = inspect(file);
        expect(finished.integrity).toBe('ok');
        expect(finished.demoLoaded).toBe(1);
        expect(finished.recommendations).toBe(5);
      }
    }
    // Killed as soon as the schema was in place, the load had not committed.
    expect(outcomes[0]).toBe('none');
  });
});
