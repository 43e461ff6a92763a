// Reading a date as people type it into the GOV.UK date input (day, month and year boxes, or "5/3/2026" in one), with the Design System's error wording.
//
// GOV.UK Design System, Date input, "Error messages": "If nothing is entered: Enter [whatever it is]";
// "If the date is incomplete: [Whatever it is] must include a [whatever is missing]"; "If the date
// entered cannot be correct: [Whatever it is] must be a real date"; "If the date is in the future
// when it needs to be today or in the past: [Whatever it is] must be today or in the past"; "If
// the date must be the same as or after another date: [Whatever it is] must be the same as or
// after [date]". The part in error is named so that only that box is highlighted.

import { formatLongDate, isIsoDate, MONTH_NAMES, type IsoDate } from './iso-date.ts';

/** Which box of the date input holds the mistake; null highlights the date as a whole. */
export type DatePart = 'day' | 'month' | 'year' | null;

/** What was typed: the three boxes (any may be blank), or one answer typed into a single field. */
export interface DateAnswer {
  readonly day?: string | undefined;
  readonly month?: string | undefined;
  readonly year?: string | undefined;
}

export type DateReading = { readonly ok: true; readonly value: IsoDate | null } | { readonly ok: false; readonly part: DatePart; readonly message: string };

/** "the date of the response" → "The date of the response": messages begin with a capital. */
export function sentenceCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const MONTH_WORDS = new Map<string, number>(
  MONTH_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
);
MONTH_WORDS.set('sept', 9);

/** A month typed as a number (3, 03) or a name ("Mar", "March"), as users read it off a letter; null when neither. */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  return MONTH_WORDS.get(text.toLowerCase().replace(/\.$/, '')) ?? null;
}

/**
 * One answer typed whole: "5/3/2026", "5.3.2026", "5-3-2026", "5 3 2026", "5 March 2026" (day
 * first, as in the UK) or "2026-03-05" (ISO 8601). Null when it is not one of these shapes.
 */
function splitWhole(text: string): { day: string; month: string; year: string } | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return { year: iso[1] ?? '', month: iso[2] ?? '', day: iso[3] ?? '' };
  const british = /^(\d{1,2})(?:st|nd|rd|th)?[\s/.,-]+([A-Za-z]{3,9}\.?|\d{1,2})[\s/.,-]+(\d{2,4})$/.exec(text);
  if (british) return { day: british[1] ?? '', month: british[2] ?? '', year: british[3] ?? '' };
  return null;
}

/**
 * Reads a date answer. `label` is how the question names the date in a sentence ("the date of the
 * response"). A blank answer is `{ ok: true, value: null }` unless `required`, then "Enter …".
 */
export function readDateAnswer(answer: DateAnswer, label: string, required: boolean): DateReading {
  const Label = sentenceCase(label);
  let day = (answer.day ?? '').trim();
  let month = (answer.month ?? '').trim();
  let year = (answer.year ?? '').trim();
  const filled = [day, month, year].filter((v) => v !== '');
  // The whole date typed into one box ("5/3/2026" in the day box, or a single field).
  if (filled.length === 1 && /[^\d]/.test(filled[0] ?? '') && !/^[A-Za-z]{3,9}\.?$/.test(filled[0] ?? '')) {
    const whole = splitWhole(filled[0] ?? '');
    if (whole === null) return { ok: false, part: null, message: `${Label} must be a real date` };
    ({ day, month, year } = whole);
  }
  if (day === '' && month === '' && year === '') {
    return required ? { ok: false, part: null, message: `Enter ${label}` } : { ok: true, value: null };
  }
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '');
  if (missing.length > 0) {
    return { ok: false, part: missing.length === 1 ? (missing[0] ?? null) : null, message: `${Label} must include a ${missing.join(' and a ')}` };
  }
  const m = monthNumber(month);
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { ok: false, part: 'day', message: `${Label} must be a real date` };
  if (m === null || m < 1 || m > 12) return { ok: false, part: 'month', message: `${Label} must be a real date` };
  if (!/^\d{4}$/.test(year)) return { ok: false, part: 'year', message: `${Label} must be a real date` };
  const iso = `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
  // 31 April, 29 February in a common year: the day does not exist in that month.
  if (!isIsoDate(iso)) return { ok: false, part: 'day', message: `${Label} must be a real date` };
  return { ok: true, value: iso };
}

/** The day, month and year boxes of a stored date, as the date input shows them ("5", "3", "2026"). */
export function dateBoxes(value: string | null | undefined): { day: string; month: string; year: string } {
  if (!value || !isIsoDate(value)) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = value.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

// ---------------------------------------------------------------------------------------------
// Rules between dates

/** One broken rule between dates, named by the field that must change. */
export interface DateRuleError {
  readonly field: string;
  readonly message: string;
}

/** A date that must not be in the future (a response given, an update written, a meeting held): "must be today or in the past". */
export function notInFuture(field: string, label: string, value: string | null | undefined, today: string): DateRuleError[] {
  return value && isIsoDate(value) && value > today ? [{ field, message: `${sentenceCase(label)} must be today or in the past` }] : [];
}

/**
 * A date that must not come before an earlier event: "must be the same as or after <date> (<what
 * that date is>)", so the officer sees both the rule and the date it is measured against.
 */
export function notBefore(field: string, label: string, value: string | null | undefined, earliest: string | null | undefined, what: string): DateRuleError[] {
  if (!value || !earliest || !isIsoDate(value) || !isIsoDate(earliest) || value >= earliest) return [];
  return [{ field, message: `${sentenceCase(label)} must be the same as or after ${formatLongDate(earliest)}, ${what}` }];
}

/**
 * A review's own dates in order: the report not before the review began, the executive's receipt
 * of it not before the report, and that receipt (which starts the two-month clock, RULES.md rule 1)
 * not in the future.
 */
export function reviewDateErrors(dates: { startedOn: string | null; reportDate: string | null; receivedOn: string | null }, today: string): DateRuleError[] {
  return [
    ...notBefore('reportDate', 'the date of the report', dates.reportDate, dates.startedOn, 'when the review started'),
    ...notBefore('receivedOn', 'the date the executive received the report', dates.receivedOn, dates.reportDate, 'the date of the report'),
    ...notInFuture('receivedOn', 'the date the executive received the report', dates.receivedOn, today),
  ];
}
