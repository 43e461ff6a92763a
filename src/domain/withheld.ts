// Withheld business: what makes an agenda item or paper withheld from the public, and who may read it.
//
// LGA 1972 s.100A(3)-(4) and Schedule 12A: confidential information, and exempt information under
// a paragraph of Schedule 12A, are withheld from the public; modern.gov's `isrestricted`
// (migration 0003) names no paragraph but is withheld all the same. s.100B(2) withholds the papers
// only: the agenda still names the item by its number and title. s.100F gives a member access to
// the papers of business of a body they belong to. This module is the one home of that rule; SQL
// asks the same question through src/repositories/withheld-expression.ts.
import { EDITOR_ROLES, type Actor } from './roles.ts';

/** The flags an agenda item or a document carries. */
export interface WithholdingFlags {
  readonly exempt_paragraph: number | null;
  readonly is_confidential: number | null;
  readonly is_restricted?: number | null;
}

/** Whether a record's own flags withhold it: exempt under a Schedule 12A paragraph, confidential, or restricted. */
export function isWithheld(record: WithholdingFlags): boolean {
  return record.exempt_paragraph !== null || record.is_confidential === 1 || record.is_restricted === 1;
}

/**
 * Whether a paper, minute or decision is withheld: by its own flags, or because it hangs from a
 * withheld agenda item (a paper of an exempt item is withheld with it, whatever it says itself).
 */
export function isWithheldBusiness(record: WithholdingFlags | null, item: WithholdingFlags | null | undefined): boolean {
  return (record !== null && isWithheld(record)) || (item !== null && item !== undefined && isWithheld(item));
}

/**
 * Whose withheld business a reader may read: every body's, the bodies they sit on today, or none.
 * Nothing else in the system decides this; routes, papers and files ask `mayReadWithheldOf`.
 */
export type WithheldReach = { readonly kind: 'every-body' } | { readonly kind: 'bodies'; readonly organisationIds: readonly number[] };

export const NO_WITHHELD_REACH: WithheldReach = { kind: 'bodies', organisationIds: [] };
export const EVERY_BODY: WithheldReach = { kind: 'every-body' };

/**
 * How a reader's reach is decided: democratic services officers and administrators keep the whole
 * record and read all of it; a councillor reads the business of the bodies they sit on today
 * (s.100F), which the caller looks up (`seats`); a lead officer, anyone else and the public read none.
 */
export function withheldReachBasis(actor: Actor | null): 'every-body' | 'seats' | 'none' {
  if (actor === null) return 'none';
  if (EDITOR_ROLES.includes(actor.role)) return 'every-body';
  if (actor.role === 'councillor' && actor.personId !== null) return 'seats';
  return 'none';
}

/** The reach of a reader given the bodies they sit on today (only asked for when the basis is 'seats'). */
export function withheldReach(actor: Actor | null, seats: readonly number[]): WithheldReach {
  const basis = withheldReachBasis(actor);
  if (basis === 'every-body') return EVERY_BODY;
  if (basis === 'seats') return { kind: 'bodies', organisationIds: [...new Set(seats)] };
  return NO_WITHHELD_REACH;
}

/** Whether the reader may read the withheld business of this body. */
export function mayReadWithheldOf(reach: WithheldReach, organisationId: number): boolean {
  return reach.kind === 'every-body' || reach.organisationIds.includes(organisationId);
}

/** Whether the reader may read any withheld business at all (a page listing it is "not found" otherwise). */
export function mayReadAnyWithheld(reach: WithheldReach): boolean {
  return reach.kind === 'every-body' || reach.organisationIds.length > 0;
}
