// A review's parts through the workspace forms in-process: terms, criteria, evidence and members reach the public page; bad input is a 400 naming the field; a stale form is a 409 with both versions; lead officers and the public are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let officer: WorkspaceClient;
let reviewId: number;
let reviewSlug: string;

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  await services.demo.loadIfAbsent();
  app = await buildApp({ services, signInRateLimit: 1000 });
  await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lee Dofficer', role: 'lead_officer', password: 'lead officer password' });
  officer = await signedIn(app, 'dso@example.org', 'officer password 1');
  const body = await database.db.selectFrom('organisations').select('id').where('name', '=', 'Improving Lives Select Commission').executeTakeFirstOrThrow();
  const created = await officer.submit('/admin/reviews/new', { title: 'Home to school transport', organisationId: String(body.id) });
  reviewId = Number(/\/admin\/reviews\/(\d+)/.exec(created.headers.location as string)?.[1]);
  reviewSlug = (await database.db.selectFrom('scrutiny_reviews').select('slug').where('id', '=', reviewId).executeTakeFirstOrThrow()).slug;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('a review’s parts in the workspace', () => {
  it('adds a term, a sub-term, a criterion, evidence and a member, and the public page shows them', async () => {
    const add = async (part: string, fields: Record<string, string>) => {
      const url = `/admin/reviews/${reviewId}/${part}/new`;
      const form = await officer.get(url);
      expect(form.statusCode, url).toBe(200);
      const response = await officer.submit(url, { ...fields, version: versionIn(form.body) });
      expect(response.statusCode, `${part}: ${response.body.slice(0, 200)}`).toBe(303);
      return response;
    };
    await add('terms', { text: 'To understand why eligibility decisions take so long.' });
    const termId = (await database.db.selectFrom('review_terms').select('id').where('review_id', '=', reviewId).executeTakeFirstOrThrow()).id;
    await add('terms', { parent: String(termId), text: 'Including appeals.' });
    await add('criteria', { number: '2.1', title: 'Every eligible child gets a place by the start of term.' });
    await add('meetings', { startsOn: '2026-02-02', title: 'First meeting', business: 'Agree terms of reference\nHear from the transport team' });
    await add('evidence', {
      kind: 'witness',
      mode: 'in_person',
      organisationName: 'Parent Carer Forum',
      occurredOn: '2026-03-04',
      subject: 'Families’ experience of applying',
    });
    const person = await database.db.selectFrom('people').select(['id', 'name']).where('kind', '=', 'councillor').orderBy('id').executeTakeFirstOrThrow();
    await add('members', { personId: String(person.id), role: 'chair' });

    const page = await app.inject({ method: 'GET', url: `/reviews/${reviewSlug}` });
    expect(page.statusCode).toBe(200);
    for (const text of [
      'To understand why eligibility decisions take so long.',
      'Including appeals.',
      'Every eligible child gets a place by the start of term.',
      'Parent Carer Forum',
      'Families’ experience of applying',
      person.name,
      '(Chair)',
      'Hear from the transport team',
    ]) {
      expect(page.body, text).toContain(text);
    }
    const admin = await officer.get(`/admin/reviews/${reviewId}`);
    expect(admin.body).toContain('Including appeals.');
    expect(admin.body).toContain('Home to school transport review group');
  });

  it('re-renders a bad form with status 400, the error summary, the field marked and the values as typed', async () => {
    const url = `/admin/reviews/${reviewId}/evidence/new`;
    const form = await officer.get(url);
    const response = await officer.submit(url, {
      kind: 'witness',
      mode: 'in_person',
      organisationName: 'Typed org',
      occurredOn: '2026-02-30',
      subject: '',
      version: versionIn(form.body),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Add evidence');
    expect(response.body).toContain('govuk-error-summary');
    // The choices made stay chosen.
    expect(response.body).toContain('<option value="witness" selected>');
    expect(response.body).toContain('<option value="in_person" selected>');
    // 30 February: the day is what cannot be, so the day box is the one marked.
    expect(response.body).toContain('href="#occurredOn-day"');
    expect(response.body).toContain('href="#subject"');
    expect(response.body).toMatch(/id="subject-error"/);
    expect(response.body).toContain('value="Typed org"');
    // What was typed comes back, in the day, month and year boxes.
    expect(response.body).toMatch(
      /id="occurredOn-day" name="occurredOn-day" type="text" value="30"[\s\S]*id="occurredOn-month" name="occurredOn-month" type="text" value="2"/,
    );

    const terms = await officer.submit(`/admin/reviews/${reviewId}/terms/new`, { text: '', version: versionIn(form.body) });
    expect(terms.statusCode).toBe(400);
    expect(terms.body).toContain('href="#text"');
    const meeting = await officer.submit(`/admin/reviews/${reviewId}/meetings/new`, {
      startsOn: '2026-02-02',
      endsOn: '2026-01-01',
      business: 'Typed business',
      version: versionIn(form.body),
    });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.body).toContain('href="#endsOn"');
    expect(meeting.body).toContain('Typed business</textarea>');
  });

  it('refuses a stale save with 409, showing their version and keeping what was typed', async () => {
    const criterion = await database.db.selectFrom('review_criteria').selectAll().where('review_id', '=', reviewId).executeTakeFirstOrThrow();
    const url = `/admin/reviews/${reviewId}/criteria/${criterion.id}`;
    const first = await officer.get(url);
    const second = await officer.get(url);
    expect(first.body).toContain('Every eligible child gets a place by the start of term.');
    const saved = await officer.submit(url, { number: '2.1', title: 'Their wording of the test.', version: versionIn(first.body) });
    expect(saved.statusCode).toBe(303);
    const stale = await officer.submit(url, { number: '2.1', title: 'My wording of the test.', version: versionIn(second.body) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('<title>Error: Change a criterion');
    expect(stale.body).toContain('href="#title"');
    expect(stale.body).toContain('Their wording of the test.');
    expect(stale.body).toContain('My wording of the test.');
    expect(stale.body).toContain('govuk-error-summary');
    // Saving again from the conflict page is a deliberate choice, and it works.
    const again = await officer.submit(url, { number: '2.1', title: 'My wording of the test.', version: versionIn(stale.body) });
    expect(again.statusCode).toBe(303);
  });

  it('moves and removes terms with their sub-terms after asking', async () => {
    await officer.submit(`/admin/reviews/${reviewId}/terms/new`, {
      text: 'To compare other councils.',
      version: versionIn((await officer.get(`/admin/reviews/${reviewId}/terms/new`)).body),
    });
    const [first] = await database.db
      .selectFrom('review_terms')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('parent_position', 'is', null)
      .orderBy('position')
      .execute();
    const page = await officer.get(`/admin/reviews/${reviewId}`);
    const moved = await officer.submit(
      `/admin/reviews/${reviewId}`,
      { direction: 'down', version: versionIn(page.body) },
      `/admin/reviews/${reviewId}/terms/${first!.id}/move`,
    );
    expect(moved.statusCode).toBe(303);
    // The same page's button again: the review moved on, so the move is refused with the current order.
    const stale = await officer.submit(
      `/admin/reviews/${reviewId}`,
      { direction: 'down', version: versionIn(page.body) },
      `/admin/reviews/${reviewId}/terms/${first!.id}/move`,
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('<title>Error: The term was not moved');
    expect(stale.body).toContain('move the term again if you still need to');
    const order = await database.db.selectFrom('review_terms').select(['text', 'number']).where('review_id', '=', reviewId).orderBy('position').execute();
    expect(order.map((t) => t.text)).toEqual(['To compare other councils.', 'To understand why eligibility decisions take so long.', 'Including appeals.']);
    expect(order.map((t) => t.number)).toEqual(['1', '2', null]);

    const confirm = await officer.get(`/admin/reviews/${reviewId}/terms/${first!.id}/remove`);
    expect(confirm.body).toContain('Its sub-terms are removed with it');
    const staleRemoval = await officer.submit(`/admin/reviews/${reviewId}/terms/${first!.id}/remove`, { version: '1' });
    expect(staleRemoval.statusCode).toBe(409);
    expect(staleRemoval.body).toContain('href="#confirm"');
    const removed = await officer.submit(`/admin/reviews/${reviewId}/terms/${first!.id}/remove`, { version: versionIn(confirm.body) });
    expect(removed.statusCode).toBe(303);
    expect((await officer.get(String(removed.headers.location))).body).toContain('Your changes to the review have been saved');
    const left = await database.db.selectFrom('review_terms').select('text').where('review_id', '=', reviewId).execute();
    expect(left.map((t) => t.text)).toEqual(['To compare other councils.']);
  });

  it('ends a membership, refusing an end date before the start', async () => {
    const membership = await database.db
      .selectFrom('memberships as m')
      .innerJoin('scrutiny_reviews as r', 'r.group_organisation_id', 'm.organisation_id')
      .select('m.id')
      .where('r.id', '=', reviewId)
      .executeTakeFirstOrThrow();
    const url = `/admin/reviews/${reviewId}/members/${membership.id}/end`;
    // The form offers today (Europe/London) as the last day.
    expect((await officer.get(url)).body).toMatch(
      /id="endsOn-day" name="endsOn-day" type="text" value="22"[\s\S]*id="endsOn-month" name="endsOn-month" type="text" value="11"[\s\S]*id="endsOn-year" name="endsOn-year" type="text" value="2026"/,
    );
    const bad = await officer.submit(url, { endsOn: 'soon', version: versionIn((await officer.get(url)).body) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#endsOn"');
    const ended = await officer.submit(url, { endsOn: '2026-04-01', version: versionIn((await officer.get(url)).body) });
    expect(ended.statusCode).toBe(303);
    expect((await officer.get(`/admin/reviews/${reviewId}`)).body).toContain('until 1 April 2026');
    // The public review page still names who undertook the review, and until when.
    const publicPage = await app.inject({ method: 'GET', url: `/reviews/${reviewSlug}` });
    expect(publicPage.body).toContain('(until 1 April 2026)');
    // Each change is in the review's history, with who made it.
    const history = await officer.get(`/admin/review/${reviewId}/history`);
    for (const action of [
      'term.added',
      'term.moved',
      'term.removed',
      'criterion.added',
      'criterion.updated',
      'evidence.added',
      'member.added',
      'member.ended',
    ]) {
      expect(history.body, action).toContain(action);
    }
    expect(history.body).toContain('dso@example.org');
  });

  it('refuses lead officers and sends the public to sign in, changing nothing', async () => {
    const lead = await signedIn(app, 'lead@example.org', 'lead officer password');
    const count = async () => (await database.db.selectFrom('review_criteria').select('id').where('review_id', '=', reviewId).execute()).length;
    const before = await count();
    expect((await lead.get(`/admin/reviews/${reviewId}/criteria/new`)).statusCode).toBe(403);
    const token = await lead.get('/admin/account/password');
    const posted = await lead.submit('/admin/account/password', { title: 'x', version: '1' }, `/admin/reviews/${reviewId}/criteria/new`);
    expect(token.statusCode).toBe(200);
    expect(posted.statusCode).toBe(403);
    const anonymous = workspaceClient(app);
    const refused = await anonymous.get(`/admin/reviews/${reviewId}/members/new`);
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toContain('/sign-in');
    expect([303, 403]).toContain((await anonymous.post(`/admin/reviews/${reviewId}/criteria/new`, { title: 'x', version: '1' })).statusCode);
    expect(await count()).toBe(before);
  });
});
