// Tables of cases for roles and progress permission.
import { describe, expect, it } from 'vitest';
import { mayRecordProgress, type Actor } from './roles.ts';

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
