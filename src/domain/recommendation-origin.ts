// A tracked recommendation's reference per municipal year ("2025/26-014") and which origin a minute's limb gives it.
import { municipalYear } from './slug.ts';

/** "2025/26": the municipal year that starts in May 2025 (RULES.md: minute numbers restart each municipal year). */
export function municipalYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The reference a recommendation is known by, such as "2025/26-014"; none for a record that has no place yet. */
export function recommendationReference(year: number | null, sequence: number | null): string | null {
  if (year === null || sequence === null) return null;
  return `${municipalYearLabel(year)}-${String(sequence).padStart(3, '0')}`;
}

/** The municipal year a recommendation made on a date belongs to. */
export function referenceYear(madeOn: string): number {
  return municipalYear(madeOn);
}

/**
 * The origin a limb of a resolution gives the recommendation it makes: a limb of full Council is a
 * Council motion (it asks an officer or the executive to act); a limb of any other body is that
 * committee meeting's recommendation.
 */
export function limbOrigin(bodyKind: string): 'meeting' | 'motion' {
  return bodyKind === 'council' || bodyKind === 'full_council' ? 'motion' : 'meeting';
}

/**
 * Which limbs become tracked recommendations: a limb that recommends something to another body,
 * or one the officer marks to be tracked (a Council motion asking an officer to act).
 */
export function isTrackedLimb(verb: string, track: boolean): boolean {
  return verb === 'recommended' || track;
}

/**
 * How people know a recommendation: "Recommendation 3 of <review>" for a review's, and by its
 * reference for one a committee meeting or Council motion made ("Recommendation 2025/26-014").
 */
export function recommendationName(rec: {
  number: number;
  review_title: string | null;
  review_short_title: string | null;
  municipal_year: number | null;
  year_sequence: number | null;
}): string {
  const title = rec.review_short_title ?? rec.review_title;
  if (title !== null) return `Recommendation ${rec.number} of ${title}`;
  return `Recommendation ${recommendationReference(rec.municipal_year, rec.year_sequence) ?? rec.number}`;
}
