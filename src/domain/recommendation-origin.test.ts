// The reference of a tracked recommendation and the origin a limb gives it.
import { describe, expect, it } from 'vitest';
import { isTrackedLimb, limbOrigin, municipalYearLabel, recommendationReference, referenceYear } from './recommendation-origin.ts';

describe('recommendation references', () => {
  it.each([
    [2025, 14, '2025/26-014'],
    [2017, 1, '2017/18-001'],
    [1999, 250, '1999/00-250'],
    [2025, 1234, '2025/26-1234'],
  ])('year %i, number %i reads %s', (year, sequence, expected) => {
    expect(recommendationReference(year, sequence)).toBe(expected);
  });

  it('has none without a year or number', () => {
    expect(recommendationReference(null, 3)).toBeNull();
    expect(recommendationReference(2025, null)).toBeNull();
  });

  it.each([
    ['2025-05-01', '2025/26'],
    ['2026-04-30', '2025/26'],
    ['2017-10-18', '2017/18'],
  ])('a recommendation made on %s belongs to %s', (date, label) => {
    expect(municipalYearLabel(referenceYear(date))).toBe(label);
  });

  it('gives a limb of full Council the motion origin, any other body the meeting origin', () => {
    expect(limbOrigin('full_council')).toBe('motion');
    expect(limbOrigin('council')).toBe('motion');
    expect(limbOrigin('scrutiny_committee')).toBe('meeting');
    expect(isTrackedLimb('recommended', false)).toBe(true);
    expect(isTrackedLimb('agreed', true)).toBe(true);
    expect(isTrackedLimb('noted', false)).toBe(false);
  });
});
