// The workspace's body, person and membership forms in-process: who may use them, CSRF, 400 with the error summary and typed values, 409 on stale saves, and the public pages after a save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let demo: DemoApp;
let officer: WorkspaceClient;
let selectCommissionId: number;

const OFFICER = ['dso@example.org', 'officer password 1'] as const;
const count = async (table: 'organisations' | 'people' | 'memberships') => (await demo.database.db.selectFrom(table).select('id').execute()).length;

beforeAll(async () => {
  demo = await buildDemoApp();
  const lead = await demo.database.db.selectFrom('people').select('slug').where('kind', '=', 'officer').executeTakeFirstOrThrow();
  await demo.services.auth.addUser('system', { email: OFFICER[0], name: 'Dee Ess', role: 'democratic_services', password: OFFICER[1] });
  await demo.services.auth.addUser('system', { email: 'admin@example.org', name: 'Ada Min', role: 'administrator', password: 'administrator password' });
  await demo.services.auth.addUser('system', {
    email: 'lead@example.org',
    name: 'Lee Lead',
    role: 'lead_officer',
    person: lead.slug,
    password: 'lead officer password',
  });
  await demo.services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr Sea', role: 'councillor', password: 'councillor password' });
  officer = await signedIn(demo.app, ...OFFICER);
  selectCommissionId = (
    await demo.database.db.selectFrom('organisations').select('id').where('name', '=', 'Improving Lives Select Commission').executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => demo.close());

describe('who may use the forms', () => {
  const pages = () => [
    '/admin/bodies',
    '/admin/bodies/new',
    `/admin/bodies/${selectCommissionId}`,
    '/admin/people',
    '/admin/people/new',
    '/admin/memberships/new',
    `/admin/organisation/${selectCommissionId}/history`,
  ];

  it('sends the public to sign in from every page, and changes nothing on a POST', async () => {
    const client = workspaceClient(demo.app);
    for (const url of pages()) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
    const before = await count('organisations');
    const response = await client.post('/admin/bodies/new', { name: 'Sneaky Board', kind: 'committee' });
    expect([303, 403]).toContain(response.statusCode);
    expect(await count('organisations')).toBe(before);
  });

  it('refuses lead officers and councillors with 403, pages and posts alike', async () => {
    for (const [email, password] of [
      ['lead@example.org', 'lead officer password'],
      ['cllr@example.org', 'councillor password'],
    ] as const) {
      const client = await signedIn(demo.app, email, password);
      for (const url of pages()) expect((await client.get(url)).statusCode, `${email} ${url}`).toBe(403);
      const token = csrfTokenIn((await client.get('/admin/account/password')).body);
      const before = await count('people');
      expect((await client.post('/admin/people/new', { _csrf: token, name: 'Sneaky Person', kind: 'external' })).statusCode).toBe(403);
      expect(await count('people')).toBe(before);
    }
  });

  it('refuses a post without the CSRF token, writing nothing', async () => {
    await officer.get('/admin/bodies/new');
    const before = await count('organisations');
    const response = await officer.post('/admin/bodies/new', { name: 'Forged Board', kind: 'committee' });
    expect(response.statusCode).toBe(403);
    expect(await count('organisations')).toBe(before);
  });

  it('lets an administrator in, and links the lists from the workspace home', async () => {
    const admin = await signedIn(demo.app, 'admin@example.org', 'administrator password');
    const home = await admin.get('/admin');
    expect(home.body).toContain('href="/admin/bodies"');
    expect(home.body).toContain('href="/admin/people"');
    const bodies = await admin.get('/admin/bodies');
    expect(bodies.statusCode).toBe(200);
    expect(bodies.body).toContain(`href="/admin/bodies/${selectCommissionId}">Improving Lives Select Commission</a>`);
    const people = await admin.get('/admin/people');
    expect(people.statusCode).toBe(200);
    expect(people.body).toMatch(/href="\/admin\/people\/\d+">Councillor Maggi Clark<\/a>/);
  });
});

describe('refused forms', () => {
  it('re-renders a bad body with 400, the error summary, the fields marked and the typed values kept and escaped', async () => {
    const before = await count('organisations');
    const response = await officer.submit('/admin/bodies/new', {
      name: '',
      kind: 'committee',
      description: '<script>alert(1)</script>',
      category: 'Regulatory',
      isActive: 'no',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Create a body');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#name"');
    expect(response.body).toContain('Enter the name of the body');
    expect(response.body).toContain('govuk-input--error');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('value="Regulatory"');
    expect(response.body).toMatch(/<option value="committee" selected>/);
    expect(response.body).toMatch(/value="no" checked/);
    expect(await count('organisations')).toBe(before);
  });

  it('re-renders a bad person with 400, naming the email field and keeping what was typed', async () => {
    const response = await officer.submit('/admin/people/new', { name: 'Jo Typed', kind: 'officer', jobTitle: 'Head of Scrutiny', email: 'jo at council' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('Enter an email address in the correct format');
    expect(response.body).toContain('value="Jo Typed"');
    expect(response.body).toContain('value="Head of Scrutiny"');
    expect(response.body).toContain('value="jo at council"');
  });

  it('refuses a membership of someone not on the record, naming the person field', async () => {
    const before = await count('memberships');
    const response = await officer.submit('/admin/memberships/new', {
      personId: '999999',
      organisationId: String(selectCommissionId),
      role: 'chair',
      portfolio: 'Typed portfolio',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#personId"');
    expect(response.body).toContain('Choose a person who is on the record');
    expect(response.body).toContain('value="Typed portfolio"');
    expect(await count('memberships')).toBe(before);
  });

  it('refuses a stale save of a body with 409, showing their version and keeping the typed text; saving again then works', async () => {
    const other = await signedIn(demo.app, ...OFFICER);
    const created = await officer.submit('/admin/bodies/new', { name: 'Staffing Committee', kind: 'committee' });
    const url = created.headers.location as string;
    const formA = await officer.get(url);
    const formB = await other.get(url);
    const version = /name="version" value="(\d+)"/.exec(formA.body)![1]!;
    expect(
      (await officer.post(url, { _csrf: csrfTokenIn(formA.body), version, name: 'Staffing and Appointments Committee', kind: 'committee' })).statusCode,
    ).toBe(303);
    const second = await other.post(url, { _csrf: csrfTokenIn(formB.body), version, name: 'Appointments Panel', kind: 'committee' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this body after you opened it');
    expect(second.body).toContain('Staffing and Appointments Committee');
    expect(second.body).toContain('value="Appointments Panel"');
    const newVersion = /name="version" value="(\d+)"/.exec(second.body)![1]!;
    expect(Number(newVersion)).toBe(Number(version) + 1);
    const retry = await other.post(url, { _csrf: csrfTokenIn(second.body), version: newVersion, name: 'Appointments Panel', kind: 'committee' });
    expect(retry.statusCode).toBe(303);
  });
});

describe('a stale membership save', () => {
  it('answers 409 with their role shown and the typed portfolio kept, changing nothing', async () => {
    const row = await demo.database.db
      .selectFrom('memberships')
      .select(['id', 'person_id', 'organisation_id', 'role', 'version'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const url = `/admin/memberships/${row.id}`;
    const other = await signedIn(demo.app, ...OFFICER);
    const formA = await officer.get(url);
    const formB = await other.get(url);
    const fields = { personId: String(row.person_id), organisationId: String(row.organisation_id), version: String(row.version) };
    expect((await officer.post(url, { _csrf: csrfTokenIn(formA.body), ...fields, role: 'vice_chair' })).statusCode).toBe(303);
    const second = await other.post(url, { _csrf: csrfTokenIn(formB.body), ...fields, role: 'advisory', portfolio: 'Typed by the second officer' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this membership after you opened it');
    expect(second.body).toMatch(/<dt class="govuk-summary-list__key">\s*Role\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Vice-chair\s*<\/dd>/);
    expect(second.body).toContain('value="Typed by the second officer"');
    expect(second.body).toMatch(/<option value="advisory" selected>/);
    const stored = await demo.database.db.selectFrom('memberships').select(['role', 'portfolio']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(stored.role).toBe('vice_chair');
    expect(stored.portfolio).not.toBe('Typed by the second officer');
  });
});

describe('saving the record', () => {
  it('creates a body and a person, makes them chair, and the public committee and person pages show it at once', async () => {
    const body = await officer.submit('/admin/bodies/new', {
      name: 'Corporate Parenting Panel',
      kind: 'committee',
      parentId: String(selectCommissionId),
      description: 'Looks after the council’s duties to children in care.',
    });
    expect(body.statusCode).toBe(303);
    const bodyId = Number((body.headers.location as string).split('/').pop());
    const person = await officer.submit('/admin/people/new', {
      honorific: 'Councillor',
      name: 'Rowan Ashby',
      kind: 'councillor',
      party: 'Labour',
      ward: 'Wath',
    });
    expect(person.statusCode).toBe(303);
    const personId = Number((person.headers.location as string).split('/').pop());
    const membership = await officer.submit(`/admin/memberships/new?organisationId=${bodyId}`, {
      personId: String(personId),
      organisationId: String(bodyId),
      role: 'chair',
      startsOn: '2026-05-20',
    });
    expect(membership.statusCode).toBe(303);
    expect(membership.headers.location).toBe(`/admin/bodies/${bodyId}`);

    const workspacePage = await officer.get(`/admin/bodies/${bodyId}`);
    expect(workspacePage.body).toContain('Councillor Rowan Ashby');
    const committee = await demo.app.inject({ method: 'GET', url: '/committees/corporate-parenting-panel' });
    expect(committee.statusCode).toBe(200);
    expect(committee.body).toContain('Looks after the council’s duties to children in care.');
    expect(committee.body).toMatch(/href="\/people\/rowan-ashby">Councillor Rowan Ashby<\/a><\/th>\s*<td class="govuk-table__cell">Chair<\/td>/);
    const parent = await demo.app.inject({ method: 'GET', url: '/committees/improving-lives-select-commission' });
    expect(parent.body).toContain('href="/committees/corporate-parenting-panel"');
    const personPage = await demo.app.inject({ method: 'GET', url: '/people/rowan-ashby' });
    expect(personPage.body).toContain('Chair, <a class="govuk-link" href="/committees/corporate-parenting-panel">Corporate Parenting Panel</a>');

    // Renaming the body shows on its public page straight away: the page, cached for visitors once
    // writes have settled (a second on the app's clock), is let go on the save (src/web/page-cache.ts); its address stays.
    const form = await officer.get(`/admin/bodies/${bodyId}`);
    demo.advance(1100);
    for (let i = 0; i < 2; i++) {
      expect((await demo.app.inject({ method: 'GET', url: '/committees/corporate-parenting-panel' })).body).toContain(
        '<h1 class="govuk-heading-xl">Corporate Parenting Panel</h1>',
      );
    }
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const renamed = await officer.post(`/admin/bodies/${bodyId}`, {
      _csrf: csrfTokenIn(form.body),
      version,
      name: 'Corporate Parenting Board',
      kind: 'committee',
      parentId: String(selectCommissionId),
      description: 'Looks after the council’s duties to children in care.',
    });
    expect(renamed.statusCode).toBe(303);
    const after = await demo.app.inject({ method: 'GET', url: '/committees/corporate-parenting-panel' });
    expect(after.body).toContain('<h1 class="govuk-heading-xl">Corporate Parenting Board</h1>');

    const history = await officer.get(`/admin/organisation/${bodyId}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('update by user:');
    expect(history.body).toMatch(
      /<th scope="row" class="govuk-table__header">name<\/th>\s*<td class="govuk-table__cell">Corporate Parenting Panel<\/td>\s*<td class="govuk-table__cell">Corporate Parenting Board<\/td>/,
    );
    expect((await officer.get(`/admin/person/${personId}/history`)).body).toContain('Rowan Ashby');
  });

  it('ends a membership on a date: the person page shows until when, and the history records it', async () => {
    const row = await demo.database.db
      .selectFrom('memberships as ms')
      .innerJoin('people as p', 'p.id', 'ms.person_id')
      .select(['ms.id', 'ms.version'])
      .where('p.slug', '=', 'rowan-ashby')
      .executeTakeFirstOrThrow();
    const tooEarly = await officer.submit(`/admin/memberships/${row.id}/end`, { version: String(row.version), endsOn: '2026-01-01' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toContain('href="#endsOn"');
    // What was typed is put back into the day, month and year boxes.
    expect(tooEarly.body).toMatch(/id="endsOn-year" name="endsOn-year" type="text" value="2026"/);
    const ended = await officer.submit(`/admin/memberships/${row.id}/end`, { version: String(row.version), endsOn: '2026-11-20' });
    expect(ended.statusCode).toBe(303);
    const personPage = await demo.app.inject({ method: 'GET', url: '/people/rowan-ashby' });
    expect(personPage.body).toContain('until 20 November 2026');
    const committee = await demo.app.inject({ method: 'GET', url: '/committees/corporate-parenting-panel' });
    expect(committee.body).toMatch(/<td class="govuk-table__cell">Chair<br><span class="app-meta">until 20 November 2026<\/span><\/td>/);
    const history = await officer.get(`/admin/membership/${row.id}/history`);
    expect(history.body).toContain('end by user:');
    expect(history.body).toContain('2026-11-20');
  });
});
