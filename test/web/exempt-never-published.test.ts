// Marked text planted in exempt, confidential and restricted records never leaves through search, the API, the feeds or the CSV files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { API_RESOURCES } from '../../src/web/api-schemas.ts';

const MARKER = 'EXEMPT-MARKER-7731';
let demo: DemoApp;

beforeAll(async () => {
  demo = await buildDemoApp();
  const r = createRepositories({ db: demo.database.db, clock: demo.services.clock });
  const cabinet = await r.meetings.findBySlug('cabinet-and-commissioners-decision-making-meeting-2018-02-19');
  const base = { meeting_id: cabinet!.id, report_of: null, urgency_reason: null, issue_id: null, source_system: null, source_id: null };
  // The title of an exempt item is public (the agenda names it); everything else about it is not.
  const exempt = await r.meetings.createAgendaItem({
    ...base,
    position: 2,
    number: '2',
    title: 'Exclusion of the press and public',
    description: `Item text ${MARKER}`,
    exempt_paragraph: 3,
  });
  const confidential = await r.meetings.createAgendaItem({
    ...base,
    position: 3,
    number: '3',
    title: 'Confidential item',
    description: `Confidential ${MARKER}`,
    exempt_paragraph: null,
    is_confidential: 1,
  });
  const restricted = await r.meetings.createAgendaItem({
    ...base,
    position: 4,
    number: '4',
    title: 'Restricted item',
    description: `Restricted ${MARKER}`,
    exempt_paragraph: null,
    is_restricted: 1,
  });
  for (const item of [exempt, confidential, restricted]) {
    const minute = await r.minutes.createMinute({
      organisation_id: cabinet!.organisation_id,
      meeting_id: cabinet!.id,
      agenda_item_id: item.id,
      number: 200 + item.position,
      municipal_year: 2017,
      title: `Minute ${MARKER}`,
      body: `Minute body ${MARKER}`,
      further_to_minute_id: null,
    });
    const resolution = await r.minutes.createResolution({
      minute_id: minute.id,
      mover_name: null,
      mover_person_id: null,
      seconder_name: null,
      seconder_person_id: null,
      votes_for: null,
      votes_against: null,
      votes_abstained: null,
      published_on: null,
      reasons: `Reasons ${MARKER}`,
      alternatives: null,
      conflicts: null,
      dispensation: null,
    });
    await r.minutes.createLimb({ resolution_id: resolution.id, number: 1, verb: 'approved', text: `That ${MARKER} be approved.` });
  }
  const doc = {
    kind: 'report',
    meeting_id: cabinet!.id,
    review_id: null,
    url: null,
    file_name: null,
    media_type: null,
    byte_size: null,
    page_count: null,
    storage_key: null,
    text_content: `Document text ${MARKER}`,
    published_on: null,
    source_system: null,
    source_id: null,
  };
  await r.documents.create({ ...doc, slug: 'exempt-report', title: `Exempt report ${MARKER}`, agenda_item_id: null, exempt_paragraph: 1 });
  await r.documents.create({ ...doc, slug: 'report-on-exempt-item', title: `Report ${MARKER}`, agenda_item_id: exempt.id, exempt_paragraph: null });
  await r.documents.create({
    ...doc,
    slug: 'restricted-report',
    title: `Restricted report ${MARKER}`,
    agenda_item_id: null,
    exempt_paragraph: null,
    is_restricted: 1,
  });
  await demo.services.searchIndex.reindexAll();
});
afterAll(async () => demo?.close());

async function body(url: string): Promise<string> {
  const response = await demo.app.inject({ url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

describe('exempt text', () => {
  it('never appears in search results', async () => {
    for (const q of ['marker', 'exempt marker', 'restricted', 'confidential', 'approved', 'report', 'reasons']) {
      expect(await body(`/search?q=${encodeURIComponent(q)}`), q).not.toContain('7731');
    }
    // Searching for the marker itself finds nothing (the page echoes only what was typed).
    for (const q of [MARKER, '7731']) {
      expect(await body(`/search?q=${encodeURIComponent(q)}`), q).toContain(`There are no results for “${q}”`);
    }
  });

  it('never appears in any API response', async () => {
    const bodies = [await body('/api/v1'), await body('/api/v1/openapi.json')];
    for (const name of Object.keys(API_RESOURCES)) {
      const list = await body(`/api/v1/${name}?limit=200`);
      bodies.push(list);
      for (const record of (JSON.parse(list) as { data: { links: { self: string } }[] }).data) bodies.push(await body(record.links.self));
    }
    expect(bodies.length).toBeGreaterThan(40);
    for (const text of bodies) expect(text).not.toContain('7731');
    // The exempt item is on the agenda by number and title, marked withheld.
    expect(bodies.join('\n')).toContain('"title":"Exclusion of the press and public","withheld":true,"exempt_paragraph":3,"description":null');
  });

  it('never appears in a feed or a CSV file', async () => {
    const urls = [
      '/meetings.ics',
      '/committees/cabinet-and-commissioners-decision-making-meeting/meetings.ics',
      '/decisions.atom',
      '/recommendations.atom',
      '/reviews/alternative-management-arrangements-for-childrens-services/progress.atom',
      '/meetings.csv',
      '/decisions.csv',
      '/recommendations.csv',
    ];
    for (const url of urls) expect(await body(url), url).not.toContain('7731');
  });
});
