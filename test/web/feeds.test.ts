// Feeds and files read back by independent parsers: ical.js for iCalendar, a feed parser for Atom, csv-parse for CSV.
import ICAL from 'ical.js';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { escapeText, foldLine } from '../../src/export/icalendar.ts';
import { guardCell } from '../../src/export/csv.ts';

let demo: DemoApp;

beforeAll(async () => {
  demo = await buildDemoApp();
  const r = createRepositories({ db: demo.database.db, clock: demo.services.clock });
  const ilsc = await r.organisations.findBySlug('improving-lives-select-commission');
  await r.meetings.create({
    slug: 'ilsc-2026-12-01',
    organisation_id: ilsc!.id,
    title: null,
    meeting_date: '2026-12-01',
    start_time: '10:00',
    starts_at: '2026-12-01T10:00:00.000Z',
    location: 'Town Hall, Moorgate Street; Rotherham, S60 2TH',
    status: 'cancelled',
    is_executive: 0,
    agenda_published_on: null,
    urgency_reason: null,
    source_system: 'moderngov',
    source_id: '4967',
  });
  await r.meetings.create({
    slug: 'ilsc-2026-07-14',
    organisation_id: ilsc!.id,
    title: '=HYPERLINK("http://evil.example")',
    meeting_date: '2026-07-14',
    start_time: '14:30',
    starts_at: null,
    location: null,
    status: 'scheduled',
    is_executive: 0,
    agenda_published_on: null,
    urgency_reason: null,
    source_system: null,
    source_id: null,
  });
});
afterAll(async () => demo?.close());

function calendarEvents(body: string) {
  const component = ICAL.Component.fromString(body);
  return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('iCalendar (RFC 5545)', () => {
  it('serves every meeting with stable UIDs, all-day when there is no start time', async () => {
    const response = await demo.app.inject({ url: '/meetings.ics', headers: { host: 'democracy.example.gov.uk' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { events } = calendarEvents(response.body);
    expect(events).toHaveLength(6);
    const cabinet = events.find((e) => e.summary.startsWith('Cabinet'))!;
    expect(cabinet.uid).toMatch(/^meeting-\d+@democracy\.example\.gov\.uk$/);
    expect(cabinet.startDate.isDate).toBe(true);
    expect(cabinet.startDate.toString()).toBe('2018-02-19');
    expect(cabinet.endDate.toString()).toBe('2018-02-20');

    const again = await demo.app.inject({ url: '/meetings.ics', headers: { host: 'democracy.example.gov.uk' } });
    expect(again.body).toBe(response.body);
  });

  it('gives timed meetings in Europe/London with a VTIMEZONE, and marks cancelled ones', async () => {
    const response = await demo.app.inject({ url: '/committees/improving-lives-select-commission/meetings.ics' });
    expect(response.statusCode).toBe(200);
    const { component, events } = calendarEvents(response.body);
    expect(events.map((e) => e.startDate.toString().slice(0, 10)).sort()).toEqual(['2018-03-13', '2026-07-14', '2026-12-01']);
    const timezone = component.getFirstSubcomponent('vtimezone')!;
    expect(timezone.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(new ICAL.Timezone(timezone));
    const cancelled = events.find((e) => e.startDate.toString().startsWith('2026-12-01'))!;
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.location).toBe('Town Hall, Moorgate Street; Rotherham, S60 2TH');
    // 10:00 in London on 1 December (GMT) is 10:00 UTC; 14:30 on 14 July (BST) is 13:30 UTC.
    expect(cancelled.startDate.toJSDate().toISOString()).toBe('2026-12-01T10:00:00.000Z');
    const summer = events.find((e) => e.startDate.toString().startsWith('2026-07-14'))!;
    expect(summer.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect(summer.startDate.zone.tzid).toBe('Europe/London');
    expect(summer.startDate.toJSDate().toISOString()).toBe('2026-07-14T13:30:00.000Z');
  });

  it('escapes and folds text as the RFC says', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'Children’s Services '.repeat(8)}`);
    expect(folded.split('\r\n ').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replaceAll('\r\n ', '')).toBe(`SUMMARY:${'Children’s Services '.repeat(8)}`);
  });

  it('is not found for an unknown committee', async () => {
    expect((await demo.app.inject({ url: '/committees/no-such-body/meetings.ics' })).statusCode).toBe(404);
  });
});

describe('Atom (RFC 4287)', () => {
  it('lists decisions with their resolutions', async () => {
    const response = await demo.app.inject({ url: '/decisions.atom' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(response.body);
    expect(feed.title).toBe('Decisions – Rotherham Metropolitan Borough Council');
    expect(feed.items).toHaveLength(2);
    const cabinet = feed.items.find((i) => i.title?.includes('Minute 109'))!;
    expect(cabinet.content).toContain('(2) That the response be referred to the next meeting of the Council on 28 February 2018');
    expect(cabinet.url).toMatch(/\/meetings\/cabinet-and-commissioners-decision-making-meeting-2018-02-19$/);
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(2);
  });

  it('lists the responses to recommendations, site-wide and per review', async () => {
    const site = parseFeed((await demo.app.inject({ url: '/recommendations.atom' })).body);
    expect(site.items).toHaveLength(5);
    expect(site.items.map((i) => i.title)).toContain(
      'Response to recommendation 3 of Alternative Management Arrangements for Children’s Services: Not accepted',
    );
    const response = await demo.app.inject({ url: '/reviews/alternative-management-arrangements-for-childrens-services/progress.atom' });
    const review = parseFeed(response.body);
    expect(review.title).toBe('Progress on recommendations – Alternative Management Arrangements for Children’s Services');
    expect(review.items.find((i) => i.title?.includes('recommendation 3'))!.content).toContain('Action by: Annual Participation.');
    expect((await demo.app.inject({ url: '/reviews/no-such-review/progress.atom' })).statusCode).toBe(404);
  });
});

describe('CSV', () => {
  it('serves meetings, decisions and recommendations that a CSV parser reads back', async () => {
    const meetings = await demo.app.inject({ url: '/meetings.csv' });
    expect(meetings.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(meetings.headers['content-disposition']).toBe('attachment; filename="meetings.csv"');
    const rows = parseCsv<Record<string, string>>(meetings.body, { bom: true, columns: true });
    expect(rows).toHaveLength(6);
    const evil = rows.find((r) => r.date === '2026-07-14')!;
    expect(evil.title).toBe('\'=HYPERLINK("http://evil.example")');
    expect(rows.find((r) => r.date === '2026-12-01')).toMatchObject({ status: 'Cancelled', source_system: 'moderngov', source_id: '4967' });

    const decisions = parseCsv<Record<string, string>>((await demo.app.inject({ url: '/decisions.csv' })).body, { bom: true, columns: true });
    expect(decisions.find((d) => d.minute_number === '109')!.resolution).toContain('(1) That the Cabinet’s response');
    expect(decisions.find((d) => d.date === '2018-02-28')).toMatchObject({ mover: 'Councillor Watson', seconder: 'Councillor Read' });

    const recs = parseCsv<Record<string, string>>((await demo.app.inject({ url: '/recommendations.csv' })).body, { bom: true, columns: true });
    expect(recs).toHaveLength(5);
    expect(recs.find((r) => r.number === '3')).toMatchObject({
      action_by: 'Annual Participation',
      response_decision: 'Not accepted',
      outcome: 'No longer relevant',
      reference: '2017/18-003',
      origin: 'Scrutiny review',
    });
  });

  it('guards every cell a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(bad)).toBe(`'${bad}`);
    expect(guardCell('Annual Participation')).toBe('Annual Participation');
  });
});

describe('links to feeds from the pages that list things', () => {
  it('puts alternate links in the head and visible links in the footer', async () => {
    const meetings = await demo.app.inject({ url: '/meetings' });
    expect(meetings.body).toContain('<link rel="alternate" type="text/calendar" href="/meetings.ics"');
    expect(meetings.body).toContain('href="/meetings.csv"');
    const review = await demo.app.inject({ url: '/reviews/alternative-management-arrangements-for-childrens-services' });
    expect(review.body).toContain('href="/reviews/alternative-management-arrangements-for-childrens-services/progress.atom"');
    const committee = await demo.app.inject({ url: '/committees/council' });
    expect(committee.body).toContain('href="/committees/council/meetings.ics"');
  });
});
