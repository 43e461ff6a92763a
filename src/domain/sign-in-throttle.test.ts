// Tables of cases for when a password may be tried: delay, lock per address, lock per account.
import { describe, expect, it } from 'vitest';
import { signInVerdict, type AttemptHistory } from './sign-in-throttle.ts';

const now = new Date('2026-01-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const history = (clientFailures: Date[], extra: Partial<AttemptHistory> = {}): AttemptHistory => ({
  clientFailures,
  accountFailures: clientFailures,
  knownClient: false,
  ...extra,
});

describe('signInVerdict', () => {
  it.each([
    ['no failures', [], null],
    ['one failure a moment ago', [ago(0)], null],
    ['two failures, the last half a second ago (1 s delay)', [ago(10), ago(0.5)], 'wait until 2026-01-10T12:00:00.500Z'],
    ['two failures, the last 1 s ago', [ago(10), ago(1)], null],
    ['four failures, the last 3 s ago (4 s delay)', [ago(60), ago(50), ago(40), ago(3)], 'wait until 2026-01-10T12:00:01.000Z'],
    ['five failures in the window', [ago(300), ago(240), ago(180), ago(120), ago(60)], 'locked until 2026-01-10T12:14:00.000Z'],
    ['five failures, the first outside the window', [ago(16 * 60), ago(240), ago(180), ago(120), ago(60)], null],
    ['five failures, the last 15 minutes ago', [ago(19 * 60), ago(18 * 60), ago(17 * 60), ago(16 * 60), ago(15 * 60)], null],
  ])('%s → %s', (_name, failures, expected) => {
    const verdict = signInVerdict(history(failures), now);
    expect(verdict.allowed ? null : `${verdict.reason} until ${verdict.until.toISOString()}`).toBe(expected);
  });

  const spread = Array.from({ length: 20 }, (_, i) => ago(600 - i * 10));
  it('locks the account for a new address after 20 failures from anywhere', () => {
    expect(signInVerdict(history([], { accountFailures: spread }), now)).toMatchObject({ allowed: false, reason: 'locked', scope: 'account' });
  });
  it('does not bind an address the account signed in from before by the account-wide lock', () => {
    expect(signInVerdict(history([], { accountFailures: spread, knownClient: true }), now)).toEqual({ allowed: true });
  });
  it('still locks a known address after five failures of its own', () => {
    expect(signInVerdict(history([ago(50), ago(40), ago(30), ago(20), ago(10)], { knownClient: true }), now)).toMatchObject({
      reason: 'locked',
      scope: 'client',
    });
  });
});
