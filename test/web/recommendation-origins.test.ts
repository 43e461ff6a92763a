// The tracker page, its CSV, the API and the recommendations feed show every recommendation's reference and origin: the demo review's, and one a committee meeting's minute made (never one minuted on exempt business).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '../../src/domain/roles.ts';
import { Recommendation } from '../../src/web/api-schemas.ts';
import { paths } from '../../src/web/paths.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import * as make from '../support/factories.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { jsonOf } from '../support/json.ts';

const RECOMMENDS = 'That Cabinet publish the home care rates it pays.';
const EXEMPT = 'That Cabinet renegotiate with Provider Quokka.';
let demo: DemoApp;

function csvRows(body: string): Record<string, string>[] {
  return parse<Record<string, string>>(body.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true });
}

beforeAll(async () => {
  demo = await buildDemoApp();
  const { services } = demo;
  const user = await services.auth.addUser('system', {
    email: 'dso@example.org',
    name: 'Dee Ess',
    role: 'democratic_services',
    password: 'officer password 1',
  });
  const officer: Actor = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  const scrutiny = await make.body(demo.database, { slug: 'care-scrutiny', name: 'Care Scrutiny Panel', kind: 'scrutiny_committee' });
  const cabinet = await make.body(demo.database, { slug: 'the-cabinet', name: 'The Cabinet', kind: 'executive' });
  const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(scrutiny.id), meetingDate: '2026-11-18' });
  const open = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Home care rates' });
  const exempt = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Home care contract', exemptParagraph: '3' });
  await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'Recorded after the meeting' });
  for (const [item, words] of [
    [open.id, RECOMMENDS],
    [exempt.id, EXEMPT],
  ] as const) {
    const form = { title: 'Home care', agendaItemId: String(item), limb1Verb: 'recommended', limb1Text: words, limb1TargetOrganisationId: String(cabinet.id) };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
  }
}, 120_000);
afterAll(async () => demo.database.destroy());

describe('recommendations of every origin on the public outputs', () => {
  it('shows each recommendation’s reference and origin on the tracker, filtered by origin', async () => {
    const all = await demo.app.inject(paths.tracker());
    expect(all.body).toContain('2017/18-001: Scrutiny review');
    expect(all.body).toContain('Committee meeting, to The Cabinet');
    expect(all.body).not.toContain('Provider Quokka');
    const meetings = await demo.app.inject(paths.tracker({ origin: 'meeting' }));
    expect(meetings.body).toContain('Care Scrutiny Panel');
    expect(meetings.body).not.toContain('2017/18-001');
    expect((await demo.app.inject(paths.tracker({ origin: 'nonsense' }))).statusCode).toBe(400);
  });

  it('gives the CSV a reference and an origin column', async () => {
    const rows = csvRows((await demo.app.inject(paths.trackerCsv())).body);
    const made = rows.find((r) => r['Recommendation text'] === RECOMMENDS);
    expect(made).toMatchObject({ Origin: 'Committee meeting', Committee: 'Care Scrutiny Panel' });
    expect(made?.Reference).toMatch(/^2026\/27-\d{3}$/);
    expect(rows.find((r) => r.Reference === '2017/18-001')).toMatchObject({ Origin: 'Scrutiny review' });
    expect(rows.some((r) => (r['Recommendation text'] ?? '').includes('Quokka'))).toBe(false);
  });

  it('gives the API document its origin, reference and the minute that made it, and leaves the exempt one out', async () => {
    const list = jsonOf(await demo.app.inject(paths.api.collection('recommendations')), z.object({ data: z.array(Recommendation) }));
    const made = list.data.find((r) => r.text === RECOMMENDS);
    expect(made).toMatchObject({ origin: 'meeting', review_id: null, made_on: '2026-11-18' });
    expect(made?.reference).toMatch(/^2026\/27-\d{3}$/);
    expect(made?.made_by_minute_id).not.toBeNull();
    expect(list.data.find((r) => r.reference === '2017/18-001')).toMatchObject({ origin: 'review' });
    expect(JSON.stringify(list.data)).not.toContain('Quokka');
    expect((await demo.app.inject(paths.recommendationsFeed())).body).not.toContain('Quokka');
  });
});
