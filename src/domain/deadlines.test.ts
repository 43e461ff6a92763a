// Tests for the statutory deadlines: every RULES.md worked example, plus weekends, holidays, month ends and leap years.
//
// Every expected date here was worked out by hand from RULES.md and a printed calendar, never by
// running the code. Holidays used: 2025 Thu 25 and Fri 26 Dec; 2026 Thu 1 Jan, Good Friday 3 Apr,
// Easter Monday 6 Apr; 2020 Fri 8 May (4 May not a holiday); 2022 Thu 2 and Fri 3 June and Mon 19
// Sept (30 May not a holiday); 2023 Mon 8 May.
import { describe, expect, it } from 'vitest';
import type { DeadlineResult, DeadlineSettingsInput } from './deadlines.ts';
import {
  agendaDeadline,
  computeDeadline,
  DEADLINE_CITATIONS,
  DEADLINE_RULES,
  DEFAULT_DEADLINE_SETTINGS,
  describeDeadline,
  InvalidDeadlineSettingsError,
  isDeadlineRule,
  resolveDeadlineSettings,
  serialiseDeadline,
} from './deadlines.ts';
import { InvalidDateError, parseIsoDate } from './iso-date.ts';
import { WorkingDayCalendar } from './working-days.ts';

describe('DEFAULT_DEADLINE_SETTINGS (RULES.md defaults)', () => {
  it('has the defaults RULES.md names', () => {
    expect(DEFAULT_DEADLINE_SETTINGS).toEqual({
      response: { unit: 'months', length: 2 },
      agenda: { unit: 'working', length: 5 },
      'key-decision': { unit: 'calendar', length: 28 },
      'general-exception': { unit: 'working', length: 5 },
      'private-meeting': {
        firstNotice: { unit: 'calendar', length: 28 },
        secondNotice: { unit: 'working', length: 5 },
      },
      'call-in': { basis: 'publication', unit: 'working', length: 5 },
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_DEADLINE_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_SETTINGS.agenda)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_SETTINGS['private-meeting'].secondNotice)).toBe(true);
  });
});

describe('response: 2 months beginning with the date the report was received (LGA 2000 s.9FE)', () => {
  it.each([
    // RULES.md rule 1 and "Counting time" examples
    ['2017-10-18', '2017-12-17', '2017-12-15'], // Sunday → Friday
    ['2025-10-15', '2025-12-14', '2025-12-12'],
    ['2025-12-28', '2026-02-27', '2026-02-27'],
    ['2025-12-29', '2026-02-28', '2026-02-27'],
    ['2025-12-30', '2026-02-28', '2026-02-27'],
    ['2025-12-31', '2026-02-28', '2026-02-27'],
    ['2026-01-31', '2026-03-30', '2026-03-30'],
    // leap year 2024
    ['2023-12-29', '2024-02-28', '2024-02-28'],
    ['2023-12-30', '2024-02-29', '2024-02-29'],
    ['2023-12-31', '2024-02-29', '2024-02-29'],
    ['2024-02-29', '2024-04-28', '2024-04-26'],
    // Christmas and Easter
    ['2025-10-26', '2025-12-25', '2025-12-24'],
    ['2025-10-27', '2025-12-26', '2025-12-24'],
    ['2025-10-29', '2025-12-28', '2025-12-24'],
    ['2026-02-04', '2026-04-03', '2026-04-02'],
    // 2020: 8 May a holiday, 4 May not
    ['2020-03-09', '2020-05-08', '2020-05-07'],
    ['2020-03-05', '2020-05-04', '2020-05-04'],
  ])('received %s → latest %s, latest working day %s', (from, latest, latestWorkingDay) => {
    const result = computeDeadline('response', from);
    expect(result).toMatchObject({ rule: 'response', from, latest, latestWorkingDay, unit: 'months', length: 2 });
  });

  it.each([
    [{ unit: 'weeks', length: 8 }, '2025-10-15', '2025-12-09', '2025-12-09'], // 15 Oct + 56 − 1
    [{ unit: 'weeks', length: 8 }, '2025-11-03', '2025-12-28', '2025-12-24'], // 3 Nov + 55 = Sun 28 Dec
    [{ unit: 'months', length: 1 }, '2026-01-31', '2026-02-28', '2026-02-27'],
  ] as const)('a council setting %j: received %s → %s (%s)', (response, from, latest, latestWorkingDay) => {
    const result = computeDeadline('response', from, { response });
    expect(result).toMatchObject({ latest, latestWorkingDay, unit: response.unit, length: response.length });
  });
});

describe('agenda: 5 clear days before the meeting (LGA 1972 s.100B(3))', () => {
  it.each([
    ['2025-12-10', '2025-12-02', '2025-12-02'], // RULES.md: clear days 3, 4, 5, 8, 9 Dec
    ['2025-12-15', '2025-12-07', '2025-12-05'], // Monday meeting: clear days 8–12, so Sunday 7
    ['2026-01-06', '2025-12-28', '2025-12-24'], // clear days 29, 30, 31 Dec, 2, 5 Jan
    ['2026-04-09', '2026-03-30', '2026-03-30'], // clear days 31 Mar, 1, 2, 7, 8 Apr
    ['2020-05-13', '2020-05-04', '2020-05-04'], // clear days 5, 6, 7, 11, 12 May; 4 May a working day in 2020
    ['2022-06-08', '2022-05-29', '2022-05-27'], // clear days 30, 31 May, 1, 6, 7 June
    ['2022-09-22', '2022-09-13', '2022-09-13'], // clear days 14, 15, 16, 20, 21 Sept
    ['2023-05-12', '2023-05-03', '2023-05-03'], // clear days 4, 5, 9, 10, 11 May
    ['2024-03-05', '2024-02-26', '2024-02-26'], // clear days 27, 28, 29 Feb, 1, 4 Mar
    ['2026-03-03', '2026-02-23', '2026-02-23'], // clear days 24–27 Feb, 2 Mar
  ])('meeting %s → publish by %s (working day %s)', (from, latest, latestWorkingDay) => {
    expect(computeDeadline('agenda', from)).toMatchObject({
      rule: 'agenda',
      latest,
      latestWorkingDay,
      unit: 'working',
      length: 5,
    });
  });

  it.each([
    ['2025-12-10', '2025-12-04', '2025-12-04'], // clear days 5–9 Dec
    ['2025-12-31', '2025-12-25', '2025-12-24'], // clear days 26–30 Dec
  ])('in calendar days: meeting %s → %s (%s)', (from, latest, latestWorkingDay) => {
    expect(computeDeadline('agenda', from, { agenda: { unit: 'calendar' } })).toMatchObject({
      latest,
      latestWorkingDay,
      unit: 'calendar',
      length: 5,
    });
  });
});

describe('key decision: 28 clear days before the decision (SI 2012/2089 reg 9)', () => {
  it.each([
    ['2026-03-16', '2026-02-15', '2026-02-13'], // RULES.md example
    ['2024-03-28', '2024-02-28', '2024-02-28'], // clear days 29 Feb – 27 Mar 2024
    ['2026-03-26', '2026-02-25', '2026-02-25'], // clear days 26 Feb – 25 Mar 2026
    ['2026-01-23', '2025-12-25', '2025-12-24'], // clear days 26 Dec – 22 Jan
    ['2026-05-05', '2026-04-06', '2026-04-02'], // latest is Easter Monday
    ['2020-06-02', '2020-05-04', '2020-05-04'],
    ['2020-06-08', '2020-05-10', '2020-05-07'], // Sun 10, Sat 9, VE day 8
  ])('decision %s → notice by %s (working day %s)', (from, latest, latestWorkingDay) => {
    expect(computeDeadline('key-decision', from)).toMatchObject({
      rule: 'key-decision',
      latest,
      latestWorkingDay,
      unit: 'calendar',
      length: 28,
    });
  });

  it('in working days: 28 working days before Mon 16 Mar 2026 → Tue 3 Feb 2026', () => {
    expect(computeDeadline('key-decision', '2026-03-16', { 'key-decision': { unit: 'working' } })).toMatchObject({
      latest: '2026-02-03',
      latestWorkingDay: '2026-02-03',
      unit: 'working',
    });
  });
});

describe('general exception: 5 clear days after notice (SI 2012/2089 reg 10)', () => {
  it.each([
    ['2025-12-01', '2025-12-09', '2025-12-09'], // clear days 2, 3, 4, 5, 8
    ['2025-12-12', '2025-12-20', '2025-12-22'], // clear days 15–19: Saturday 20, in practice Monday 22
    ['2025-12-19', '2025-12-31', '2025-12-31'], // clear days 22, 23, 24, 29, 30
    ['2025-12-22', '2026-01-01', '2026-01-02'], // clear days 23, 24, 29, 30, 31: New Year's Day
    ['2026-03-31', '2026-04-10', '2026-04-10'], // clear days 1, 2, 7, 8, 9 Apr
    ['2022-05-31', '2022-06-10', '2022-06-10'], // clear days 1, 6, 7, 8, 9 June
  ])('notice %s → decision from %s (working day %s)', (from, earliest, earliestWorkingDay) => {
    expect(computeDeadline('general-exception', from)).toMatchObject({
      rule: 'general-exception',
      earliest,
      earliestWorkingDay,
      unit: 'working',
      length: 5,
    });
  });

  it('in calendar days: notice Mon 1 Dec 2025 → Sun 7 Dec, in practice Mon 8 Dec', () => {
    expect(computeDeadline('general-exception', '2025-12-01', { 'general-exception': { unit: 'calendar' } })).toMatchObject({
      earliest: '2025-12-07',
      earliestWorkingDay: '2025-12-08',
      unit: 'calendar',
    });
  });
});

describe('private meeting: notices 28 and 5 clear days before (SI 2012/2089 reg 5)', () => {
  it.each([
    ['2025-12-10', '2025-11-11', '2025-11-11', '2025-12-02', '2025-12-02'],
    ['2026-03-16', '2026-02-15', '2026-02-13', '2026-03-08', '2026-03-06'],
    ['2026-01-06', '2025-12-08', '2025-12-08', '2025-12-28', '2025-12-24'],
  ])('meeting %s → first notice %s (%s), further notice %s (%s)', (from, first, firstWd, second, secondWd) => {
    expect(computeDeadline('private-meeting', from)).toMatchObject({
      rule: 'private-meeting',
      firstNoticeLatest: first,
      firstNoticeLatestWorkingDay: firstWd,
      secondNoticeLatest: second,
      secondNoticeLatestWorkingDay: secondWd,
      unit: 'calendar',
      length: 28,
      secondNoticeUnit: 'working',
      secondNoticeLength: 5,
    });
  });
});

describe('call-in (LGA 2000 s.9F(4); window set by the constitution)', () => {
  it.each([
    ['2025-12-19', '2025-12-30', '2025-12-31'], // RULES.md example: 22, 23, 24, 29, 30
    ['2025-12-01', '2025-12-08', '2025-12-09'],
    ['2025-12-05', '2025-12-12', '2025-12-13'], // window ends Friday: implementable Saturday
    ['2025-12-22', '2025-12-31', '2026-01-01'],
    ['2025-12-24', '2026-01-05', '2026-01-06'], // 29, 30, 31, 2, 5
    ['2026-04-01', '2026-04-10', '2026-04-11'], // 2, 7, 8, 9, 10 Apr
    ['2023-05-02', '2023-05-10', '2023-05-11'], // 3, 4, 5, 9, 10 May
    ['2020-04-30', '2020-05-07', '2020-05-08'], // 1, 4, 5, 6, 7 May
  ])('published %s → window ends %s, implementable %s', (from, windowEnds, implementableFrom) => {
    expect(computeDeadline('call-in', from)).toMatchObject({
      rule: 'call-in',
      basis: 'publication',
      windowEnds,
      implementableFrom,
      unit: 'working',
      length: 5,
    });
  });

  it('nine working days after the meeting (Rotherham during intervention)', () => {
    expect(computeDeadline('call-in', '2025-12-01', { 'call-in': { basis: 'meeting', length: 9 } })).toMatchObject({
      basis: 'meeting',
      windowEnds: '2025-12-12',
      implementableFrom: '2025-12-13',
      length: 9,
    });
  });

  it('length 0 means implementable at once (decisions of Commissioners)', () => {
    expect(computeDeadline('call-in', '2025-12-19', { 'call-in': { length: 0 } })).toMatchObject({
      windowEnds: null,
      implementableFrom: '2025-12-19',
      length: 0,
    });
  });

  it('in calendar days: 5 days after Fri 19 Dec 2025 ends Wed 24 Dec', () => {
    expect(computeDeadline('call-in', '2025-12-19', { 'call-in': { unit: 'calendar' } })).toMatchObject({
      windowEnds: '2025-12-24',
      implementableFrom: '2025-12-25',
    });
  });
});

describe('DPI notification: 28 days beginning with the disclosure (Localism Act 2011 s.31)', () => {
  it.each([
    ['2025-10-15', '2025-11-11', '2025-11-11'], // RULES.md example
    ['2024-02-10', '2024-03-08', '2024-03-08'], // over 29 Feb 2024
    ['2026-02-10', '2026-03-09', '2026-03-09'], // no 29 Feb 2026
    ['2025-11-28', '2025-12-25', '2025-12-24'],
    ['2026-03-09', '2026-04-05', '2026-04-02'], // Easter Sunday; Good Friday before it
    ['2023-04-11', '2023-05-08', '2023-05-05'], // coronation holiday
    ['2022-05-06', '2022-06-02', '2022-06-01'], // moved spring holiday
  ])('disclosed %s → notify by %s (working day %s)', (from, latest, latestWorkingDay) => {
    expect(computeDeadline('dpi-notification', from)).toMatchObject({
      rule: 'dpi-notification',
      latest,
      latestWorkingDay,
      unit: 'calendar',
      length: 28,
    });
  });
});

describe('retention: 6 and 4 years beginning with the meeting (LGA 1972 ss.100C, 100D)', () => {
  it.each([
    ['2025-10-15', '2031-10-14', '2029-10-14'], // RULES.md example
    ['2024-02-29', '2030-02-28', '2028-02-28'],
    ['2024-03-01', '2030-02-28', '2028-02-29'],
    ['2025-01-01', '2030-12-31', '2028-12-31'],
  ])('meeting %s → minutes until %s, background papers until %s', (from, minutes, papers) => {
    expect(computeDeadline('minutes-retention', from)).toMatchObject({ until: minutes, unit: 'years', length: 6 });
    expect(computeDeadline('background-papers-retention', from)).toMatchObject({
      until: papers,
      unit: 'years',
      length: 4,
    });
  });
});

describe('settings', () => {
  it.each([
    ['agenda shorter than 5 clear days', { agenda: { length: 4 } }, 'agenda.length'],
    ['key decision shorter than 28 clear days', { 'key-decision': { length: 27 } }, 'key-decision.length'],
    ['general exception shorter than 5', { 'general-exception': { length: 3 } }, 'general-exception.length'],
    ['private meeting further notice shorter than 5', { 'private-meeting': { secondNotice: { length: 2 } } }, 'private-meeting.secondNotice.length'],
    ['a response longer than 2 months', { response: { length: 3 } }, 'response.length'],
    ['a response longer than 8 weeks', { response: { unit: 'weeks', length: 9 } }, 'response.length'],
    ['a response of 0', { response: { length: 0 } }, 'response.length'],
    ['a negative call-in window', { 'call-in': { length: -1 } }, 'call-in.length'],
    ['a fractional length', { agenda: { length: 5.5 } }, 'agenda.length'],
    ['an unknown unit', { agenda: { unit: 'fortnights' } }, 'agenda.unit'],
    ['an unknown call-in basis', { 'call-in': { basis: 'decision' } }, 'call-in.basis'],
  ])('refuses %s', (_why, input, path) => {
    let caught: unknown;
    try {
      resolveDeadlineSettings(input as DeadlineSettingsInput);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidDeadlineSettingsError);
    expect((caught as InvalidDeadlineSettingsError).path).toBe(path);
  });

  it('allows more notice than the statute requires', () => {
    expect(computeDeadline('agenda', '2025-12-10', { agenda: { length: 7 } })).toMatchObject({
      latest: '2025-11-30', // clear days 1–5 and 8–9 Dec: Sunday 30 Nov, in practice Friday 28 Nov
      latestWorkingDay: '2025-11-28',
      length: 7,
    });
  });

  it('fills a partial setting from the defaults', () => {
    expect(resolveDeadlineSettings({ 'call-in': { length: 9 } })['call-in']).toEqual({
      basis: 'publication',
      unit: 'working',
      length: 9,
    });
    expect(resolveDeadlineSettings()).toEqual(DEFAULT_DEADLINE_SETTINGS);
  });

  it('the per-rule functions check their setting too', () => {
    expect(() => agendaDeadline(parseIsoDate('2025-12-10'), { unit: 'working', length: 2 })).toThrow(InvalidDeadlineSettingsError);
  });

  it('uses the calendar it is given', () => {
    // An invented holiday on Thu 4 Dec 2025: the clear working days become 2, 3, 5, 8, 9 Dec.
    const extra = new WorkingDayCalendar({ changes: [{ date: '2025-12-04', action: 'add', title: 'Invented' }] });
    expect(computeDeadline('agenda', '2025-12-10', {}, extra)).toMatchObject({
      latest: '2025-12-01',
      latestWorkingDay: '2025-12-01',
    });
  });
});

describe('computeDeadline and isDeadlineRule', () => {
  it('lists every rule', () => {
    expect(DEADLINE_RULES).toEqual([
      'response',
      'agenda',
      'key-decision',
      'general-exception',
      'private-meeting',
      'call-in',
      'dpi-notification',
      'minutes-retention',
      'background-papers-retention',
    ]);
  });

  it.each([
    ['agenda', true],
    ['call-in', true],
    ['background-papers-retention', true],
    ['Agenda', false],
    ['retention', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('isDeadlineRule(%j) = %s', (value, expected) => {
    expect(isDeadlineRule(value)).toBe(expected);
  });

  it('rejects an impossible from date', () => {
    expect(() => computeDeadline('agenda', '2026-02-30')).toThrow(InvalidDateError);
  });

  it('rejects an unknown rule', () => {
    expect(() => computeDeadline('quorum' as 'agenda', '2026-01-05')).toThrow(RangeError);
  });

  it.each(DEADLINE_RULES.map((rule) => [rule]))('%s carries its rule, name, citation and source date', (rule) => {
    const result = computeDeadline(rule, '2025-10-15');
    expect(result.rule).toBe(rule);
    expect(result.from).toBe('2025-10-15');
    expect(result.citation).toBe(DEADLINE_CITATIONS[rule]);
    expect(result.name.length).toBeGreaterThan(10);
    expect(Number.isInteger(result.length)).toBe(true);
  });
});

describe('citations quote the sources RULES.md gives', () => {
  it.each([
    ['response', ['Local Government Act 2000 s.9FE', 'SI 2009/1919 reg 6']],
    ['agenda', ['Local Government Act 1972', 's.100B(3)', 's.100A(6)(a)', 'SI 2002/715', 'SI 2012/2089 reg 6']],
    ['key-decision', ['SI 2012/2089 reg 9']],
    ['general-exception', ['SI 2012/2089 reg 10']],
    ['private-meeting', ['SI 2012/2089 reg 5']],
    ['call-in', ['Local Government Act 2000 s.9F(4)']],
    ['dpi-notification', ['Localism Act 2011 s.31']],
    ['minutes-retention', ['Local Government Act 1972 s.100C']],
    ['background-papers-retention', ['Local Government Act 1972 s.100D']],
  ] as const)('%s', (rule, parts) => {
    for (const part of parts) expect(DEADLINE_CITATIONS[rule]).toContain(part);
  });
});

describe('serialiseDeadline', () => {
  it('gives a flat JSON object with dates as YYYY-MM-DD', () => {
    const serialised = serialiseDeadline(computeDeadline('key-decision', '2026-03-16'));
    expect(serialised).toEqual({
      rule: 'key-decision',
      name: 'Notice of a key decision',
      from: '2026-03-16',
      unit: 'calendar',
      length: 28,
      latest: '2026-02-15',
      latestWorkingDay: '2026-02-13',
      citation: 'SI 2012/2089 reg 9',
    });
    expect(JSON.parse(JSON.stringify(serialised))).toEqual(serialised);
  });

  it('keeps a missing call-in window as null', () => {
    const serialised = serialiseDeadline(computeDeadline('call-in', '2025-12-19', { 'call-in': { length: 0 } }));
    expect(serialised).toMatchObject({ windowEnds: null, implementableFrom: '2025-12-19', basis: 'publication' });
  });

  it.each(DEADLINE_RULES.map((rule) => [rule]))('%s serialises only flat values', (rule) => {
    const serialised = serialiseDeadline(computeDeadline(rule, '2025-12-19'));
    for (const value of Object.values(serialised)) {
      expect(value === null || ['string', 'number'].includes(typeof value)).toBe(true);
    }
    expect(Object.keys(serialised).slice(0, 3)).toEqual(['rule', 'name', 'from']);
    expect(Object.keys(serialised).at(-1)).toBe('citation');
  });
});

describe('describeDeadline', () => {
  const describeRule = (rule: DeadlineResult['rule'], from: string, settings: DeadlineSettingsInput = {}): string =>
    describeDeadline(computeDeadline(rule, from, settings));

  it.each([
    [
      'agenda',
      '2025-12-10',
      {},
      'The agenda for a meeting on Wednesday 10 December 2025 must be published by Tuesday 2 December 2025 ' +
        '(5 clear working days; Local Government Act 1972 s.100B(3) and s.100A(6)(a), as amended by SI 2002/715; ' +
        'SI 2012/2089 reg 6).',
    ],
    [
      'key-decision',
      '2026-03-16',
      {},
      'Notice of a key decision to be taken on Monday 16 March 2026 must be published by Sunday 15 February 2026, ' +
        'which is not a working day, so in practice by Friday 13 February 2026 (28 clear calendar days; SI 2012/2089 reg 9).',
    ],
    [
      'response',
      '2017-10-18',
      {},
      'The executive must respond to an overview and scrutiny report received on Wednesday 18 October 2017, and ' +
        'publish its response, by Sunday 17 December 2017, which is not a working day, so in practice by Friday ' +
        '15 December 2017 (2 months beginning with the date of receipt; Local Government Act 2000 s.9FE (inserted ' +
        'by the Localism Act 2011); SI 2009/1919 reg 6).',
    ],
    [
      'call-in',
      '2025-12-19',
      {},
      'An executive decision published on Friday 19 December 2025 may be called in until the end of Tuesday ' +
        '30 December 2025 and implemented from Wednesday 31 December 2025 (5 working days counted from the day ' +
        'after publication; Local Government Act 2000 s.9F(4); call-in period set by the council’s constitution).',
    ],
    [
      'call-in',
      '2025-12-19',
      { 'call-in': { length: 0 } },
      'An executive decision published on Friday 19 December 2025 has no call-in period and may be implemented at ' +
        'once (Local Government Act 2000 s.9F(4); call-in period set by the council’s constitution).',
    ],
    [
      'dpi-notification',
      '2025-10-15',
      {},
      'A disclosable pecuniary interest disclosed on Wednesday 15 October 2025 must be notified to the Monitoring ' +
        'Officer by Tuesday 11 November 2025 (28 days beginning with the disclosure; Localism Act 2011 s.31).',
    ],
    [
      'minutes-retention',
      '2025-10-15',
      {},
      'The minutes, agenda and public reports of a meeting on Wednesday 15 October 2025 must stay open to ' +
        'inspection until Tuesday 14 October 2031 (6 years beginning with the date of the meeting; Local ' +
        'Government Act 1972 s.100C).',
    ],
    [
      'background-papers-retention',
      '2025-10-15',
      {},
      'The background papers for the reports to a meeting on Wednesday 15 October 2025 must stay open to ' +
        'inspection until Sunday 14 October 2029 (4 years beginning with the date of the meeting; Local ' +
        'Government Act 1972 s.100D).',
    ],
    [
      'general-exception',
      '2025-12-12',
      {},
      'Under the general exception, a key decision notified to the scrutiny chair and published on Friday ' +
        '12 December 2025 may be taken on or after Saturday 20 December 2025, which is not a working day, so in ' +
        'practice from Monday 22 December 2025 (5 clear working days; SI 2012/2089 reg 10).',
    ],
    [
      'private-meeting',
      '2026-03-16',
      {},
      'For a private meeting of the executive on Monday 16 March 2026, notice of the intention to meet in private ' +
        'must be published by Sunday 15 February 2026, which is not a working day, so in practice by Friday ' +
        '13 February 2026 (28 clear calendar days) and the further notice, with reasons and any representations, ' +
        'by Sunday 8 March 2026, which is not a working day, so in practice by Friday 6 March 2026 (5 clear ' +
        'working days; SI 2012/2089 reg 5).',
    ],
    [
      'response',
      '2025-10-15',
      { response: { unit: 'weeks', length: 8 } },
      'The executive must respond to an overview and scrutiny report received on Wednesday 15 October 2025, and ' +
        'publish its response, by Tuesday 9 December 2025 (8 weeks beginning with the date of receipt; Local ' +
        'Government Act 2000 s.9FE (inserted by the Localism Act 2011); SI 2009/1919 reg 6).',
    ],
    [
      'call-in',
      '2025-12-01',
      { 'call-in': { basis: 'meeting', length: 9 } },
      'An executive decision taken at a meeting on Monday 1 December 2025 may be called in until the end of ' +
        'Friday 12 December 2025 and implemented from Saturday 13 December 2025 (9 working days counted from the ' +
        'day after the meeting; Local Government Act 2000 s.9F(4); call-in period set by the council’s constitution).',
    ],
  ] as const)('%s from %s %j', (rule, from, settings, sentence) => {
    expect(describeRule(rule, from, settings)).toBe(sentence);
  });

  it.each(DEADLINE_RULES.map((rule) => [rule]))('%s: one sentence naming the citation', (rule) => {
    const sentence = describeRule(rule, '2026-01-06');
    expect(sentence).toContain(DEADLINE_CITATIONS[rule]);
    expect(sentence).toMatch(/^[A-Z][^\n]*\.$/);
    expect(sentence).toContain('Tuesday 6 January 2026');
    expect(sentence).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
