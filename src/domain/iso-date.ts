// Calendar dates ('YYYY-MM-DD') with no time or zone: parsing, arithmetic and English formatting.
//
// Statutory periods are counted in whole days, so a date here is a day on the calendar, never an
// instant. All arithmetic goes through Date.UTC so that the machine's time zone (and British
// Summer Time) can never shift a date by one.

declare const isoDateBrand: unique symbol;

/** A real calendar date written 'YYYY-MM-DD'. Only `parseIsoDate` and the helpers here make one. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

/** 0 = Sunday … 6 = Saturday, as Date.prototype.getUTCDay. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Thrown when a value is not a real calendar date in 'YYYY-MM-DD' form. */
export class InvalidDateError extends Error {
  readonly value: unknown;

  constructor(value: unknown, reason: string) {
    super(`Invalid date ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidDateError';
    this.value = value;
  }
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const length = lengths[month - 1];
  if (length === undefined) throw new RangeError(`Month out of range: ${month}`);
  return length;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since the epoch at UTC midnight of the date (Date.UTC maps years 0–99 to 1900s, so fix those). */
function utcMillis(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  if (year >= 0 && year < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(year);
    return date.getTime();
  }
  return ms;
}

function fromUtcMillis(ms: number): IsoDate {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`Date out of range (years 0001–9999): ${date.toISOString()}`);
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` as IsoDate;
}

function toUtcMillis(d: IsoDate): number {
  const { year, month, day } = isoDateParts(d);
  return utcMillis(year, month, day);
}

/** Parses 'YYYY-MM-DD', rejecting malformed strings and impossible dates such as 2026-02-30. */
export function parseIsoDate(value: string): IsoDate {
  if (typeof value !== 'string') throw new InvalidDateError(value, 'not a string');
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) throw new InvalidDateError(value, "expected the form 'YYYY-MM-DD'");
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1) throw new InvalidDateError(value, 'year must be 0001 or later');
  if (month < 1 || month > 12) throw new InvalidDateError(value, `no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(value, `${MONTH_NAMES[month - 1]} ${year} has no day ${day}`);
  }
  return value as IsoDate;
}

/** True when the value is a real calendar date in 'YYYY-MM-DD' form. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    parseIsoDate(value);
    return true;
  } catch (error) {
    if (error instanceof InvalidDateError) return false;
    throw error;
  }
}

/** Builds a date from its parts (month and day 1-based), rejecting impossible ones. */
export function makeIsoDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new InvalidDateError(`${year}-${month}-${day}`, 'parts must be integers');
  }
  return parseIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

export function isoDateParts(d: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

/** The date n calendar days later (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be a whole number: ${n}`);
  return fromUtcMillis(toUtcMillis(d) + n * MS_PER_DAY);
}

/**
 * The corresponding date n months later (n may be negative); where that month is too short, its
 * last day (31 Jan + 1 month = 28 or 29 Feb).
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Months must be a whole number: ${n}`);
  const { year, month, day } = isoDateParts(d);
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return makeIsoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/**
 * The last day of "a period of n months beginning with" d (n ≥ 1). The period includes d, so it
 * ends the day before the corresponding date n months later; where that month has no
 * corresponding date it ends on the last day of that month (RULES.md "Counting time"):
 * 15 Oct 2025 → 14 Dec 2025; 29, 30 and 31 Dec 2025 → 28 Feb 2026; 31 Jan 2026 → 30 Mar 2026.
 * Years are the same with n = 12 × years.
 */
export function addMonthsBeginningWith(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`A period must be at least 1 whole month: ${n}`);
  const { year, month, day } = isoDateParts(d);
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const lastDay = daysInMonth(newYear, newMonth);
  if (day > lastDay) return makeIsoDate(newYear, newMonth, lastDay);
  return addDays(makeIsoDate(newYear, newMonth, day), -1);
}

/** The last day of "a period of n years beginning with" d: the month rule with 12 × n months. */
export function addYearsBeginningWith(d: IsoDate, n: number): IsoDate {
  return addMonthsBeginningWith(d, 12 * n);
}

/** The last day of "n days beginning with" d: d is day 1, so d + n − 1 (RULES.md "Counting time"). */
export function addDaysBeginningWith(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`A period must be at least 1 whole day: ${n}`);
  return addDays(d, n - 1);
}

export function dayOfWeek(d: IsoDate): DayOfWeek {
  return new Date(toUtcMillis(d)).getUTCDay() as DayOfWeek;
}

export function weekdayName(d: IsoDate): WeekdayName {
  return WEEKDAY_NAMES[dayOfWeek(d)];
}

export function isWeekend(d: IsoDate): boolean {
  const day = dayOfWeek(d);
  return day === 0 || day === 6;
}

/** Negative when a is earlier than b, 0 when equal, positive when later (for Array.prototype.sort). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Signed number of days from a to b: daysBetween(d, addDays(d, n)) === n. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMillis(b) - toUtcMillis(a)) / MS_PER_DAY);
}

/** "19 February 2018" */
export function formatLongDate(d: IsoDate): string {
  const { year, month, day } = isoDateParts(d);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "Monday 19 February 2018" */
export function formatLongDateWithWeekday(d: IsoDate): string {
  return `${weekdayName(d)} ${formatLongDate(d)}`;
}
