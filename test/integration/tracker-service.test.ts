// The recommendation lifecycle and the tracker on both engines: the demo's open recommendations and clocks, and records each test creates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';

const DEMO_REVIEW = 'alternative-management-arrangements-for-childrens-services';
const TODAY = '2026-11-22T12:00:00Z';

describe.each(testDialects())('tracker and recommendation lifecycle on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let fixture: Awaited<ReturnType<typeof createTestReview>>;

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock(TODAY) });
    await services.demo.loadIfAbsent();
    fixture = await createTestReview(handle);
  });
  afterAll(async () => handle?.destroy());

  it('shows the five demo recommendations as open, Ian Thomas responsible, "Annual Participation" kept', async () => {
    const { rows } = await services.tracker.tracker({ committee: 'improving-lives-select-commission' });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.filter((r) => r.officer === 'Ian Thomas').map((r) => r.number)).toEqual([1, 3, 4, 5]);
    expect(rows[2]).toMatchObject({
      decisionLabel: 'Not accepted',
      targetText: 'Annual Participation',
      outcomeLabel: 'No longer relevant',
      latestStatusLabel: 'No update yet',
      daysOverdue: null,
    });
  });

  it('gives the demo review its clock: due 17 December 2017, given 19 February 2018, 64 days late', async () => {
    const clock = await services.tracker.reviewClock(DEMO_REVIEW);
    expect(clock).toMatchObject({ state: 'late', receivedOn: '2017-10-18', dueOn: '2017-12-17', givenOn: '2018-02-19', lateByDays: 64 });
    expect(clock.sentence).toContain('Sunday 17 December 2017');
    expect(clock.monitoring.slice(0, 2).map((m) => [m.dueOn, m.state])).toEqual([
      ['2018-08-19', 'overdue'],
      ['2019-02-19', 'overdue'],
    ]);
  });

  it('gives a meeting its agenda deadline and each executive decision its call-in window', async () => {
    const review = await services.reviews.bySlug(DEMO_REVIEW);
    const cabinet = await services.tracker.meetingClock(review.responseMeeting!.slug);
    // Meeting Mon 19 Feb 2018: clear working days 12–16 Feb, so by Sun 11 Feb, in practice Fri 9 Feb.
    expect(cabinet).toMatchObject({ meetingDate: '2018-02-19', agendaLatest: '2018-02-11', agendaLatestWorkingDay: '2018-02-09', agendaPublishedOn: null });
    expect(cabinet.decisions).toHaveLength(1);
    // The demo records no publication date, so the window (counted from publication by default) is not computed.
    expect(cabinet.decisions[0]).toMatchObject({ minuteNumber: 109, basis: 'publication', windowEnds: null });

    await services.settings.set('deadline.call-in.basis', 'meeting');
    const byMeeting = await services.tracker.meetingClock(review.responseMeeting!.slug);
    expect(byMeeting.decisions[0]).toMatchObject({ basis: 'meeting', windowEnds: '2018-02-26', implementableFrom: '2018-02-27' });
    await services.settings.reset('deadline.call-in.basis');
  });

  it('refuses a response that rule 2 forbids, naming each field', async () => {
    const error = await services.recommendations
      .respond(fixture.review.slug, 1, { decision: 'partially_accepted', responseText: 'In part.' }, 'system')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['actionByDate', 'proposedAction', 'reason', 'responsibleName']);
    const unknownPerson = await services.recommendations
      .respond(
        fixture.review.slug,
        1,
        {
          decision: 'accepted',
          responseText: 'Yes',
          proposedAction: 'Do it',
          responsiblePerson: 'nobody-at-all',
          actionByDate: '2026-06-30',
        },
        'system',
      )
      .catch((e: unknown) => e);
    expect((unknownPerson as ValidationError).errors.map((e) => e.field)).toContain('responsiblePerson');
  });

  it('records responses, opens the recommendations and shows them on the tracker', async () => {
    await services.recommendations.respond(
      fixture.review.slug,
      1,
      {
        decision: 'accepted',
        responseText: 'Agreed.',
        proposedAction: 'Extend Saturday hours',
        responsiblePerson: fixture.officer.slug,
        actionByDate: '2026-06-30',
        agreedMeeting: fixture.responseMeeting.slug,
      },
      'system',
    );
    await services.recommendations.respond(
      fixture.review.slug,
      2,
      {
        decision: 'accepted_in_principle',
        responseText: 'Agreed in principle.',
        reason: 'Subject to the budget',
        proposedAction: 'Pilot',
        responsibleName: 'Cabinet Member for Culture',
        actionByDate: '2027-03-31',
        agreedMeeting: fixture.responseMeeting.slug,
      },
      'system',
    );
    const { rows, summary } = await services.tracker.tracker({ committee: `${fixture.review.slug}-committee` });
    expect(rows.map((r) => [r.number, r.decisionLabel, r.officer, r.targetDate])).toEqual([
      [1, 'Accepted', 'Jo Bloggs', '2026-06-30'],
      [2, 'Accepted in principle', 'Cabinet Member for Culture', '2027-03-31'],
      [3, 'Awaiting response', null, null],
    ]);
    // 30 June 2026 to 22 November 2026 is 145 days.
    expect(rows[0]!.daysOverdue).toBe(145);
    expect(summary).toEqual({ due: 1, overdue: 1, slipped: 0, achieved: 0, total: 3 });
  });

  it('appends a slip with the old target kept, then refuses an update dated before it', async () => {
    const slipped = await services.recommendations.addProgress(
      fixture.review.slug,
      1,
      {
        updateDate: '2026-07-15',
        status: 'slipped',
        rag: 'amber',
        narrative: 'Recruitment of staff delayed',
        newTargetDate: '2026-12-31',
        slipReason: 'Vacancies',
      },
      'system',
    );
    expect(slipped).toMatchObject({ previous_target_date: '2026-06-30', new_target_date: '2026-12-31', slip_reason: 'Vacancies' });
    await expect(
      services.recommendations.addProgress(fixture.review.slug, 1, { updateDate: '2026-07-01', status: 'on_track', narrative: 'x' }, 'system'),
    ).rejects.toBeInstanceOf(ValidationError);
    const { rows, summary } = await services.tracker.tracker({ committee: `${fixture.review.slug}-committee`, status: 'slipped' });
    expect(rows.map((r) => [r.number, r.targetDate, r.originalTargetDate, r.daysOverdue])).toEqual([[1, '2026-12-31', '2026-06-30', null]]);
    expect(summary).toMatchObject({ slipped: 1, due: 1, overdue: 0 });
  });

  it('refuses updates to a recommendation with no response yet', async () => {
    await expect(
      services.recommendations.addProgress(fixture.review.slug, 3, { updateDate: '2026-07-01', status: 'on_track', narrative: 'x' }, 'system'),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('signs off at the committee’s meeting, closes the recommendation and takes it off the tracker', async () => {
    await services.recommendations.addProgress(
      fixture.review.slug,
      1,
      { updateDate: '2026-11-01', status: 'achieved', rag: 'green', narrative: 'Saturday hours extended' },
      'system',
    );
    const wrongBody = await services.recommendations.signOff(fixture.review.slug, 1, { meeting: fixture.otherMeeting.slug }, 'system').catch((e: unknown) => e);
    expect(wrongBody).toBeInstanceOf(ValidationError);
    const result = await services.recommendations.signOff(fixture.review.slug, 1, { meeting: fixture.signOffMeeting.slug }, 'system');
    expect(result.signedOffOn).toBe('2026-11-10');
    await expect(services.recommendations.signOff(fixture.review.slug, 1, { meeting: fixture.signOffMeeting.slug }, 'system')).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      services.recommendations.addProgress(fixture.review.slug, 1, { updateDate: '2026-11-20', status: 'achieved', narrative: 'x' }, 'system'),
    ).rejects.toBeInstanceOf(ConflictError);

    const timeline = await services.recommendations.timeline(fixture.review.slug, 1);
    expect(timeline.events.map((e) => [e.kind, e.date])).toEqual([
      ['made', '2026-01-05'],
      ['responded', '2026-03-02'],
      ['update', '2026-07-15'],
      ['update', '2026-11-01'],
      ['signed_off', '2026-11-10'],
    ]);
    expect(timeline.events[4]!.detail).toBe('At the meeting of Test Scrutiny Committee on 10 November 2026');
    const { rows } = await services.tracker.tracker({ committee: `${fixture.review.slug}-committee` });
    expect(rows.map((r) => r.number)).toEqual([2, 3]);
    const audit = await handle.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'recommendation').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['response.recorded', 'progress.added', 'recommendation.signed_off']));
  });

  it('follows the monitoring schedule: the council’s default, a review’s own, and reports presented', async () => {
    const before = await services.tracker.reviewClock(fixture.review.slug);
    // Received 5 January 2026: due 4 March 2026, given 2 March 2026.
    expect(before).toMatchObject({ state: 'on_time', dueOn: '2026-03-04', givenOn: '2026-03-02', lateByDays: null });
    expect(before.monitoring.map((m) => [m.dueOn, m.state])).toEqual([
      ['2026-09-02', 'overdue'],
      ['2027-03-02', 'upcoming'],
    ]);

    await services.tracker.recordMonitoringReport(fixture.review.slug, { dueOn: '2026-09-02', presentedOn: '2026-09-10', meeting: null }, 'system');
    await services.tracker.setMonitoringSchedule(fixture.review.slug, { months: [3, 9], intervalMonths: 0 }, 'system');
    const after = await services.tracker.reviewClock(fixture.review.slug);
    expect(after.monitoring.map((m) => [m.dueOn, m.state])).toEqual([
      ['2026-06-02', 'overdue'],
      ['2026-12-02', 'due_soon'],
    ]);
    await expect(
      services.tracker.recordMonitoringReport(fixture.review.slug, { dueOn: '2026-07-01', presentedOn: '2026-07-01' }, 'system'),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists what is overdue and what falls due in the next days', async () => {
    const report = await services.tracker.dueReport({ days: 30 });
    expect(report).toMatchObject({ today: '2026-11-22', until: '2026-12-22' });
    expect(report.dueSoon.map((i) => [i.kind, i.dueOn, i.days])).toContainEqual(['monitoring-report', '2026-12-02', 10]);
    const demoReport = report.overdue.find((i) => i.reviewSlug === DEMO_REVIEW);
    expect(demoReport).toMatchObject({ kind: 'monitoring-report', dueOn: '2018-08-19' });
    expect(demoReport!.what).toMatch(/reports outstanding/);
    await expect(services.tracker.dueReport({ days: -1 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('computes deadlines with the council’s settings, and refuses settings the law does not allow', async () => {
    const standard = await services.deadlines.compute('response', '2017-10-18');
    expect(standard.json).toMatchObject({ rule: 'response', from: '2017-10-18', latest: '2017-12-17' });
    await services.settings.set('deadline.response.unit', 'weeks');
    await services.settings.set('deadline.response.length', '8');
    expect((await services.deadlines.compute('response', '2017-10-18')).json.latest).toBe('2017-12-12');
    await expect(services.settings.set('deadline.response.length', '9')).rejects.toBeInstanceOf(ValidationError);
    await expect(services.settings.set('deadline.agenda.length', '3')).rejects.toBeInstanceOf(ValidationError);
    await expect(services.settings.set('monitoring.months', '12,6')).rejects.toBeInstanceOf(ValidationError);
    await services.settings.reset('deadline.response.unit');
    await services.settings.reset('deadline.response.length');
    const error = await services.deadlines.compute('nonsense', '2026-02-30').catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['rule', 'date']);
  });
});
