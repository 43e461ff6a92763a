// Tests for England and Wales bank holidays: the generator against GOV.UK's list, proclamations, Easter, loading.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProclamationChange } from './bank-holidays.ts';
import {
  bankHolidays,
  easterSunday,
  holidaysFromGovUk,
  InvalidBankHolidayDataError,
  PROCLAMATION_CHANGES,
  regularBankHolidays,
  validateProclamationChanges,
} from './bank-holidays.ts';

const fixturePath = new URL('../../test/fixtures/bank-holidays-england-and-wales.json', import.meta.url);
const govUk = JSON.parse(readFileSync(fixturePath, 'utf8')) as {
  'england-and-wales': { division: string; events: { title: string; date: string; notes: string }[] };
};
const officialEvents = govUk['england-and-wales'].events;

const datesOf = (year: number, changes?: readonly ProclamationChange[]): string[] => bankHolidays(year, changes).map((h) => h.date);

describe('bankHolidays against GOV.UK bank-holidays.json', () => {
  it('the fixture covers 2016–2027', () => {
    const years = new Set(officialEvents.map((e) => Number(e.date.slice(0, 4))));
    expect([...years].sort()).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it.each([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])(
    'generates exactly the official events for %i (dates, titles and notes)',
    (year) => {
      const expected = officialEvents.filter((e) => e.date.startsWith(`${year}-`)).map(({ date, title, notes }) => ({ date, title, notes }));
      expect(expected.length).toBeGreaterThanOrEqual(8);
      expect(bankHolidays(year)).toEqual(expected);
    },
  );
});

describe('bankHolidays, years with proclamation changes', () => {
  it.each([
    [
      1995,
      // 1 Jan is a Sunday; Easter 16 Apr; early May moved from Mon 1 May to Mon 8 May (VE day)
      ['1995-01-02', '1995-04-14', '1995-04-17', '1995-05-08', '1995-05-29', '1995-08-28', '1995-12-25', '1995-12-26'],
    ],
    [
      1999,
      // Easter 4 Apr; Christmas on a Saturday (Mon 27, Tue 28); Fri 31 Dec added for the millennium
      ['1999-01-01', '1999-04-02', '1999-04-05', '1999-05-03', '1999-05-31', '1999-08-30', '1999-12-27', '1999-12-28', '1999-12-31'],
    ],
    [
      2002,
      // Easter 31 Mar; spring moved from Mon 27 May to Mon 3 June; Tue 4 June added (Golden Jubilee)
      ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26'],
    ],
    [
      2011,
      // 1 Jan a Saturday (Mon 3); Easter 24 Apr; Fri 29 Apr added; Christmas on a Sunday (Mon 26, Tue 27)
      ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27'],
    ],
    [
      2012,
      // 1 Jan a Sunday (Mon 2); Easter 8 Apr; spring moved from Mon 28 May to Mon 4 June; Tue 5 June added
      ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
    ],
    [
      2020,
      // early May moved from Mon 4 May to Fri 8 May; Christmas Friday, Boxing Day Saturday → Mon 28
      ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    ],
    [
      2022,
      // 1 Jan Saturday (Mon 3); spring moved from Mon 30 May to Thu 2 June; Fri 3 June and Mon 19 Sept added
      ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
    ],
    [
      2023,
      // 1 Jan Sunday (Mon 2); Mon 8 May added for the coronation
      ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
    ],
  ])('%i', (year, expected) => {
    expect(datesOf(year)).toEqual(expected);
  });

  it.each([
    ['1995-05-01', 1995],
    ['2002-05-27', 2002],
    ['2012-05-28', 2012],
    ['2020-05-04', 2020],
    ['2022-05-30', 2022],
  ])('a moved day (%s) is no longer a holiday on its old date', (oldDate, year) => {
    expect(datesOf(year)).not.toContain(oldDate);
    expect(regularBankHolidays(year).map((h) => h.date)).toContain(oldDate);
  });

  it('without proclamation changes gives the regular rule', () => {
    expect(datesOf(2020, [])).toContain('2020-05-04');
    expect(datesOf(2020, [])).not.toContain('2020-05-08');
    expect(datesOf(2022, [])).toEqual(['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-05-30', '2022-08-29', '2022-12-26', '2022-12-27']);
  });

  it('names the proclaimed days', () => {
    const titles = new Map<string, string>(bankHolidays(2022).map((h) => [h.date, h.title]));
    expect(titles.get('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(titles.get('2022-06-02')).toBe('Spring bank holiday');
    expect(bankHolidays(1999).find((h) => h.date === '1999-12-31')?.title).toMatch(/Millennium/);
  });

  it('PROCLAMATION_CHANGES is plain JSON data covering each change RULES.md lists', () => {
    expect(JSON.parse(JSON.stringify(PROCLAMATION_CHANGES))).toEqual(PROCLAMATION_CHANGES);
    expect(PROCLAMATION_CHANGES.map((c) => [c.date, c.action, c.replaces ?? null])).toEqual([
      ['1995-05-08', 'add', '1995-05-01'],
      ['1999-12-31', 'add', null],
      ['2002-06-03', 'add', '2002-05-27'],
      ['2002-06-04', 'add', null],
      ['2011-04-29', 'add', null],
      ['2012-06-04', 'add', '2012-05-28'],
      ['2012-06-05', 'add', null],
      ['2020-05-08', 'add', '2020-05-04'],
      ['2022-06-02', 'add', '2022-05-30'],
      ['2022-06-03', 'add', null],
      ['2022-09-19', 'add', null],
      ['2023-05-08', 'add', null],
    ]);
  });

  it('lets a council add the next proclamation and remove a day', () => {
    const changes: ProclamationChange[] = [
      ...PROCLAMATION_CHANGES,
      { date: '2031-06-06', action: 'add', title: 'A future proclaimed holiday' },
      { date: '2031-05-26', action: 'remove', title: 'Spring bank holiday withdrawn' },
    ];
    const dates = datesOf(2031, changes);
    expect(dates).toContain('2031-06-06');
    expect(dates).not.toContain('2031-05-26');
    expect(datesOf(2031)).toContain('2031-05-26');
    expect(datesOf(2031)).not.toContain('2031-06-06');
  });
});

describe('Christmas, Boxing Day and New Year at weekends', () => {
  const endOfYear = (year: number): { date: string; title: string; notes: string }[] => bankHolidays(year).filter((h) => h.date >= `${year}-12-01`);

  it.each([2010, 2021, 2027, 2032, 2038])('Christmas on a Saturday (%i): Mon 27 and Tue 28 are substitutes', (y) => {
    expect(endOfYear(y)).toEqual([
      { date: `${y}-12-27`, title: 'Christmas Day', notes: 'Substitute day' },
      { date: `${y}-12-28`, title: 'Boxing Day', notes: 'Substitute day' },
    ]);
  });

  it.each([2011, 2016, 2022, 2033, 2039])('Christmas on a Sunday (%i): Mon 26 Boxing Day, Tue 27 substitute', (y) => {
    expect(endOfYear(y)).toEqual([
      { date: `${y}-12-26`, title: 'Boxing Day', notes: '' },
      { date: `${y}-12-27`, title: 'Christmas Day', notes: 'Substitute day' },
    ]);
  });

  it.each([2015, 2020, 2026, 2037])('Christmas on a Friday (%i): Boxing Day moves to Mon 28', (y) => {
    expect(endOfYear(y)).toEqual([
      { date: `${y}-12-25`, title: 'Christmas Day', notes: '' },
      { date: `${y}-12-28`, title: 'Boxing Day', notes: 'Substitute day' },
    ]);
  });

  it.each([
    [2000, '2000-01-03'],
    [2011, '2011-01-03'],
    [2022, '2022-01-03'],
    [2033, '2033-01-03'],
    [2039, '2039-01-03'],
    [2012, '2012-01-02'],
    [2017, '2017-01-02'],
    [2023, '2023-01-02'],
    [2034, '2034-01-02'],
    [2040, '2040-01-02'],
    [2026, '2026-01-01'],
  ])('New Year %i is kept on %s', (year, date) => {
    const newYear = bankHolidays(year)[0];
    expect(newYear?.date).toBe(date);
    expect(newYear?.title).toBe('New Year’s Day');
    expect(newYear?.notes).toBe(date.endsWith('-01') ? '' : 'Substitute day');
  });
});

describe('easterSunday (anonymous Gregorian computus)', () => {
  it.each([
    [1995, '1995-04-16'],
    [1998, '1998-04-12'],
    [2000, '2000-04-23'],
    [2004, '2004-04-11'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2013, '2013-03-31'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2035, '2035-03-25'],
    [2038, '2038-04-25'],
    [2040, '2040-04-01'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('puts Good Friday two days before and Easter Monday the day after', () => {
    const byTitle = new Map(bankHolidays(2038).map((h) => [h.title, h.date]));
    expect(byTitle.get('Good Friday')).toBe('2038-04-23');
    expect(byTitle.get('Easter Monday')).toBe('2038-04-26');
  });
});

describe('year range', () => {
  it('refuses years before the early May holiday existed', () => {
    expect(() => bankHolidays(1977)).toThrow(RangeError);
    expect(() => bankHolidays(2025.5)).toThrow(RangeError);
    expect(bankHolidays(1978).map((h) => h.date)).toContain('1978-05-01');
  });
});

describe('validateProclamationChanges', () => {
  it('accepts the built-in list unchanged', () => {
    expect(validateProclamationChanges(JSON.parse(JSON.stringify(PROCLAMATION_CHANGES)))).toEqual(PROCLAMATION_CHANGES);
  });

  it.each([
    ['not an array', { date: '2031-06-06' }],
    ['a non-object entry', ['2031-06-06']],
    ['an impossible date', [{ date: '2031-02-30', action: 'add', title: 'X' }]],
    ['an unknown action', [{ date: '2031-06-06', action: 'move', title: 'X' }]],
    ['a missing title', [{ date: '2031-06-06', action: 'add' }]],
    ['a bad replaces', [{ date: '2031-06-06', action: 'add', title: 'X', replaces: '31 May' }]],
    ['a remove that replaces', [{ date: '2031-06-06', action: 'remove', title: 'X', replaces: '2031-05-26' }]],
  ])('rejects %s', (_why, value) => {
    expect(() => validateProclamationChanges(value)).toThrow(InvalidBankHolidayDataError);
  });

  it('refuses bad data passed to bankHolidays', () => {
    const bad = [{ date: '2031-13-01', action: 'add', title: 'X' }] as ProclamationChange[];
    expect(() => bankHolidays(2031, bad)).toThrow(InvalidBankHolidayDataError);
  });
});

describe('holidaysFromGovUk', () => {
  it('reads the official file into the same holidays the generator makes', () => {
    const loaded = holidaysFromGovUk(govUk);
    expect(loaded).toHaveLength(officialEvents.length);
    const generated = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027].flatMap((y) => bankHolidays(y));
    expect(loaded).toEqual(generated);
  });

  it('ignores bunting, defaults missing notes and sorts by date', () => {
    const file = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Boxing Day', date: '2028-12-26', notes: '', bunting: true },
          { title: 'Christmas Day', date: '2028-12-25', bunting: true },
        ],
      },
      scotland: { division: 'scotland', events: [{ title: 'St Andrew’s Day', date: '2028-11-30', notes: '' }] },
    };
    expect(holidaysFromGovUk(file)).toEqual([
      { date: '2028-12-25', title: 'Christmas Day', notes: '' },
      { date: '2028-12-26', title: 'Boxing Day', notes: '' },
    ]);
    expect(holidaysFromGovUk(file, 'scotland').map((h) => h.date)).toEqual(['2028-11-30']);
  });

  it.each([
    ['not an object', []],
    ['no england-and-wales division', { scotland: { events: [] } }],
    ['events not an array', { 'england-and-wales': { events: {} } }],
    ['an impossible date', { 'england-and-wales': { events: [{ title: 'X', date: '2028-02-30', notes: '' }] } }],
    ['a missing title', { 'england-and-wales': { events: [{ date: '2028-12-25', notes: '' }] } }],
    [
      'a repeated date',
      {
        'england-and-wales': {
          events: [
            { title: 'A', date: '2028-12-25', notes: '' },
            { title: 'B', date: '2028-12-25', notes: '' },
          ],
        },
      },
    ],
  ])('rejects %s', (_why, value) => {
    expect(() => holidaysFromGovUk(value)).toThrow(InvalidBankHolidayDataError);
  });
});
