// A large modern.gov agenda on both engines: written in a few statements a file, yet a re-import changes nothing, restricted items stay out of search, and a file that fails leaves nothing.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const FIXTURES = new URL('../fixtures/moderngov/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const file = (name: string, xml: string) => ({ name, bytes: new TextEncoder().encode(xml) });

/** More agenda items than one lookup query takes (500), every seventh restricted, papers sharing titles. */
const ITEMS = 620;

/**
 * GetMeeting for meeting 4967 with ITEMS agenda items made from the response's own first item: each
 * with its own ids, title, minutes and paper; the papers' titles repeat, so their slugs must be told apart.
 */
function largeMeeting(): { name: string; bytes: Uint8Array } {
  const xml = read('meeting_4967.xml');
  const start = xml.indexOf('<agendaitem>');
  const end = xml.indexOf('</agendaitem>') + '</agendaitem>'.length;
  const template = xml.slice(start, end);
  const items = Array.from({ length: ITEMS }, (_, i) =>
    template
      .replace('<agendaitemid>18831<', `<agendaitemid>${500_000 + i}<`)
      .replace('<attachmentid>60860<', `<attachmentid>${700_000 + i}<`)
      .replace('<agendaitemtitle>Minutes<', `<agendaitemtitle>Item ${i + 1} on the budget<`)
      .replace('<agendaitemnumber>4<', `<agendaitemnumber>${i + 1}<`)
      .replace('<fulldisplaynumberformat>1.<', `<fulldisplaynumberformat>${i + 1}.<`)
      .replace('<minutesitemnumber>1<', `<minutesitemnumber>${i + 1}<`)
      .replace('<title>6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025<', `<title>Budget report part ${i % 5}<`)
      .replaceAll('<isrestricted>False<', i % 7 === 6 ? '<isrestricted>True<' : '<isrestricted>False<'),
  );
  return file('meeting_4967.xml', `${xml.slice(0, start)}${items.join('\n    ')}${xml.slice(xml.lastIndexOf('</agendaitem>') + '</agendaitem>'.length)}`);
}

const TABLES = ['organisations', 'people', 'memberships', 'meetings', 'agenda_items', 'documents', 'minutes', 'attendance', 'search_documents'] as const;

async function snapshot(handle: TestDb) {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) result[table] = await handle.db.selectFrom(table).selectAll().orderBy('id').execute();
  return result;
}

describe.each(testDialects())('a large modern.gov import on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  const base = () => [file('committees.xml', read('committees.xml')), file('meetings.xml', read('meetings.xml'))];

  beforeEach(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-03-01T12:00:00Z') });
  });
  afterEach(async () => handle?.destroy());

  it('writes every item, minute and paper of a large agenda, keeps restricted ones out of search, and changes nothing when run again', async () => {
    const steps: number[] = [];
    const first = await services.imports.moderngovFiles([...base(), largeMeeting()], { onProgress: (p) => steps.push(p.done) });
    expect(first.tally.created).toMatchObject({ meetings: 2, 'agenda items': ITEMS, minutes: ITEMS, documents: ITEMS, people: 1, attendees: 1 });
    // The progress line still moves item by item to the whole: three committees, the committee and its two
    // meetings of GetMeetings, the meeting and its items.
    expect(Math.max(...steps)).toBe(3 + 3 + 1 + ITEMS);

    const items = await handle.db.selectFrom('agenda_items').select(['position', 'title', 'is_confidential']).orderBy('position').execute();
    expect(items).toHaveLength(ITEMS);
    expect(items[0]).toEqual({ position: 1, title: 'Item 1 on the budget', is_confidential: 0 });
    expect(items[6]).toEqual({ position: 7, title: 'Item 7 on the budget', is_confidential: 1 });
    const slugs = await handle.db.selectFrom('documents').select('slug').orderBy('id').execute();
    expect(new Set(slugs.map((d) => d.slug)).size).toBe(ITEMS);
    expect(slugs.slice(0, 6).map((d) => d.slug)).toEqual([
      'budget-report-part-0',
      'budget-report-part-1',
      'budget-report-part-2',
      'budget-report-part-3',
      'budget-report-part-4',
      'budget-report-part-0-2',
    ]);

    const indexed = await handle.db.selectFrom('search_documents').select(['kind', 'title']).where('kind', '=', 'agenda_item').execute();
    expect(indexed).toHaveLength(ITEMS - Math.floor(ITEMS / 7));
    expect(indexed.map((r) => r.title)).not.toContain('Item 7 on the budget');
    const searched = await services.search.search({ q: 'Item 14 on the budget' });
    expect(searched.hits).toEqual([]);
    expect((await services.search.search({ q: 'Item 13 on the budget' })).hits.map((h) => h.title)).toContain('Item 13 on the budget');

    const once = await snapshot(handle);
    const again = await services.imports.moderngovFiles([...base(), largeMeeting()]);
    expect(again.tally.created).toEqual({});
    expect(again.tally.updated).toEqual({});
    expect(again.tally.unchanged).toMatchObject({ 'agenda items': ITEMS, minutes: ITEMS, documents: ITEMS });
    expect(await snapshot(handle)).toEqual(once);
  });

  it('leaves nothing of a file whose transaction fails, and a rerun then carries on', async () => {
    let written = 0;
    const failing = createServices({
      database: handle,
      clock: fixedClock('2026-03-01T12:00:00Z'),
      // The third file (the meeting, after the committees and the meetings) fails just before it commits.
      pipelineObserver: (stage) => (stage === 'indexed' && ++written === 3 ? Promise.reject(new Error('the disk is full')) : Promise.resolve()),
    });
    await expect(failing.imports.moderngovFiles([...base(), largeMeeting()])).rejects.toThrow('the disk is full');

    expect(await handle.db.selectFrom('meetings').select('id').execute()).toHaveLength(2);
    for (const table of ['agenda_items', 'documents', 'minutes', 'attendance'] as const) {
      expect(await handle.db.selectFrom(table).select('id').execute(), table).toHaveLength(0);
    }
    expect(await handle.db.selectFrom('people').select('id').execute()).toHaveLength(0);
    expect(await handle.db.selectFrom('search_documents').select('id').where('kind', 'in', ['agenda_item', 'document', 'minute']).execute()).toHaveLength(0);
    const events = await handle.db.selectFrom('audit_events').select('after_json').where('actor', '=', 'import:moderngov').execute();
    expect(events.map((e) => JSON.parse(e.after_json ?? '{}') as { file: string }).map((e) => e.file)).toEqual(['committees.xml', 'meetings.xml']);

    const rerun = await services.imports.moderngovFiles([...base(), largeMeeting()]);
    expect(rerun.tally.created).toMatchObject({ 'agenda items': ITEMS, documents: ITEMS, minutes: ITEMS });
    expect(rerun.tally.created).not.toHaveProperty('meetings');
  });
});
