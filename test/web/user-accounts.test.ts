// Accounts made and kept in the workspace by an administrator: who may, the temporary password replaced at first sign-in, role changes, locks lifted and sign-in stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { pageText } from '../support/page-text.ts';
import { signedIn, workspaceClient } from '../support/workspace-client.ts';

let demo: DemoApp;
const ADMIN = ['admin@example.org', 'administrator password'] as const;
const NEW = { email: 'Dana.Director@Example.org', name: 'Dana Director', temporary: 'first temporary password', own: 'dana’s own long password' };

const accountId = async (email: string) => (await demo.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const userCount = async () => (await demo.database.db.selectFrom('users').select('id').execute()).length;

beforeAll(async () => {
  demo = await buildDemoApp();
  await demo.services.auth.addUser('system', { email: ADMIN[0], name: 'Ada Min', role: 'administrator', password: ADMIN[1] });
  await demo.services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
});
afterAll(async () => demo.close());

describe('accounts in the workspace', () => {
  it('is for administrators alone: the public is sent to sign in, an officer is refused and nothing is written', async () => {
    const anonymous = workspaceClient(demo.app);
    expect((await anonymous.get('/admin/users')).headers.location).toBe(`/sign-in?next=${encodeURIComponent('/admin/users')}`);
    const officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    expect((await officer.get('/admin/users')).statusCode).toBe(403);
    expect((await officer.get('/admin/users/new')).statusCode).toBe(403);
    expect(pageText((await officer.get('/admin')).body)).not.toContain('Accounts');
    const before = await userCount();
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await officer.get('/admin/account/password')).body)?.[1] ?? '';
    const refused = await officer.post('/admin/users/new', {
      _csrf: csrf,
      name: 'Sneaky',
      email: 'sneaky@example.org',
      role: 'administrator',
      password: 'sneaky password 1',
    });
    expect(refused.statusCode).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('refuses a form with its mistakes named, keeping what was typed, and writes nothing', async () => {
    const admin = await signedIn(demo.app, ...ADMIN);
    expect(pageText((await admin.get('/admin')).body)).toContain('Accounts: who can sign in to the workspace');
    const before = await userCount();
    const refused = await admin.submit('/admin/users/new', { name: 'Half Done', email: 'not an address', password: 'short' });
    expect(refused.statusCode).toBe(400);
    const text = pageText(refused.body);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter an email address in the correct format, like name@example.org');
    expect(text).toContain('Choose a role');
    expect(text).toContain('Password must be 12 characters or more');
    expect(refused.body).toContain('value="Half Done"');
    expect(await userCount()).toBe(before);

    const taken = await admin.submit('/admin/users/new', {
      name: 'Copy',
      email: 'DSO@example.org',
      role: 'councillor',
      personId: '',
      password: 'another long password',
    });
    expect(taken.statusCode).toBe(400);
    expect(pageText(taken.body)).toContain('There is already an account for dso@example.org');
    expect(await userCount()).toBe(before);
  });

  it('makes a lead officer’s account linked to their person; they must choose their own password before anything else', async () => {
    const admin = await signedIn(demo.app, ...ADMIN);
    const person = await demo.database.db.selectFrom('people').select(['id', 'name']).where('kind', '=', 'officer').orderBy('id').executeTakeFirstOrThrow();
    const form = await admin.get('/admin/users/new');
    expect(pageText(form.body)).toContain('Record progress on the recommendations assigned to the person linked below');
    const made = await admin.submit('/admin/users/new', {
      name: NEW.name,
      email: NEW.email,
      role: 'lead_officer',
      personId: String(person.id),
      password: NEW.temporary,
    });
    expect(made.statusCode).toBe(303);
    const id = await accountId('dana.director@example.org');
    expect(made.headers.location).toBe(`/admin/users/${id}`);
    const page = pageText((await admin.get(`/admin/users/${id}`)).body);
    expect(page).toContain('Account added');
    expect(page).toContain('Has a temporary password');
    const list = pageText((await admin.get('/admin/users')).body);
    expect(list).toContain('Dana Director');
    expect(list).toContain('Lead officer');
    expect(list).toContain(person.name);

    const dana = await signedIn(demo.app, NEW.email, NEW.temporary);
    const sent = await dana.get('/admin/assigned');
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/admin/account/password');
    const changePage = await dana.get('/admin/account/password');
    expect(pageText(changePage.body)).toContain('You signed in with a password an administrator set for you');
    const changed = await dana.submit('/admin/account/password', { currentPassword: NEW.temporary, newPassword: NEW.own, confirmPassword: NEW.own });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/admin');
    expect((await dana.get('/admin/assigned')).statusCode).toBe(200);
    expect(pageText((await admin.get('/admin/users')).body)).not.toContain('Has a temporary password');

    const events = await demo.database.db
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', id)
      .execute();
    expect(events.map((e) => e.action)).toContain('create');
    expect(events.some((e) => (e.after_json ?? '').includes('password_hash'))).toBe(false);
  });

  it('changes a role at once (their sessions end), and an administrator cannot demote themselves', async () => {
    const admin = await signedIn(demo.app, ...ADMIN);
    const id = await accountId('dana.director@example.org');
    const dana = await signedIn(demo.app, NEW.email, NEW.own);
    expect((await dana.get('/admin/assigned')).statusCode).toBe(200);
    const saved = await admin.submit(`/admin/users/${id}`, { name: 'Dana Director', role: 'councillor', personId: '', version: await version(id) });
    expect(saved.statusCode).toBe(303);
    expect((await dana.get('/admin/assigned')).statusCode).toBe(303);

    const stale = await admin.submit(`/admin/users/${id}`, { name: 'Dana D', role: 'councillor', personId: '', version: '1' });
    expect(stale.statusCode).toBe(409);

    const self = await accountId(ADMIN[0]);
    const demoted = await admin.submit(`/admin/users/${self}`, { name: 'Ada Min', role: 'councillor', personId: '', version: await version(self) });
    expect(demoted.statusCode).toBe(400);
    expect(pageText(demoted.body)).toContain('You cannot take the administrator role from your own account');
  });

  it('sets a temporary password for someone who forgot theirs, and stops and restores sign-in', async () => {
    const admin = await signedIn(demo.app, ...ADMIN);
    const id = await accountId('dana.director@example.org');
    const reset = await admin.submit(`/admin/users/${id}/temporary-password`, { password: 'second temporary password' });
    expect(reset.statusCode).toBe(303);
    // Each sign-in from an address of its own: the per-address limit on sign-in posts is not what is tested here.
    const back = await signedIn(demo.app, NEW.email, 'second temporary password', { remoteAddress: '10.0.0.1' });
    expect((await back.get('/admin')).headers.location).toBe('/admin/account/password');

    const stopped = await admin.submit(`/admin/users/${id}/access`, { access: 'disable' });
    expect(stopped.statusCode).toBe(303);
    expect((await back.get('/admin/account/password')).statusCode).toBe(303);
    expect(
      (await workspaceClient(demo.app, { remoteAddress: '10.0.0.2' }).submit('/sign-in', { email: NEW.email, password: 'second temporary password' }))
        .statusCode,
    ).toBe(400);
    expect(pageText((await admin.get('/admin/users')).body)).toContain('Cannot sign in');

    expect((await admin.submit(`/admin/users/${id}/access`, { access: 'enable' })).statusCode).toBe(303);
    expect(
      (await workspaceClient(demo.app, { remoteAddress: '10.0.0.3' }).submit('/sign-in', { email: NEW.email, password: 'second temporary password' }))
        .statusCode,
    ).toBe(303);

    const self = await accountId(ADMIN[0]);
    const own = await admin.submit(`/admin/users/${self}/access`, { access: 'disable' });
    expect(own.statusCode).toBe(400);
    expect(pageText(own.body)).toContain('You cannot stop your own account signing in');
  });
});

async function version(id: number): Promise<string> {
  return String((await demo.database.db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
}
