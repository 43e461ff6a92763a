// The life of a scrutiny recommendation: the executive's response, progress updates, sign-off and the monitoring schedule.
//
// RULES.md rule 2, what a response holds: "a decision (accepted, partially accepted, accepted in
// principle, not accepted, deferred or interim); the proposed action and a responsible officer or
// cabinet member and a target date when accepted in any form; a reason whenever it is not simply
// accepted." Rule 5, monitoring: "progress reports to the committee at 6 and 12 months after the
// response by default, then at a set interval until the committee signs each recommendation off."
// Everything here is pure: the services load the records, call these and store the result.

import { notBefore, notInFuture } from './date-answer.ts';
import type { IsoDate } from './iso-date.ts';
import { addMonths, compareDates, daysBetween, isIsoDate } from './iso-date.ts';
import { ProgressStatus, Rag, ResponseDecision, ResponseOutcome, SignOffOutcome } from './vocabulary.ts';
import { present } from './present.ts';

/** One broken rule, named by the field an officer must correct. */
export interface LifecycleFieldError {
  field: string;
  message: string;
}

/** The decisions that accept a recommendation "in any form" (rule 2). */
export const ACCEPTING_DECISIONS: readonly string[] = ['accepted', 'partially_accepted', 'accepted_in_principle'];

/** Outcomes that end a recommendation without further action, so no action, owner or target is asked for. */
export const NO_ACTION_OUTCOMES: readonly string[] = ['no_further_action', 'no_longer_relevant'];

/** Progress statuses that end the work: the recommendation then waits for the committee to sign it off. */
export const FINISHED_STATUSES: readonly string[] = ['achieved', 'not_achieved', 'no_further_action', 'no_longer_relevant'];

/** Recommendation statuses that are still being followed (not yet signed off or closed). */
export const OPEN_RECOMMENDATION_STATUSES: readonly string[] = ['awaiting_response', 'open'];

export interface ResponseDecisionInput {
  decision?: string | null;
  responseText?: string | null;
  proposedAction?: string | null;
  reason?: string | null;
  /** The responsible officer or cabinet member: a linked person, or a name as recorded. */
  responsiblePersonId?: number | null;
  responsibleName?: string | null;
  /** The target: a date, or words such as "Annual Participation". */
  actionByDate?: string | null;
  actionByText?: string | null;
  outcome?: string | null;
  respondedOn?: string | null;
}

function blank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

/** What a response is measured against: today, and when the executive received the review's report. */
export interface ResponseContext {
  /** Today in Europe/London: a response cannot be dated in the future. */
  today: string;
  /** The date the executive received the report (else the report's date): no response comes before it. */
  reportReceivedOn: string | null;
}

/**
 * Checks a response decision against rule 2 and, given the context, its dates: the response is not
 * in the future nor before the report was received, and the action-by date is not before the
 * response. An empty list means it may be recorded.
 */
export function validateResponseDecision(input: ResponseDecisionInput, context?: ResponseContext): LifecycleFieldError[] {
  const errors: LifecycleFieldError[] = [];
  if (blank(input.decision) || !ResponseDecision.is(input.decision)) {
    errors.push({
      field: 'decision',
      message: `Choose the decision: ${ResponseDecision.values.map((v) => ResponseDecision.label(v).toLowerCase()).join(', ')}`,
    });
  }
  if (blank(input.responseText)) errors.push({ field: 'responseText', message: 'Enter the executive’s response' });
  if (!blank(input.outcome) && !ResponseOutcome.is(input.outcome)) {
    errors.push({ field: 'outcome', message: 'The outcome must be “no further action” or “no longer relevant”' });
  }
  if (!blank(input.actionByDate) && !isIsoDate(input.actionByDate)) {
    errors.push({ field: 'actionByDate', message: 'The action by date must be a real date' });
  }
  if (!blank(input.respondedOn) && !isIsoDate(input.respondedOn)) {
    errors.push({ field: 'respondedOn', message: 'The date of the response must be a real date' });
  }
  if (context) {
    errors.push(...notInFuture('respondedOn', 'the date of the response', input.respondedOn, context.today));
    errors.push(...notBefore('respondedOn', 'the date of the response', input.respondedOn, context.reportReceivedOn, 'when the executive received the report'));
    const respondedOn = blank(input.respondedOn) ? context.today : input.respondedOn;
    errors.push(...notBefore('actionByDate', 'the action by date', input.actionByDate, respondedOn, 'the date of the response'));
  }
  const decision = input.decision ?? '';
  const noAction = !blank(input.outcome) && NO_ACTION_OUTCOMES.includes(present(input.outcome, 'input.outcome'));
  if (ACCEPTING_DECISIONS.includes(decision) && !noAction) {
    if (blank(input.proposedAction))
      errors.push({ field: 'proposedAction', message: 'Enter the action the executive proposes, as the recommendation is accepted' });
    if (blank(input.responsibleName) && (input.responsiblePersonId ?? null) === null) {
      errors.push({ field: 'responsibleName', message: 'Enter the officer or cabinet member responsible, as the recommendation is accepted' });
    }
    if (blank(input.actionByDate) && blank(input.actionByText)) {
      errors.push({ field: 'actionByDate', message: 'Enter a target date (or words such as “Annual participation”), as the recommendation is accepted' });
    }
  }
  if (ResponseDecision.is(decision) && decision !== 'accepted' && blank(input.reason)) {
    errors.push({ field: 'reason', message: `Enter the reason the recommendation is ${ResponseDecision.label(decision).toLowerCase()}` });
  }
  return errors;
}

export interface ProgressUpdateInput {
  updateDate?: string | null;
  status?: string | null;
  rag?: string | null;
  narrative?: string | null;
  newTargetDate?: string | null;
  slipReason?: string | null;
}

export interface ProgressContext {
  /** Today in Europe/London: an update cannot be dated in the future. */
  today: string;
  /** The date of the latest update already recorded: updates are appended in date order. */
  latestUpdateDate: string | null;
  /** The date the executive responded: nothing can progress before it. */
  respondedOn: string | null;
  /** The target in force (the response's, or the latest slip's). */
  currentTarget: string | null;
}

/**
 * Checks a progress update. A slip must give a new target date later than the one it replaces and
 * a reason (DESIGN.md: "new target date with reason when slipped"); the old date is kept by the
 * service in previous_target_date. Only a slip moves the target, so target slippage is never silent.
 */
export function validateProgressUpdate(input: ProgressUpdateInput, context: ProgressContext): LifecycleFieldError[] {
  const errors: LifecycleFieldError[] = [];
  if (blank(input.updateDate)) {
    errors.push({ field: 'updateDate', message: 'Enter the date of the update' });
  } else if (!isIsoDate(input.updateDate)) {
    errors.push({ field: 'updateDate', message: 'The date of the update must be a real date' });
  } else {
    errors.push(...notInFuture('updateDate', 'the date of the update', input.updateDate, context.today));
    errors.push(...notBefore('updateDate', 'the date of the update', input.updateDate, context.respondedOn, 'the date of the executive’s response'));
    if (!context.respondedOn || input.updateDate >= context.respondedOn) {
      errors.push(
        ...notBefore('updateDate', 'the date of the update', input.updateDate, context.latestUpdateDate, 'the date of the latest update already recorded'),
      );
    }
  }
  if (blank(input.status) || !ProgressStatus.is(input.status)) {
    errors.push({ field: 'status', message: `Choose the status: ${ProgressStatus.values.map((v) => ProgressStatus.label(v).toLowerCase()).join(', ')}` });
  }
  if (!blank(input.rag) && !Rag.is(input.rag)) errors.push({ field: 'rag', message: 'The RAG rating must be red, amber or green' });
  if (blank(input.narrative)) errors.push({ field: 'narrative', message: 'Enter what has happened since the last update' });

  if (input.status === 'slipped') {
    if (blank(input.newTargetDate)) {
      errors.push({ field: 'newTargetDate', message: 'Enter the new target date, as the action has slipped' });
    } else if (!isIsoDate(input.newTargetDate)) {
      errors.push({ field: 'newTargetDate', message: 'The new target date must be a real date' });
    } else if (context.currentTarget && isIsoDate(context.currentTarget) && input.newTargetDate <= context.currentTarget) {
      errors.push({ field: 'newTargetDate', message: 'The new target date must be later than the current target date' });
    } else if (!blank(input.updateDate) && isIsoDate(input.updateDate) && input.newTargetDate < input.updateDate) {
      errors.push({ field: 'newTargetDate', message: 'The new target date cannot be before the date of the update' });
    }
    if (blank(input.slipReason)) errors.push({ field: 'slipReason', message: 'Enter the reason the action has slipped' });
  } else {
    if (!blank(input.newTargetDate)) errors.push({ field: 'newTargetDate', message: 'Only a slipped update can change the target date' });
    if (!blank(input.slipReason)) errors.push({ field: 'slipReason', message: 'Give a reason for slipping only when the status is slipped' });
  }
  return errors;
}

export interface SignOffInput {
  signedOffOn?: string | null;
  meetingDate?: string | null;
}

/** Sign-off is a decision of the committee at a meeting: on that meeting's date, not in the future, after the response. */
export function validateSignOff(input: SignOffInput, context: { today: string; respondedOn: string | null }): LifecycleFieldError[] {
  const errors: LifecycleFieldError[] = [];
  if (blank(input.meetingDate)) errors.push({ field: 'meeting', message: 'Choose the meeting at which the committee signed the recommendation off' });
  if (blank(input.signedOffOn) || !isIsoDate(input.signedOffOn)) {
    errors.push({ field: 'signedOffOn', message: blank(input.signedOffOn) ? 'Enter the date of sign-off' : 'The date of sign-off must be a real date' });
    return errors;
  }
  errors.push(...notInFuture('signedOffOn', 'the date of sign-off', input.signedOffOn, context.today));
  if (!blank(input.meetingDate) && input.meetingDate !== input.signedOffOn) {
    errors.push({ field: 'signedOffOn', message: 'The date of sign-off must be the date of the committee’s meeting' });
  }
  if (context.respondedOn && input.signedOffOn < context.respondedOn) {
    errors.push({ field: 'signedOffOn', message: 'The date of sign-off cannot be before the executive’s response' });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Where a recommendation stands

export interface UpdateLike {
  update_date: string;
  status: string;
  rag: string | null;
  new_target_date: string | null;
}

/** The target in force: the latest slip's new date, else the response's target date. */
export function currentTargetDate(actionByDate: string | null, updates: readonly UpdateLike[]): string | null {
  let target = actionByDate;
  for (const update of updates) if (update.status === 'slipped' && update.new_target_date) target = update.new_target_date;
  return target;
}

/** The latest update, in the order recorded (updates are appended in date order). */
export function latestUpdate<U extends UpdateLike>(updates: readonly U[]): U | null {
  return updates.at(-1) ?? null;
}

/**
 * Days past the target in force, or null when not overdue: no target date, the target is today or
 * later, or the work is finished (achieved, not achieved, no further action, no longer relevant)
 * and waits only for sign-off.
 */
export function daysOverdue(target: string | null, latestStatus: string | null, today: string): number | null {
  if (!target || !isIsoDate(target) || !isIsoDate(today)) return null;
  if (latestStatus && FINISHED_STATUSES.includes(latestStatus)) return null;
  const days = daysBetween(target, today);
  return days > 0 ? days : null;
}

// ---------------------------------------------------------------------------------------------
// Timeline

export type TimelineEventKind = 'made' | 'responded' | 'update' | 'signed_off';

export interface TimelineEvent {
  kind: TimelineEventKind;
  date: string | null;
  /** What happened, in words. */
  title: string;
  detail: string | null;
  status?: string;
  rag?: string | null;
  previousTargetDate?: string | null;
  newTargetDate?: string | null;
  slipReason?: string | null;
  /** Who reported an update, as recorded. */
  author?: string | null;
}

export interface TimelineInput {
  reportDate: string | null;
  respondedOn: string | null;
  decision: string | null;
  responseText: string | null;
  updates: readonly (UpdateLike & { narrative: string; previous_target_date: string | null; slip_reason: string | null; author_name?: string | null })[];
  signedOffOn: string | null;
  signedOffMeeting: string | null;
  /** The committee's outcome (achieved, not achieved, no longer relevant, no further action), when recorded. */
  signedOffOutcome?: string | null;
  /** The minute that recorded the sign-off ("Minute 12"), when recorded. */
  signedOffMinute?: string | null;
}

/** Made, responded, every update, signed off: in that order, as the record shows them. */
export function recommendationTimeline(input: TimelineInput): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'made', date: input.reportDate, title: 'Recommendation made', detail: null }];
  if (input.decision) {
    events.push({
      kind: 'responded',
      date: input.respondedOn,
      title: `Executive response: ${ResponseDecision.label(input.decision)}`,
      detail: input.responseText,
    });
  }
  for (const update of input.updates) {
    events.push({
      kind: 'update',
      date: update.update_date,
      title: `Progress update: ${ProgressStatus.label(update.status)}`,
      detail: update.narrative,
      status: update.status,
      rag: update.rag,
      previousTargetDate: update.previous_target_date,
      newTargetDate: update.new_target_date,
      slipReason: update.slip_reason,
      author: update.author_name ?? null,
    });
  }
  if (input.signedOffOn) {
    // "No longer relevant" and "no further action" close a recommendation; the others sign it off.
    const closed = input.signedOffOutcome === 'no_longer_relevant' || input.signedOffOutcome === 'no_further_action';
    const title = `${closed ? 'Closed' : 'Signed off'} by the committee${input.signedOffOutcome ? `: ${SignOffOutcome.label(input.signedOffOutcome)}` : ''}`;
    const minute = input.signedOffMinute ? ` (${input.signedOffMinute})` : '';
    events.push({
      kind: 'signed_off',
      date: input.signedOffOn,
      title,
      detail: input.signedOffMeeting ? `At the meeting of ${input.signedOffMeeting}${minute}` : null,
    });
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// Monitoring schedule (rule 5)

export interface MonitoringSettings {
  /** Months after the response at which the first reports are due, in order (default 6 and 12). */
  months: number[];
  /** Months between later reports until every recommendation is signed off; 0 for none. */
  intervalMonths: number;
}

export const DEFAULT_MONITORING_SETTINGS: Readonly<MonitoringSettings> = Object.freeze({ months: [6, 12], intervalMonths: 12 });

/** Checks a monitoring schedule: whole months, rising, from 1 to 120; an interval from 0 to 60. */
export function validateMonitoringSettings(settings: MonitoringSettings): LifecycleFieldError[] {
  const errors: LifecycleFieldError[] = [];
  const { months, intervalMonths } = settings;
  if (months.length === 0) errors.push({ field: 'months', message: 'Give at least one report, in months after the response' });
  if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 120)) {
    errors.push({ field: 'months', message: 'Each report must be a whole number of months from 1 to 120 after the response' });
  } else if (months.some((m, i) => i > 0 && m <= present(months[i - 1], 'months[i - 1]'))) {
    errors.push({ field: 'months', message: 'The reports must be in order, each later than the one before' });
  }
  if (!Number.isInteger(intervalMonths) || intervalMonths < 0 || intervalMonths > 60) {
    errors.push({ field: 'intervalMonths', message: 'The interval between later reports must be a whole number of months from 0 to 60' });
  }
  return errors;
}

/** Reads "6, 12" as [6, 12]; null when it is not a list of whole numbers. */
export function parseMonthList(value: string): number[] | null {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

export interface MonitoringReport {
  /** 1 for the first report. */
  number: number;
  monthsAfterResponse: number;
  dueOn: IsoDate;
  /** The date a report was presented to the committee, if recorded. */
  presentedOn: string | null;
  state: 'presented' | 'overdue' | 'due_soon' | 'upcoming';
}

export interface MonitoringScheduleInput {
  respondedOn: IsoDate;
  settings: MonitoringSettings;
  today: IsoDate;
  /** Reports are listed up to this date (and always the next one after today while anything is open). */
  horizon: IsoDate;
  /** The date every recommendation was signed off, if all are: no report falls due after it. */
  closedOn: string | null;
  /** Due dates of the reports recorded as presented. */
  presented: ReadonlyMap<string, string>;
}

/**
 * The reports due to the committee: at each of `months` after the response, then every
 * `intervalMonths` until every recommendation is signed off. A report is overdue when its date has
 * passed and none was recorded as presented; due soon when its date is between today and the horizon.
 * Every fixed report is listed; repeating ones up to the first falling after the horizon.
 */
export function monitoringSchedule(input: MonitoringScheduleInput): MonitoringReport[] {
  const reports: MonitoringReport[] = [];
  const { months, intervalMonths } = input.settings;
  const offsets: number[] = [...months];
  const last = months.at(-1) ?? 0;
  let nextAfterToday = false;
  for (let index = 0; index < 1000; index += 1) {
    let offset = offsets[index];
    if (offset === undefined) {
      if (intervalMonths === 0) break;
      offset = last + intervalMonths * (index - months.length + 1);
    }
    const dueOn = addMonths(input.respondedOn, offset);
    if (input.closedOn && dueOn > input.closedOn) break;
    // The fixed reports are all listed; the repeating ones up to the first after the horizon.
    if (index >= months.length && compareDates(dueOn, input.horizon) > 0 && nextAfterToday) break;
    const presentedOn = input.presented.get(dueOn) ?? null;
    const state: MonitoringReport['state'] = presentedOn ? 'presented' : dueOn < input.today ? 'overdue' : dueOn <= input.horizon ? 'due_soon' : 'upcoming';
    reports.push({ number: index + 1, monthsAfterResponse: offset, dueOn, presentedOn, state });
    if (dueOn >= input.today) nextAfterToday = true;
  }
  return reports;
}
