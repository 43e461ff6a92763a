// Table-driven tests of a review's derived lifecycle: the date the response was given and the review's status.
import { describe, expect, it } from 'vitest';
import { deriveReviewStatus, responseGivenOn, type ReviewStatusFacts } from './review-lifecycle.ts';

describe('responseGivenOn', () => {
  it.each([
    ['no meeting, no recommendations', null, [], null],
    ['no meeting, one response missing', null, ['2026-03-02', null], null],
    ['no meeting, every response recorded: the latest date', null, ['2026-03-02', '2026-03-09', '2026-02-27'], '2026-03-09'],
    ['the agreeing meeting wins over the responses’ dates', '2018-02-19', ['2018-02-20', null], '2018-02-19'],
  ] as const)('%s', (_name, meeting, responses, expected) => {
    expect(responseGivenOn({ responseMeetingDate: meeting, responses })).toBe(expected);
  });
});

describe('deriveReviewStatus', () => {
  const base: ReviewStatusFacts = { reportDate: null, received: false, responseGivenOn: null, recommendationStatuses: [], monitored: false };
  it.each<[string, Partial<ReviewStatusFacts>, string]>([
    ['a new review', {}, 'in_progress'],
    ['recommendations drafted, no report', { recommendationStatuses: ['awaiting_response'] }, 'in_progress'],
    ['report dated, not received', { reportDate: '2026-01-05' }, 'reported'],
    ['report received, no response', { reportDate: '2026-01-05', received: true, recommendationStatuses: ['awaiting_response', 'open'] }, 'response_due'],
    ['response given, nothing since', { received: true, responseGivenOn: '2026-03-02', recommendationStatuses: ['open', 'open'] }, 'responded'],
    ['response given, a progress update', { received: true, responseGivenOn: '2026-03-02', recommendationStatuses: ['open'], monitored: true }, 'monitoring'],
    ['response given, one signed off', { received: true, responseGivenOn: '2026-03-02', recommendationStatuses: ['open', 'signed_off'] }, 'monitoring'],
    [
      'every recommendation signed off or closed',
      { received: true, responseGivenOn: '2026-03-02', recommendationStatuses: ['signed_off', 'closed'], monitored: true },
      'closed',
    ],
    [
      'a reopened recommendation reopens the review',
      { received: true, responseGivenOn: '2026-03-02', recommendationStatuses: ['signed_off', 'open'], monitored: true },
      'monitoring',
    ],
  ])('%s: %s', (_name, facts, expected) => {
    expect(deriveReviewStatus({ ...base, ...facts })).toBe(expected);
  });
});
