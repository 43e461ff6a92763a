// Withdrawing records created in error, on both engines: a withdrawn record leaves every public read (pages, tracker, API, feeds, search) in the same commit, stays in the workspace and the audit trail, and comes back when restored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';

describe.each(testDialects())('withdrawing records on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let c: LifecycleCase;

  const publicNumbers = async () => (await services.reviews.bySlug(c.reviewSlug)).recommendations.map((r) => r.number);
  const trackerNumbers = async () => (await services.tracker.tracker({})).rows.map((r) => r.number);
  const found = async (q: string) => (await services.search.search({ q })).hits.map((h) => h.kind);
  const apiIds = async () => (await services.api.recommendations({ limit: 100 })).map((r) => r.id);
  const feedNumbers = async () => (await services.feeds.recommendations()).recommendations.map((r) => r.number);

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    c = await createLifecycleCase(services);
  });
  afterAll(async () => db?.destroy());

  it('refuses a withdrawal without a reason, naming the field, and one by anyone but an editor', async () => {
    const [, second] = c.recommendations as [number, number, number];
    const error = await services.withdrawals.withdraw(c.officer, 'recommendation', second, { reason: '  ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ field: 'reason', message: 'Enter why this recommendation is being withdrawn' }]);
    await expect(services.withdrawals.withdraw(c.lead, 'recommendation', second, { reason: 'Typed twice' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await publicNumbers()).toEqual([1, 2, 3]);
  });

  it('takes a withdrawn recommendation off the review page, its own page, the tracker, the API, the feed and search at once', async () => {
    const [, second] = c.recommendations as [number, number, number];
    expect(await found('weekends')).toContain('recommendation');
    await services.withdrawals.withdraw(c.officer, 'recommendation', second, { reason: 'Added twice by mistake' });
    expect(await publicNumbers()).toEqual([1, 3]);
    await expect(services.reviews.recommendation(c.reviewSlug, 2)).rejects.toBeInstanceOf(NotFoundError);
    expect(await trackerNumbers()).toEqual([1, 3]);
    expect(await apiIds()).not.toContain(second);
    await expect(services.api.recommendation(second)).rejects.toBeInstanceOf(NotFoundError);
    expect(await feedNumbers()).toEqual([1, 3]);
    // Neither the recommendation's own entry nor the review's (which holds its words) finds it.
    expect(await found('weekends')).toEqual([]);
    // The workspace still lists it, marked, with who withdrew it and why; the audit trail keeps it.
    const { recommendations } = await services.scrutinyWorkspace.review(c.officer, c.reviewId);
    expect(recommendations.find((r) => r.id === second)).toMatchObject({ withdrawn_by: 'clerk@example.org', withdrawn_reason: 'Added twice by mistake' });
    const history = await services.audit.history('recommendation', second);
    expect(history.map((h) => h.action)).toContain('recommendation.withdrawn');
    // A second withdrawal (another officer, a second click) is refused rather than recorded twice.
    await expect(services.withdrawals.withdraw(c.officer, 'recommendation', second, { reason: 'Again' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('restores it everywhere, audited', async () => {
    const [, second] = c.recommendations as [number, number, number];
    await services.withdrawals.restore(c.officer, 'recommendation', second);
    expect(await publicNumbers()).toEqual([1, 2, 3]);
    expect((await services.reviews.recommendation(c.reviewSlug, 2)).recommendation.text).toContain('weekends');
    expect(await trackerNumbers()).toEqual([1, 2, 3]);
    expect(await apiIds()).toContain(second);
    expect(await found('weekends')).toContain('recommendation');
    const history = await services.audit.history('recommendation', second);
    expect(history.map((h) => h.action)).toContain('recommendation.restored');
    await expect(services.withdrawals.restore(c.officer, 'recommendation', second)).rejects.toBeInstanceOf(ConflictError);
  });

  it('takes a withdrawn progress update off the recommendation page', async () => {
    const [first] = c.recommendations as [number, number, number];
    await services.scrutinyWorkspace.recordResponse(c.officer, first, {
      decision: 'accepted',
      responseText: 'Agreed.',
      proposedAction: 'Do it.',
      responsibleName: 'Director',
      actionByDate: '2026-12-31',
      respondedOn: '2026-03-25',
    });
    await services.scrutinyWorkspace.addProgress(c.officer, first, { updateDate: '2026-06-01', status: 'on_track', narrative: 'Letters now go the same day.' });
    const progress = (await services.reviews.recommendation(c.reviewSlug, 1)).progress;
    expect(progress.map((p) => p.narrative)).toEqual(['Letters now go the same day.']);
    const update = progress[0];
    if (!update) throw new Error('no progress update');
    await services.withdrawals.withdraw(c.officer, 'progress_update', update.id, { reason: 'Wrong recommendation' });
    expect((await services.reviews.recommendation(c.reviewSlug, 1)).progress).toEqual([]);
    expect((await services.scrutinyWorkspace.recommendation(c.officer, first)).progress.map((p) => p.withdrawn_reason)).toEqual(['Wrong recommendation']);
  });

  it('takes a withdrawn agenda item off its meeting page and search', async () => {
    const item = await services.meetingWorkspace.addAgendaItem(c.officer, c.cabinetMeetingId, { title: 'Test item typed in error' });
    // Items are drafts until the agenda is published (published late here, with a reason).
    const version = (await services.meetingWorkspace.meeting(c.officer, c.cabinetMeetingId)).meeting.version;
    await services.meetingWorkspace.publishAgenda(c.officer, c.cabinetMeetingId, { version: String(version), urgencyReason: 'Held already' });
    expect(await found('typed in error')).toContain('agenda_item');
    await services.withdrawals.withdraw(c.officer, 'agenda_item', item.id, { reason: 'A test' });
    const meeting = (await services.api.meeting(c.cabinetMeetingId)) as { agenda_items?: { id: number }[] };
    expect(JSON.stringify(meeting)).not.toContain('Test item typed in error');
    expect(await found('typed in error')).toEqual([]);
  });

  it('refuses identical duplicates, naming the record that exists already; a withdrawn one no longer counts', async () => {
    const existingOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.existing);
    const [first] = c.recommendations as [number, number, number];
    const recommendation = await services.scrutinyWorkspace
      .addRecommendation(c.officer, c.reviewId, { text: 'That carers are told before discharge.' })
      .catch((e: unknown) => e);
    expect(recommendation).toBeInstanceOf(ValidationError);
    expect(existingOf(recommendation)).toEqual([{ kind: 'recommendation', id: c.recommendations[2] }]);
    expect((recommendation as ValidationError).errors[0]?.message).toBe('Recommendation 3 of this review already has this text');

    const update = { updateDate: '2026-06-02', status: 'on_track', narrative: 'Lounge staffed.' };
    await services.scrutinyWorkspace.addProgress(c.officer, first, update);
    const twice = await services.scrutinyWorkspace.addProgress(c.officer, first, { ...update, narrative: ' Lounge staffed. ' }).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(ValidationError);
    expect(existingOf(twice)).toEqual([{ kind: 'recommendation', id: first }]);
    // The same words on another day are a new update.
    await services.scrutinyWorkspace.addProgress(c.officer, first, { ...update, updateDate: '2026-06-03' });

    const item = await services.meetingWorkspace.addAgendaItem(c.officer, c.cabinetMeetingId, { title: 'Budget monitoring' });
    const sameItem = await services.meetingWorkspace.addAgendaItem(c.officer, c.cabinetMeetingId, { title: 'Budget monitoring' }).catch((e: unknown) => e);
    expect(existingOf(sameItem)).toEqual([{ kind: 'agenda_item', id: item.id }]);

    const person = await services.organisationWorkspace.createPerson(c.officer, { name: 'Cllr Ann Example', kind: 'councillor' });
    const membership = { personId: String(person.id), organisationId: String(c.committeeId), role: 'member', startsOn: '2026-05-01' };
    const made = await services.organisationWorkspace.addMembership(c.officer, membership);
    const sameMembership = await services.organisationWorkspace.addMembership(c.officer, membership).catch((e: unknown) => e);
    expect(existingOf(sameMembership)).toEqual([{ kind: 'membership', id: made.id }]);
    // Once the first is withdrawn as a mistake, the record can be made again.
    await services.withdrawals.withdraw(c.officer, 'membership', made.id, { reason: 'Wrong start date' });
    await expect(services.organisationWorkspace.addMembership(c.officer, membership)).resolves.toMatchObject({ person_id: person.id });
  });

  it('takes a withdrawn review off every public page, and it no longer counts as overdue', async () => {
    await services.reviewLifecycle.recordMeetings(c.officer, c.reviewId, {
      reportAgendaItem: String(c.councilItemId),
      version: String((await services.scrutinyWorkspace.review(c.officer, c.reviewId)).review.version),
    });
    const overdue = async () => (await services.tracker.dueReport({ days: 30 })).overdue.filter((i) => i.kind === 'response').map((i) => i.reviewSlug);
    expect(await overdue()).toEqual([c.reviewSlug]);
    await services.withdrawals.withdraw(c.officer, 'review', c.reviewId, { reason: 'A test review' });
    await expect(services.reviews.bySlug(c.reviewSlug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.api.review(c.reviewId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await overdue()).toEqual([]);
    expect(await trackerNumbers()).toEqual([]);
    expect(await found('discharge')).not.toContain('review');
    expect(await found('weekends')).toEqual([]);
    expect((await services.reviews.list({ page: 1 })).reviews.map((r) => r.slug)).not.toContain(c.reviewSlug);
    await services.withdrawals.restore(c.officer, 'review', c.reviewId);
    expect(await overdue()).toEqual([c.reviewSlug]);
    expect(await found('weekends')).toContain('recommendation');
  });
});
