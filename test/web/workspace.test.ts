// The officer workspace in-process: signing in and out, role checks, CSRF, the review forms, validation, escaping and stale saves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import * as factories from '../support/factories.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, workspaceClient } from '../support/workspace-client.ts';
import { mainText } from '../support/page-text.ts';

let demo: { app: FastifyInstance; services: Services; database: TestDb; close(): Promise<void> };
let committeeId: number;
let leadPersonId: number;

beforeAll(async () => {
  const database = await createTestDb('sqlite');
  const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  await services.demo.loadIfAbsent();
  // Many sign-ins from one address in this file: the rate limit has its own test below.
  const app = await buildApp({ services, signInRateLimit: 1000, mail: { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' } });
  demo = {
    app,
    services,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
  const lead = await database.db
    .selectFrom('executive_responses as er')
    .innerJoin('people as p', 'p.id', 'er.responsible_person_id')
    .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
    .select(['p.id', 'p.slug'])
    .where('rec.status', 'in', ['open', 'awaiting_response'])
    .executeTakeFirstOrThrow();
  leadPersonId = lead.id;
  await services.auth.addUser('system', {
    email: 'lead@example.org',
    name: 'Lee Dofficer',
    role: 'lead_officer',
    person: lead.slug,
    password: 'lead officer password',
  });
  await demo.services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  await demo.services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr Sea', role: 'councillor', password: 'councillor password' });
  const body = await demo.database.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Improving Lives Select Commission')
    .executeTakeFirstOrThrow();
  committeeId = body.id;
});
afterAll(async () => demo.close());

describe('signing in and out', () => {
  it('shows "Sign in" to the public and sends them from any admin page to sign in', async () => {
    const client = workspaceClient(demo.app);
    const home = await client.get('/');
    expect(home.body).toContain('>Sign in</a>');
    for (const url of [
      '/admin',
      '/admin/reviews',
      '/admin/reviews/new',
      '/admin/recommendations/1',
      '/admin/recommendations/1/progress',
      '/admin/assigned',
      '/admin/account/password',
      '/admin/review/1/history',
    ]) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  it('refuses a POST to an admin form from the public without changing anything', async () => {
    const client = workspaceClient(demo.app);
    const response = await client.post('/admin/reviews/new', { title: 'Sneaky', organisationId: String(committeeId) });
    expect([303, 403]).toContain(response.statusCode);
    const count = await demo.database.db.selectFrom('scrutiny_reviews').select('id').where('title', '=', 'Sneaky').execute();
    expect(count).toHaveLength(0);
  });

  it('signs in with a secure-by-rule, HTTP-only, SameSite=Lax session cookie and returns to the page asked for', async () => {
    const client = workspaceClient(demo.app);
    const page = await client.get('/sign-in?next=%2Fadmin%2Freviews');
    const response = await client.post('/sign-in', {
      _csrf: csrfTokenIn(page.body),
      email: 'dso@example.org',
      password: 'officer password 1',
      next: '/admin/reviews',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/reviews');
    const cookie = response.cookies.find((c) => c.name === 'scrutineer_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // inject() speaks plain HTTP to localhost: the rule leaves Secure off there (cookie-policy.test.ts).
    expect(cookie?.secure).toBeFalsy();
    const home = await client.get('/');
    expect(home.body).toContain('>Sign out</a>');
    expect(home.headers['cache-control']).toBe('private, no-store');
  });

  it('marks the cookie Secure for a request to a public host name', async () => {
    const page = await demo.app.inject({ method: 'GET', url: '/sign-in', headers: { host: 'democracy.example.gov.uk' } });
    const csrf = page.cookies.find((c) => c.name === 'scrutineer_csrf');
    const response = await demo.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { host: 'democracy.example.gov.uk', 'content-type': 'application/x-www-form-urlencoded', cookie: `scrutineer_csrf=${csrf?.value}` },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), email: 'dso@example.org', password: 'officer password 1' }).toString(),
    });
    expect(response.cookies.find((c) => c.name === 'scrutineer_session')?.secure).toBe(true);
  });

  it('never redirects off the site after signing in', async () => {
    const client = workspaceClient(demo.app);
    const response = await client.submit('/sign-in', { email: 'dso@example.org', password: 'officer password 1', next: '//evil.example/' });
    expect(response.headers.location).toBe('/admin');
  });

  it('refuses a sign-in without the CSRF token', async () => {
    const client = workspaceClient(demo.app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { email: 'dso@example.org', password: 'officer password 1' });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.find((c) => c.name === 'scrutineer_session')).toBeUndefined();
  });

  it('answers a wrong password with 400, the GOV.UK message and the email kept', async () => {
    const client = workspaceClient(demo.app);
    const response = await client.submit('/sign-in', { email: 'dso@example.org', password: 'not it at all' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('Enter a correct email address and password');
    expect(response.body).toContain('value="dso@example.org"');
  });

  it('signs out with a form, ending the session', async () => {
    const client = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const session = client.cookies.get('scrutineer_session')!;
    const response = await client.submit('/sign-out', {});
    expect(response.statusCode).toBe(303);
    expect(await demo.services.auth.actorForToken(session)).toBeNull();
    expect((await client.get('/admin')).statusCode).toBe(303);
  });

  it('gives a councillor 403 on officer pages', async () => {
    const client = await signedIn(demo.app, 'cllr@example.org', 'councillor password');
    expect((await client.get('/admin')).statusCode).toBe(200);
    expect((await client.get('/admin/reviews/new')).statusCode).toBe(403);
    const form = await client.get('/admin/account/password');
    const response = await client.post('/admin/reviews/new', {
      _csrf: csrfTokenIn(form.body),
      title: 'Councillor review',
      organisationId: String(committeeId),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the review forms', () => {
  it('re-renders a bad review with 400, the error summary, the field marked and the typed values escaped', async () => {
    const client = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const response = await client.submit('/admin/reviews/new', {
      title: '',
      organisationId: String(committeeId),
      reportDate: '2017-02-30',
      summary: '<script>alert(1)</script>',
      extra: 'ignored',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#title"');
    expect(response.body).toContain('Enter the title of the review');
    expect(response.body).toContain('The date of the report must be a real date');
    expect(response.body).toContain('govuk-input--error');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).not.toContain('<script>alert(1)</script>');
  });

  it('creates a review and a recommendation, stores HTML as text, and keeps the history', async () => {
    const client = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const created = await client.submit('/admin/reviews/new', {
      title: 'Review of <b>bold</b> claims',
      organisationId: String(committeeId),
      receivedOn: '2026-10-01',
    });
    expect(created.statusCode).toBe(303);
    const reviewUrl = created.headers.location as string;
    const reviewId = Number(reviewUrl.split('/').pop());
    const rec = await client.submit(`/admin/reviews/${reviewId}/recommendations/new`, { text: 'That the Council <i>does</i> better.' });
    expect(rec.statusCode).toBe(303);
    const page = await client.get(reviewUrl);
    expect(page.body).toContain('Review of &lt;b&gt;bold&lt;/b&gt; claims');
    expect(page.body).toContain('That the Council &lt;i&gt;does&lt;/i&gt; better.');
    const stored = await demo.database.db.selectFrom('scrutiny_reviews').select(['title', 'slug']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: 'Review of <b>bold</b> claims', slug: 'review-of-b-bold-b-claims' });
    const history = await client.get(`/admin/review/${reviewId}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('create by user:');
    expect(history.body).toContain('dso@example.org');
  });

  it('refuses a stale save of a recommendation with 409, showing their version and keeping the typed text', async () => {
    const a = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const b = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const rec = await demo.database.db.selectFrom('recommendations').select(['id', 'version']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const url = `/admin/recommendations/${rec.id}`;
    const formA = await a.get(url);
    const formB = await b.get(url);
    const first = await a.post(url, { _csrf: csrfTokenIn(formA.body), version: String(rec.version), text: 'First editor’s wording.' });
    expect(first.statusCode).toBe(303);
    const second = await b.post(url, { _csrf: csrfTokenIn(formB.body), version: String(rec.version), text: 'Second editor’s wording.' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this recommendation after you opened it');
    expect(second.body).toContain('First editor’s wording.');
    expect(second.body).toContain('Second editor’s wording.');
    const stored = await demo.database.db.selectFrom('recommendations').select(['text', 'version']).where('id', '=', rec.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ text: 'First editor’s wording.', version: rec.version + 1 });
    // Saving again from the conflict page is deliberate and now succeeds.
    const retry = await b.post(url, {
      _csrf: csrfTokenIn(second.body),
      version: /name="version" value="(\d+)"/.exec(second.body)![1]!,
      text: 'Second editor’s wording.',
    });
    expect(retry.statusCode).toBe(303);
  });
});

describe('sign-in rate limit', () => {
  it('refuses the sign-in form with 429 after the limit from one address', async () => {
    const app = await buildApp({ services: demo.services, signInRateLimit: 2 });
    try {
      const client = workspaceClient(app);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.submit('/sign-in', { email: 'x@example.org', password: 'wrong password' })).statusCode);
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('bulk progress updates by a lead officer', () => {
  async function assignedIds() {
    const rows = await demo.database.db
      .selectFrom('executive_responses as er')
      .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
      .select('rec.id')
      .where('er.responsible_person_id', '=', leadPersonId)
      .where('rec.status', 'in', ['open', 'awaiting_response'])
      .orderBy('rec.id')
      .execute();
    return rows.map((r) => r.id);
  }
  const progressCount = async () => (await demo.database.db.selectFrom('progress_updates').select('id').execute()).length;

  it('lists only what is assigned to them, and refuses pages of others’ recommendations', async () => {
    const client = await signedIn(demo.app, 'lead@example.org', 'lead officer password');
    const page = await client.get('/admin/assigned');
    expect(page.statusCode).toBe(200);
    const ids = await assignedIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(page.body).toContain(`name="status-${id}"`);
    const other = await demo.database.db.selectFrom('recommendations').select('id').where('id', 'not in', ids).executeTakeFirstOrThrow();
    expect(page.body).not.toContain(`name="status-${other.id}"`);
    expect((await client.get(`/admin/recommendations/${other.id}/progress`)).statusCode).toBe(403);
    expect((await client.get('/admin/reviews')).statusCode).toBe(403);
  });

  it('changes nothing when one row is wrong, naming the row; then saves every row in one submission', async () => {
    const client = await signedIn(demo.app, 'lead@example.org', 'lead officer password');
    const ids = await assignedIds();
    const before = await progressCount();
    const fields: Record<string, string> = { updateDate: '2026-11-20' };
    for (const id of ids) {
      fields[`status-${id}`] = 'on_track';
      fields[`narrative-${id}`] = `Progress on ${id}`;
    }
    const bad = { ...fields, [`status-${ids[0]}`]: 'slipped' };
    const refused = await client.submit('/admin/assigned', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`href="#newTargetDate-${ids[0]}`);
    expect(refused.body).toContain(`Progress on ${ids.at(-1)}`);
    expect(refused.body).toContain('<title>Error: Recommendations assigned to you');
    // What was chosen stays chosen in the row.
    expect(refused.body).toMatch(new RegExp(`name="status-${ids[0]}"[^>]*>[\\s\\S]*?value="slipped" selected`));
    expect(await progressCount()).toBe(before);

    const saved = await client.submit('/admin/assigned', fields);
    expect(saved.statusCode).toBe(303);
    expect(await progressCount()).toBe(before + ids.length);
    const page = await client.get(saved.headers.location as string);
    expect(page.body).toContain('govuk-notification-banner--success');
    expect(page.body).toContain(`${ids.length} progress update${ids.length === 1 ? '' : 's'} saved.`);
  });
});

describe('the meeting forms', () => {
  it('schedules a meeting, adds an exempt item, minutes a referral, and the referred item waits on the target meeting', async () => {
    const client = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    expect((await client.get('/admin/meetings')).statusCode).toBe(200);
    const bad = await client.submit('/admin/meetings/new', {
      organisationId: '',
      'meetingDate-day': '30',
      'meetingDate-month': '2',
      'meetingDate-year': '2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#meetingDate-day"');
    expect(bad.body).toContain('value="30"');
    const created = await client.submit('/admin/meetings/new', { organisationId: String(committeeId), meetingDate: '2026-12-09', startTime: '10:00' });
    expect(created.statusCode).toBe(303);
    const meetingId = Number(/\/admin\/meetings\/(\d+)/.exec(created.headers.location as string)?.[1]);
    const meetingUrl = paths.admin.meeting(meetingId);
    const item = await client.submit(`/admin/meetings/${meetingId}/items/new`, {
      title: 'Children’s services',
      description: 'Exempt detail',
      exemptParagraph: '3',
    });
    expect(item.statusCode).toBe(303);
    const page = await client.get(meetingUrl);
    expect(page.body).toContain('Exempt: paragraph 3');

    const cabinet = await demo.database.db.selectFrom('organisations').select('id').where('kind', '=', 'executive').executeTakeFirstOrThrow();
    const target = await client.submit('/admin/meetings/new', { organisationId: String(cabinet.id), meetingDate: '2027-01-11' });
    const targetId = Number(/\/admin\/meetings\/(\d+)/.exec(target.headers.location as string)?.[1]);
    const itemId = (await demo.database.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).id;
    const minute = await client.submit(`/admin/meetings/${meetingId}/minutes/new`, {
      agendaItemId: String(itemId),
      title: 'Children’s services',
      moverName: 'Cllr Mover',
      seconderName: 'Cllr Seconder',
      limb1Verb: 'referred',
      limb1Text: 'That the matter be referred to Cabinet.',
      limb1TargetOrganisationId: String(cabinet.id),
    });
    expect(minute.statusCode).toBe(303);
    const targetPage = await client.get(`/admin/meetings/${targetId}`);
    expect(targetPage.body).toContain('Referred to this meeting, not yet on the agenda');
    expect(targetPage.body).toContain('That the matter be referred to Cabinet.');
    const referralId = /\?referral=(\d+)/.exec(targetPage.body)![1]!;
    const prefilled = await client.get(`/admin/meetings/${targetId}/items/new?referral=${referralId}`);
    expect(prefilled.body).toContain('Further to Minute No.');
    const placed = await client.post(`/admin/meetings/${targetId}/items/new`, {
      _csrf: csrfTokenIn(prefilled.body),
      referralId,
      title: 'Children’s services (referred)',
    });
    expect(placed.statusCode).toBe(303);
    const after = await client.get(`/admin/meetings/${targetId}`);
    expect(after.body).not.toContain('Referred to this meeting, not yet on the agenda');
    expect(after.body).toContain('Children’s services (referred)');
  });
});

describe('exempt papers', () => {
  it('shows an exempt document to a councillor of the body, 404 to other councillors and to the public everywhere', async () => {
    const meeting = await demo.database.db.selectFrom('meetings').select(['id', 'organisation_id']).orderBy('id').executeTakeFirstOrThrow();
    await factories.document(demo.database, {
      slug: 'exempt-web-appendix',
      title: 'Appendix C: valuations',
      kind: 'appendix',
      meeting_id: meeting.id,
      exempt_paragraph: 3,
      text_content: 'Valuation of 12 High Street',
    });
    const member = await demo.database.db
      .selectFrom('memberships as ms')
      .innerJoin('people as p', 'p.id', 'ms.person_id')
      .select('p.slug')
      .where('ms.organisation_id', '=', meeting.organisation_id)
      .where('ms.ends_on', 'is', null)
      .executeTakeFirstOrThrow();
    await demo.services.auth.addUser('system', {
      email: 'member@example.org',
      name: 'Member',
      role: 'councillor',
      person: member.slug,
      password: 'member password 1',
    });

    const memberClient = await signedIn(demo.app, 'member@example.org', 'member password 1');
    const list = await memberClient.get('/admin/exempt');
    expect(list.body).toContain('Appendix C: valuations');
    const paper = await memberClient.get('/admin/exempt/documents/exempt-web-appendix');
    expect(paper.statusCode).toBe(200);
    expect(paper.body).toContain('Valuation of 12 High Street');
    expect(paper.body).toContain('paragraph 3 of Schedule 12A');

    const other = await signedIn(demo.app, 'cllr@example.org', 'councillor password');
    expect((await other.get('/admin/exempt/documents/exempt-web-appendix')).statusCode).toBe(404);
    expect((await other.get('/admin/exempt')).body).not.toContain('Appendix C: valuations');

    const visitor = workspaceClient(demo.app);
    expect((await visitor.get('/documents/exempt-web-appendix')).statusCode).toBe(404);
    expect((await visitor.get('/admin/exempt/documents/exempt-web-appendix')).statusCode).toBe(303);
  });
});

describe('bulk progress from a CSV file', () => {
  async function upload(client: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string | Blob>) {
    const form = await client.get('/admin/assigned/upload');
    const data = new FormData();
    data.append('_csrf', csrfTokenIn(form.body));
    for (const [key, value] of Object.entries(fields)) data.append(key, value, ...((value instanceof Blob ? ['updates.csv'] : []) as []));
    const body = new Response(data);
    return demo.app.inject({
      method: 'POST',
      url: '/admin/assigned/upload',
      payload: Buffer.from(await body.arrayBuffer()),
      headers: { 'content-type': body.headers.get('content-type')!, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
  }
  const progressCount = async () => (await demo.database.db.selectFrom('progress_updates').select('id').execute()).length;

  it('previews a file, rejects it row by row changing nothing, and saves a correct file only on confirmation', async () => {
    const client = await signedIn(demo.app, 'lead@example.org', 'lead officer password');
    const ids = (
      await demo.database.db
        .selectFrom('executive_responses as er')
        .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
        .select('rec.id')
        .where('er.responsible_person_id', '=', leadPersonId)
        .where('rec.status', 'in', ['open', 'awaiting_response'])
        .orderBy('rec.id')
        .execute()
    ).map((r) => r.id);
    const other = (await demo.database.db.selectFrom('recommendations').select('id').where('id', 'not in', ids).executeTakeFirstOrThrow()).id;
    const before = await progressCount();

    const bad = `recommendation_id,update_date,status,narrative\n${ids[0]},2026-11-21,on_track,Fine\n${other},2026-11-21,on_track,Not mine\n${ids[0]! + 100000},2026-11-21,wobbly,<b>x</b>\n`;
    const refused = await upload(client, { file: new Blob([bad], { type: 'text/csv' }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<title>Error: Upload progress updates');
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('Nothing was saved: the file has problems');
    expect(refused.body).toContain('href="#file"');
    // The recommendation is named as officers know it, never by its id.
    const named = await demo.database.db
      .selectFrom('recommendations as rec')
      .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
      .select(['rec.number', 'r.title'])
      .where('rec.id', '=', other)
      .executeTakeFirstOrThrow();
    expect(mainText(refused.body)).toContain(`Line 3: Recommendation ${named.number} of ${named.title} is not assigned to you`);
    expect(refused.body).toContain(`Line 4: There is no recommendation ${ids[0]! + 100000}`);
    expect(await progressCount()).toBe(before);

    const good = ['recommendation_id,update_date,status,rag,narrative', ...ids.map((id) => `${id},2026-11-21,on_track,green,"Uploaded, row ${id}"`)].join('\n');
    const preview = await upload(client, { file: new Blob([good], { type: 'text/csv' }) });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Every row is correct');
    expect(preview.body).toContain(`Uploaded, row ${ids[0]}`);
    expect(await progressCount()).toBe(before);

    const csv = /name="csv" value="([^"]*)"/
      .exec(preview.body)![1]!
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    // A confirmation whose text was changed on the way is checked again, and refused whole.
    const altered = await upload(client, { csv: csv.replace('on_track', 'wobbly'), confirm: 'yes' });
    expect(altered.statusCode).toBe(400);
    expect(altered.body).toContain('Nothing was saved: the file has problems');
    expect(await progressCount()).toBe(before);

    const saved = await upload(client, { csv, confirm: 'yes' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/assigned');
    expect(await progressCount()).toBe(before + ids.length);
    const banner = await demo.app.inject({
      method: 'GET',
      url: '/admin/assigned',
      headers: { cookie: [...client.cookies, ...saved.cookies.map((c) => [c.name, c.value] as const)].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(banner.body).toContain(`${ids.length} progress update${ids.length === 1 ? '' : 's'} saved.`);
  });

  it('refuses a missing or binary file with a message', async () => {
    const client = await signedIn(demo.app, 'lead@example.org', 'lead officer password');
    const missing = await upload(client, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<title>Error: Upload progress updates');
    expect(missing.body).toContain('govuk-error-summary');
    expect(missing.body).toContain('<a href="#file">Select a CSV file</a>');
    const binary = await upload(client, { file: new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe])], { type: 'application/pdf' }) });
    expect(binary.statusCode).toBe(400);
    expect(binary.body).toContain('The file must be a CSV file saved as UTF-8 text');
  });
});

describe('following by email', () => {
  it('offers to follow from a review page, asks for an address, confirms by link and unsubscribes in one click', async () => {
    const review = await demo.database.db.selectFrom('scrutiny_reviews').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
    const visitor = workspaceClient(demo.app);
    const page = await visitor.get(`/reviews/${review.slug}`);
    expect(page.body).toContain(`href="/follow?type=review&amp;id=${review.id}"`);
    const bad = await visitor.submit(`/follow?type=review&id=${review.id}`, { entityType: 'review', entityId: String(review.id), email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#email"');
    const done = await visitor.submit(`/follow?type=review&id=${review.id}`, {
      entityType: 'review',
      entityId: String(review.id),
      email: 'reader@example.org',
      ignored: 'x',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Check your email');
    const follower = await demo.database.db.selectFrom('followers').selectAll().where('email', '=', 'reader@example.org').executeTakeFirstOrThrow();
    expect(follower.confirmed_at).toBeNull();
    expect((await visitor.get(`/follow/confirm/${follower.token}`)).statusCode).toBe(200);
    expect((await visitor.get('/follow/confirm/not-a-token')).statusCode).toBe(404);
    const oneClick = await demo.app.inject({ method: 'POST', url: `/unsubscribe/${follower.token}` });
    expect(oneClick.statusCode).toBe(200);
    const after = await demo.database.db.selectFrom('followers').selectAll().where('id', '=', follower.id).executeTakeFirstOrThrow();
    expect(after.confirmed_at).not.toBeNull();
    expect(after.unsubscribed_at).not.toBeNull();
  });
});
