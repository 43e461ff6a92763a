// The work programme's pages in-process, from a database built through the workspace alone: the public suggestion form (400 naming each field, nothing written), moderation, the officer's steps, and what the public page, CSV, calendar and paper then show, never a suggester's email nor an exempt topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';
import { listOf, one, WorkProgrammeTopic } from '../../src/web/api-schemas.ts';
import { jsonOf } from '../support/json.ts';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let c: LifecycleCase;
let clerk: WorkspaceClient;
let committeeSlug = '';
let meetingId = 0;

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const topicIdIn = (location: unknown) => Number(/topics\/(\d+)/.exec(String(location))?.[1]);

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock('2026-06-15T09:00:00Z') });
  c = await createLifecycleCase(services);
  committeeSlug = (await services.organisationWorkspace.body(c.officer, c.committeeId)).organisation.slug;
  meetingId = (await services.meetingWorkspace.createMeeting(c.officer, { organisationId: String(c.committeeId), meetingDate: '2026-07-10' })).id;
  app = await buildApp({ services, signInRateLimit: 1000 });
  clerk = await signedIn(app, 'clerk@example.org', 'a long password here');
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('suggesting a topic in public', () => {
  it('is reachable from the home page and the committee page, and refuses bad input naming each field', async () => {
    const visitor = workspaceClient(app);
    expect((await visitor.get(paths.home())).body).toContain(`href="${paths.suggestTopic()}"`);
    expect((await visitor.get(paths.committee(committeeSlug))).body).toContain(`href="${paths.workProgramme(committeeSlug)}"`);
    const form = await visitor.get(paths.suggestTopic(committeeSlug));
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`value="${c.committeeId}" selected`));
    const refused = await visitor.submit(paths.suggestTopic(), { organisationId: String(c.committeeId), title: '', description: '', email: 'nope' });
    expect(refused.statusCode).toBe(400);
    for (const field of ['title', 'description', 'email']) expect(refused.body).toContain(`href="#${field}"`);
    expect(refused.body).toContain('Enter the topic you suggest');
    expect((await services.workProgramme.overview(c.officer)).awaiting).toEqual([]);
  });

  it('takes a suggestion, shows it only after an officer accepts it, and never shows the email', async () => {
    const visitor = workspaceClient(app);
    const sent = await visitor.submit(paths.suggestTopic(committeeSlug), {
      organisationId: String(c.committeeId),
      title: 'Potholes on rural roads',
      description: 'They are not repaired for months.',
      name: 'Pat Resident',
      email: 'pat@example.com',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Suggestion sent');
    expect((await workspaceClient(app).get(paths.workProgramme(committeeSlug))).body).not.toContain('Potholes on rural roads');
    const overview = await clerk.get(paths.admin.workProgramme());
    expect(overview.body).toContain('Potholes on rural roads');
    const id = (await services.workProgramme.overview(c.officer)).awaiting[0]?.id ?? 0;
    const topicPage = await clerk.get(paths.admin.topic(id));
    expect(topicPage.body).toContain('pat@example.com');
    const accept = await clerk.get(paths.admin.topicAction(id, 'accept'));
    const accepted = await clerk.submit(paths.admin.topicAction(id, 'accept'), { version: versionIn(accept.body) });
    expect(accepted.statusCode).toBe(303);
    const page = await workspaceClient(app).get(paths.workProgramme(committeeSlug));
    expect(page.body).toContain('Potholes on rural roads');
    expect(page.body).toContain('Pat Resident');
    expect(page.body).not.toContain('pat@example.com');
    const csv = await workspaceClient(app).get(paths.workProgrammeCsv(committeeSlug, 2026));
    expect(csv.body).toContain('Potholes on rural roads');
    expect(csv.body).not.toContain('pat@example.com');
  });
});

describe('the officer’s steps', () => {
  it('adds a topic (400 naming the field first), agrees it, plans it, puts it on the agenda, and the public calendar and paper show it', async () => {
    const refused = await clerk.submit(paths.admin.newTopic({ body: c.committeeId, year: 2026 }), {
      organisationId: String(c.committeeId),
      municipalYear: '2026',
      title: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#title"');
    expect(refused.body).toContain('href="#method"');
    const created = await clerk.submit(paths.admin.newTopic({ body: c.committeeId, year: 2026 }), {
      organisationId: String(c.committeeId),
      municipalYear: '2026',
      title: 'Hospital discharge delays',
      method: 'agenda_item',
      source: 'member',
      publicInterest: '1',
      councilPriority: '1',
    });
    expect(created.statusCode).toBe(303);
    const id = topicIdIn(created.headers.location);
    for (const [action, fields] of [
      ['agree', {}],
      ['schedule', { meetingId: String(meetingId) }],
      ['placeOnAgenda', {}],
    ] as const) {
      const form = await clerk.get(paths.admin.topicAction(id, action));
      expect(form.statusCode).toBe(200);
      const saved = await clerk.submit(paths.admin.topicAction(id, action), { ...fields, version: versionIn(form.body) });
      expect(saved.statusCode).toBe(303);
    }
    const page = await clerk.get(paths.admin.topic(id));
    expect(page.body).toContain('Scheduled');
    expect(page.body).toContain('Item 1');
    const visitor = workspaceClient(app);
    const ics = await visitor.get(paths.workProgrammeCalendar(committeeSlug, 2026));
    expect(ics.body).toContain('SUMMARY:Health Select Commission: Hospital discharge delays');
    expect(ics.body).toContain('DTSTART;VALUE=DATE:20260710');
    const paper = await visitor.get(paths.papers.workProgramme(committeeSlug, 2026, 'print'));
    expect(paper.statusCode).toBe(200);
    expect(paper.body).toContain('Hospital discharge delays');
    expect(paper.body).toContain('Public interest, Council priority');
  });

  it('refuses marking a topic heard before its meeting, naming why, and keeps an exempt topic out of every public output', async () => {
    const topic = (await services.workProgramme.programme(c.officer, c.committeeId, 2026)).topics.find((t) => t.title === 'Hospital discharge delays');
    const id = topic?.id ?? 0;
    const refused = await clerk.submit(paths.admin.topicAction(id, 'markHeard'), { version: String(topic?.version) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#confirm"');
    expect(refused.body).toContain('once its meeting has taken place');
    await clerk.submit(paths.admin.newTopic(), {
      organisationId: String(c.committeeId),
      municipalYear: '2026',
      title: 'Settlement with the bus operator',
      method: 'briefing',
      source: 'officer',
      exemptParagraph: '3',
    });
    const visitor = workspaceClient(app);
    for (const url of [
      paths.workProgramme(committeeSlug),
      paths.workProgrammeCsv(committeeSlug, 2026),
      paths.workProgrammeCalendar(committeeSlug, 2026),
      paths.papers.workProgramme(committeeSlug, 2026, 'print'),
    ]) {
      const response = await visitor.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('Settlement with the bus operator');
    }
  });
});

describe('from the forward plan, and in the API', () => {
  let entryId = 0;
  const entrySlug = 'closure-of-the-riverside-day-centre';

  it('suggests a key decision for a work programme from its workspace page in one step, once per committee and year', async () => {
    const cabinet = await database.db.selectFrom('organisations').select('id').where('kind', '=', 'executive').executeTakeFirstOrThrow();
    const published = await clerk.submit(paths.admin.newForwardPlanEntry(), {
      organisationId: String(cabinet.id),
      title: 'Closure of the Riverside day centre',
      description: 'Proposal to close the centre and move its services.',
      decisionMakerKind: 'cabinet',
      isKeyDecision: 'yes',
      reasonWards: 'yes',
      wardsAffected: '3',
      'firstPublishedOn-day': '15',
      'firstPublishedOn-month': '6',
      'firstPublishedOn-year': '2026',
      'intendedDate-day': '20',
      'intendedDate-month': '8',
      'intendedDate-year': '2026',
      noticeRoute: 'notice',
    });
    expect(published.statusCode).toBe(303);
    entryId = Number(/forward-plan\/(\d+)/.exec(String(published.headers.location))?.[1]);
    const entryPage = await clerk.get(paths.admin.forwardPlanEntry(entryId));
    expect(entryPage.body).toContain(`href="${paths.admin.forwardPlanSuggestTopic(entryId)}"`);
    const form = await clerk.get(paths.admin.forwardPlanSuggestTopic(entryId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('2026 to 2027');
    const refused = await clerk.submit(paths.admin.forwardPlanSuggestTopic(entryId), { organisationId: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#organisationId"');
    const made = await clerk.submit(paths.admin.forwardPlanSuggestTopic(entryId), { organisationId: String(c.committeeId) });
    expect(made.statusCode).toBe(303);
    const topic = await clerk.get(String(made.headers.location));
    expect(topic.body).toContain('Closure of the Riverside day centre');
    expect(topic.body).toContain('Pre-decision scrutiny');
    const again = await clerk.submit(paths.admin.forwardPlanSuggestTopic(entryId), { organisationId: String(c.committeeId) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('href="#organisationId"');
    expect(again.body).toContain('is already in the Health Select Commission work programme for 2026 to 2027');
    expect((await clerk.get(paths.admin.forwardPlanEntry(entryId))).body).toContain('Health Select Commission, 2026 to 2027');
  });

  it('links the topic and the entry both ways on their public pages', async () => {
    const visitor = workspaceClient(app);
    const programme = await visitor.get(paths.workProgramme(committeeSlug, 2026));
    expect(programme.body).toContain(`href="${paths.forwardPlanEntry(entrySlug)}"`);
    const entry = await visitor.get(paths.forwardPlanEntry(entrySlug));
    expect(entry.body).toContain(`href="${paths.workProgramme(committeeSlug, 2026)}#topic-`);
    expect(entry.body).toContain('In scrutiny work programmes');
  });

  it('lists public topics in the API by committee and year, paginated, never a suggestion awaiting moderation, a suggester’s details nor an exempt topic', async () => {
    await workspaceClient(app).submit(paths.suggestTopic(committeeSlug), {
      organisationId: String(c.committeeId),
      title: 'Dog fouling in parks',
      description: 'It is everywhere.',
      name: 'Sam Private',
      email: 'sam@example.com',
    });
    const visitor = workspaceClient(app);
    const all = jsonOf(await visitor.get(`${paths.api.collection('work-programme')}?body=${c.committeeId}&year=2026`), listOf(WorkProgrammeTopic));
    const titles = all.data.map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(['Potholes on rural roads', 'Hospital discharge delays', 'Closure of the Riverside day centre']));
    expect(titles).not.toContain('Dog fouling in parks');
    expect(titles).not.toContain('Settlement with the bus operator');
    const fromPlan = all.data.find((t) => t.title === 'Closure of the Riverside day centre');
    expect(fromPlan).toMatchObject({ source: 'forward_plan', method: 'pre_decision', forward_plan_entry: { id: entryId } });
    const potholes = all.data.find((t) => t.title === 'Potholes on rural roads');
    expect(potholes).toMatchObject({ source: 'public', suggested_by: null });
    const raw = (await visitor.get(paths.api.collection('work-programme'))).body;
    for (const secret of ['pat@example.com', 'Pat Resident', 'sam@example.com', 'Sam Private', 'Dog fouling', 'Settlement with the bus operator']) {
      expect(raw).not.toContain(secret);
    }
    const first = jsonOf(await visitor.get(`${paths.api.collection('work-programme')}?limit=1`), listOf(WorkProgrammeTopic));
    expect(first.data).toHaveLength(1);
    expect(first.links.next).toContain('cursor=');
    const second = jsonOf(await visitor.get(String(first.links.next)), listOf(WorkProgrammeTopic));
    expect(second.data[0]?.id).toBeGreaterThan(first.data[0]?.id ?? 0);
    expect(jsonOf(await visitor.get(`${paths.api.collection('work-programme')}?year=2025`), listOf(WorkProgrammeTopic)).data).toEqual([]);
    const item = jsonOf(await visitor.get(paths.api.item('work-programme', fromPlan?.id ?? 0)), one(WorkProgrammeTopic));
    expect(item.data.links.forward_plan_entry).toBe(paths.api.item('forward-plan', entryId));
    const pending = (await services.workProgramme.overview(c.officer)).awaiting.find((t) => t.title === 'Dog fouling in parks');
    expect((await visitor.get(paths.api.item('work-programme', pending?.id ?? 0))).statusCode).toBe(404);
    const openapi = (await visitor.get(paths.api.openapi())).body;
    expect(openapi).toContain('/api/v1/work-programme/{id}');
    expect(openapi).toContain('WorkProgrammeList');
  });
});
