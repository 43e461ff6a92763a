// A called-in decision as every public record shows it: the API's call-ins (paginated, in the OpenAPI document) and decision documents, /call-ins.atom, /decisions.atom, the decision paper and the forward-plan entry; a call-in of exempt business on none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { CallIn, Decision } from '../../src/web/api-schemas.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { mainText } from '../support/page-text.ts';
import { jsonOf } from '../support/json.ts';
import * as factories from '../support/factories.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { workspaceClient } from '../support/workspace-client.ts';

const actor = { userId: 1, email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services' as const, personId: null };
const CallInPage = z.object({ data: z.array(CallIn), links: z.object({ self: z.string(), next: z.string().nullable() }) });

let app: FastifyInstance;
let database: TestDb;
let services: Services;
let meetingSlug: string;
let entrySlug: string;
const resolutions: number[] = [];
const callIns: number[] = [];

beforeAll(async () => {
  database = await createTestDb('sqlite');
  // Thursday 5 March 2026.
  services = createServices({ database, clock: fixedClock('2026-03-05T10:00:00Z') });
  app = await buildApp({ services, signInRateLimit: 1000 });
  const cabinet = await factories.body(database, { name: 'Cabinet', kind: 'executive' });
  const board = await factories.body(database, { name: 'Scrutiny Board', kind: 'scrutiny_committee' });
  const councillors: number[] = [];
  for (const name of ['Ash', 'Birch', 'Cedar', 'Elm', 'Fir']) {
    const p = await factories.person(database, { name: `Councillor ${name}` });
    await factories.membership(database, { person_id: p.id, organisation_id: board.id });
    councillors.push(p.id);
  }
  const entry = await factories.forwardPlanEntry(database, { organisation_id: cabinet.id, title: 'Library closures', is_key_decision: 1 });
  entrySlug = entry.slug;
  const meeting = await factories.meeting(database, { organisation_id: cabinet.id, meeting_date: '2026-03-04', is_executive: 1, status: 'scheduled' });
  meetingSlug = meeting.slug;
  const items = [
    await factories.agendaItem(database, { meeting_id: meeting.id, title: 'Library closures', position: 1, number: '1', forward_plan_entry_id: entry.id }),
    await factories.agendaItem(database, { meeting_id: meeting.id, title: 'Bus lanes', position: 2, number: '2' }),
    await factories.agendaItem(database, { meeting_id: meeting.id, title: 'Land sale', position: 3, number: '3', exempt_paragraph: 3 }),
  ];
  const minuteTitles = ['Library closures', 'Bus lanes', 'Sale of the Quayside site'];
  for (const [i, item] of items.entries()) {
    const title = minuteTitles[i] ?? '';
    const limbs = {
      limbs: [{ verb: 'approved', text: `That the ${title} proposal be approved.`, targetOrganisationId: null, targetMeetingId: null }],
      errors: [],
    };
    const minute = await services.meetingWorkspace.addMinute(actor, meeting.id, { title, agendaItemId: String(item.id) }, limbs);
    const resolution = await database.db.selectFrom('resolutions').select('id').where('minute_id', '=', minute.id).executeTakeFirstOrThrow();
    resolutions.push(resolution.id);
    const created = await services.callIns.lodge(actor, resolution.id, {
      'receivedOn-day': '5',
      'receivedOn-month': '3',
      'receivedOn-year': '2026',
      grounds: i === 2 ? 'The Zephyr sale is undervalued.' : 'Users were not consulted.',
      ...Object.fromEntries(councillors.map((id) => [`councillor-${id}`, '1'])),
    });
    await services.callIns.check(actor, created.id, { verdict: 'accepted', reason: 'Valid under rule 16.', version: String(created.version) });
    callIns.push(created.id);
  }
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('the API', () => {
  it('pages the public call-ins and never holds one of exempt business', async () => {
    const visitor = workspaceClient(app);
    const first = jsonOf(await visitor.get(`${paths.api.collection('call-ins')}?limit=1`), CallInPage);
    expect(first.data.map((c) => c.decision_title)).toEqual(['Cabinet, Minute 1: Library closures']);
    expect(first.data[0]).toMatchObject({ status: 'accepted', held: true, received_on: '2026-03-05', checked_on: '2026-03-05', hearing_by: '2026-03-19' });
    expect(first.data[0]?.councillors.map((c) => c.name)).toContain('Councillor Elm');
    const second = jsonOf(await visitor.get(first.links.next ?? ''), CallInPage);
    expect(second.data.map((c) => c.decision_title)).toEqual(['Cabinet, Minute 2: Bus lanes']);
    expect(second.links.next).toBeNull();
    expect((await visitor.get(paths.api.item('call-ins', callIns[2] ?? 0))).statusCode).toBe(404);
    const one = jsonOf(await visitor.get(paths.api.item('call-ins', callIns[0] ?? 0)), z.object({ data: CallIn }));
    expect(one.data.summary).toBe('Called in on 5 March 2026 — implementation held until the scrutiny committee has considered it.');
    expect(JSON.stringify(await visitor.get(paths.api.collection('call-ins')))).not.toContain('Zephyr');
  });

  it('describes the collection in the OpenAPI document', async () => {
    const document = JSON.parse((await workspaceClient(app).get(paths.api.openapi())).body) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/call-ins', '/api/v1/call-ins/{id}']));
  });

  it('shows the hold in the decision’s document', async () => {
    const decision = jsonOf(await workspaceClient(app).get(paths.api.item('decisions', resolutions[0] ?? 0)), z.object({ data: Decision }));
    expect(decision.data.is_key_decision).toBe(true);
    expect(decision.data.call_ins).toEqual([
      expect.objectContaining({ status: 'accepted', held: true, summary: expect.stringContaining('implementation held') as string }),
    ]);
  });
});

describe('feeds and pages', () => {
  it('gives each step of each public call-in as an Atom entry, newest first, linked from /call-ins', async () => {
    const visitor = workspaceClient(app);
    const feed = await visitor.get(paths.callInsFeed());
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    const titles = [...feed.body.matchAll(/<entry>[\s\S]*?<title[^>]*>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Cabinet, Minute 2: Bus lanes – Accepted by the proper officer: implementation held',
      'Cabinet, Minute 2: Bus lanes – Call-in notice received from 5 councillors',
      'Cabinet, Minute 1: Library closures – Accepted by the proper officer: implementation held',
      'Cabinet, Minute 1: Library closures – Call-in notice received from 5 councillors',
    ]);
    expect(feed.body).not.toContain('Zephyr');
    expect((await visitor.get(paths.callIns())).body).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/call-ins.atom"/);
  });

  it('shows the hold in /decisions.atom, on the decision paper and on the forward-plan entry', async () => {
    const visitor = workspaceClient(app);
    const decisions = (await visitor.get(paths.decisionsFeed())).body;
    expect(decisions).toContain('Called in on 5 March 2026 — implementation held');
    expect(decisions).not.toContain('Zephyr');
    const paper = mainText((await visitor.get(paths.papers.decision(meetingSlug, resolutions[0] ?? 0, 'print'))).body);
    expect(paper).toContain('Called in on 5 March 2026 — implementation held');
    const exemptPaper = (await visitor.get(paths.papers.decision(meetingSlug, resolutions[2] ?? 0, 'print'))).body;
    expect(exemptPaper).not.toContain('Called in');
    const entry = mainText((await visitor.get(paths.forwardPlanEntry(entrySlug))).body);
    expect(entry).toContain('Called in on 5 March 2026 — implementation held until the scrutiny committee has considered it.');
    const meeting = mainText((await visitor.get(paths.meeting(meetingSlug))).body);
    expect(meeting).toContain('Called in on 5 March 2026 — implementation held');
  });
});
