// `scrutineer import` as a person runs it, on both engines: exit codes, messages, and a database untouched by bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createDb, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/moderngov/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

async function run(url: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  const previous = process.env['DATABASE_URL'];
  process.env['DATABASE_URL'] = url;
  try {
    const code = await main(['node', 'scrutineer', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    if (previous === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = previous;
  }
}

const TABLES = ['organisations', 'people', 'memberships', 'meetings', 'agenda_items', 'documents', 'scrutiny_reviews', 'recommendations'] as const;

describe.each(testDialects())('scrutineer import on %s', (dialect) => {
  let dir: string;
  let url: string;
  let pg: TestDb | null = null;
  let handle: DatabaseHandle;

  async function counts() {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = (await handle.db.selectFrom(table).select('id').execute()).length;
    return result;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scrutineer-import-'));
    if (dialect === 'sqlite') {
      url = join(dir, 'council.db');
      handle = await createDb(url);
      await migrateToLatest(handle.db);
    } else {
      pg = await createTestDb('postgres');
      url = pg.url;
      handle = pg;
    }
  });
  afterAll(async () => {
    if (pg) await pg.destroy();
    else await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the modern.gov files, and again with the same result', async () => {
    const files = ['committees.xml', 'meetings.xml', 'meeting_4967.xml', 'councillors_by_ward.xml'].map(fixture);
    const first = await run(url, ['import', 'moderngov', ...files, '--council', 'Senedd Cymru']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Not a terminal: progress comes as plain lines, one per file.
    expect(first.stdout).toMatch(/^0\/14 items \(0%\), .* items\/s, about .* left: .*committees\.xml$/m);
    expect(first.stdout).not.toContain('\r');
    expect(first.stdout).toContain('Imported 4 responses from modern.gov: created 3 committees, 2 meetings, 2 agenda items');
    const after = await counts();
    const second = await run(url, ['import', 'moderngov', ...files, '--council', 'Senedd Cymru']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Imported 4 responses from modern\.gov: unchanged /);
    expect(await counts()).toEqual(after);

    // What was imported is found by search, once, after both runs.
    const services = createServices({ database: handle, clock: fixedClock('2026-11-22T12:00:00Z') });
    const audit = await services.search.search({ q: 'Audit Committee' });
    expect(audit.hits.map((h) => h.title)).toContain('Audit Committee');
    const councillor = await services.search.search({ q: 'Vaughan Gething' });
    expect(councillor.hits.filter((h) => h.title.includes('Vaughan Gething'))).toHaveLength(1);
  });

  it('stops on bad input with exit code 2, naming the file, place and reason, and changes nothing', async () => {
    const before = await counts();
    const write = (name: string, content: string | Uint8Array) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const { readFileSync } = await import('node:fs');
    const meetings = readFileSync(fixture('meetings.xml'), 'utf8');
    const cases: [string[], RegExp][] = [
      [
        ['moderngov', write('bad-date.xml', meetings.replace('10/02/2026', '31/02/2026'))],
        /bad-date\.xml: line 17, element .*meetingdate: 31\/02\/2026 is not a real date; nothing was imported/,
      ],
      [
        ['moderngov', write('cut.xml', meetings.slice(0, meetings.indexOf('<meeting>')))],
        /cut\.xml: malformed XML: the file ends with <getmeetings>, <committee>.* not closed/,
      ],
      [['moderngov', write('agenda.xml', '<?xml version="1.0"?>\n<agenda><item/></agenda>')], /agenda\.xml: element <agenda>: unknown root element/],
      [
        ['moderngov', write('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]))],
        /photo\.png: this is a PNG image, not a text file/,
      ],
      [['moderngov', fixture('committees.xml'), join(dir, 'missing.xml')], /missing\.xml: cannot read it \(no such file\)/],
      [['tracker', write('bad.csv', 'Review,Recommendation\n"Libraries,That\n')], /bad\.csv: line 2: malformed CSV/],
      [['tracker', write('photo.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))], /photo\.csv: this is a PNG image/],
    ];
    for (const [args, message] of cases) {
      const result = await run(url, ['import', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(await counts()).toEqual(before);
    }
  });

  it('checks a tracker with --dry-run, reporting a bad row by line, and imports it when fixed', async () => {
    const before = await counts();
    const csv = (status: string) => `Rec No,Review,Recommendation,Owner,Status
1,Home to School Transport,That the policy is published.,Jane Smith,On track
2,Home to School Transport,That routes are reviewed.,Jane Smith,${status}
`;
    const path = join(dir, 'tracker.csv');
    writeFileSync(path, csv('Sort of'));
    const bad = await run(url, ['import', 'tracker', path, '--map', 'Owner=lead_officer', '--dry-run', '--body', 'Scrutiny Board']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${path}: line 3: status "Sort of" is not one of:`);
    expect(bad.stderr).toContain('1 bad row in');
    expect(await counts()).toEqual(before);

    writeFileSync(path, csv('Slipped'));
    const dry = await run(url, ['import', 'tracker', path, '--map', 'Owner=lead_officer', '--dry-run', '--body', 'Scrutiny Board']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('line 2: created: review "Home to School Transport" created; recommendation 1 created');
    expect(dry.stdout).toContain('Dry run: 2 rows: 2 created, 0 updated, 0 unchanged; nothing was written.');
    expect(await counts()).toEqual(before);

    const real = await run(url, ['import', 'tracker', path, '--map', 'Owner=lead_officer', '--body', 'Scrutiny Board']);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('Imported 2 rows: 2 created');
    expect((await counts()).recommendations).toBe(before['recommendations']! + 2);
  });
});
