// A review's own lifecycle, derived from its records: when the executive's response was given, and where the review stands (in progress, reported, response due, responded, monitoring, closed).
//
// RULES.md rule 1: the executive responds to a report "within two months beginning with the date on
// which it receives" it; the response is given when the executive agrees it (the meeting that agreed
// it), or, where no such meeting is recorded, once every recommendation has its recorded response.
// Rule 5: progress reports to the committee "until the committee signs each recommendation off".
// Nothing here is typed by an officer: the services gather the facts and call these.

import type { ReviewStatus } from './vocabulary.ts';

/** Recommendation statuses that the committee has ended (signed off, or closed without further action). */
export const ENDED_RECOMMENDATION_STATUSES: readonly string[] = ['signed_off', 'closed'];

export interface ResponseFacts {
  /** The date of the meeting recorded as the one that agreed the executive response, if any. */
  responseMeetingDate: string | null;
  /** Per recommendation: the date of its executive response, or null when it has none yet. */
  responses: readonly (string | null)[];
}

/**
 * The date the executive's response was given: the meeting that agreed it; otherwise, when every
 * recommendation has a response, the latest of their dates; otherwise null (not given yet).
 */
export function responseGivenOn(facts: ResponseFacts): string | null {
  if (facts.responseMeetingDate) return facts.responseMeetingDate;
  if (facts.responses.length === 0 || facts.responses.some((d) => d === null)) return null;
  return [...facts.responses].sort().at(-1) ?? null;
}

export interface ReviewStatusFacts {
  /** The date the committee made its report, if it has. */
  reportDate: string | null;
  /** Whether the executive (or Council) has received the report: a receiving meeting or a date of receipt. */
  received: boolean;
  /** From responseGivenOn. */
  responseGivenOn: string | null;
  /** The status of each recommendation ('awaiting_response', 'open', 'signed_off', 'closed'). */
  recommendationStatuses: readonly string[];
  /** Whether any progress update or monitoring report has been recorded since the response. */
  monitored: boolean;
}

/**
 * Where a review stands, from its records alone:
 * - closed: it has recommendations and the committee has signed off or closed every one;
 * - monitoring: the response is given and progress (an update, a monitoring report or a sign-off) has been recorded;
 * - responded: the response is given, nothing reported on since;
 * - response due: the report has been received and the response is not yet given;
 * - reported: the report is dated but not yet recorded as received;
 * - in progress: otherwise.
 */
export function deriveReviewStatus(facts: ReviewStatusFacts): ReviewStatus {
  const statuses = facts.recommendationStatuses;
  if (statuses.length > 0 && statuses.every((s) => ENDED_RECOMMENDATION_STATUSES.includes(s))) return 'closed';
  if (facts.responseGivenOn !== null) {
    const anyEnded = statuses.some((s) => ENDED_RECOMMENDATION_STATUSES.includes(s));
    return facts.monitored || anyEnded ? 'monitoring' : 'responded';
  }
  if (facts.received) return 'response_due';
  if (facts.reportDate !== null) return 'reported';
  return 'in_progress';
}
