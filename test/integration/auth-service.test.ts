// Accounts on both engines: signing in and out, lockout, password change, disabling, and the audit events they leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

/** A clock the test moves forward by hand. */
function movableClock(start: string): Clock & { advance(minutes: number): void } {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (minutes) => { at += minutes * 60_000; } };
}

describe.each(testDialects())('accounts on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  const clock = movableClock('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock });
    await services.auth.addUser('system', { email: 'Officer@Example.org', name: 'Dem Services', role: 'democratic_services', password: 'correct horse battery' });
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
    await expect(services.auth.addUser('system', { email: 'officer@example.org', name: 'X', role: 'councillor', password: 'another long password' }))
      .rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a short password and an unknown role, naming the fields', async () => {
    const error = await services.auth.addUser('system', { email: 'new@example.org', name: 'N', role: 'king', password: 'short' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['password', 'role']);
  });

  it('signs in with the right password, gives a session that signs out', async () => {
    const result = await services.auth.signIn(' OFFICER@example.org ', 'correct horse battery');
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
    expect(await services.auth.signIn('nobody@example.org', 'whatever it is')).toEqual({ ok: false, reason: 'invalid' });
    expect(await services.auth.signIn('officer@example.org', 'wrong password')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks an email for 15 minutes after 5 failures, even with the right password, then lets it in', async () => {
    await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lead', role: 'lead_officer', password: 'lead officer password' });
    for (let i = 0; i < 4; i++) expect((await services.auth.signIn('lead@example.org', `wrong ${i}`)).ok).toBe(false);
    const fifth = await services.auth.signIn('lead@example.org', 'wrong 5');
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(await services.auth.signIn('lead@example.org', 'lead officer password')).toMatchObject({ ok: false, reason: 'locked' });
    clock.advance(14);
    expect(await services.auth.signIn('lead@example.org', 'lead officer password')).toMatchObject({ ok: false, reason: 'locked' });
    clock.advance(2);
    expect((await services.auth.signIn('lead@example.org', 'lead officer password')).ok).toBe(true);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const first = await services.auth.signIn('officer@example.org', 'correct horse battery');
    const second = await services.auth.signIn('officer@example.org', 'correct horse battery');
    if (!first.ok || !second.ok) throw new Error('expected to sign in');
    await expect(services.auth.changePassword(first.actor, first.token, { currentPassword: 'nope', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }))
      .rejects.toBeInstanceOf(ValidationError);
    await services.auth.changePassword(first.actor, first.token, { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' });
    expect(await services.auth.actorForToken(first.token)).not.toBeNull();
    expect(await services.auth.actorForToken(second.token)).toBeNull();
    expect((await services.auth.signIn('officer@example.org', 'correct horse battery')).ok).toBe(false);
    expect((await services.auth.signIn('officer@example.org', 'a brand new passphrase')).ok).toBe(true);
  });

  it('disables an account: its sessions end and it cannot sign in; every change is in the audit trail', async () => {
    await services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr', role: 'councillor', password: 'councillor password' });
    const session = await services.auth.signIn('cllr@example.org', 'councillor password');
    if (!session.ok) throw new Error('expected to sign in');
    await services.auth.disableUser('system', 'cllr@example.org');
    expect(await services.auth.actorForToken(session.token)).toBeNull();
    expect((await services.auth.signIn('cllr@example.org', 'councillor password')).ok).toBe(false);
    const history = await services.audit.history('user', session.actor.userId);
    expect(history.map((e) => e.action)).toEqual(['disable', 'sign_in', 'create']);
    expect(history[0]?.changes).toEqual([{ field: 'is_disabled', before: '0', after: '1' }]);
    expect(JSON.stringify(history)).not.toContain('scrypt');
  });
});
