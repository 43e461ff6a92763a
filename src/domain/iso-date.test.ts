// Tests for calendar dates: parsing, "beginning with" periods, arithmetic and formatting.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addDaysBeginningWith,
  addMonths,
  addMonthsBeginningWith,
  addYearsBeginningWith,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatLongDate,
  formatLongDateWithWeekday,
  InvalidDateError,
  isIsoDate,
  isLeapYear,
  makeIsoDate,
  parseIsoDate,
  weekdayName,
} from './iso-date.ts';

const d = parseIsoDate;

describe('parseIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(parseIsoDate(value)).toBe(value);
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century not divisible by 400'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-04-31', 'April has 30 days'],
    ['0000-01-01', 'no year 0'],
    ['2026-1-01', 'month not two digits'],
    ['26-01-01', 'year not four digits'],
    ['2026/01/01', 'wrong separator'],
    ['2026-01-01T00:00:00Z', 'a timestamp, not a date'],
    [' 2026-01-01', 'leading space'],
    ['', 'empty'],
    ['tomorrow', 'words'],
  ])('rejects %s (%s) with InvalidDateError carrying the value', (value) => {
    expect(isIsoDate(value)).toBe(false);
    let caught: unknown;
    try {
      parseIsoDate(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDateError);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as InvalidDateError).value).toBe(value);
    expect((caught as InvalidDateError).name).toBe('InvalidDateError');
  });

  it('treats non-strings as invalid', () => {
    expect(isIsoDate(20260101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(() => parseIsoDate(20260101 as unknown as string)).toThrow(InvalidDateError);
  });
});

describe('makeIsoDate', () => {
  it.each([
    [2026, 1, 5, '2026-01-05'],
    [2024, 2, 29, '2024-02-29'],
    [987, 6, 1, '0987-06-01'],
  ])('%i-%i-%i → %s', (y, m, day, expected) => {
    expect(makeIsoDate(y, m, day)).toBe(expected);
  });

  it('rejects impossible parts', () => {
    expect(() => makeIsoDate(2026, 2, 29)).toThrow(InvalidDateError);
    expect(() => makeIsoDate(2026, 1, 1.5)).toThrow(InvalidDateError);
  });
});

describe('leap years and month lengths', () => {
  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('isLeapYear(%i) = %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the other months', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(() => daysInMonth(2025, 13)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2025-03-29', 2, '2025-03-31'], // over the start of British Summer Time
    ['2025-10-25', 2, '2025-10-27'], // over the end of British Summer Time
    ['2025-10-15', 27, '2025-11-11'],
    ['2026-03-16', -29, '2026-02-15'],
    ['2025-12-10', 0, '2025-12-10'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i = %s', (from, n, expected) => {
    expect(addDays(d(from), n)).toBe(expected);
  });

  it('rejects fractional days', () => {
    expect(() => addDays(d('2026-01-01'), 0.5)).toThrow(RangeError);
  });
});

describe('addMonths (corresponding date, else the last day of the month)', () => {
  it.each([
    ['2025-10-15', 6, '2026-04-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2025-11-30', 12, '2026-11-30'],
  ])('%s + %i months = %s', (from, n, expected) => {
    expect(addMonths(d(from), n)).toBe(expected);
  });
});

describe('addMonthsBeginningWith (RULES.md "Counting time")', () => {
  it.each([
    // RULES.md examples
    ['2017-10-18', 2, '2017-12-17'],
    ['2025-10-15', 2, '2025-12-14'],
    ['2025-12-28', 2, '2026-02-27'],
    ['2025-12-29', 2, '2026-02-28'],
    ['2025-12-30', 2, '2026-02-28'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2026-01-31', 2, '2026-03-30'],
    // leap years: the corresponding date exists, so the day before it
    ['2023-12-29', 2, '2024-02-28'],
    ['2023-12-30', 2, '2024-02-29'],
    ['2023-12-31', 2, '2024-02-29'],
    ['2024-02-29', 2, '2024-04-28'],
    // one month, and the first of a month
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-01', 1, '2026-01-31'],
    ['2026-03-01', 2, '2026-04-30'],
    // years are 12 months
    ['2025-10-15', 72, '2031-10-14'],
    ['2025-10-15', 48, '2029-10-14'],
  ])('%s, %i months → %s', (from, n, expected) => {
    expect(addMonthsBeginningWith(d(from), n)).toBe(expected);
  });

  it.each([
    ['2025-10-15', 6, '2031-10-14'],
    ['2025-10-15', 4, '2029-10-14'],
    ['2024-02-29', 6, '2030-02-28'], // no 29 February 2030: the last day of February
    ['2024-02-29', 4, '2028-02-28'], // 29 February 2028 exists: the day before it
    ['2024-03-01', 4, '2028-02-29'],
    ['2025-01-01', 6, '2030-12-31'],
  ])('%s, %i years → %s', (from, n, expected) => {
    expect(addYearsBeginningWith(d(from), n)).toBe(expected);
  });

  it('rejects a period of less than one month', () => {
    expect(() => addMonthsBeginningWith(d('2026-01-01'), 0)).toThrow(RangeError);
  });
});

describe('addDaysBeginningWith', () => {
  it.each([
    ['2025-10-15', 28, '2025-11-11'],
    ['2025-10-15', 56, '2025-12-09'],
    ['2025-10-15', 1, '2025-10-15'],
    ['2024-02-10', 28, '2024-03-08'],
    ['2026-02-10', 28, '2026-03-09'],
  ])('%s, %i days → %s', (from, n, expected) => {
    expect(addDaysBeginningWith(d(from), n)).toBe(expected);
  });
});

describe('dayOfWeek and weekdayName', () => {
  it.each([
    ['2018-02-19', 1, 'Monday'],
    ['2025-12-10', 3, 'Wednesday'],
    ['2025-12-19', 5, 'Friday'],
    ['2026-02-15', 0, 'Sunday'],
    ['2026-02-28', 6, 'Saturday'],
    ['2024-02-29', 4, 'Thursday'],
    ['2000-01-01', 6, 'Saturday'],
  ])('%s is day %i (%s)', (date, day, name) => {
    expect(dayOfWeek(d(date))).toBe(day);
    expect(weekdayName(d(date))).toBe(name);
  });
});

describe('compareDates and daysBetween', () => {
  it('orders dates', () => {
    expect(compareDates(d('2025-12-31'), d('2026-01-01'))).toBe(-1);
    expect(compareDates(d('2026-01-01'), d('2026-01-01'))).toBe(0);
    expect(compareDates(d('2026-01-02'), d('2026-01-01'))).toBe(1);
    expect([d('2026-03-01'), d('2025-12-31'), d('2026-02-28')].sort(compareDates)).toEqual(['2025-12-31', '2026-02-28', '2026-03-01']);
  });

  it.each([
    ['2025-12-10', '2025-12-02', -8],
    ['2025-12-02', '2025-12-10', 8],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2025-03-29', '2025-03-31', 2],
    ['2026-02-15', '2026-03-16', 29],
    ['2026-01-01', '2026-01-01', 0],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(d(a), d(b))).toBe(n);
  });
});

describe('formatting', () => {
  it.each([
    ['2018-02-19', '19 February 2018', 'Monday 19 February 2018'],
    ['2025-12-02', '2 December 2025', 'Tuesday 2 December 2025'],
    ['2026-01-01', '1 January 2026', 'Thursday 1 January 2026'],
    ['2024-02-29', '29 February 2024', 'Thursday 29 February 2024'],
  ])('%s → "%s" / "%s"', (date, long, withWeekday) => {
    expect(formatLongDate(d(date))).toBe(long);
    expect(formatLongDateWithWeekday(d(date))).toBe(withWeekday);
  });
});

describe('time zones never matter', () => {
  const original = process.env['TZ'];
  afterEach(() => {
    if (original === undefined) delete process.env['TZ'];
    else process.env['TZ'] = original;
  });

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/London', 'Pacific/Pago_Pago'])('gives the same answers in %s', (zone) => {
    process.env['TZ'] = zone;
    expect(dayOfWeek(d('2025-10-26'))).toBe(0);
    expect(addDays(d('2025-10-25'), 1)).toBe('2025-10-26');
    expect(addDays(d('2025-03-30'), 1)).toBe('2025-03-31');
    expect(daysBetween(d('2025-03-29'), d('2025-11-01'))).toBe(217);
    expect(formatLongDateWithWeekday(d('2025-12-31'))).toBe('Wednesday 31 December 2025');
  });
});
