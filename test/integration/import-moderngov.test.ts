// Importing modern.gov responses on both engines: idempotent by source id, faithful to the files, restricted items kept private.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { IsoDate } from '../../src/domain/iso-date.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ImportInputError } from '../../src/services/import-service.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const FIXTURES = new URL('../fixtures/moderngov/', import.meta.url);
const NAMES = ['committees.xml', 'meetings.xml', 'meeting_4967.xml', 'councillors_by_ward.xml'];

function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) };
}

function edited(name: string, change: (xml: string) => string, as = name): { name: string; bytes: Uint8Array } {
  return { name: as, bytes: new TextEncoder().encode(change(readFileSync(new URL(name, FIXTURES), 'utf8'))) };
}

const TABLES = ['organisations', 'people', 'memberships', 'meetings', 'agenda_items', 'documents', 'minutes', 'attendance'] as const;

async function snapshot(handle: TestDb) {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) result[table] = await handle.db.selectFrom(table).selectAll().orderBy('id').execute();
  return result;
}

async function counts(handle: TestDb) {
  const s = await snapshot(handle);
  return Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.length]));
}

describe.each(testDialects())('modern.gov import on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;

  beforeEach(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-03-01T12:00:00Z') });
  });
  afterEach(async () => handle?.destroy());

  it('imports the four files twice and holds the same records as after once', async () => {
    // Given in an awkward order: the importer sorts them so each can refer to the ones before.
    const files = [NAMES[2]!, NAMES[3]!, NAMES[1]!, NAMES[0]!].map(fixture);
    const first = await services.imports.moderngovFiles(files, { councilName: 'Senedd Cymru' });
    expect(first.tally.created).toMatchObject({ committees: 3, meetings: 2, 'agenda items': 2, documents: 2, 'terms of office': 12 });
    const once = await snapshot(handle);
    const second = await services.imports.moderngovFiles(NAMES.map(fixture), { councilName: 'Senedd Cymru' });
    expect(second.tally.created).toEqual({});
    expect(second.tally.updated).toEqual({});
    expect(await snapshot(handle)).toEqual(once);
    expect(once.meetings).toHaveLength(2);
    expect(once.people).toHaveLength(6);
  });

  it('holds the Audit Committee meeting 4967 as its files say, and 4966 as cancelled', async () => {
    await services.imports.moderngovFiles(NAMES.map(fixture));
    const audit = await handle.db.selectFrom('organisations').selectAll().where('source_id', '=', '144').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ name: 'Audit Committee', source_system: 'moderngov', category: 'Governance and Decision Making Committees', is_active: 1 });
    const expired = await handle.db.selectFrom('organisations').selectAll().where('source_id', '=', '312').executeTakeFirstOrThrow();
    expect(expired.is_active).toBe(0);

    const meeting = await handle.db.selectFrom('meetings').selectAll().where('source_id', '=', '4967').executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({
      organisation_id: audit.id,
      meeting_date: '2026-02-10',
      start_time: '10:00',
      status: 'confirmed',
      // 10.00 am in February is GMT: the same instant in UTC.
      starts_at: '2026-02-10T10:00:00.000Z',
      location: 'Council Antechamber, Level 2, Town Hall Extension',
    });
    const page = await services.meetings.bySlug(meeting.slug);
    expect(page.agenda.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Minutes'],
      ['9', 'Work Programme'],
    ]);
    expect(page.agenda[0]!.description).toBe('To approve as a correct record the minutes of the meeting held on 25 November 2025.');
    for (const item of page.agenda) expect(item.description).not.toMatch(/[<>]|&[a-z]+;/);
    expect(page.agenda[1]!.minutes[0]?.body).toContain('future Work Programme for the remainder of 2025/26 municipal year');
    expect(page.agenda.map((i) => i.documents.map((d) => d.url))).toEqual([
      ['https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60860'],
      ['https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60909'],
    ]);
    expect(page.agenda[0]!.documents[0]).toMatchObject({ kind: 'minutes', source_system: 'moderngov', source_id: '60860', published_on: '2026-02-02' });
    expect(page.attendance).toHaveLength(1);
    expect(page.attendance[0]).toMatchObject({ name: 'Basil Curley', role: 'Committee Member', status: 'expected' });
    const curley = await handle.db.selectFrom('people').selectAll().where('id', '=', page.attendance[0]!.person_id!).executeTakeFirstOrThrow();
    expect(curley).toMatchObject({ honorific: 'Councillor', party: 'LAB', ward: 'Charlestown', source_id: '192' });

    const cancelled = await handle.db.selectFrom('meetings').selectAll().where('source_id', '=', '4966').executeTakeFirstOrThrow();
    expect(cancelled).toMatchObject({ status: 'cancelled', meeting_date: '2026-01-13', organisation_id: audit.id });
  });

  it('gives Senedd members their wards, parties, key posts and terms of office, open-ended when "unspecified"', async () => {
    await services.imports.moderngovFiles([fixture('councillors_by_ward.xml')], { councilName: 'Senedd Cymru' });
    const people = await handle.db.selectFrom('people').selectAll().orderBy('source_id').execute();
    expect(people.map((p) => p.name).sort()).toEqual(['Andrew RT Davies MS', 'David Melding MS', 'Gareth Bennett MS', 'Neil McEvoy MS', 'Vaughan Gething MS']);
    const gething = people.find((p) => p.source_id === '249')!;
    expect(gething).toMatchObject({
      kind: 'councillor',
      ward: 'CARDIFF SOUTH AND PENARTH',
      party: 'Welsh Labour and Co-operative Party',
      job_title: 'Minister for Health and Social Services',
      email: 'Vaughan.Gething@senedd.wales',
      source_system: 'moderngov',
    });
    // Members for a region sit under "No Ward" with their region as the district.
    expect(people.find((p) => p.source_id === '143')).toMatchObject({ ward: 'SOUTH WALES CENTRAL', party: 'Welsh Conservative Party', job_title: null });
    const council = await handle.db.selectFrom('organisations').selectAll().where('kind', '=', 'council').executeTakeFirstOrThrow();
    expect(council.name).toBe('Senedd Cymru');
    const terms = await handle.db.selectFrom('memberships').selectAll().where('person_id', '=', gething.id).orderBy('starts_on').execute();
    expect(terms.map((t) => [t.organisation_id, t.role, t.starts_on, t.ends_on])).toEqual([
      [council.id, 'member', '2011-05-06', '2016-04-05'],
      [council.id, 'member', '2016-05-06', null],
    ]);
    const melding = people.find((p) => p.source_id === '169')!;
    expect(await handle.db.selectFrom('memberships').select('id').where('person_id', '=', melding.id).execute()).toHaveLength(5);
  });

  it('keeps restricted items and documents private: number and title only, and "Restricted"', async () => {
    const restricted = edited('meeting_4967.xml', (xml) =>
      xml
        .replace(
          '<isrestricted>False</isrestricted>\n      <isdisplayallowed>True</isdisplayallowed>\n      <meetingdate>10/02/2026</meetingdate>\n      <meetingtime>10.00 am</meetingtime>\n      <minutesitemnumber>9</minutesitemnumber>',
          '<isrestricted>True</isrestricted>\n      <isdisplayallowed>True</isdisplayallowed>\n      <meetingdate>10/02/2026</meetingdate>\n      <meetingtime>10.00 am</meetingtime>\n      <minutesitemnumber>9</minutesitemnumber>',
        )
        // A restricted document on an open item.
        .replace('<isrestricted>False</isrestricted>\n          <restrictionsRef>', '<isrestricted>True</isrestricted>\n          <restrictionsRef>'),
    );
    expect(new TextDecoder().decode(restricted.bytes).match(/<isrestricted>True/g)).toHaveLength(2);
    await services.imports.moderngovFiles([fixture('committees.xml'), fixture('meetings.xml'), restricted]);

    const items = await handle.db.selectFrom('agenda_items').selectAll().orderBy('position').execute();
    expect(items.map((i) => [i.is_restricted, i.is_confidential])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const meeting = await handle.db.selectFrom('meetings').selectAll().where('source_id', '=', '4967').executeTakeFirstOrThrow();
    const view = await services.meetings.bySlug(meeting.slug);
    expect(view.agenda[1]).toMatchObject({ number: '9', title: 'Work Programme', withheld: true, description: null, documents: [] });
    expect(view.agenda[1]!.minutes[0]?.body ?? null).toBeNull();
    expect(view.agenda[0]!.documents).toEqual([]);

    const app = await buildApp({ services });
    try {
      const response = await app.inject(paths.meeting(meeting.slug));
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Work Programme');
      expect(response.body).toContain('Restricted');
      expect(response.body).not.toContain('Governance and Scrutiny Support Unit');
      expect(response.body).not.toContain('DRAFT WP');
      expect(response.body).not.toContain('CHAIR APPROVED');
      // The open item's own text is still there.
      expect(response.body).toContain('To approve as a correct record');
    } finally {
      await app.close();
    }
  });

  it('reads doubly-escaped text, blank and missing elements', async () => {
    const odd = edited('meeting_4967.xml', (xml) =>
      xml
        .replace('<agendaitemtitle>Work Programme</agendaitemtitle>', '<agendaitemtitle>Work Programme &amp;amp; Forward Plan</agendaitemtitle>')
        .replace(
          /<agendatext>&lt;div class="WordSection1"&gt;\n&lt;p class="MsoNormal"&gt;&lt;span style=""&gt;The report/,
          '<agendatext>&amp;lt;p&amp;gt;The report',
        )
        .replace('<meetinglocation>Council Antechamber, Level 2, Town Hall Extension</meetinglocation>', '<meetinglocation>  </meetinglocation>')
        .replace(
          /<isrestricted>False<\/isrestricted>\n\s*<isdisplayallowed>True<\/isdisplayallowed>\n\s*<meetingdate>10\/02\/2026<\/meetingdate>\n\s*<meetingtime>10.00 am<\/meetingtime>\n\s*<minutesitemnumber>1</,
          '<minutesitemnumber>1<',
        ),
    );
    const xml = new TextDecoder().decode(odd.bytes);
    expect(xml).toContain('<agendatext>&amp;lt;p&amp;gt;The report');
    expect(xml.match(/<isrestricted>/g)).toHaveLength(3);
    await services.imports.moderngovFiles([fixture('meetings.xml'), odd]);
    const items = await handle.db.selectFrom('agenda_items').selectAll().orderBy('position').execute();
    expect(items[0]!.is_restricted).toBe(0);
    expect(items[1]!.title).toBe('Work Programme & Forward Plan');
    expect(items[1]!.description).toMatch(/^The report of the Governance/);
    expect(items[1]!.description).not.toMatch(/[<>]|&[a-z]+;/);
    const meeting = await handle.db.selectFrom('meetings').selectAll().where('source_id', '=', '4967').executeTakeFirstOrThrow();
    expect(meeting.location).toBeNull();
  });

  it('keeps two councils apart with --source prefixes', async () => {
    await services.imports.moderngovFiles([fixture('committees.xml')], { source: 'manchester' });
    await services.imports.moderngovFiles([fixture('committees.xml')], { source: 'salford' });
    const rows = await handle.db.selectFrom('organisations').select(['source_id', 'slug']).where('name', '=', 'Audit Committee').orderBy('id').execute();
    expect(rows).toEqual([
      { source_id: 'manchester:144', slug: 'audit-committee' },
      { source_id: 'salford:144', slug: 'audit-committee-2' },
    ]);
  });

  it('refuses bad input, naming the file, element and reason, and leaves the database as it was', async () => {
    await services.imports.moderngovFiles([fixture('committees.xml')]);
    const before = await snapshot(handle);
    const cases: [{ name: string; bytes: Uint8Array }, RegExp][] = [
      [
        edited('meetings.xml', (x) => x.replace('10/02/2026', '31/02/2026')),
        /meetings\.xml: line 17, element getmeetings\/committee\[1\]\/committeemeetings\/meeting\[2\]\/meetingdate: 31\/02\/2026 is not a real date/,
      ],
      [edited('meetings.xml', (x) => x.replace('</committeemeetings>', '')), /meetings\.xml: line \d+, column \d+: malformed XML/],
      [edited('meetings.xml', (x) => x.replace(/getmeetings>/g, 'getagenda>')), /element <getagenda>: unknown root element/],
      [
        { name: 'logo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
        /logo\.png: this is a PNG image, not a text file/,
      ],
      [edited('meetings.xml', (x) => x.replace('10.00 am</meetingtime>', '25.00 pm</meetingtime>')), /meetingtime: "25\.00 pm" is not a time/],
    ];
    for (const [bad, message] of cases) {
      // A good file alongside the bad one is not written either: every file is checked first.
      const attempt = services.imports.moderngovFiles([fixture('councillors_by_ward.xml'), bad]);
      await expect(attempt).rejects.toBeInstanceOf(ImportInputError);
      await expect(services.imports.moderngovFiles([fixture('councillors_by_ward.xml'), bad])).rejects.toThrow(message);
      expect(await snapshot(handle)).toEqual(before);
    }
    // A meeting whose committee was never imported cannot be placed: refused before anything is written.
    const empty = await createTestDb(dialect);
    try {
      const fresh = createServices({ database: empty, clock: fixedClock('2026-03-01T12:00:00Z') });
      await expect(fresh.imports.moderngovFiles([fixture('councillors_by_ward.xml'), fixture('meeting_4967.xml')])).rejects.toThrow(
        /meeting 4967 is not known and no committee called "Audit Committee" has been imported/,
      );
      expect(await counts(empty)).toMatchObject({ people: 0, meetings: 0 });
    } finally {
      await empty.destroy();
    }
  });
});

describe.each(testDialects())('modern.gov import from a site (--url) on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-03-01T12:00:00Z') });
    // A stand-in for the council's web service on this machine, answering with the saved responses.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(`${url.pathname}${url.search}`);
      const method = url.pathname.replace('/mgWebService.asmx/', '');
      let body: string | null = null;
      if (method === 'GetCommittees') body = readFileSync(new URL('committees.xml', FIXTURES), 'utf8');
      if (method === 'GetMeetings') {
        body =
          url.searchParams.get('lCommitteeId') === '144'
            ? readFileSync(new URL('meetings.xml', FIXTURES), 'utf8')
            : '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings><meetingscount> 0</meetingscount></getmeetings>';
      }
      if (method === 'GetMeeting' && url.searchParams.get('lMeetingId') === '4967') body = readFileSync(new URL('meeting_4967.xml', FIXTURES), 'utf8');
      if (method === 'GetCouncillorsByWard') body = readFileSync(new URL('councillors_by_ward.xml', FIXTURES), 'utf8');
      res.writeHead(body === null ? 404 : 200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await handle?.destroy();
  });

  it('fetches committees, their meetings, each meeting not cancelled and the councillors, keyed by the site', async () => {
    const progress: number[] = [];
    const run = () =>
      services.imports.moderngovSite(base, {
        from: '2025-05-01' as IsoDate,
        to: '2026-04-30' as IsoDate,
        onProgress: (p) => progress.push(p.done),
      });
    const result = await run();
    expect(requests).toEqual([
      '/mgWebService.asmx/GetCommittees',
      '/mgWebService.asmx/GetMeetings?lCommitteeId=312&sFromDate=01%2F05%2F2025&sToDate=30%2F04%2F2026',
      '/mgWebService.asmx/GetMeetings?lCommitteeId=163&sFromDate=01%2F05%2F2025&sToDate=30%2F04%2F2026',
      '/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01%2F05%2F2025&sToDate=30%2F04%2F2026',
      '/mgWebService.asmx/GetMeeting?lMeetingId=4967',
      '/mgWebService.asmx/GetCouncillorsByWard',
    ]);
    expect(result.units).toHaveLength(6);
    expect(progress.at(-1)).toBe(6);
    const host = new URL(base).host;
    const meeting = await handle.db.selectFrom('meetings').selectAll().where('source_id', '=', `${host}:4967`).executeTakeFirstOrThrow();
    expect(meeting.location).toBe('Council Antechamber, Level 2, Town Hall Extension');
    expect(await handle.db.selectFrom('agenda_items').select('source_id').orderBy('position').execute()).toEqual([
      { source_id: `${host}:18831` },
      { source_id: `${host}:18833` },
    ]);
    expect(await handle.db.selectFrom('people').select('id').execute()).toHaveLength(6);

    const once = await snapshot(handle);
    await run();
    expect(await snapshot(handle)).toEqual(once);
  });
});
