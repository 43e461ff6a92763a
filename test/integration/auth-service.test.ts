// Accounts on both engines: signing in and out, throttling and locks, password change, unlocking, disabling, and the audit events they leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../src/services/errors.ts';
import { CLIENT_LOCK_FAILURES } from '../../src/domain/sign-in-throttle.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

/** The client address of most attempts here. */
const HERE = '198.51.100.7';

/** A clock the test moves forward by hand. */
function movableClock(start: string): Clock & { advance(minutes: number): void } {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (minutes) => {
      at += minutes * 60_000;
    },
  };
}

describe.each(testDialects())('accounts on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  const clock = movableClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock });
    await services.auth.addUser('system', {
      email: 'Officer@Example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'correct horse battery',
    });
  });
  afterAll(async () => db.destroy());

  it('stores the email in lower case and never the password', async () => {
    const [user] = await services.auth.listUsers();
    expect(user?.email).toBe('officer@example.org');
    const row = await db.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('refuses a second account with the same email', async () => {
    await expect(
      services.auth.addUser('system', { email: 'officer@example.org', name: 'X', role: 'councillor', password: 'another long password' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a short password and an unknown role, naming the fields', async () => {
    const error = await services.auth.addUser('system', { email: 'new@example.org', name: 'N', role: 'king', password: 'short' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['password', 'role']);
  });

  it('signs in with the right password, gives a session that signs out', async () => {
    const result = await services.auth.signIn(' OFFICER@example.org ', 'correct horse battery', HERE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.actor.role).toBe('democratic_services');
    expect(await services.auth.actorForToken(result.token)).toMatchObject({ email: 'officer@example.org' });
    // Only the token's hash is stored.
    const sessions = await db.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).not.toContain(result.token);
    await services.auth.signOut(result.token);
    expect(await services.auth.actorForToken(result.token)).toBeNull();
  });

  it('gives the same answer for an unknown email as for a wrong password', async () => {
    expect(await services.auth.signIn('nobody@example.org', 'whatever it is', HERE)).toEqual({ ok: false, reason: 'invalid' });
    expect(await services.auth.signIn('officer@example.org', 'wrong password', HERE)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks an email for 15 minutes after 5 failures from an address, even with the right password, then lets it in', async () => {
    await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lead', role: 'lead_officer', password: 'lead officer password' });
    for (let i = 0; i < 4; i++) {
      expect(await services.auth.signIn('lead@example.org', `wrong ${i}`, HERE)).toEqual({ ok: false, reason: 'invalid' });
      clock.advance(0.1);
    }
    const fifth = await services.auth.signIn('lead@example.org', 'wrong 5', HERE);
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(await services.auth.signIn('lead@example.org', 'lead officer password', HERE)).toMatchObject({ ok: false, reason: 'locked' });
    clock.advance(14);
    expect(await services.auth.signIn('lead@example.org', 'lead officer password', HERE)).toMatchObject({ ok: false, reason: 'locked' });
    clock.advance(2);
    expect((await services.auth.signIn('lead@example.org', 'lead officer password', HERE)).ok).toBe(true);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const first = await services.auth.signIn('officer@example.org', 'correct horse battery', HERE);
    const second = await services.auth.signIn('officer@example.org', 'correct horse battery', HERE);
    if (!first.ok || !second.ok) throw new Error('expected to sign in');
    await expect(
      services.auth.changePassword(
        first.actor,
        first.token,
        { currentPassword: 'nope', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
        HERE,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await services.auth.changePassword(
      first.actor,
      first.token,
      { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
      HERE,
    );
    expect(await services.auth.actorForToken(first.token)).not.toBeNull();
    expect(await services.auth.actorForToken(second.token)).toBeNull();
    expect((await services.auth.signIn('officer@example.org', 'correct horse battery', HERE)).ok).toBe(false);
    expect((await services.auth.signIn('officer@example.org', 'a brand new passphrase', HERE)).ok).toBe(true);
  });

  it('disables an account: its sessions end and it cannot sign in; every change is in the audit trail', async () => {
    await services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr', role: 'councillor', password: 'councillor password' });
    const session = await services.auth.signIn('cllr@example.org', 'councillor password', HERE);
    if (!session.ok) throw new Error('expected to sign in');
    await services.auth.disableUser('system', 'cllr@example.org');
    expect(await services.auth.actorForToken(session.token)).toBeNull();
    expect((await services.auth.signIn('cllr@example.org', 'councillor password', HERE)).ok).toBe(false);
    const history = await services.audit.history('user', session.actor.userId);
    expect(history.map((e) => e.action)).toEqual(['disable', 'sign_in', 'create']);
    expect(history[0]?.changes).toEqual([{ field: 'is_disabled', before: '0', after: '1' }]);
    expect(JSON.stringify(history)).not.toContain('scrypt');
  });
  it('checks no more of ten concurrent guesses than one after another, so nine wrong ones cannot race the right one in', async () => {
    await services.auth.addUser('system', { email: 'race@example.org', name: 'Race', role: 'democratic_services', password: 'the right password' });
    const guesses = [...Array.from({ length: 9 }, (_, i) => `wrong guess ${i}`), 'the right password'];
    const results = await Promise.all(guesses.map((password) => services.auth.signIn('race@example.org', password, '203.0.113.50')));
    // Every guess beyond what the throttle allows is refused without its password being looked at.
    const checked = await db.db.selectFrom('login_attempts').select(['id', 'succeeded']).where('email', '=', 'race@example.org').orderBy('id').execute();
    expect(checked.length).toBeLessThan(CLIENT_LOCK_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason !== 'invalid').length).toBe(10 - checked.length);
    const success = checked.findIndex((row) => row.succeeded === 1);
    expect(results.some((r) => r.ok)).toBe(success >= 0);
    if (success >= 0) expect(success).toBeLessThan(CLIENT_LOCK_FAILURES);
  });

  it('locks only the address that guessed: the real user signs in from theirs, and a lock cannot be renewed by knocking', async () => {
    await services.auth.addUser('system', { email: 'target@example.org', name: 'Target', role: 'democratic_services', password: 'target password 1' });
    const attacker = '203.0.113.9';
    for (let i = 0; i < CLIENT_LOCK_FAILURES; i++) {
      await services.auth.signIn('target@example.org', `guess ${i}`, attacker);
      clock.advance(0.1);
    }
    expect(await services.auth.signIn('target@example.org', 'target password 1', attacker)).toMatchObject({ ok: false, reason: 'locked' });
    expect((await services.auth.signIn('target@example.org', 'target password 1', HERE)).ok).toBe(true);
    // Knocking on the lock while it lasts does not extend it: it ends 15 minutes after the fifth failure.
    clock.advance(7);
    expect(await services.auth.signIn('target@example.org', 'guess again', attacker)).toMatchObject({ ok: false, reason: 'locked' });
    clock.advance(8);
    expect((await services.auth.signIn('target@example.org', 'target password 1', attacker)).ok).toBe(true);
    const user = (await services.auth.listUsers()).find((u) => u.email === 'target@example.org');
    const history = await services.audit.history('user', user?.id ?? 0);
    const lockOut = history.find((e) => e.action === 'lock_out');
    expect(JSON.stringify(lockOut)).toContain(attacker);
  });

  it('after many failures from many addresses locks new addresses out, but not the one the user signs in from; unlock lifts it', async () => {
    await services.auth.addUser('system', { email: 'spread@example.org', name: 'Spread', role: 'councillor', password: 'spread password 1' });
    expect((await services.auth.signIn('spread@example.org', 'spread password 1', HERE)).ok).toBe(true);
    for (let i = 1; i <= 20; i++) await services.auth.signIn('spread@example.org', 'guess', `192.0.2.${i}`);
    expect(await services.auth.signIn('spread@example.org', 'spread password 1', '192.0.2.200')).toMatchObject({ ok: false, reason: 'locked' });
    expect((await services.auth.signIn('spread@example.org', 'spread password 1', HERE)).ok).toBe(true);
    await services.auth.unlockUser('system', 'Spread@example.org');
    expect((await services.auth.signIn('spread@example.org', 'spread password 1', '192.0.2.200')).ok).toBe(true);
    const user = (await services.auth.listUsers()).find((u) => u.email === 'spread@example.org');
    const actions = (await services.audit.history('user', user?.id ?? 0)).map((e) => e.action);
    expect(actions).toContain('lock_out');
    expect(actions).toContain('unlock');
    await expect(services.auth.unlockUser('system', 'nobody@example.org')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throttles guesses at the current password when changing it, like sign-in, and counts them towards the same lock', async () => {
    await services.auth.addUser('system', { email: 'stolen@example.org', name: 'Stolen', role: 'democratic_services', password: 'stolen session pw' });
    const session = await services.auth.signIn('stolen@example.org', 'stolen session pw', HERE);
    if (!session.ok) throw new Error('expected to sign in');
    const change = (current: string) =>
      services.auth
        .changePassword(
          session.actor,
          session.token,
          { currentPassword: current, newPassword: 'attacker chosen pw', confirmPassword: 'attacker chosen pw' },
          HERE,
        )
        .catch((e: unknown) => e);
    const messages: string[] = [];
    for (let i = 0; i < CLIENT_LOCK_FAILURES; i++) {
      const error = await change(`guess ${i}`);
      expect(error).toBeInstanceOf(ValidationError);
      messages.push((error as ValidationError).errors[0]?.message ?? '');
      clock.advance(0.1);
    }
    expect(messages.slice(0, 4)).toEqual(Array(4).fill('Your current password is not correct'));
    expect(messages[4]).toMatch(/^You have tried too many times\. Try again after \d\d:\d\d$/);
    const right = await change('stolen session pw');
    expect(right).toBeInstanceOf(ValidationError);
    expect((right as ValidationError).errors[0]?.message).toMatch(/tried too many times/);
    expect(await services.auth.signIn('stolen@example.org', 'stolen session pw', HERE)).toMatchObject({ ok: false, reason: 'locked' });
    expect((await services.auth.signIn('stolen@example.org', 'attacker chosen pw', HERE)).ok).toBe(false);
    clock.advance(15);
  });
});
