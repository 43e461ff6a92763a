// Table-driven tests of the recommendation lifecycle: response decisions (RULES.md rule 2), progress updates, sign-off and the monitoring schedule (rule 5).
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './iso-date.ts';
import {
  currentTargetDate,
  daysOverdue,
  monitoringSchedule,
  recommendationTimeline,
  validateMonitoringSettings,
  validateProgressUpdate,
  validateResponseDecision,
  validateSignOff,
  type ResponseDecisionInput,
} from './recommendation-lifecycle.ts';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

const full = { responseText: 'We agree.', proposedAction: 'Commission a review', responsibleName: 'Ian Thomas', actionByDate: '2018-09-30' };

describe('validateResponseDecision (rule 2)', () => {
  const cases: [string, ResponseDecisionInput, string[]][] = [
    ['accepted with action, owner and target', { decision: 'accepted', ...full }, []],
    ['accepted with a target in words', { decision: 'accepted', ...full, actionByDate: null, actionByText: 'Annual Participation' }, []],
    ['accepted with an owner linked to a person', { decision: 'accepted', ...full, responsibleName: null, responsiblePersonId: 7 }, []],
    ['accepted without action, owner or target', { decision: 'accepted', responseText: 'We agree.' }, ['actionByDate', 'proposedAction', 'responsibleName']],
    ['accepted, no further action', { decision: 'accepted', responseText: 'We agree.', outcome: 'no_further_action' }, []],
    ['partially accepted needs a reason as well', { decision: 'partially_accepted', ...full }, ['reason']],
    ['accepted in principle with a reason', { decision: 'accepted_in_principle', ...full, reason: 'Subject to budget' }, []],
    ['accepted in principle without an owner', { decision: 'accepted_in_principle', ...full, responsibleName: '', reason: 'Budget' }, ['responsibleName']],
    ['not accepted with a reason only', { decision: 'not_accepted', responseText: 'No.', reason: 'Too costly' }, []],
    ['not accepted without a reason', { decision: 'not_accepted', responseText: 'No.' }, ['reason']],
    ['deferred without a reason', { decision: 'deferred', responseText: 'Later.' }, ['reason']],
    [
      'not accepted, no longer relevant, with a reason (the demo’s recommendation 3)',
      {
        decision: 'not_accepted',
        responseText: 'No longer relevant given the Good rating.',
        reason: 'Good rating achieved',
        outcome: 'no_longer_relevant',
        responsibleName: 'Ian Thomas',
        actionByText: 'Annual Participation',
      },
      [],
    ],
    ['unknown decision', { decision: 'maybe', responseText: 'Hmm' }, ['decision']],
    ['no decision and no text', {}, ['decision', 'responseText']],
    ['impossible target date', { decision: 'accepted', ...full, actionByDate: '2026-02-30' }, ['actionByDate']],
    ['unknown outcome', { decision: 'not_accepted', responseText: 'No', reason: 'x', outcome: 'done' }, ['outcome']],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(fields(validateResponseDecision(input))).toEqual(expected);
  });

  const dated = { decision: 'accepted', responseText: 'Yes', proposedAction: 'Do it', responsibleName: 'Jo Bloggs' };
  const context = { today: '2026-11-22', reportReceivedOn: '2026-03-01' };
  it.each([
    ['response after the report, target after the response', { ...dated, respondedOn: '2026-04-01', actionByDate: '2026-09-30' }, []],
    ['response on the day the report was received', { ...dated, respondedOn: '2026-03-01', actionByDate: '2026-03-01' }, []],
    ['response before the report was received', { ...dated, respondedOn: '2026-02-28', actionByDate: '2026-09-30' }, ['respondedOn']],
    ['response in the future', { ...dated, respondedOn: '2026-11-23', actionByDate: '2026-12-30' }, ['respondedOn']],
    ['action-by date before the response', { ...dated, respondedOn: '2026-04-01', actionByDate: '2026-03-31' }, ['actionByDate']],
    ['undated response measured from today', { ...dated, actionByDate: '2026-11-21' }, ['actionByDate']],
  ] as const)('dates: %s', (_name, input, expected) => {
    expect(fields(validateResponseDecision(input, context))).toEqual(expected);
  });

  it('names the date a response may not precede', () => {
    const [error] = validateResponseDecision({ ...dated, respondedOn: '2026-02-28', actionByDate: '2026-09-30' }, context);
    expect(error?.message).toBe('The date of the response must be the same as or after 1 March 2026, when the executive received the report');
  });

  it('names what is missing in words an officer understands', () => {
    const [error] = validateResponseDecision({ decision: 'not_accepted', responseText: 'No.' });
    expect(error!.message).toBe('Enter the reason the recommendation is not accepted');
  });
});

describe('validateProgressUpdate', () => {
  const context = { today: '2026-11-22', latestUpdateDate: '2026-06-01', respondedOn: '2026-01-10', currentTarget: '2026-09-30' };
  const cases: [string, Record<string, string | null>, string[]][] = [
    ['on track', { updateDate: '2026-07-01', status: 'on_track', rag: 'green', narrative: 'Going well' }, []],
    ['dated today', { updateDate: '2026-11-22', status: 'achieved', narrative: 'Done' }, []],
    ['in the future', { updateDate: '2026-11-23', status: 'on_track', narrative: 'x' }, ['updateDate']],
    ['before the latest update', { updateDate: '2026-05-31', status: 'on_track', narrative: 'x' }, ['updateDate']],
    ['before the response', { updateDate: '2026-01-09', status: 'on_track', narrative: 'x' }, ['updateDate']],
    ['impossible date', { updateDate: '2026-02-30', status: 'on_track', narrative: 'x' }, ['updateDate']],
    ['unknown status and RAG', { updateDate: '2026-07-01', status: 'fine', rag: 'blue', narrative: 'x' }, ['rag', 'status']],
    ['no narrative', { updateDate: '2026-07-01', status: 'on_track', narrative: ' ' }, ['narrative']],
    [
      'slipped with new date and reason',
      { updateDate: '2026-07-01', status: 'slipped', narrative: 'x', newTargetDate: '2026-12-31', slipReason: 'Staff left' },
      [],
    ],
    ['slipped without new date or reason', { updateDate: '2026-07-01', status: 'slipped', narrative: 'x' }, ['newTargetDate', 'slipReason']],
    [
      'slipped to an earlier date',
      { updateDate: '2026-07-01', status: 'slipped', narrative: 'x', newTargetDate: '2026-09-30', slipReason: 'r' },
      ['newTargetDate'],
    ],
    ['a new date without slipping', { updateDate: '2026-07-01', status: 'on_track', narrative: 'x', newTargetDate: '2026-12-31' }, ['newTargetDate']],
    ['a slip reason without slipping', { updateDate: '2026-07-01', status: 'on_track', narrative: 'x', slipReason: 'r' }, ['slipReason']],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(fields(validateProgressUpdate(input, context))).toEqual(expected);
  });
});

describe('validateSignOff', () => {
  const context = { today: '2026-11-22', respondedOn: '2026-01-10' };
  it.each([
    ['at the meeting, on its date', { signedOffOn: '2026-11-10', meetingDate: '2026-11-10' }, []],
    ['no meeting', { signedOffOn: '2026-11-10', meetingDate: null }, ['meeting']],
    ['a date other than the meeting’s', { signedOffOn: '2026-11-11', meetingDate: '2026-11-10' }, ['signedOffOn']],
    ['in the future', { signedOffOn: '2026-12-01', meetingDate: '2026-12-01' }, ['signedOffOn']],
    ['before the response', { signedOffOn: '2025-12-01', meetingDate: '2025-12-01' }, ['signedOffOn']],
  ] as const)('%s', (_name, input, expected) => {
    expect(fields(validateSignOff(input, context))).toEqual(expected);
  });
});

describe('targets and overdue days', () => {
  const update = (status: string, newTarget: string | null = null) => ({ update_date: '2026-01-01', status, rag: null, new_target_date: newTarget });
  it('takes the latest slip’s date as the target in force', () => {
    expect(currentTargetDate('2026-03-31', [])).toBe('2026-03-31');
    expect(currentTargetDate('2026-03-31', [update('slipped', '2026-06-30'), update('on_track'), update('slipped', '2026-09-30')])).toBe('2026-09-30');
    expect(currentTargetDate(null, [update('on_track')])).toBeNull();
  });
  it.each([
    ['2026-11-21', null, 1],
    ['2026-11-22', null, null],
    ['2026-10-23', 'on_track', 30],
    ['2026-10-23', 'achieved', null],
    ['2026-10-23', 'no_longer_relevant', null],
    [null, null, null],
    ['2025-11-22', 'slipped', 365],
  ] as const)('target %s, status %s → %s days overdue on 22 November 2026', (target, status, expected) => {
    expect(daysOverdue(target, status, '2026-11-22')).toBe(expected);
  });
});

describe('monitoringSchedule (rule 5)', () => {
  const base = {
    respondedOn: parseIsoDate('2018-02-19'),
    settings: { months: [6, 12], intervalMonths: 0 },
    closedOn: null,
    presented: new Map<string, string>(),
  };

  it('is due 6 and 12 months after the response by default', () => {
    const reports = monitoringSchedule({ ...base, today: parseIsoDate('2018-03-01'), horizon: parseIsoDate('2018-03-31') });
    expect(reports.map((r) => [r.dueOn, r.state])).toEqual([
      ['2018-08-19', 'upcoming'],
      ['2019-02-19', 'upcoming'],
    ]);
  });

  it('marks reports overdue, due soon or presented', () => {
    const reports = monitoringSchedule({
      ...base,
      today: parseIsoDate('2019-02-01'),
      horizon: parseIsoDate('2019-03-03'),
      presented: new Map([['2018-08-19', '2018-09-10']]),
    });
    expect(reports.map((r) => [r.number, r.state, r.presentedOn])).toEqual([
      [1, 'presented', '2018-09-10'],
      [2, 'due_soon', null],
    ]);
    expect(monitoringSchedule({ ...base, today: parseIsoDate('2019-03-01'), horizon: parseIsoDate('2019-03-31') }).map((r) => r.state)).toEqual([
      'overdue',
      'overdue',
    ]);
  });

  it('continues at the interval until sign-off, listing the next report after today', () => {
    const settings = { months: [6, 12], intervalMonths: 12 };
    const open = monitoringSchedule({ ...base, settings, today: parseIsoDate('2021-01-01'), horizon: parseIsoDate('2021-01-31') });
    expect(open.map((r) => [r.dueOn, r.monthsAfterResponse])).toEqual([
      ['2018-08-19', 6],
      ['2019-02-19', 12],
      ['2020-02-19', 24],
      ['2021-02-19', 36],
    ]);
    const closed = monitoringSchedule({ ...base, settings, closedOn: '2019-06-30', today: parseIsoDate('2021-01-01'), horizon: parseIsoDate('2021-01-31') });
    expect(closed.map((r) => r.dueOn)).toEqual(['2018-08-19', '2019-02-19']);
  });

  it('keeps month ends (31 August + 6 months is 28 February)', () => {
    const reports = monitoringSchedule({
      ...base,
      respondedOn: parseIsoDate('2025-08-31'),
      today: parseIsoDate('2025-09-01'),
      horizon: parseIsoDate('2025-09-01'),
    });
    expect(reports.map((r) => r.dueOn)).toEqual(['2026-02-28', '2026-08-31']);
  });

  it.each([
    [{ months: [6, 12], intervalMonths: 12 }, []],
    [{ months: [], intervalMonths: 0 }, ['months']],
    [{ months: [12, 6], intervalMonths: 0 }, ['months']],
    [{ months: [0], intervalMonths: 0 }, ['months']],
    [{ months: [6], intervalMonths: -1 }, ['intervalMonths']],
  ])('validates %o', (settings, expected) => {
    expect(fields(validateMonitoringSettings(settings))).toEqual(expected);
  });
});

describe('recommendationTimeline', () => {
  it('lists made, responded, every update and sign-off in order', () => {
    const events = recommendationTimeline({
      reportDate: '2017-10-18',
      respondedOn: '2018-02-19',
      decision: 'accepted',
      responseText: 'We agree.',
      updates: [
        {
          update_date: '2018-08-01',
          status: 'slipped',
          rag: 'amber',
          narrative: 'Delayed',
          new_target_date: '2019-03-31',
          previous_target_date: '2018-12-31',
          slip_reason: 'Staffing',
        },
        {
          update_date: '2019-03-01',
          status: 'achieved',
          rag: 'green',
          narrative: 'Done',
          new_target_date: null,
          previous_target_date: null,
          slip_reason: null,
        },
      ],
      signedOffOn: '2019-03-13',
      signedOffMeeting: 'Improving Lives Select Commission on 13 March 2019',
    });
    expect(events.map((e) => [e.kind, e.date, e.title])).toEqual([
      ['made', '2017-10-18', 'Recommendation made'],
      ['responded', '2018-02-19', 'Executive response: Accepted'],
      ['update', '2018-08-01', 'Progress update: Slipped'],
      ['update', '2019-03-01', 'Progress update: Achieved'],
      ['signed_off', '2019-03-13', 'Signed off by the committee'],
    ]);
    expect(events[2]).toMatchObject({ previousTargetDate: '2018-12-31', newTargetDate: '2019-03-31', slipReason: 'Staffing' });
  });
});
