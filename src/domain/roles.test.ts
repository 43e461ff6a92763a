// Tables of cases for roles, progress permission and sign-in lockout.
import { describe, expect, it } from 'vitest';
import { lockedUntil, mayRecordProgress, type Actor } from './roles.ts';

const base: Actor = { userId: 1, email: 'a@example.org', name: 'A', role: 'lead_officer', personId: 7 };

describe('mayRecordProgress', () => {
  it.each([
    ['administrator', null, 9, true],
    ['democratic_services', null, null, true],
    ['lead_officer', 7, 7, true],
    ['lead_officer', 7, 8, false],
    ['lead_officer', null, null, false],
    ['councillor', 7, 7, false],
  ] as const)('%s (person %s) on a recommendation assigned to %s → %s', (role, personId, responsible, expected) => {
    expect(mayRecordProgress({ ...base, role, personId }, responsible)).toBe(expected);
  });
});

describe('lockedUntil', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

  it('is not locked after four failures', () => {
    expect(lockedUntil([at(4), at(3), at(2), at(1)], now)).toBeNull();
  });
  it('locks for 15 minutes from the fifth failure', () => {
    expect(lockedUntil([at(5), at(4), at(3), at(2), at(1)], now)?.toISOString()).toBe('2026-01-10T12:14:00.000Z');
  });
  it('ignores failures older than the 15-minute window', () => {
    expect(lockedUntil([at(40), at(30), at(3), at(2), at(1)], now)).toBeNull();
  });
  it('is unlocked once 15 minutes have passed since the fifth failure', () => {
    expect(lockedUntil([at(20), at(19), at(18), at(17), at(16)], now)).toBeNull();
  });
});
