// Tables of cases for the forward plan's rules: the key-decision test with the council's threshold and wards, and the notice rules of SI 2012/2089 regs 9 to 11 with their settings.
//
// Expected dates worked out by hand from RULES.md rule 7 and a calendar: decision Mon 16 Mar 2026 →
// 28 clear calendar days → publish by Sun 15 Feb 2026. General exception, 5 clear working days from
// Mon 2 Mar 2026: 3, 4, 5, 6, 9 Mar → earliest Tue 10 Mar. Over Easter 2026 (Fri 3 and Mon 6 Apr are
// holidays), from Wed 1 Apr: 2, 7, 8, 9, 10 Apr → earliest Mon 13 Apr.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_SETTINGS } from './deadlines.ts';
import { keyDecisionProblems, noticeDue, noticeProblems, type KeyDecisionAnswer, type NoticeAnswer, type NoticeSettings } from './forward-plan.ts';
import { parseIsoDate } from './iso-date.ts';

const DEFAULTS: NoticeSettings = { keyDecision: DEFAULT_DEADLINE_SETTINGS['key-decision'], generalException: DEFAULT_DEADLINE_SETTINGS['general-exception'] };
const d = parseIsoDate;
const fields = (problems: readonly { field: string }[]) => problems.map((p) => p.field);

describe('keyDecisionProblems (the council’s threshold and wards)', () => {
  const base: KeyDecisionAnswer = { isKeyDecision: true, reasonSpending: true, reasonWards: false, amountPounds: 750_000, wardsAffected: null };
  it.each([
    ['not a key decision: nothing asked', { ...base, isKeyDecision: false, reasonSpending: false }, { thresholdPounds: 500_000, wards: 2 }, []],
    ['spending over the threshold', base, { thresholdPounds: 500_000, wards: 2 }, []],
    ['spending exactly at the threshold', { ...base, amountPounds: 500_000 }, { thresholdPounds: 500_000, wards: 2 }, []],
    ['spending under the threshold', { ...base, amountPounds: 499_999 }, { thresholdPounds: 500_000, wards: 2 }, ['amountPounds']],
    ['spending under a council’s higher threshold', base, { thresholdPounds: 1_000_000, wards: 2 }, ['amountPounds']],
    ['spending with no amount', { ...base, amountPounds: null }, { thresholdPounds: 500_000, wards: 2 }, ['amountPounds']],
    ['two wards', { ...base, reasonSpending: false, reasonWards: true, wardsAffected: 2 }, { thresholdPounds: 500_000, wards: 2 }, []],
    ['one ward', { ...base, reasonSpending: false, reasonWards: true, wardsAffected: 1 }, { thresholdPounds: 500_000, wards: 2 }, ['wardsAffected']],
    [
      'two wards where the council says three',
      { ...base, reasonSpending: false, reasonWards: true, wardsAffected: 2 },
      { thresholdPounds: 500_000, wards: 3 },
      ['wardsAffected'],
    ],
    ['no reason given', { ...base, reasonSpending: false }, { thresholdPounds: 500_000, wards: 2 }, ['keyReasons']],
  ] as const)('%s', (_name, answer, test, expected) => {
    expect(fields(keyDecisionProblems(answer, test))).toEqual(expected);
  });

  it('names the threshold in pounds', () => {
    expect(keyDecisionProblems({ ...base, amountPounds: 10 })[0]?.message).toContain('£500,000');
  });
});

describe('noticeDue (reg 9: 28 clear days)', () => {
  it.each([
    ['the RULES.md example', '2026-02-15', '2026-03-16', DEFAULTS, '2026-02-15', '2026-02-13', true],
    ['one day late', '2026-02-16', '2026-03-16', DEFAULTS, '2026-02-15', '2026-02-13', false],
    [
      'a council’s 35 clear days',
      '2026-02-15',
      '2026-03-16',
      { ...DEFAULTS, keyDecision: { unit: 'calendar', length: 35 } },
      '2026-02-08',
      '2026-02-06',
      false,
    ],
  ] as const)('%s', (_name, published, intended, settings, latest, latestWorkingDay, met) => {
    expect(noticeDue({ firstPublishedOn: d(published), intendedDate: d(intended) }, settings)).toEqual({ latest, latestWorkingDay, met });
  });
});

describe('noticeProblems (regs 9, 10 and 11)', () => {
  const base: NoticeAnswer = {
    route: 'notice',
    firstPublishedOn: d('2026-02-15'),
    intendedDate: d('2026-03-16'),
    chairInformedOn: null,
    exceptionNoticeOn: null,
    urgencyAgreedBy: null,
    urgencyReasons: null,
  };
  const exception: NoticeAnswer = {
    ...base,
    route: 'general_exception',
    firstPublishedOn: d('2026-03-02'),
    chairInformedOn: d('2026-03-02'),
    exceptionNoticeOn: d('2026-03-02'),
  };
  const urgent: NoticeAnswer = {
    ...base,
    route: 'special_urgency',
    firstPublishedOn: d('2026-03-12'),
    exceptionNoticeOn: d('2026-03-12'),
    urgencyAgreedBy: 'Councillor Clark, Chair of OSMB',
    urgencyReasons: 'Grant terms end on 20 March',
  };
  it.each([
    ['28 clear days given', base, DEFAULTS, []],
    ['too little notice asks for the exception route', { ...base, firstPublishedOn: d('2026-02-16') }, DEFAULTS, ['noticeRoute']],
    ['a decision before its publication', { ...base, intendedDate: d('2026-02-14') }, DEFAULTS, ['intendedDate']],
    ['general exception with 5 clear working days', { ...exception, intendedDate: d('2026-03-10') }, DEFAULTS, []],
    ['general exception one working day short', { ...exception, intendedDate: d('2026-03-09') }, DEFAULTS, ['intendedDate']],
    [
      'general exception counted in calendar days',
      { ...exception, intendedDate: d('2026-03-08') },
      { ...DEFAULTS, generalException: { unit: 'calendar', length: 5 } },
      [],
    ],
    [
      'general exception counts from the later of chair and notice',
      { ...exception, exceptionNoticeOn: d('2026-03-04'), intendedDate: d('2026-03-11') },
      DEFAULTS,
      ['intendedDate'],
    ],
    [
      'general exception over Easter',
      { ...exception, firstPublishedOn: d('2026-04-01'), chairInformedOn: d('2026-04-01'), exceptionNoticeOn: d('2026-04-01'), intendedDate: d('2026-04-13') },
      DEFAULTS,
      [],
    ],
    [
      'general exception over Easter a day short',
      { ...exception, firstPublishedOn: d('2026-04-01'), chairInformedOn: d('2026-04-01'), exceptionNoticeOn: d('2026-04-01'), intendedDate: d('2026-04-10') },
      DEFAULTS,
      ['intendedDate'],
    ],
    [
      'general exception without the chair told or the notice',
      { ...exception, chairInformedOn: null, exceptionNoticeOn: null, intendedDate: d('2026-03-20') },
      DEFAULTS,
      ['chairInformedOn', 'exceptionNoticeOn'],
    ],
    ['special urgency with the chair’s agreement', { ...urgent, intendedDate: d('2026-03-13') }, DEFAULTS, []],
    [
      'special urgency without agreement, reasons or notice',
      { ...urgent, urgencyAgreedBy: null, urgencyReasons: null, exceptionNoticeOn: null },
      DEFAULTS,
      ['urgencyAgreedBy', 'urgencyReasons', 'exceptionNoticeOn'],
    ],
  ] as const)('%s', (_name, answer, settings, expected) => {
    expect(fields(noticeProblems(answer, settings))).toEqual(expected);
  });

  it('says by when the notice had to be published', () => {
    expect(noticeProblems({ ...base, firstPublishedOn: d('2026-02-16') }, DEFAULTS)[0]?.message).toContain('15 February 2026');
  });
});
