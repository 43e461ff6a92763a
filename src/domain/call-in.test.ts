// Table tests of the call-in rules (RULES.md 4 and 5a) with the council's settings.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALL_IN_RULES,
  callInLine,
  callInRefusals,
  callInRuleProblems,
  decisionEffect,
  hearingDeadline,
  hearingMeetingRefusal,
  reconsiderationDeadline,
  type CallInNotice,
  type CallInRules,
} from './call-in.ts';

const councillors = (n: number, scrutiny = true) => Array.from({ length: n }, (_, i) => ({ name: `Councillor ${i + 1}`, isScrutinyMember: scrutiny }));

// RULES.md rule 4's example: published Fri 19 Dec 2025, the window ends Tue 30 Dec 2025.
const notice: CallInNotice = {
  receivedOn: '2025-12-22',
  window: { opensAfter: '2025-12-19', windowEnds: '2025-12-30' },
  isExecutiveDecision: true,
  isUrgent: false,
  earlier: [],
  signatories: councillors(5),
};

describe('who may call in a decision, and when (RULES.md 5a)', () => {
  const cases: [string, Partial<CallInNotice>, Partial<CallInRules>, string[]][] = [
    ['five councillors on the first day of the window', {}, {}, []],
    ['on the last day of the window', { receivedOn: '2025-12-30' }, {}, []],
    ['on the day after the window', { receivedOn: '2025-12-31' }, {}, ['receivedOn']],
    ['on the day the decision was published', { receivedOn: '2025-12-19' }, {}, []],
    ['before the decision was published', { receivedOn: '2025-12-18' }, {}, ['receivedOn']],
    ['a decision with no call-in period', { window: { opensAfter: '2025-12-19', windowEnds: null } }, {}, ['receivedOn']],
    ['four councillors where five are needed', { signatories: councillors(4) }, {}, ['councillors']],
    ['four councillors where the council asks for four', { signatories: councillors(4) }, { councillorsRequired: 4 }, []],
    ['the same councillor named twice', { signatories: [...councillors(4), { name: 'Councillor 1', isScrutinyMember: true }] }, {}, ['councillors']],
    ['councillors outside scrutiny where only its members may', { signatories: councillors(5, false) }, { whoMay: 'scrutiny_members' }, ['councillors']],
    ['councillors outside scrutiny where any councillor may', { signatories: councillors(5, false) }, {}, []],
    ['an urgent decision where urgent decisions are excluded', { isUrgent: true }, {}, ['decision']],
    ['an urgent decision where they are not', { isUrgent: true }, { urgentExcluded: false }, []],
    ['a decision already called in', { earlier: [{ status: 'accepted' }] }, {}, ['decision']],
    ['a decision whose earlier notice was rejected', { earlier: [{ status: 'rejected' }] }, {}, []],
    ['a resolution that is not an executive decision', { isExecutiveDecision: false }, {}, ['decision']],
    [
      'late, too few and already called in',
      { receivedOn: '2026-01-05', signatories: councillors(2), earlier: [{ status: 'closed' }] },
      {},
      ['decision', 'receivedOn', 'councillors'],
    ],
  ];
  it.each(cases)('%s', (_label, change, rules, fields) => {
    expect(callInRefusals({ ...notice, ...change }, { ...DEFAULT_CALL_IN_RULES, ...rules }).map((r) => r.field)).toEqual(fields);
  });

  it('names the rule in each refusal', () => {
    const refusals = callInRefusals({ ...notice, receivedOn: '2025-12-31', signatories: councillors(3), isUrgent: true }, DEFAULT_CALL_IN_RULES);
    expect(refusals.map((r) => r.message)).toEqual([
      'This decision was taken as urgent, and the council’s rules exclude urgent decisions from call-in',
      'The call-in period ended on 30 December 2025: a notice received after it is out of time',
      'A call-in needs 5 councillors under the council’s rules; this notice has 3',
    ]);
  });
});

describe('the hearing and reconsideration deadlines (RULES.md 5a)', () => {
  it.each([
    // 10 working days from Mon 22 Dec 2025 skip 25, 26 Dec and 1 Jan: Thu 8 Jan 2026.
    ['2025-12-22', {}, '2026-01-08'],
    ['2026-03-02', {}, '2026-03-16'],
    ['2026-03-02', { hearingWithinWorkingDays: 15 }, '2026-03-23'],
  ] as const)('accepted on %s: heard by %s', (acceptedOn, rules, due) => {
    expect(hearingDeadline(acceptedOn, { ...DEFAULT_CALL_IN_RULES, ...rules })).toBe(due);
  });

  it.each([
    ['2026-03-10', {}, '2026-03-17'],
    // Good Friday 3 Apr and Easter Monday 6 Apr 2026 are not working days.
    ['2026-04-01', {}, '2026-04-10'],
    ['2026-03-10', { reconsiderationWithinWorkingDays: 10 }, '2026-03-24'],
  ] as const)('referred back on %s: reconsidered by %s', (outcomeOn, rules, due) => {
    expect(reconsiderationDeadline(outcomeOn, { ...DEFAULT_CALL_IN_RULES, ...rules })).toBe(due);
  });

  it.each([
    ['a meeting within the deadline', { date: '2026-03-10', isNext: false }, null],
    ['the committee’s next meeting after the deadline', { date: '2026-04-20', isNext: true }, null],
    ['a later meeting after the deadline', { date: '2026-04-20', isNext: false }, 'Choose the committee’s next meeting or a meeting by 16 March 2026'],
    ['a meeting before the call-in was accepted', { date: '2026-02-27', isNext: true }, 'Choose a meeting on or after 2 March 2026'],
  ] as const)('%s', (_label, meeting, refusal) => {
    const result = hearingMeetingRefusal(meeting, '2026-03-02', '2026-03-16');
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toContain(refusal);
  });
});

describe('what the call-in does to the decision', () => {
  it.each([
    [{ status: 'lodged', outcome: null, reconsideration: null }, false],
    [{ status: 'rejected', outcome: null, reconsideration: null }, false],
    [{ status: 'accepted', outcome: null, reconsideration: null }, true],
    [{ status: 'heard', outcome: 'referred_back', reconsideration: null }, true],
    [{ status: 'closed', outcome: 'no_further_action', reconsideration: null }, false],
    [{ status: 'closed', outcome: 'referred_back', reconsideration: 'confirmed' }, false],
    [{ status: 'closed', outcome: 'referred_back', reconsideration: 'rescinded' }, true],
  ] as const)('%o holds it: %s', (callIn, held) => {
    expect(decisionEffect(callIn).held).toBe(held);
  });
});

describe('the council’s call-in settings', () => {
  it('accepts the defaults and names each setting out of range', () => {
    expect(callInRuleProblems(DEFAULT_CALL_IN_RULES)).toEqual([]);
    const bad = {
      councillorsRequired: 0,
      whoMay: 'anyone',
      urgentExcluded: true,
      hearingWithinWorkingDays: 0,
      reconsiderationWithinWorkingDays: 1.5,
    } as unknown as CallInRules;
    expect(callInRuleProblems(bad).map((p) => p.field)).toEqual([
      'councillorsRequired',
      'whoMay',
      'hearingWithinWorkingDays',
      'reconsiderationWithinWorkingDays',
    ]);
  });
});

describe('callInLine: the call-in as every record of the decision names it', () => {
  const base = { received_on: '2026-11-24', checked_on: null, outcome: null, outcome_on: null, reconsideration: null, reconsidered_on: null };
  it.each([
    ['a notice being checked', { status: 'lodged' }, 'Call-in notice received on 24 November 2026: being checked against the council’s rules.'],
    [
      'a rejected notice',
      { status: 'rejected', checked_on: '2026-11-25' },
      'Call-in notice received on 24 November 2026 was rejected on 25 November 2026: the decision is not held by it.',
    ],
    [
      'an accepted call-in',
      { status: 'accepted', checked_on: '2026-11-25' },
      'Called in on 24 November 2026 — implementation held until the scrutiny committee has considered it.',
    ],
    [
      'a referral back',
      { status: 'heard', outcome: 'referred_back', outcome_on: '2026-12-03' },
      'Called in on 24 November 2026; scrutiny committee’s outcome on 3 December 2026: Referred back to the decision maker with recommendations — implementation held until the decision is reconsidered.',
    ],
    [
      'no further action',
      { status: 'closed', outcome: 'no_further_action', outcome_on: '2026-12-03' },
      'Called in on 24 November 2026; scrutiny committee’s outcome on 3 December 2026: No further action: the decision takes effect.',
    ],
    [
      'a reconsideration',
      { status: 'closed', outcome: 'referred_back', outcome_on: '2026-12-03', reconsideration: 'modified', reconsidered_on: '2026-12-07' },
      'Called in on 24 November 2026; scrutiny committee’s outcome on 3 December 2026: Referred back to the decision maker with recommendations; reconsidered on 7 December 2026: Decision modified.',
    ],
  ])('%s', (_name, changes, expected) => {
    expect(callInLine({ ...base, ...changes })).toBe(expected);
  });
});
