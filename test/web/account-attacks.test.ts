// Attacks on signing in and sessions, in-process on both engines: open redirects, guessing and lockouts, forged CSRF pairs, and a server behind an HTTPS proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { startServer } from '../support/server.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, workspaceClient } from '../support/workspace-client.ts';

const SITE = 'https://democracy.example.gov.uk';

/** A clock the test moves forward by hand, so delays and locks pass without waiting. */
function movableClock(start: string): Clock & { advance(seconds: number): void } {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (seconds) => {
      at += seconds * 1000;
    },
  };
}

describe.each(testDialects())('account attacks on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  /** The same services behind a proxy at 127.0.0.1 (where inject's requests come from). */
  let proxied: FastifyInstance;
  const clock = movableClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock });
    for (const [email, password] of [
      ['officer@example.org', 'officer password 1'],
      ['victim@example.org', 'victim password 1'],
      ['proxied@example.org', 'proxied password 1'],
      ['changer@example.org', 'changer password 1'],
      ['mover@example.org', 'mover password 1'],
    ]) {
      await services.auth.addUser('system', { email, name: email, role: 'democratic_services', password });
    }
    app = await buildApp({ services, signInRateLimit: 1000, trustProxy: false });
    proxied = await buildApp({ services, signInRateLimit: 1000, trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await app.close();
    await proxied.close();
    await db.destroy();
  });

  describe('the page returned to after signing in', () => {
    it.each([
      '/\t/evil.example/',
      '/\\evil.example/',
      '/\\/evil.example/',
      '//evil.example/',
      '/.//evil.example/',
      '/%2F%2Fevil.example/',
      '\t//evil.example/',
      ' /\n/evil.example',
      'https://evil.example/',
      '/\r\nSet-Cookie: planted=1',
    ])('stays on the site for next=%j, and never answers 500', async (next) => {
      const client = workspaceClient(app);
      const response = await client.submit(`/sign-in?${new URLSearchParams({ next }).toString()}`, {
        email: 'officer@example.org',
        password: 'officer password 1',
        next,
      });
      expect(response.statusCode).toBe(303);
      const location = String(response.headers.location);
      // Resolved as a browser resolves a Location header against the page it came from.
      expect(new URL(location, `${SITE}/sign-in`).origin).toBe(SITE);
      expect(response.headers['set-cookie']).not.toContain('planted');
      // Already signed in, the form page itself redirects to next: the same rule holds.
      const again = await client.get(`/sign-in?${new URLSearchParams({ next }).toString()}`);
      expect(again.statusCode).toBe(303);
      expect(new URL(String(again.headers.location), `${SITE}/sign-in`).origin).toBe(SITE);
    });

    it('returns to a path on the site with its query', async () => {
      const client = workspaceClient(app);
      const response = await client.submit('/sign-in', { email: 'officer@example.org', password: 'officer password 1', next: '/admin/reviews?page=2' });
      expect(response.headers.location).toBe('/admin/reviews?page=2');
    });
  });

  describe('guessing a known officer’s password', () => {
    it('locks out the address that guessed and not the officer at theirs; the lock is in the audit trail', async () => {
      const attacker = workspaceClient(app, { remoteAddress: '203.0.113.66' });
      const messages: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await attacker.submit('/sign-in', { email: 'victim@example.org', password: `guess ${i}` });
        messages.push(/govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]*)</.exec(response.body)?.[1]?.trim() ?? '');
        clock.advance(5);
      }
      expect(messages.slice(0, 4)).toEqual(Array(4).fill('Enter a correct email address and password'));
      expect(messages[4]).toMatch(/^You have tried too many times\. Try again after \d\d:\d\d$/);
      expect(messages[5]).toBe(messages[4]);
      const victim = await signedIn(app, 'victim@example.org', 'victim password 1', { remoteAddress: '198.51.100.23' });
      expect((await victim.get('/admin')).statusCode).toBe(200);
      const events = await db.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', '=', 'lock_out').execute();
      expect(events.some((e) => e.after_json?.includes('203.0.113.66') && e.after_json.includes('victim@example.org'))).toBe(true);
      clock.advance(15 * 60);
    });

    it('throttles guesses at the current password on the change-password form', async () => {
      const thief = await signedIn(app, 'changer@example.org', 'changer password 1', { remoteAddress: '203.0.113.77' });
      let last = '';
      for (let i = 0; i < 6; i++) {
        const response = await thief.submit('/admin/account/password', {
          currentPassword: `guess ${i}`,
          newPassword: 'taken over account',
          confirmPassword: 'taken over account',
        });
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('<title>Error: Change your password');
        // A password typed is never sent back in the page.
        expect(response.body).not.toContain(`guess ${i}`);
        last = response.body;
        clock.advance(5);
      }
      expect(last).toMatch(/You have tried too many times\. Try again after \d\d:\d\d/);
      const right = await thief.submit('/admin/account/password', {
        currentPassword: 'changer password 1',
        newPassword: 'taken over account',
        confirmPassword: 'taken over account',
      });
      expect(right.statusCode).toBe(400);
      expect((await services.auth.signIn('changer@example.org', 'changer password 1', '198.51.100.1')).ok).toBe(true);
      clock.advance(15 * 60);
    });

    it('changes the password with the right one, keeping this session and saying so once', async () => {
      const owner = await signedIn(app, 'mover@example.org', 'mover password 1');
      const changed = await owner.submit('/admin/account/password', {
        currentPassword: 'mover password 1',
        newPassword: 'a new long password',
        confirmPassword: 'a new long password',
      });
      expect(changed.statusCode).toBe(303);
      const page = await owner.get(String(changed.headers.location));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('govuk-notification-banner--success');
      expect(page.body).toContain('Your password has been changed. You have been signed out everywhere else.');
      expect((await owner.get(String(changed.headers.location))).body).not.toContain('govuk-notification-banner--success');
      expect((await services.auth.signIn('mover@example.org', 'a new long password', '198.51.100.2')).ok).toBe(true);
    });
  });

  describe('CSRF tokens', () => {
    it('refuses a public visitor’s cookie and token pair on an officer’s session, and the officer’s own pre-sign-in pair', async () => {
      const stranger = workspaceClient(app);
      const strangerPage = await stranger.get('/sign-in');
      const strangerToken = csrfTokenIn(strangerPage.body);
      const strangerSecret = stranger.cookies.get('scrutineer_csrf') ?? '';

      const officer = workspaceClient(app);
      const before = await officer.get('/sign-in');
      const ownOldToken = csrfTokenIn(before.body);
      const ownOldSecret = officer.cookies.get('scrutineer_csrf') ?? '';
      const signIn = await officer.post('/sign-in', { _csrf: ownOldToken, email: 'officer@example.org', password: 'officer password 1' });
      expect(signIn.statusCode).toBe(303);
      const session = officer.cookies.get('scrutineer_session') ?? '';

      const forge = (secret: string, token: string) =>
        app.inject({
          method: 'POST',
          url: '/sign-out',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `scrutineer_session=${session}; scrutineer_csrf=${secret}` },
          payload: new URLSearchParams({ _csrf: token }).toString(),
        });
      expect((await forge(strangerSecret, strangerToken)).statusCode).toBe(403);
      expect((await forge(ownOldSecret, ownOldToken)).statusCode).toBe(403);
      expect(await services.auth.actorForToken(session)).not.toBeNull();

      // A pair made for another officer's session is refused too; the officer's own current pair works.
      const other = await signedIn(app, 'officer@example.org', 'officer password 1');
      const otherPage = await other.get('/sign-out');
      expect((await forge(other.cookies.get('scrutineer_csrf') ?? '', csrfTokenIn(otherPage.body))).statusCode).toBe(403);
      const page = await officer.get('/sign-out');
      expect((await forge(officer.cookies.get('scrutineer_csrf') ?? '', csrfTokenIn(page.body))).statusCode).toBe(303);
      expect(await services.auth.actorForToken(session)).toBeNull();
    });
  });

  describe('behind an HTTPS proxy (TRUST_PROXY)', () => {
    const viaProxy = (client: string) => ({ headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'https', 'x-forwarded-for': client } });

    it('marks the session cookie Secure when the proxy forwards https with the internal Host', async () => {
      const client = workspaceClient(proxied, viaProxy('198.51.100.40'));
      const response = await client.submit('/sign-in', { email: 'proxied@example.org', password: 'proxied password 1' });
      expect(response.statusCode).toBe(303);
      expect(response.cookies.find((c) => c.name === 'scrutineer_session')?.secure).toBe(true);
      // Without TRUST_PROXY the forwarded headers are not believed: to the app this is plain HTTP to itself.
      const direct = workspaceClient(app, viaProxy('198.51.100.40'));
      const plain = await direct.submit('/sign-in', { email: 'proxied@example.org', password: 'proxied password 1' });
      expect(plain.cookies.find((c) => c.name === 'scrutineer_session')?.secure).toBeFalsy();
    });

    it('locks out and rate-limits the client behind the proxy, not everyone who comes through it', async () => {
      const attacker = workspaceClient(proxied, viaProxy('203.0.113.99'));
      for (let i = 0; i < 5; i++) {
        await attacker.submit('/sign-in', { email: 'proxied@example.org', password: `guess ${i}` });
        clock.advance(5);
      }
      const refused = await attacker.submit('/sign-in', { email: 'proxied@example.org', password: 'proxied password 1' });
      expect(refused.body).toContain('You have tried too many times');
      const user = workspaceClient(proxied, viaProxy('198.51.100.41'));
      expect((await user.submit('/sign-in', { email: 'proxied@example.org', password: 'proxied password 1' })).statusCode).toBe(303);

      const limited = await buildApp({ services, signInRateLimit: 2, trustProxy: ['127.0.0.1'] });
      try {
        const noisy = workspaceClient(limited, viaProxy('203.0.113.100'));
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await noisy.submit('/sign-in', { email: 'nobody@example.org', password: 'wrong password' })).statusCode);
        expect(statuses).toEqual([400, 400, 429]);
        const quiet = workspaceClient(limited, viaProxy('198.51.100.42'));
        expect((await quiet.submit('/sign-in', { email: 'nobody@example.org', password: 'wrong password' })).statusCode).toBe(400);
      } finally {
        await limited.close();
      }
      clock.advance(15 * 60);
    });

    it('does not keep a page made for one forwarded host and serve it to visitors of another', async () => {
      const server = await startServer(await buildApp({ services, trustProxy: ['127.0.0.1'] }));
      try {
        const feed = (headers: Record<string, string>) =>
          fetch(`${server.url}/decisions.atom`, { headers: { 'x-forwarded-proto': 'https', ...headers } }).then((r) => r.text());
        expect(await feed({ 'x-forwarded-host': 'evil.example' })).toContain('https://evil.example/');
        const page = await feed({});
        expect(page).not.toContain('evil.example');
        expect(page).toContain('https://127.0.0.1');
      } finally {
        await server.close();
      }
    });

    it('does not let a client without a trusted proxy choose its address with X-Forwarded-For', async () => {
      const statuses: string[] = [];
      for (let i = 0; i < 6; i++) {
        const spoofer = workspaceClient(app, { remoteAddress: '203.0.113.120', headers: { 'x-forwarded-for': `10.0.0.${i}` } });
        const response = await spoofer.submit('/sign-in', { email: 'proxied@example.org', password: i === 5 ? 'proxied password 1' : `guess ${i}` });
        statuses.push(response.statusCode === 303 ? 'in' : 'refused');
        clock.advance(5);
      }
      expect(statuses).toEqual(Array(6).fill('refused'));
      clock.advance(15 * 60);
    });
  });
});
