// Tables of cases for the withheld-business rule: what is withheld, and whose withheld business a reader may read.
import { describe, expect, it } from 'vitest';
import type { Actor } from './roles.ts';
import { isWithheld, isWithheldBusiness, mayReadAnyWithheld, mayReadWithheldOf, withheldReach } from './withheld.ts';

const open = { exempt_paragraph: null, is_confidential: 0, is_restricted: 0 };

describe('isWithheld and isWithheldBusiness', () => {
  it.each([
    [open, null, false],
    [{ ...open, exempt_paragraph: 3 }, null, true],
    [{ ...open, is_confidential: 1 }, null, true],
    [{ ...open, is_restricted: 1 }, null, true],
    // A paper that says nothing itself is withheld with its exempt item.
    [open, { ...open, exempt_paragraph: 1 }, true],
    [open, open, false],
  ] as const)('%o on item %o → %s', (record, item, expected) => {
    expect(isWithheldBusiness(record, item)).toBe(expected);
    if (item === null) expect(isWithheld(record)).toBe(expected);
  });
});

describe('withheldReach and mayReadWithheldOf', () => {
  const actor = (role: Actor['role'], personId: number | null): Actor => ({ userId: 1, email: 'a@example.org', name: 'A', role, personId });
  it.each([
    ['administrator', null, [], 5, true],
    ['democratic_services', null, [], 5, true],
    // LGA 1972 s.100F: a councillor reads the business of the bodies they sit on.
    ['councillor', 7, [5], 5, true],
    ['councillor', 7, [6], 5, false],
    ['councillor', null, [5], 5, false],
    // A lead officer has no seat and keeps no record: none, whatever memberships their person has.
    ['lead_officer', 7, [5], 5, false],
  ] as const)('%s (person %s, seats %o) on body %s → %s', (role, personId, seats, body, expected) => {
    const reach = withheldReach(actor(role, personId), seats);
    expect(mayReadWithheldOf(reach, body)).toBe(expected);
  });

  it('gives the public nothing', () => {
    expect(mayReadAnyWithheld(withheldReach(null, [1, 2]))).toBe(false);
  });
});
