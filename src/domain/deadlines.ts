// Statutory deadlines for scrutiny and meetings: one pure function per rule, each citing its source.
//
// RULES.md: "Every computed deadline in the product must say which rule produced it and cite the
// source, so an officer can check it." Each result therefore carries the rule, a name, the date it
// was computed from, the unit and length it used, and the citation. Where the law is unsettled
// (whether clear days count weekends and holidays; a council's call-in window; a shorter response
// period) the choice is a DeadlineSettings value with the default RULES.md names.

import type { IsoDate } from './iso-date.ts';
import { addDays, addDaysBeginningWith, addMonthsBeginningWith, addYearsBeginningWith, formatLongDateWithWeekday, parseIsoDate } from './iso-date.ts';
import type { WorkingDayCalendar } from './working-days.ts';
import { DEFAULT_WORKING_DAY_CALENDAR } from './working-days.ts';

export const DEADLINE_RULES = [
  'response',
  'agenda',
  'key-decision',
  'general-exception',
  'private-meeting',
  'call-in',
  'dpi-notification',
  'minutes-retention',
  'background-papers-retention',
] as const;

export type DeadlineRule = (typeof DEADLINE_RULES)[number];

export function isDeadlineRule(value: unknown): value is DeadlineRule {
  return typeof value === 'string' && (DEADLINE_RULES as readonly string[]).includes(value);
}

/** Whether a count of days skips weekends and bank holidays ('working') or not ('calendar'). */
export const DAY_UNITS = ['working', 'calendar'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

export const RESPONSE_UNITS = ['months', 'weeks'] as const;
export type ResponseUnit = (typeof RESPONSE_UNITS)[number];

export const CALL_IN_BASES = ['publication', 'meeting'] as const;
export type CallInBasis = (typeof CALL_IN_BASES)[number];

/** The unit a result was counted in. */
export type DeadlineUnit = DayUnit | ResponseUnit | 'years';

export interface ClearDaysSetting {
  unit: DayUnit;
  length: number;
}

export interface ResponseSetting {
  unit: ResponseUnit;
  length: number;
}

export interface PrivateMeetingSetting {
  firstNotice: ClearDaysSetting;
  secondNotice: ClearDaysSetting;
}

export interface CallInSetting {
  basis: CallInBasis;
  unit: DayUnit;
  length: number;
}

/**
 * A council's choices, keyed by rule. The notification of interests and the retention periods are
 * fixed by statute and settled, so they have no settings.
 */
export interface DeadlineSettings {
  response: ResponseSetting;
  agenda: ClearDaysSetting;
  'key-decision': ClearDaysSetting;
  'general-exception': ClearDaysSetting;
  'private-meeting': PrivateMeetingSetting;
  'call-in': CallInSetting;
}

/** Settings as a council stores them: any part may be left out and takes the default. */
export interface DeadlineSettingsInput {
  response?: Partial<ResponseSetting>;
  agenda?: Partial<ClearDaysSetting>;
  'key-decision'?: Partial<ClearDaysSetting>;
  'general-exception'?: Partial<ClearDaysSetting>;
  'private-meeting'?: { firstNotice?: Partial<ClearDaysSetting>; secondNotice?: Partial<ClearDaysSetting> };
  'call-in'?: Partial<CallInSetting>;
}

/**
 * The defaults RULES.md names:
 * - response: "within 2 months beginning with the date it received the report" (LGA 2000 s.9FE);
 * - agenda: "at least 5 clear days … Default unit: working days";
 * - key decision: "28 clear days … default unit calendar days" (SI 2012/2089 reg 9);
 * - general exception: "5 clear days" (reg 10). RULES.md names no unit; working days, because it
 *   is the same five-clear-days phrase as the agenda rule, whose default is working days, and
 *   because it is the longer (safer) reading;
 * - private meeting: 28 clear days (calendar, as for key decisions, reg 9) and a further 5 clear
 *   days (working, as for the agenda) (reg 5);
 * - call-in: "default 5 working days counted from the day after publication".
 */
export const DEFAULT_DEADLINE_SETTINGS: Readonly<DeadlineSettings> = Object.freeze({
  response: Object.freeze({ unit: 'months', length: 2 }),
  agenda: Object.freeze({ unit: 'working', length: 5 }),
  'key-decision': Object.freeze({ unit: 'calendar', length: 28 }),
  'general-exception': Object.freeze({ unit: 'working', length: 5 }),
  'private-meeting': Object.freeze({
    firstNotice: Object.freeze({ unit: 'calendar', length: 28 }),
    secondNotice: Object.freeze({ unit: 'working', length: 5 }),
  }),
  'call-in': Object.freeze({ basis: 'publication', unit: 'working', length: 5 }),
} as const satisfies DeadlineSettings);

/**
 * The shortest lawful length for each clear-days notice: a council may give more notice than the
 * statute requires, never less.
 */
export const STATUTORY_MINIMUM_CLEAR_DAYS = Object.freeze({
  agenda: 5,
  'key-decision': 28,
  'general-exception': 5,
  'private-meeting.firstNotice': 28,
  'private-meeting.secondNotice': 5,
} as const);

/** Thrown when a council's deadline settings are malformed or would give less time than the law allows. */
export class InvalidDeadlineSettingsError extends Error {
  readonly path: string;
  readonly value: unknown;

  constructor(path: string, value: unknown, reason: string) {
    super(`Invalid deadline setting ${path} = ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidDeadlineSettingsError';
    this.path = path;
    this.value = value;
  }
}

function checkOneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidDeadlineSettingsError(path, value, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function checkLength(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidDeadlineSettingsError(path, value, 'must be a whole number');
  }
  if (value < min) throw new InvalidDeadlineSettingsError(path, value, `must be at least ${min}`);
  if (value > max) throw new InvalidDeadlineSettingsError(path, value, `must be at most ${max}`);
  return value;
}

function checkClearDays(path: keyof typeof STATUTORY_MINIMUM_CLEAR_DAYS, setting: ClearDaysSetting): ClearDaysSetting {
  return {
    unit: checkOneOf(`${path}.unit`, setting.unit, DAY_UNITS),
    length: checkLength(`${path}.length`, setting.length, STATUTORY_MINIMUM_CLEAR_DAYS[path]),
  };
}

/**
 * LGA 2000 s.9FE allows at most 2 months; a council "may set a shorter period … (e.g. eight
 * weeks)". Eight weeks (56 days) is within the shortest two-month period (59 days, from 1 January
 * in a common year); nine weeks would not be.
 */
function checkResponse(setting: ResponseSetting): ResponseSetting {
  const unit = checkOneOf('response.unit', setting.unit, RESPONSE_UNITS);
  return { unit, length: checkLength('response.length', setting.length, 1, unit === 'months' ? 2 : 8) };
}

function checkCallIn(setting: CallInSetting): CallInSetting {
  return {
    basis: checkOneOf('call-in.basis', setting.basis, CALL_IN_BASES),
    unit: checkOneOf('call-in.unit', setting.unit, DAY_UNITS),
    length: checkLength('call-in.length', setting.length, 0),
  };
}

/** Fills a council's settings in from the defaults and checks them; throws InvalidDeadlineSettingsError. */
export function resolveDeadlineSettings(input: DeadlineSettingsInput = {}): DeadlineSettings {
  const d = DEFAULT_DEADLINE_SETTINGS;
  return {
    response: checkResponse({ ...d.response, ...input.response }),
    agenda: checkClearDays('agenda', { ...d.agenda, ...input.agenda }),
    'key-decision': checkClearDays('key-decision', { ...d['key-decision'], ...input['key-decision'] }),
    'general-exception': checkClearDays('general-exception', {
      ...d['general-exception'],
      ...input['general-exception'],
    }),
    'private-meeting': {
      firstNotice: checkClearDays('private-meeting.firstNotice', {
        ...d['private-meeting'].firstNotice,
        ...input['private-meeting']?.firstNotice,
      }),
      secondNotice: checkClearDays('private-meeting.secondNotice', {
        ...d['private-meeting'].secondNotice,
        ...input['private-meeting']?.secondNotice,
      }),
    },
    'call-in': checkCallIn({ ...d['call-in'], ...input['call-in'] }),
  };
}

// ---------------------------------------------------------------------------------------------
// Results

interface DeadlineBase<R extends DeadlineRule> {
  rule: R;
  /** What the deadline is, in words an officer uses. */
  name: string;
  /** The statute or regulation, as RULES.md gives it. */
  citation: string;
  /** The date the rule counts from (its meaning depends on the rule; see each function). */
  from: IsoDate;
  unit: DeadlineUnit;
  length: number;
}

/** A deadline that may land on a non-working day: reported as it is, with the working day on or before. */
interface LatestDeadline {
  latest: IsoDate;
  latestWorkingDay: IsoDate;
}

export interface ResponseDeadline extends DeadlineBase<'response'>, LatestDeadline {
  unit: ResponseUnit;
}

export interface AgendaDeadline extends DeadlineBase<'agenda'>, LatestDeadline {
  unit: DayUnit;
}

export interface KeyDecisionDeadline extends DeadlineBase<'key-decision'>, LatestDeadline {
  unit: DayUnit;
}

export interface GeneralExceptionDeadline extends DeadlineBase<'general-exception'> {
  unit: DayUnit;
  /** The first day the decision may be taken (may be a weekend or holiday). */
  earliest: IsoDate;
  /** The first working day on or after `earliest`. */
  earliestWorkingDay: IsoDate;
}

/** `unit` and `length` are those of the first (28-day) notice; the further notice has its own. */
export interface PrivateMeetingDeadline extends DeadlineBase<'private-meeting'> {
  unit: DayUnit;
  firstNoticeLatest: IsoDate;
  firstNoticeLatestWorkingDay: IsoDate;
  secondNoticeUnit: DayUnit;
  secondNoticeLength: number;
  secondNoticeLatest: IsoDate;
  secondNoticeLatestWorkingDay: IsoDate;
}

export interface CallInDeadline extends DeadlineBase<'call-in'> {
  unit: DayUnit;
  /** Whether `from` is the date the decision was published or the date of the meeting that took it. */
  basis: CallInBasis;
  /** The last day of the call-in window, or null when there is no window (length 0). */
  windowEnds: IsoDate | null;
  /** The first day the decision may be implemented. */
  implementableFrom: IsoDate;
}

export interface DpiNotificationDeadline extends DeadlineBase<'dpi-notification'>, LatestDeadline {
  unit: 'calendar';
}

export interface MinutesRetentionDeadline extends DeadlineBase<'minutes-retention'> {
  unit: 'years';
  /** The last day the documents must be open to inspection. */
  until: IsoDate;
}

export interface BackgroundPapersRetentionDeadline extends DeadlineBase<'background-papers-retention'> {
  unit: 'years';
  /** The last day the background papers must be open to inspection. */
  until: IsoDate;
}

export interface DeadlineResultByRule {
  response: ResponseDeadline;
  agenda: AgendaDeadline;
  'key-decision': KeyDecisionDeadline;
  'general-exception': GeneralExceptionDeadline;
  'private-meeting': PrivateMeetingDeadline;
  'call-in': CallInDeadline;
  'dpi-notification': DpiNotificationDeadline;
  'minutes-retention': MinutesRetentionDeadline;
  'background-papers-retention': BackgroundPapersRetentionDeadline;
}

export type DeadlineResult = DeadlineResultByRule[DeadlineRule];

// ---------------------------------------------------------------------------------------------
// Names and citations (RULES.md gives the sources)

export const DEADLINE_NAMES: Readonly<Record<DeadlineRule, string>> = Object.freeze({
  response: 'Executive response to an overview and scrutiny report',
  agenda: 'Publication of the notice and agenda of a meeting',
  'key-decision': 'Notice of a key decision',
  'general-exception': 'Key decision under the general exception',
  'private-meeting': 'Notices of a private meeting of the executive',
  'call-in': 'Call-in period for an executive decision',
  'dpi-notification': 'Notifying the Monitoring Officer of a disclosable pecuniary interest',
  'minutes-retention': 'Minutes, agenda and public reports open to inspection',
  'background-papers-retention': 'Background papers open to inspection',
});

export const DEADLINE_CITATIONS: Readonly<Record<DeadlineRule, string>> = Object.freeze({
  response: 'Local Government Act 2000 s.9FE (inserted by the Localism Act 2011); SI 2009/1919 reg 6',
  agenda: 'Local Government Act 1972 s.100B(3) and s.100A(6)(a), as amended by SI 2002/715; SI 2012/2089 reg 6',
  'key-decision': 'SI 2012/2089 reg 9',
  'general-exception': 'SI 2012/2089 reg 10',
  'private-meeting': 'SI 2012/2089 reg 5',
  'call-in': 'Local Government Act 2000 s.9F(4); call-in period set by the council’s constitution',
  'dpi-notification': 'Localism Act 2011 s.31',
  'minutes-retention': 'Local Government Act 1972 s.100C',
  'background-papers-retention': 'Local Government Act 1972 s.100D',
});

function base<R extends DeadlineRule>(rule: R, from: IsoDate): { rule: R; name: string; citation: string; from: IsoDate } {
  return { rule, name: DEADLINE_NAMES[rule], citation: DEADLINE_CITATIONS[rule], from };
}

/**
 * The latest day for something that must happen N clear days before `event`. Clear days exclude
 * the day of publication and the day of the event (R v Swansea CC ex p Elitestone, 1993), so the
 * N clear days are the N days (working or calendar) immediately before the event, and the latest
 * day is the day before the earliest of them. Meeting Wed 10 Dec 2025, 5 working: clear days 3, 4,
 * 5, 8, 9 Dec, so publish by Tue 2 Dec.
 */
function latestClearDaysBefore(event: IsoDate, setting: ClearDaysSetting, calendar: WorkingDayCalendar): IsoDate {
  const earliestClearDay = setting.unit === 'working' ? calendar.addWorkingDays(event, -setting.length) : addDays(event, -setting.length);
  return addDays(earliestClearDay, -1);
}

/** The first day something may happen once N clear days have elapsed after `start` (excluding both ends). */
function earliestClearDaysAfter(start: IsoDate, setting: ClearDaysSetting, calendar: WorkingDayCalendar): IsoDate {
  const lastClearDay = setting.unit === 'working' ? calendar.addWorkingDays(start, setting.length) : addDays(start, setting.length);
  return addDays(lastClearDay, 1);
}

function withWorkingDay(latest: IsoDate, calendar: WorkingDayCalendar): LatestDeadline {
  return { latest, latestWorkingDay: calendar.previousWorkingDayOnOrBefore(latest) };
}

// ---------------------------------------------------------------------------------------------
// One function per rule

/**
 * Rule 1. `from` = the date the executive received the report (or the later notice). LGA 2000
 * s.9FE: respond "within 2 months beginning with the date" of receipt; no roll forward over
 * weekends. A council's shorter period in weeks is "N weeks beginning with": from + 7N − 1.
 */
export function responseDeadline(
  from: IsoDate,
  setting: ResponseSetting = DEFAULT_DEADLINE_SETTINGS.response,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): ResponseDeadline {
  const { unit, length } = checkResponse(setting);
  const latest = unit === 'months' ? addMonthsBeginningWith(from, length) : addDaysBeginningWith(from, 7 * length);
  return { ...base('response', from), unit, length, ...withWorkingDay(latest, calendar) };
}

/** Rule 6. `from` = the meeting date. LGA 1972 s.100B(3): agenda open to inspection "at least five clear days before the meeting". */
export function agendaDeadline(
  from: IsoDate,
  setting: ClearDaysSetting = DEFAULT_DEADLINE_SETTINGS.agenda,
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): AgendaDeadline {
  const { unit, length } = checkClearDays('agenda', setting);
  const latest = latestClearDaysBefore(from, { unit, length }, calendar);
  return { ...base('agenda', from), unit, length, ...withWorkingDay(latest, calendar) };
}

/** Rule 7. `from` = the date of the decision. SI 2012/2089 reg 9: notice "at least 28 clear days before". */
export function keyDecisionDeadline(
  from: IsoDate,
  setting: ClearDaysSetting = DEFAULT_DEADLINE_SETTINGS['key-decision'],
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): KeyDecisionDeadline {
  const { unit, length } = checkClearDays('key-decision', setting);
  const latest = latestClearDaysBefore(from, { unit, length }, calendar);
  return { ...base('key-decision', from), unit, length, ...withWorkingDay(latest, calendar) };
}

/**
 * Rule 7, general exception. `from` = the date the notice was given to the scrutiny chair and
 * published. SI 2012/2089 reg 10: the decision may be taken once "5 clear days" have elapsed.
 * Default unit working days (see DEFAULT_DEADLINE_SETTINGS for why).
 */
export function generalExceptionDeadline(
  from: IsoDate,
  setting: ClearDaysSetting = DEFAULT_DEADLINE_SETTINGS['general-exception'],
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): GeneralExceptionDeadline {
  const { unit, length } = checkClearDays('general-exception', setting);
  const earliest = earliestClearDaysAfter(from, { unit, length }, calendar);
  return {
    ...base('general-exception', from),
    unit,
    length,
    earliest,
    earliestWorkingDay: calendar.nextWorkingDayOnOrAfter(earliest),
  };
}

/**
 * Rule 8. `from` = the date of the private meeting. SI 2012/2089 reg 5: a notice "28 clear days"
 * before, and a further notice "5 clear days" before with reasons and any representations.
 */
export function privateMeetingDeadline(
  from: IsoDate,
  setting: PrivateMeetingSetting = DEFAULT_DEADLINE_SETTINGS['private-meeting'],
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): PrivateMeetingDeadline {
  const first = checkClearDays('private-meeting.firstNotice', setting.firstNotice);
  const second = checkClearDays('private-meeting.secondNotice', setting.secondNotice);
  const firstLatest = latestClearDaysBefore(from, first, calendar);
  const secondLatest = latestClearDaysBefore(from, second, calendar);
  return {
    ...base('private-meeting', from),
    unit: first.unit,
    length: first.length,
    firstNoticeLatest: firstLatest,
    firstNoticeLatestWorkingDay: calendar.previousWorkingDayOnOrBefore(firstLatest),
    secondNoticeUnit: second.unit,
    secondNoticeLength: second.length,
    secondNoticeLatest: secondLatest,
    secondNoticeLatestWorkingDay: calendar.previousWorkingDayOnOrBefore(secondLatest),
  };
}

/**
 * Rule 4. `from` = the publication date of the decision (basis 'publication', the default) or the
 * date of the meeting that took it (basis 'meeting'). LGA 2000 s.9F(4) with the constitution's
 * window: the window is N days counted from the day after `from`, and the decision is
 * "implementable on the day after the last day of the window". Length 0 (e.g. decisions of
 * Commissioners) means there is no window: implementable at once, on `from` itself.
 */
export function callInDeadline(
  from: IsoDate,
  setting: CallInSetting = DEFAULT_DEADLINE_SETTINGS['call-in'],
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): CallInDeadline {
  const { basis, unit, length } = checkCallIn(setting);
  const windowEnds = length === 0 ? null : unit === 'working' ? calendar.addWorkingDays(from, length) : addDays(from, length);
  return {
    ...base('call-in', from),
    unit,
    length,
    basis,
    windowEnds,
    implementableFrom: windowEnds === null ? from : addDays(windowEnds, 1),
  };
}

/** Rule 12. `from` = the date of disclosure at the meeting. Localism Act 2011 s.31: notify "within 28 days beginning with" it. */
export function dpiNotificationDeadline(from: IsoDate, calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR): DpiNotificationDeadline {
  const length = 28;
  return {
    ...base('dpi-notification', from),
    unit: 'calendar',
    length,
    ...withWorkingDay(addDaysBeginningWith(from, length), calendar),
  };
}

/** Rule 11. `from` = the meeting date. LGA 1972 s.100C: open to inspection "for six years beginning with the date of the meeting". */
export function minutesRetentionDeadline(from: IsoDate): MinutesRetentionDeadline {
  const length = 6;
  return { ...base('minutes-retention', from), unit: 'years', length, until: addYearsBeginningWith(from, length) };
}

/** Rule 11. `from` = the meeting date. LGA 1972 s.100D: background papers for four years beginning with the meeting. */
export function backgroundPapersRetentionDeadline(from: IsoDate): BackgroundPapersRetentionDeadline {
  const length = 4;
  return {
    ...base('background-papers-retention', from),
    unit: 'years',
    length,
    until: addYearsBeginningWith(from, length),
  };
}

/**
 * The dates a deadline may be counted from. The working-day calendar knows bank holidays for
 * 1978–9999 only (FIRST_GENERATED_YEAR, LAST_GENERATED_YEAR in bank-holidays.ts), and dates end at
 * 9999-12-31; rules count back from a meeting by weeks and forward from a date by up to six years
 * (minutes-retention), so the range leaves two years before and ten years after.
 */
export const FIRST_DEADLINE_DATE = '1980-01-01';
export const LAST_DEADLINE_DATE = '9989-12-31';

/** Whether a real date is one deadlines are counted from (FIRST_DEADLINE_DATE to LAST_DEADLINE_DATE). */
export function isWithinDeadlineRange(date: IsoDate): boolean {
  return date >= FIRST_DEADLINE_DATE && date <= LAST_DEADLINE_DATE;
}

/**
 * Computes any rule by name. `from` is parsed (InvalidDateError if it is not a real date);
 * `settings` are a council's choices, filled in from the defaults and checked
 * (InvalidDeadlineSettingsError).
 */
export function computeDeadline<R extends DeadlineRule>(
  rule: R,
  from: string,
  settings: DeadlineSettingsInput = {},
  calendar: WorkingDayCalendar = DEFAULT_WORKING_DAY_CALENDAR,
): DeadlineResultByRule[R] {
  const date = parseIsoDate(from);
  const s = resolveDeadlineSettings(settings);
  const compute: { [K in DeadlineRule]: () => DeadlineResultByRule[K] } = {
    response: () => responseDeadline(date, s.response, calendar),
    agenda: () => agendaDeadline(date, s.agenda, calendar),
    'key-decision': () => keyDecisionDeadline(date, s['key-decision'], calendar),
    'general-exception': () => generalExceptionDeadline(date, s['general-exception'], calendar),
    'private-meeting': () => privateMeetingDeadline(date, s['private-meeting'], calendar),
    'call-in': () => callInDeadline(date, s['call-in'], calendar),
    'dpi-notification': () => dpiNotificationDeadline(date, calendar),
    'minutes-retention': () => minutesRetentionDeadline(date),
    'background-papers-retention': () => backgroundPapersRetentionDeadline(date),
  };
  if (!isDeadlineRule(rule)) throw new RangeError(`Unknown deadline rule: ${String(rule)}`);
  return compute[rule]();
}

// ---------------------------------------------------------------------------------------------
// Output

/** A flat JSON-able form: rule, name, from, every computed date as 'YYYY-MM-DD', unit, length, citation. */
export type SerialisedDeadline = {
  rule: DeadlineRule;
  name: string;
  from: string;
  citation: string;
  unit: string;
  length: number;
} & Record<string, string | number | null>;

export function serialiseDeadline(result: DeadlineResult): SerialisedDeadline {
  const { rule, name, from, citation, ...rest } = result;
  return { rule, name, from, ...rest, citation };
}

const W = formatLongDateWithWeekday;

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

function clearDays(unit: DayUnit, length: number): string {
  return `${length} clear ${unit} ${length === 1 ? 'day' : 'days'}`;
}

/** "Tuesday 2 December 2025", or "Sunday 15 February 2026, which is not a working day, so in practice by Friday 13 February 2026". */
function byLatest(latest: IsoDate, latestWorkingDay: IsoDate): string {
  if (latest === latestWorkingDay) return W(latest);
  return `${W(latest)}, which is not a working day, so in practice by ${W(latestWorkingDay)}`;
}

/** One English sentence an officer can paste, naming the dates, the period and the citation. */
export function describeDeadline(result: DeadlineResult): string {
  switch (result.rule) {
    case 'response':
      return (
        `The executive must respond to an overview and scrutiny report received on ${W(result.from)}, ` +
        `and publish its response, by ${byLatest(result.latest, result.latestWorkingDay)} ` +
        `(${plural(result.length, result.unit === 'months' ? 'month' : 'week')} beginning with the date of receipt; ` +
        `${result.citation}).`
      );
    case 'agenda':
      return (
        `The agenda for a meeting on ${W(result.from)} must be published by ` +
        `${byLatest(result.latest, result.latestWorkingDay)} (${clearDays(result.unit, result.length)}; ${result.citation}).`
      );
    case 'key-decision':
      return (
        `Notice of a key decision to be taken on ${W(result.from)} must be published by ` +
        `${byLatest(result.latest, result.latestWorkingDay)} (${clearDays(result.unit, result.length)}; ${result.citation}).`
      );
    case 'general-exception': {
      const onWorkingDay =
        result.earliest === result.earliestWorkingDay ? '' : `, which is not a working day, so in practice from ${W(result.earliestWorkingDay)}`;
      return (
        `Under the general exception, a key decision notified to the scrutiny chair and published on ` +
        `${W(result.from)} may be taken on or after ${W(result.earliest)}${onWorkingDay} ` +
        `(${clearDays(result.unit, result.length)}; ${result.citation}).`
      );
    }
    case 'private-meeting':
      return (
        `For a private meeting of the executive on ${W(result.from)}, notice of the intention to meet in private ` +
        `must be published by ${byLatest(result.firstNoticeLatest, result.firstNoticeLatestWorkingDay)} ` +
        `(${clearDays(result.unit, result.length)}) and the further notice, with reasons and any representations, by ` +
        `${byLatest(result.secondNoticeLatest, result.secondNoticeLatestWorkingDay)} ` +
        `(${clearDays(result.secondNoticeUnit, result.secondNoticeLength)}; ${result.citation}).`
      );
    case 'call-in': {
      const event =
        result.basis === 'publication'
          ? `An executive decision published on ${W(result.from)}`
          : `An executive decision taken at a meeting on ${W(result.from)}`;
      if (result.windowEnds === null) {
        return `${event} has no call-in period and may be implemented at once (${result.citation}).`;
      }
      const counted = result.basis === 'publication' ? 'publication' : 'the meeting';
      return (
        `${event} may be called in until the end of ${W(result.windowEnds)} and implemented from ` +
        `${W(result.implementableFrom)} (${plural(result.length, `${result.unit} day`)} counted from the day after ` +
        `${counted}; ${result.citation}).`
      );
    }
    case 'dpi-notification':
      return (
        `A disclosable pecuniary interest disclosed on ${W(result.from)} must be notified to the Monitoring Officer by ` +
        `${byLatest(result.latest, result.latestWorkingDay)} (${result.length} days beginning with the disclosure; ` +
        `${result.citation}).`
      );
    case 'minutes-retention':
      return (
        `The minutes, agenda and public reports of a meeting on ${W(result.from)} must stay open to inspection until ` +
        `${W(result.until)} (${plural(result.length, 'year')} beginning with the date of the meeting; ${result.citation}).`
      );
    case 'background-papers-retention':
      return (
        `The background papers for the reports to a meeting on ${W(result.from)} must stay open to inspection until ` +
        `${W(result.until)} (${plural(result.length, 'year')} beginning with the date of the meeting; ${result.citation}).`
      );
    default: {
      const unreachable: never = result;
      throw new RangeError(`Unknown deadline: ${JSON.stringify(unreachable)}`);
    }
  }
}
