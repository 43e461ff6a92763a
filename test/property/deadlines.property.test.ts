// Property-based tests of the deadline engine: whatever the date and the council's settings, the answers keep their promises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agendaDeadline,
  callInDeadline,
  computeDeadline,
  DEADLINE_RULES,
  generalExceptionDeadline,
  InvalidDeadlineSettingsError,
  keyDecisionDeadline,
  privateMeetingDeadline,
  responseDeadline,
} from '../../src/domain/deadlines.ts';
import { InvalidDateError, parseIsoDate, type IsoDate } from '../../src/domain/iso-date.ts';
import { DEFAULT_WORKING_DAY_CALENDAR as calendar } from '../../src/domain/working-days.ts';

/** Any real date from 1990 to 2060, as 'YYYY-MM-DD'. */
const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => parseIsoDate(d.toISOString().slice(0, 10)));
const dayUnit = fc.constantFrom('working' as const, 'calendar' as const);

describe('deadline engine properties', () => {
  it("a latest date's working day is on or before it, is a working day, and is less than a week before", () => {
    fc.assert(
      fc.property(isoDate, dayUnit, fc.integer({ min: 0, max: 60 }), (from, unit, extra) => {
        const results = [
          agendaDeadline(from, { unit, length: 5 + (extra % 20) }),
          keyDecisionDeadline(from, { unit, length: 28 + extra }),
          responseDeadline(from, { unit: 'months', length: 2 }),
          responseDeadline(from, { unit: 'weeks', length: 1 + (extra % 8) }),
        ];
        for (const r of results) {
          expect(r.latestWorkingDay <= r.latest).toBe(true);
          expect(calendar.isWorkingDay(r.latestWorkingDay)).toBe(true);
          expect(Date.parse(r.latest) - Date.parse(r.latestWorkingDay)).toBeLessThan(7 * 86_400_000);
        }
        // Clear days before a meeting: the latest day is strictly before the meeting.
        expect(results[0]!.latest < from).toBe(true);
        // "Within 2 months beginning with" receipt ends after receipt.
        expect(results[2]!.latest > from).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('call-in: the decision is implementable only after the window ends, never before it is taken', () => {
    fc.assert(
      fc.property(
        isoDate,
        dayUnit,
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('publication' as const, 'meeting' as const),
        (from, unit, length, basis) => {
          const r = callInDeadline(from, { unit, length, basis });
          expect(r.implementableFrom >= from).toBe(true);
          if (length === 0) {
            expect(r.windowEnds).toBeNull();
            expect(r.implementableFrom).toBe(from);
          } else {
            expect(r.windowEnds! > from).toBe(true);
            expect(r.implementableFrom > r.windowEnds!).toBe(true);
            if (unit === 'working') expect(calendar.isWorkingDay(r.windowEnds!)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('general exception and private meetings: earliest after, notices before, working days where promised', () => {
    fc.assert(
      fc.property(isoDate, dayUnit, fc.integer({ min: 5, max: 27 }), (from, unit, length) => {
        const g = generalExceptionDeadline(from, { unit, length });
        expect(g.earliest > from).toBe(true);
        expect(g.earliestWorkingDay >= g.earliest).toBe(true);
        expect(calendar.isWorkingDay(g.earliestWorkingDay)).toBe(true);
        const p = privateMeetingDeadline(from, { firstNotice: { unit: 'calendar', length: 28 }, secondNotice: { unit: 'calendar', length } });
        expect(p.firstNoticeLatest <= p.secondNoticeLatest).toBe(true);
        expect(p.secondNoticeLatest < from).toBe(true);
        expect(calendar.isWorkingDay(p.firstNoticeLatestWorkingDay)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  // Settings arrive as a council's stored choices: an object whose members may hold anything.
  const settingValue = fc.oneof(
    fc.anything(),
    fc.record({ unit: fc.oneof(dayUnit, fc.string()), length: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), fc.string()) }, { requiredKeys: [] }),
  );
  const settings = fc.record(
    {
      response: settingValue,
      agenda: settingValue,
      'key-decision': settingValue,
      'general-exception': settingValue,
      'private-meeting': fc.oneof(settingValue, fc.record({ firstNotice: settingValue, secondNotice: settingValue }, { requiredKeys: [] })),
      'call-in': fc.oneof(settingValue, fc.record({ basis: fc.string(), unit: dayUnit, length: fc.integer({ min: -3, max: 40 }) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );

  it('computeDeadline refuses any malformed date or setting with its own error, never anything else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEADLINE_RULES), fc.oneof(fc.string(), isoDate.map(String)), settings, (rule, from, settings) => {
        try {
          const result = computeDeadline(rule, from, settings as never);
          expect(result.rule).toBe(rule);
          expect(result.from).toBe(from as IsoDate);
        } catch (error) {
          expect(error instanceof InvalidDateError || error instanceof InvalidDeadlineSettingsError, String(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
