// A review's lifecycle through the workspace on both engines: the meetings that received the report and agreed the response stop the clock, the status follows the records, and the committee signs recommendations off and reopens them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';

const fieldsOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.field);
const messagesOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.message).join(' | ');

describe.each(testDialects())('review lifecycle on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let c: LifecycleCase;

  const status = async () => (await services.reviews.bySlug(c.reviewSlug)).review.status;
  const version = async () => (await services.scrutinyWorkspace.review(c.officer, c.reviewId)).review.version;
  const recVersion = async (id: number) => String((await services.scrutinyWorkspace.recommendation(c.officer, id)).recommendation.version);
  const trackerNumbers = async () => (await services.tracker.tracker({})).rows.map((r) => r.number);

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    c = await createLifecycleCase(services);
  });
  afterAll(async () => db?.destroy());

  it('derives "reported" from a dated report, and "response due" once the receiving meeting is recorded', async () => {
    expect(await status()).toBe('reported');
    await services.reviewLifecycle.recordMeetings(c.officer, c.reviewId, { reportAgendaItem: String(c.councilItemId), version: String(await version()) });
    expect(await status()).toBe('response_due');
    const clock = await services.tracker.reviewClock(c.reviewSlug);
    // Two months beginning with 20 January 2026 end on 19 March 2026.
    expect(clock).toMatchObject({ state: 'overdue', receivedOn: '2026-01-20', dueOn: '2026-03-19', givenOn: null, overdueByDays: 88 });
    expect(clock.receivedAt).toMatchObject({ organisationName: 'Council', minuteNumber: 2 });
    const due = await services.tracker.dueReport({ days: 30 });
    expect(due.overdue.filter((i) => i.kind === 'response').map((i) => i.reviewSlug)).toEqual([c.reviewSlug]);
  });

  it('refuses a response agreed before the report was received, a stale form, and anyone but an editor', async () => {
    const early = await services.reviewLifecycle
      .recordMeetings(c.officer, c.reviewId, {
        reportAgendaItem: String(c.councilItemId),
        responseMinute: String(c.earlyMinuteId),
        version: String(await version()),
      })
      .catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ValidationError);
    expect(fieldsOf(early)).toEqual(['responseMinute']);
    expect(messagesOf(early)).toContain('before the report was received on 20 January 2026');
    const stale = await services.reviewLifecycle
      .recordMeetings(c.officer, c.reviewId, { reportAgendaItem: String(c.councilItemId), version: '0' })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    await expect(services.reviewLifecycle.recordMeetings(c.lead, c.reviewId, { version: String(await version()) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await status()).toBe('response_due');
  });

  it('stops the clock as soon as every recommendation has its response, and stops chasing it', async () => {
    const decisions = ['accepted', 'not_accepted', 'accepted'];
    for (const [index, id] of c.recommendations.entries()) {
      const accepted = decisions[index] === 'accepted';
      await services.scrutinyWorkspace.recordResponse(c.officer, id, {
        decision: decisions[index],
        responseText: accepted ? 'Agreed.' : 'Not agreed.',
        reason: accepted ? null : 'No budget',
        proposedAction: accepted ? 'Do it.' : null,
        responsibleName: accepted ? 'Director of Adult Care' : null,
        actionByDate: accepted ? '2026-12-31' : null,
        respondedOn: index === 0 ? '2026-03-25' : '2026-03-30',
      });
      // Until the last response, the clock still runs.
      if (index < 2) expect((await services.tracker.reviewClock(c.reviewSlug)).givenOn).toBeNull();
    }
    const clock = await services.tracker.reviewClock(c.reviewSlug);
    expect(clock).toMatchObject({ state: 'late', givenOn: '2026-03-30', lateByDays: 11, overdueByDays: null });
    expect(await status()).toBe('responded');
    const due = await services.tracker.dueReport({ days: 30 });
    expect(due.overdue.concat(due.dueSoon).filter((i) => i.kind === 'response')).toEqual([]);
  });

  it('takes the response date from the meeting that agreed it once that is recorded', async () => {
    await services.reviewLifecycle.recordMeetings(c.officer, c.reviewId, {
      reportAgendaItem: String(c.councilItemId),
      responseMinute: String(c.cabinetMinuteId),
      version: String(await version()),
    });
    const clock = await services.tracker.reviewClock(c.reviewSlug);
    expect(clock).toMatchObject({ givenOn: '2026-04-01', lateByDays: 13, responseMeeting: { organisationName: 'Cabinet' }, responseMinuteNumber: 1 });
    const history = await services.audit.history('review', c.reviewId);
    expect(history.map((h) => h.action)).toContain('review.meetings_recorded');
  });

  it('refuses a sign-off that names no outcome or minute, or achieves a not-accepted recommendation, naming each by its number', async () => {
    const [r1, r2] = c.recommendations as [number, number, number];
    const error = await services.reviewLifecycle
      .signOff(c.officer, c.committeeMeetingId, {
        rows: [
          { recommendationId: r1, outcome: '', minute: '', version: await recVersion(r1) },
          { recommendationId: r2, outcome: 'achieved', minute: String(c.committeeMinuteId), version: await recVersion(r2) },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(fieldsOf(error)).toEqual([`outcome-${r1}`, `minute-${r1}`, `outcome-${r2}`]);
    expect(messagesOf(error)).toContain('Recommendation 1 of Hospital discharge: choose the outcome');
    expect(messagesOf(error)).toContain('Recommendation 2 of Hospital discharge was not accepted');
    // Another body's meeting cannot sign the committee's recommendations off.
    const elsewhere = await services.reviewLifecycle
      .signOff(c.officer, c.cabinetMeetingId, {
        rows: [{ recommendationId: r1, outcome: 'achieved', minute: String(c.cabinetMinuteId), version: await recVersion(r1) }],
      })
      .catch((e: unknown) => e);
    expect(fieldsOf(elsewhere)).toEqual([`signOff-${r1}`]);
    await expect(services.reviewLifecycle.signOff(c.lead, c.committeeMeetingId, { rows: [] })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await trackerNumbers()).toEqual([1, 2, 3]);
  });

  it('signs off one and closes another at once, all or none; they leave the tracker and the timeline says where', async () => {
    const [r1, r2] = c.recommendations as [number, number, number];
    const stale = await services.reviewLifecycle
      .signOff(c.officer, c.committeeMeetingId, {
        rows: [
          { recommendationId: r1, outcome: 'achieved', minute: String(c.committeeMinuteId), version: await recVersion(r1) },
          { recommendationId: r2, outcome: 'no_further_action', minute: String(c.committeeMinuteId), version: '0' },
        ],
      })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await trackerNumbers()).toEqual([1, 2, 3]);

    const done = await services.reviewLifecycle.signOff(c.officer, c.committeeMeetingId, {
      rows: [
        { recommendationId: r1, outcome: 'achieved', minute: String(c.committeeMinuteId), version: await recVersion(r1) },
        { recommendationId: r2, outcome: 'no_further_action', minute: String(c.committeeMinuteId), version: await recVersion(r2) },
      ],
    });
    expect(done.map((d) => d.name)).toEqual(['Recommendation 1 of Hospital discharge', 'Recommendation 2 of Hospital discharge']);
    expect(await trackerNumbers()).toEqual([3]);
    const due = await services.tracker.dueReport({ days: 365 });
    expect(
      due.overdue
        .concat(due.dueSoon)
        .filter((i) => i.kind === 'recommendation')
        .map((i) => i.recommendationNumber),
    ).toEqual([3]);
    expect(await status()).toBe('monitoring');

    const timeline = await services.recommendations.timeline(c.reviewSlug, 1);
    expect(timeline.events.at(-1)).toMatchObject({
      kind: 'signed_off',
      date: '2026-06-10',
      title: 'Signed off by the committee: Achieved',
      detail: 'At the meeting of Health Select Commission on 10 June 2026 (Minute 1)',
    });
    expect((await services.recommendations.timeline(c.reviewSlug, 2)).events.at(-1)?.title).toBe('Closed by the committee: No further action');
    const page = await services.reviewLifecycle.signOffForm(c.officer, c.committeeMeetingId);
    expect(page.candidates.map((x) => x.number)).toEqual([3]);
    expect(page.signedOff.map((x) => [x.number, x.status, x.signed_off_outcome])).toEqual([
      [1, 'signed_off', 'achieved'],
      [2, 'closed', 'no_further_action'],
    ]);
  });

  it('reopens a signed-off recommendation with a reason, audited, back on the tracker', async () => {
    const [r1] = c.recommendations as [number, number, number];
    const noReason = await services.reviewLifecycle.reopen(c.officer, r1, { reason: ' ', version: await recVersion(r1) }).catch((e: unknown) => e);
    expect(fieldsOf(noReason)).toEqual(['reason']);
    await expect(services.reviewLifecycle.reopen(c.officer, r1, { reason: 'x', version: '0' })).rejects.toBeInstanceOf(ConflictError);
    await services.reviewLifecycle.reopen(c.officer, r1, { reason: 'The committee found the letters still late (Minute 7)', version: await recVersion(r1) });
    expect(await trackerNumbers()).toEqual([1, 3]);
    const history = await services.audit.history('recommendation', r1);
    const reopened = history.find((h) => h.action === 'recommendation.reopened');
    expect(reopened?.changes.find((ch) => ch.field === 'reason')?.after).toContain('letters still late');
    expect(history.some((h) => h.action === 'recommendation.signed_off')).toBe(true);
    const timeline = await services.recommendations.timeline(c.reviewSlug, 1);
    expect(timeline.events.map((e) => e.kind)).not.toContain('signed_off');
  });

  it('closes the review once every recommendation is signed off or closed', async () => {
    const [r1, , r3] = c.recommendations as [number, number, number];
    await services.reviewLifecycle.signOff(c.officer, c.committeeMeetingId, {
      rows: [
        { recommendationId: r1, outcome: 'not_achieved', minute: String(c.committeeMinuteId), version: await recVersion(r1) },
        { recommendationId: r3, outcome: 'no_longer_relevant', minute: String(c.committeeMinuteId), version: await recVersion(r3) },
      ],
    });
    expect(await status()).toBe('closed');
    expect(await trackerNumbers()).toEqual([]);
  });
});
