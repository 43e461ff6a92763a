// The call-in rules of an executive decision (RULES.md 4 and 5a): who may lodge a notice and when, what is excluded, and the hearing and reconsideration deadlines.
import { CallInEligibility, CallInOutcome, CallInReconsideration, type CallInStatus } from './vocabulary.ts';
import { formatLongDate, parseIsoDate, type IsoDate } from './iso-date.ts';
import { DEFAULT_WORKING_DAY_CALENDAR, type WorkingDayCalendar } from './working-days.ts';

/**
 * A council's call-in procedure rules. Each is a setting because constitutions differ (RULES.md 5a:
 * "all settings, defaults in brackets"): 5 councillors of the council; urgent decisions excluded;
 * the hearing within 10 working days of the call-in; reconsideration within 5 working days.
 */
export interface CallInRules {
  readonly councillorsRequired: number;
  readonly whoMay: CallInEligibility;
  readonly urgentExcluded: boolean;
  readonly hearingWithinWorkingDays: number;
  readonly reconsiderationWithinWorkingDays: number;
}

export const DEFAULT_CALL_IN_RULES: CallInRules = Object.freeze({
  councillorsRequired: 5,
  whoMay: 'any_councillor',
  urgentExcluded: true,
  hearingWithinWorkingDays: 10,
  reconsiderationWithinWorkingDays: 5,
});

/** A rule value that cannot be used, named by its setting. */
export interface CallInRuleProblem {
  readonly field: keyof CallInRules;
  readonly message: string;
}

/** Checks a council's rules: at least one councillor, a known eligibility, and windows of 1 to 60 working days. */
export function callInRuleProblems(rules: CallInRules): CallInRuleProblem[] {
  const problems: CallInRuleProblem[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(rules.councillorsRequired, 1, 100))
    problems.push({ field: 'councillorsRequired', message: 'must be a whole number of councillors from 1 to 100' });
  if (!CallInEligibility.is(rules.whoMay)) problems.push({ field: 'whoMay', message: `must be one of ${CallInEligibility.values.join(', ')}` });
  if (!whole(rules.hearingWithinWorkingDays, 1, 60))
    problems.push({ field: 'hearingWithinWorkingDays', message: 'must be a whole number of working days from 1 to 60' });
  if (!whole(rules.reconsiderationWithinWorkingDays, 1, 60))
    problems.push({ field: 'reconsiderationWithinWorkingDays', message: 'must be a whole number of working days from 1 to 60' });
  return problems;
}

/** A councillor who signs the notice, as the records know them. */
export interface CallInSignatory {
  readonly name: string;
  /** Holds a current membership of a scrutiny committee (for "members of a scrutiny committee" rules). */
  readonly isScrutinyMember: boolean;
}

/** What the lodging rule is told about the decision and the notice. */
export interface CallInNotice {
  /** The day the proper officer received the notice. */
  readonly receivedOn: string;
  /** The decision's call-in window: the day it is counted from (publication or the meeting), and its last day, or null when it has none (length 0). */
  readonly window: { readonly opensAfter: string; readonly windowEnds: string | null };
  readonly isExecutiveDecision: boolean;
  readonly isUrgent: boolean;
  /** Earlier call-ins of the same decision, rejected ones included. */
  readonly earlier: readonly { readonly status: CallInStatus }[];
  readonly signatories: readonly CallInSignatory[];
}

/** Why a notice is refused: the form field it concerns and the rule it breaks, in words. */
export interface CallInRefusal {
  readonly field: 'receivedOn' | 'councillors' | 'decision';
  readonly message: string;
}

const long = (d: string) => formatLongDate(parseIsoDate(d));

/**
 * Refuses a notice that breaks the council's rules (RULES.md 5a). A rejected notice does not count
 * as "already called in": the councillors may lodge a valid one while the window is open. Returns
 * every refusal, so the officer sees all that is wrong at once; empty when the notice may be lodged.
 */
export function callInRefusals(notice: CallInNotice, rules: CallInRules): CallInRefusal[] {
  const refusals: CallInRefusal[] = [];
  if (!notice.isExecutiveDecision) {
    refusals.push({ field: 'decision', message: 'Only an executive decision can be called in (Local Government Act 2000 s.9F(2))' });
  } else if (notice.isUrgent && rules.urgentExcluded) {
    refusals.push({ field: 'decision', message: 'This decision was taken as urgent, and the council’s rules exclude urgent decisions from call-in' });
  } else if (notice.earlier.some((c) => c.status !== 'rejected')) {
    refusals.push({ field: 'decision', message: 'This decision has already been called in, and a decision may be called in only once' });
  }
  if (notice.window.windowEnds === null) {
    refusals.push({ field: 'receivedOn', message: 'The council’s rules give this decision no call-in period, so it cannot be called in' });
  } else if (notice.receivedOn < notice.window.opensAfter) {
    // A notice may come as soon as the decision is published: it cannot come before there is a decision to call in.
    refusals.push({
      field: 'receivedOn',
      message: `A call-in notice cannot be received before the decision was published on ${long(notice.window.opensAfter)}`,
    });
  } else if (notice.receivedOn > notice.window.windowEnds) {
    refusals.push({ field: 'receivedOn', message: `The call-in period ended on ${long(notice.window.windowEnds)}: a notice received after it is out of time` });
  }
  const names = new Set(notice.signatories.map((s) => s.name));
  const eligible = notice.signatories.filter((s) => rules.whoMay === 'any_councillor' || s.isScrutinyMember);
  if (eligible.length < notice.signatories.length) {
    const outside = notice.signatories.filter((s) => !eligible.includes(s)).map((s) => s.name);
    refusals.push({
      field: 'councillors',
      message: `Under the council’s rules only members of a scrutiny committee may call in a decision; not a member: ${outside.join(', ')}`,
    });
  } else if (names.size < rules.councillorsRequired) {
    refusals.push({
      field: 'councillors',
      message: `A call-in needs ${rules.councillorsRequired} councillors under the council’s rules; this notice has ${names.size}`,
    });
  }
  return refusals;
}

/** RULES.md 5a, Hearing: the scrutiny committee considers the call-in within N working days of accepting it [10]. */
export function hearingDeadline(acceptedOn: string, rules: CallInRules, calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(acceptedOn), rules.hearingWithinWorkingDays);
}

/** RULES.md 5a, Outcomes: a decision referred back is reconsidered within N working days [5]. */
export function reconsiderationDeadline(outcomeOn: string, rules: CallInRules, calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR): IsoDate {
  return calendar.addWorkingDays(parseIsoDate(outcomeOn), rules.reconsiderationWithinWorkingDays);
}

/**
 * The meeting that hears a call-in: the scrutiny committee's next meeting, or a special one within the
 * deadline (RULES.md 5a, Hearing). A meeting after the deadline that is not the committee's next one
 * is refused; one held before the call-in was accepted cannot hear it.
 */
export function hearingMeetingRefusal(meeting: { date: string; isNext: boolean }, acceptedOn: string, hearBy: string): string | null {
  if (meeting.date < acceptedOn) return `Choose a meeting on or after ${long(acceptedOn)}, when the call-in was accepted`;
  if (meeting.date > hearBy && !meeting.isNext) {
    return `Choose the committee’s next meeting or a meeting by ${long(hearBy)}: the council’s rules say a call-in is heard within the set time`;
  }
  return null;
}

/** Where the call-in leaves the decision: whether it may be implemented, in the words the public pages use. */
export function decisionEffect(callIn: { status: CallInStatus; outcome: CallInOutcome | null; reconsideration: string | null }): {
  held: boolean;
  sentence: string;
} {
  switch (callIn.status) {
    case 'lodged':
      return { held: false, sentence: 'A call-in notice has been received and is being checked against the council’s rules.' };
    case 'rejected':
      return { held: false, sentence: 'A call-in notice was rejected: the decision is not held by it.' };
    case 'accepted':
      return { held: true, sentence: 'This decision has been called in: it may not be implemented until the scrutiny committee has considered it.' };
    case 'heard':
      return { held: true, sentence: 'The scrutiny committee referred the decision on: it may not be implemented until it is reconsidered.' };
    case 'closed':
      if (callIn.outcome === 'no_further_action') return { held: false, sentence: 'The scrutiny committee took no further action: the decision takes effect.' };
      return callIn.reconsideration === 'rescinded'
        ? { held: true, sentence: 'The decision was rescinded on reconsideration: it will not be implemented.' }
        : { held: false, sentence: 'The call-in is closed: the decision as reconsidered takes effect.' };
  }
}

/** A call-in as the records of the decision name it: its steps so far, each dated. */
export interface CallInRecord {
  readonly status: string;
  readonly received_on: string;
  readonly checked_on: string | null;
  readonly outcome: string | null;
  readonly outcome_on: string | null;
  readonly reconsideration: string | null;
  readonly reconsidered_on: string | null;
}

/**
 * One sentence for everywhere the decision is shown (its paper, feed, API document, forward-plan
 * entry): when it was called in, whether it is held (RULES.md 5a, Effect: "an accepted call-in
 * suspends implementation"), and the outcome and reconsideration once known, each dated.
 */
export function callInLine(c: CallInRecord): string {
  const received = `Called in on ${long(c.received_on)}`;
  switch (c.status) {
    case 'lodged':
      return `Call-in notice received on ${long(c.received_on)}: being checked against the council’s rules.`;
    case 'rejected':
      return `Call-in notice received on ${long(c.received_on)} was rejected${c.checked_on ? ` on ${long(c.checked_on)}` : ''}: the decision is not held by it.`;
    case 'accepted':
      return `${received} — implementation held until the scrutiny committee has considered it.`;
    default: {
      const outcome =
        c.outcome === null ? '' : `; scrutiny committee’s outcome${c.outcome_on ? ` on ${long(c.outcome_on)}` : ''}: ${CallInOutcome.label(c.outcome)}`;
      if (c.status === 'heard') return `${received}${outcome} — implementation held until the decision is reconsidered.`;
      if (c.reconsideration === null) return `${received}${outcome}.`;
      const reconsidered = `; reconsidered${c.reconsidered_on ? ` on ${long(c.reconsidered_on)}` : ''}: ${CallInReconsideration.label(c.reconsideration)}`;
      return `${received}${outcome}${reconsidered}.`;
    }
  }
}
