// SIGKILL in the middle of a load, an import and a burst of writes, on SQLite and PostgreSQL: the database opens, holds only whole transactions, and a rerun completes.
import { spawn } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle } from '../../src/db/create-db.ts';
import { ROOT, spawnCli, waitForOutput, type CliChild } from '../support/cli-process.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BURST_SCRIPT = path.join(ROOT, 'test/support/write-burst.ts');
const ROWS_PER_BATCH = 5;

function burst(database: string, batches: number): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', BURST_SCRIPT, database, String(batches)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => text, exited };
}

/** Opens the file as a fresh process would after the crash, and checks SQLite's own view of it. */
/**
 * What a write burst killed mid-run left: every batch the writer announced, at most the one in
 * flight besides, and whole transactions only (exactly ROWS_PER_BATCH rows for each batch up to the
 * marker, none after it). Returns the last batch there.
 */
function wholeBatches(after: { lastBatch: unknown; progress: unknown }, acknowledged: number): number {
  const lastBatch = Number(after.lastBatch);
  expect(lastBatch).toBeGreaterThanOrEqual(acknowledged);
  expect(lastBatch).toBeLessThanOrEqual(acknowledged + 1);
  const expected = Array.from({ length: lastBatch }, (_, b) => Array.from({ length: ROWS_PER_BATCH }, (_, r) => `batch ${b + 1} row ${r + 1}`)).flat();
  expect(after.progress).toEqual(expected);
  return lastBatch;
}

/** A demo load cut short left all of the demo or none of it: which one. */
function wholeOrNone(after: { demoLoaded: number; organisations: number; recommendations: number }): 'whole' | 'none' {
  if (after.demoLoaded === 1) {
    expect(after.organisations).toBeGreaterThan(5);
    expect(after.recommendations).toBe(5);
    return 'whole';
  }
  expect(after.organisations).toBe(0);
  expect(after.recommendations).toBe(0);
  return 'none';
}

/**
 * Returns once another connection holds SQLite's write lock on the file (in WAL mode there is one
 * writer: https://www.sqlite.org/wal.html), i.e. the loader's transaction is open and uncommitted.
 * It asks SQLite for the lock without waiting and gives it straight back, turn after turn of the
 * event loop, rather than waiting on the clock.
 */
async function untilWriteLockHeld(file: string, cli: CliChild): Promise<void> {
  const probe = new SQLite(file, { timeout: 0 });
  try {
    for (;;) {
      try {
        probe.exec('begin immediate');
        probe.exec('rollback');
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return;
        throw error;
      }
      if (cli.child.exitCode !== null) throw new Error(`the load ended before its transaction was seen open: ${cli.output()}`);
      await nextTurn();
    }
  } finally {
    probe.close();
  }
}

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
    const lastBatch = wholeBatches(after, acknowledged);

    // A rerun picks up after the last committed batch and finishes the job.
    const total = lastBatch + 5;
    const rerun = burst(file, total);
    expect(await rerun.exited, rerun.output()).toBe(0);
    const finished = inspect(file);
    expect(finished.integrity).toBe('ok');
    expect(finished.lastBatch).toBe(String(total));
    expect(finished.progress).toHaveLength(total * ROWS_PER_BATCH);
  }, 120_000);

  it('holds all of a load or none of it when killed during the load, and a rerun loads it whole', async () => {
    // The reference case is loaded in one transaction. Kill it at points of its run that the test
    // sees happen: the schema in place, the load's transaction holding the write lock, the load reported done.
    const outcomes: string[] = [];
    for (const point of ['migrated', 'loading', 'loaded'] as const) {
      const file = path.join(dir, `load-${point}.db`);
      const load = spawnCli(['demo'], { DATABASE_URL: file });
      await waitForOutput(load, /Applied migrations/, 60_000);
      if (point === 'loading') await untilWriteLockHeld(file, load);
      if (point === 'loaded') await waitForOutput(load, /Loaded the demo data/, 60_000);
      load.child.kill('SIGKILL');
      await load.exited;
      const after = inspect(file);
      expect(after.integrity).toBe('ok');
      expect(after.foreignKeyViolations).toEqual([]);
      outcomes.push(wholeOrNone(after));
      if (point === 'migrated') {
        // The load that was cut short runs again from the start and completes.
        const rerun = spawnCli(['demo'], { DATABASE_URL: file });
        expect(await rerun.exited, rerun.output()).toBe(0);
        const finished = inspect(file);
        expect(finished.integrity).toBe('ok');
        expect(finished.demoLoaded).toBe(1);
        expect(finished.recommendations).toBe(5);
      }
    }
    // Killed before its transaction committed, the load left nothing; once reported, all of it.
    expect(outcomes).toEqual(['none', 'none', 'whole']);
  }, 180_000);
});

/** The same facts as `inspect`, read through a PostgreSQL connection opened after the crash. */
async function inspectPostgres(url: string) {
  const handle = await createDb(url);
  try {
    const db = handle.db;
    const count = async (table: 'organisations' | 'recommendations') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      progress: (await db.selectFrom('progress_updates').select('narrative').where('author_name', '=', 'Crash test').orderBy('id').execute()).map(
        (r) => r.narrative,
      ),
      lastBatch: (await db.selectFrom('settings').select('value').where('key', '=', 'burst.last').executeTakeFirst())?.value,
      demoLoaded: (await db.selectFrom('settings').select('key').where('key', '=', 'demo.loaded').execute()).length,
      organisations: await count('organisations'),
      recommendations: await count('recommendations'),
    };
  } finally {
    await handle.close();
  }
}

const MEETING_FIXTURE = path.join(ROOT, 'test/fixtures/moderngov/meeting_4967.xml');
const COMMITTEES_FIXTURE = path.join(ROOT, 'test/fixtures/moderngov/committees.xml');
const IMPORTED_MEETINGS = 60;

/**
 * A modern.gov archive of one committee: a GetMeetings listing and one GetMeeting response per
 * meeting, each the real Manchester fixture with its own ids and date (two agenda items with a
 * linked document each, one attendee). The importer writes each response in its own transaction.
 */
function writeModernGovArchive(folder: string): string[] {
  const template = readFileSync(MEETING_FIXTURE, 'utf8');
  const files = [COMMITTEES_FIXTURE];
  const summaries: string[] = [];
  const meetingFiles: string[] = [];
  for (let n = 0; n < IMPORTED_MEETINGS; n += 1) {
    const id = 10_000 + n;
    const day = new Date(Date.UTC(2020, 0, 6 + n * 7));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const xml = template
      .replaceAll('10/02/2026', date)
      .replace(/<(meetingid|agendaid)>4967</g, `<$1>${id}<`)
      .replace(/<agendaitemid>(\d+)</g, (_, item: string) => `<agendaitemid>${item}${id}<`)
      .replace(/<attachmentid>(\d+)</g, (_, doc: string) => `<attachmentid>${doc}${id}<`);
    const file = path.join(folder, `meeting_${id}.xml`);
    writeFileSync(file, xml);
    meetingFiles.push(file);
    summaries.push(
      `<meeting><meetingid>${id}</meetingid><meetingdate>${date}</meetingdate><meetingstatus>Confirmed</meetingstatus><meetingtime>10.00 am</meetingtime><iswebcast>False</iswebcast></meeting>`,
    );
  }
  const listing = path.join(folder, 'meetings.xml');
  writeFileSync(
    listing,
    `<?xml version="1.0" encoding="utf-8"?>\n<getmeetings><meetingscount>${IMPORTED_MEETINGS}</meetingscount><committeescount>1</committeescount>` +
      `<committee><committeeid>144</committeeid><committeetitle>Audit Committee</committeetitle><committeemeetingcount>${IMPORTED_MEETINGS}</committeemeetingcount>` +
      `<committeemeetings>${summaries.join('')}</committeemeetings></committee></getmeetings>\n`,
  );
  return [...files, listing, ...meetingFiles];
}

/** What the import wrote, with ids replaced by source ids and slugs, so that two databases compare row for row. */
async function importedRecord(handle: DatabaseHandle) {
  const db = handle.db;
  return {
    organisations: await db.selectFrom('organisations').select(['source_id', 'slug', 'name', 'kind']).orderBy('source_id').execute(),
    meetings: await db
      .selectFrom('meetings as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['m.source_id', 'm.slug', 'o.slug as body', 'm.meeting_date', 'm.start_time', 'm.starts_at', 'm.location', 'm.status', 'm.agenda_published_on'])
      .orderBy('m.source_id')
      .execute(),
    agendaItems: await db
      .selectFrom('agenda_items as a')
      .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
      .select([
        'a.source_id',
        'm.slug as meeting',
        'a.position',
        'a.number',
        'a.title',
        'a.description',
        'a.exempt_paragraph',
        'a.is_confidential',
        'a.is_restricted',
      ])
      .orderBy('a.source_id')
      .execute(),
    documents: await db
      .selectFrom('documents as d')
      .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select(['d.source_id', 'd.slug', 'a.source_id as item', 'd.title', 'd.kind', 'd.url', 'd.is_confidential', 'd.is_restricted', 'd.published_on'])
      .orderBy('d.source_id')
      .execute(),
    minutes: await db
      .selectFrom('minutes as mi')
      .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
      .leftJoin('agenda_items as a', 'a.id', 'mi.agenda_item_id')
      .select(['m.slug as meeting', 'a.source_id as item', 'mi.number', 'mi.title', 'mi.body'])
      .orderBy('m.slug')
      .orderBy('mi.number')
      .execute(),
    attendance: await db
      .selectFrom('attendance as t')
      .innerJoin('meetings as m', 'm.id', 't.meeting_id')
      .select(['m.slug as meeting', 't.name', 't.role', 't.status'])
      .orderBy('m.slug')
      .orderBy('t.name')
      .execute(),
    people: await db.selectFrom('people').select(['source_id', 'slug', 'name', 'party', 'ward']).orderBy('source_id').execute(),
  };
}

/** Per meeting: its agenda items, their documents and its attendees, counted in one query. */
async function meetingShapes(handle: DatabaseHandle) {
  const rows = await sql<{ source_id: string; location: string | null; items: number; documents: number; attendees: number }>`
    select m.source_id, m.location,
      (select count(*) from agenda_items a where a.meeting_id = m.id) as items,
      (select count(*) from documents d join agenda_items a on a.id = d.agenda_item_id where a.meeting_id = m.id) as documents,
      (select count(*) from attendance t where t.meeting_id = m.id) as attendees
    from meetings m where m.source_system = 'moderngov' order by m.source_id`.execute(handle.db);
  return rows.rows.map((r) => ({ ...r, items: Number(r.items), documents: Number(r.documents), attendees: Number(r.attendees) }));
}

describe.runIf(testDialects().includes('postgres'))('crash safety on PostgreSQL', () => {
  const databases: TestDb[] = [];
  afterAll(async () => {
    for (const database of databases) await database.destroy();
  });
  async function freshDatabase(): Promise<TestDb> {
    const database = await createTestDb('postgres');
    databases.push(database);
    return database;
  }

  it('keeps every meeting whole when an import is killed part-way, and a rerun equals a clean import', async () => {
    const folder = path.join(dir, 'moderngov');
    mkdirSync(folder);
    const files = writeModernGovArchive(folder);
    const target = await freshDatabase();
    const args = ['import', 'moderngov', ...files, '--council', 'Manchester City Council'];

    const load = spawnCli(args, { DATABASE_URL: target.url });
    // Killed once some meetings' agendas have committed and well before the last. Each count waits
    // on PostgreSQL's answer, which paces the loop; no timer does.
    let written = 0;
    for (const started = Date.now(); written < 20;) {
      if (load.child.exitCode !== null) throw new Error(`the import ended before it could be killed: ${load.output()}`);
      if (Date.now() - started > 120_000) throw new Error(`the import wrote no agendas in two minutes: ${load.output()}`);
      written = Number(
        (
          await target.db
            .selectFrom('agenda_items')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    }
    load.child.kill('SIGKILL');
    expect(await load.exited).toBe('SIGKILL');

    // Whole transactions only: a meeting has its full agenda, documents, attendee and place, or (listed
    // by GetMeetings but its GetMeeting not yet written) none of them. Never part of one.
    const shapes = await meetingShapes(target);
    expect(shapes).toHaveLength(IMPORTED_MEETINGS);
    const whole = shapes.filter((m) => m.items > 0);
    expect(whole.length).toBeGreaterThanOrEqual(10);
    expect(whole.length).toBeLessThan(IMPORTED_MEETINGS);
    for (const m of shapes) {
      expect(m, m.source_id).toEqual(
        m.items > 0
          ? { source_id: m.source_id, location: 'Council Antechamber, Level 2, Town Hall Extension', items: 2, documents: 2, attendees: 1 }
          : { source_id: m.source_id, location: null, items: 0, documents: 0, attendees: 0 },
      );
    }

    // The rerun completes, and the database then holds exactly what a clean import writes.
    const rerun = spawnCli(args, { DATABASE_URL: target.url });
    expect(await rerun.exited, rerun.output()).toBe(0);
    const clean = await freshDatabase();
    const cleanRun = spawnCli(args, { DATABASE_URL: clean.url });
    expect(await cleanRun.exited, cleanRun.output()).toBe(0);
    const [resumed, fresh] = [await importedRecord(target), await importedRecord(clean)];
    expect(fresh.meetings).toHaveLength(IMPORTED_MEETINGS);
    expect(fresh.agendaItems).toHaveLength(IMPORTED_MEETINGS * 2);
    expect(resumed).toEqual(fresh);
  }, 300_000);

  it('keeps every acknowledged write and no torn transaction when killed mid-burst, and a rerun completes', async () => {
    const target = await freshDatabase();
    const writer = burst(target.url, 100_000);
    await waitForOutput(writer, /committed (\d+)\n[\s\S]*committed (\d+)\n[\s\S]*committed \d+\n/, 60_000);
    writer.child.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');
    const acknowledged = Math.max(...[...writer.output().matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));

    const after = await inspectPostgres(target.url);
    const lastBatch = wholeBatches(after, acknowledged);

    const total = lastBatch + 5;
    const rerun = burst(target.url, total);
    expect(await rerun.exited, rerun.output()).toBe(0);
    const finished = await inspectPostgres(target.url);
    expect(finished.lastBatch).toBe(String(total));
    expect(finished.progress).toHaveLength(total * ROWS_PER_BATCH);
  }, 180_000);

  it('holds all of the demo load or none of it when killed during the load, and a rerun loads it whole', async () => {
    // The reference case is loaded in one transaction of some hundreds of statements: kill the loader
    // as soon as PostgreSQL shows that transaction open (each look waits on PostgreSQL’s answer, not on a timer).
    const target = await freshDatabase();
    const load = spawnCli(['demo'], { DATABASE_URL: target.url });
    for (const started = Date.now(); ;) {
      const open = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`.execute(target.db);
      if (Number(open.rows[0]!.n) > 0) break;
      if (load.child.exitCode !== null) throw new Error(`the load ended before it could be killed: ${load.output()}`);
      if (Date.now() - started > 60_000) throw new Error(`the load opened no transaction in a minute: ${load.output()}`);
    }
    load.child.kill('SIGKILL');
    await load.exited;
    const after = await inspectPostgres(target.url);
    // Killed while its transaction was open, the load had not committed.
    expect(wholeOrNone(after)).toBe('none');
    const rerun = spawnCli(['demo'], { DATABASE_URL: target.url });
    expect(await rerun.exited, rerun.output()).toBe(0);
    const finished = await inspectPostgres(target.url);
    expect(finished.demoLoaded).toBe(1);
    expect(finished.recommendations).toBe(5);
  }, 180_000);
});
