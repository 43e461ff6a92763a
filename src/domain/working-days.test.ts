// Tests for the working-day calendar: which days count, stepping over those that do not, and council overrides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProclamationChange } from './bank-holidays.ts';
import { holidaysFromGovUk, PROCLAMATION_CHANGES } from './bank-holidays.ts';
import { parseIsoDate } from './iso-date.ts';
import { DEFAULT_WORKING_DAY_CALENDAR, WorkingDayCalendar } from './working-days.ts';

const d = parseIsoDate;
const cal = DEFAULT_WORKING_DAY_CALENDAR;
const govUk: unknown = JSON.parse(readFileSync(new URL('../../test/fixtures/bank-holidays-england-and-wales.json', import.meta.url), 'utf8'));

describe('isWorkingDay and isBankHoliday', () => {
  it.each([
    ['2025-12-10', true, false], // Wednesday
    ['2025-12-13', false, false], // Saturday
    ['2025-12-14', false, false], // Sunday
    ['2025-12-25', false, true],
    ['2025-12-26', false, true],
    ['2026-01-01', false, true],
    ['2026-01-02', true, false],
    ['2026-04-03', false, true], // Good Friday
    ['2026-04-06', false, true], // Easter Monday
    ['2020-05-04', true, false], // early May moved away in 2020
    ['2020-05-08', false, true], // VE day
    ['2022-05-30', true, false], // spring moved away in 2022
    ['2022-06-02', false, true],
    ['2022-06-03', false, true],
    ['2022-09-19', false, true],
    ['2023-05-08', false, true],
    ['2024-02-29', true, false],
  ])('%s: working %s, bank holiday %s', (date, working, holiday) => {
    expect(cal.isWorkingDay(d(date))).toBe(working);
    expect(cal.isBankHoliday(d(date))).toBe(holiday);
  });

  it('names the holiday', () => {
    expect(cal.bankHoliday(d('2023-05-08'))?.title).toBe('Bank holiday for the coronation of King Charles III');
    expect(cal.bankHoliday(d('2023-05-09'))).toBeUndefined();
  });
});

describe('previousWorkingDayOnOrBefore and nextWorkingDayOnOrAfter', () => {
  it.each([
    ['2025-12-10', '2025-12-10', '2025-12-10'],
    ['2026-02-15', '2026-02-13', '2026-02-16'], // Sunday
    ['2025-12-28', '2025-12-24', '2025-12-29'], // Sunday after Christmas and Boxing Day
    ['2025-12-25', '2025-12-24', '2025-12-29'],
    ['2026-01-01', '2025-12-31', '2026-01-02'],
    ['2026-04-05', '2026-04-02', '2026-04-07'], // Easter Sunday
    ['2020-05-10', '2020-05-07', '2020-05-11'], // Sunday after VE day
    ['2022-06-04', '2022-06-01', '2022-06-06'], // Saturday after the Platinum Jubilee
    ['2023-05-07', '2023-05-05', '2023-05-09'], // Sunday before the coronation holiday
  ])('%s → on or before %s, on or after %s', (date, before, after) => {
    expect(cal.previousWorkingDayOnOrBefore(d(date))).toBe(before);
    expect(cal.nextWorkingDayOnOrAfter(d(date))).toBe(after);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-12-19', 5, '2025-12-30'], // RULES.md call-in example
    ['2025-12-10', -5, '2025-12-03'], // RULES.md agenda example: earliest clear day
    ['2025-12-01', 5, '2025-12-08'],
    ['2025-12-13', 1, '2025-12-15'], // from a Saturday
    ['2025-12-13', -1, '2025-12-12'],
    ['2025-12-24', 5, '2026-01-05'], // 29, 30, 31, (1 Jan), 2, 5
    ['2026-01-06', -5, '2025-12-29'],
    ['2026-03-31', 5, '2026-04-09'], // over Easter 2026
    ['2020-04-30', 5, '2020-05-07'], // 4 May 2020 is a working day
    ['2020-05-07', 1, '2020-05-11'], // 8 May 2020 is not
    ['2022-05-31', 5, '2022-06-09'],
    ['2022-05-27', 1, '2022-05-30'],
    ['2023-05-05', 1, '2023-05-09'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-27', 1, '2026-03-02'],
    ['2025-12-25', 0, '2025-12-25'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(cal.addWorkingDays(d(date), n)).toBe(expected);
  });

  it('rejects fractional counts', () => {
    expect(() => cal.addWorkingDays(d('2026-01-05'), 1.5)).toThrow(RangeError);
  });
});

describe('council overrides', () => {
  it('a calendar built from an extended list of changes honours them', () => {
    const changes: ProclamationChange[] = [...PROCLAMATION_CHANGES, { date: '2031-06-06', action: 'add', title: 'A future proclaimed holiday' }];
    const extended = new WorkingDayCalendar({ changes });
    expect(extended.isWorkingDay(d('2031-06-06'))).toBe(false);
    expect(cal.isWorkingDay(d('2031-06-06'))).toBe(true);
    expect(extended.addWorkingDays(d('2031-06-05'), 1)).toBe('2031-06-09');
  });

  it('a calendar with no changes follows the regular rules only', () => {
    const plain = new WorkingDayCalendar({ changes: [] });
    expect(plain.isBankHoliday(d('2020-05-04'))).toBe(true);
    expect(plain.isBankHoliday(d('2020-05-08'))).toBe(false);
    expect(plain.isBankHoliday(d('2023-05-08'))).toBe(false);
  });

  it('a calendar from the official GOV.UK file uses it for the years it covers', () => {
    const official = WorkingDayCalendar.fromGovUk(govUk);
    for (const year of [2016, 2020, 2022, 2023, 2027]) {
      expect(official.holidays(year)).toEqual(cal.holidays(year));
    }
    // Outside the file's years the generator fills in.
    expect(official.holidays(2030)).toEqual(cal.holidays(2030));
  });

  it('an official list overrides the generator for its year, and changes still apply on top', () => {
    const official = [...holidaysFromGovUk(govUk), { date: d('2028-01-03'), title: 'An invented holiday', notes: '' }];
    const withFile = new WorkingDayCalendar({
      official,
      changes: [{ date: '2028-07-07', action: 'add', title: 'Added later' }],
    });
    // 2028 now comes from the list alone: only 3 Jan and the added 7 July.
    expect(withFile.holidays(2028).map((h) => h.date)).toEqual(['2028-01-03', '2028-07-07']);
    expect(withFile.isWorkingDay(d('2028-12-25'))).toBe(true);
  });

  it('refuses malformed changes when built', () => {
    expect(() => new WorkingDayCalendar({ changes: [{ date: '2031-02-30', action: 'add', title: 'X' }] })).toThrow(/Proclamation change 0/);
  });
});
