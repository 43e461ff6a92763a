// A scrutiny committee's work programme on both engines: a public suggestion moderated, agreed, planned for a meeting, placed on its agenda in one step, heard; a review topic made a review; refusals that name the field and change nothing; withheld topics never public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { body, forwardPlanEntry, meeting, person } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const fieldsOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.field);

describe.each(testDialects())('work programme on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  const officer: Actor = { userId: 1, email: 'clerk@example.org', name: 'Clerk', role: 'democratic_services', personId: null };
  const councillor: Actor = { userId: 2, email: 'cllr@example.org', name: 'Cllr', role: 'councillor', personId: null };
  let committeeId = 0;
  let committeeSlug = '';
  let cabinetId = 0;
  let leadId = 0;
  let meetingId = 0;
  let pastMeetingId = 0;

  const version = async (id: number) => String((await services.workProgramme.topic(officer, id)).topic.version);
  const publicTitles = async () => (await services.workProgramme.publicProgramme(committeeSlug, 2026)).topics.map((t) => t.title);
  const auditCount = async () =>
    Number(
      (
        await db.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const committee = await body(db, { name: 'Health Select Commission', kind: 'scrutiny_committee' });
    committeeId = committee.id;
    committeeSlug = committee.slug;
    cabinetId = (await body(db, { name: 'Cabinet', kind: 'executive' })).id;
    leadId = (await person(db, { name: 'Cllr Ann Lead', email: 'ann.lead@example.org' })).id;
    meetingId = (await meeting(db, { organisation_id: committeeId, meeting_date: '2026-07-10', status: 'scheduled' })).id;
    pastMeetingId = (await meeting(db, { organisation_id: committeeId, meeting_date: '2026-06-01', status: 'held' })).id;
  });
  afterAll(async () => db?.destroy());

  it('takes a public suggestion, keeps it off the public page until accepted, and never publishes the email', async () => {
    const topic = await services.workProgramme.suggest('public', {
      organisationId: String(committeeId),
      title: 'Waiting times for children’s mental health services',
      description: 'Families wait more than a year.',
      name: 'A Resident',
      email: 'resident@example.com',
    });
    expect(topic).toMatchObject({ state: 'suggested', source: 'public', accepted_on: null, municipal_year: 2026 });
    expect(await publicTitles()).toEqual([]);
    expect((await services.workProgramme.overview(officer)).awaiting.map((t) => t.title)).toEqual([topic.title]);
    await services.workProgramme.act(officer, topic.id, 'accept', { version: await version(topic.id) });
    expect(await publicTitles()).toEqual([topic.title]);
    const shown = (await services.workProgramme.publicProgramme(committeeSlug, 2026)).topics[0];
    expect(JSON.stringify(shown)).not.toContain('resident@example.com');
  });

  it('refuses a public suggestion without a topic or with a bad email, naming each field and writing nothing', async () => {
    const before = await auditCount();
    const error = await services.workProgramme
      .suggest('public', { organisationId: String(cabinetId), title: ' ', description: '', email: 'not-an-email' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(fieldsOf(error).sort()).toEqual(['description', 'email', 'title']);
    const wrongBody = await services.workProgramme
      .suggest('public', { organisationId: String(cabinetId), title: 'X', description: 'Y' })
      .catch((e: unknown) => e);
    expect(fieldsOf(wrongBody)).toEqual(['organisationId']);
    expect(await auditCount()).toBe(before);
  });

  it('agrees a topic, plans it for a meeting (telling its lead), places it on the agenda in one step, and marks it heard once the meeting is held', async () => {
    const topic = await services.workProgramme.createTopic(officer, {
      organisationId: String(committeeId),
      municipalYear: '2026',
      title: 'Adult social care waiting lists',
      method: 'agenda_item',
      source: 'member',
      suggestedBy: 'Cllr Ann Lead',
      leadMemberId: String(leadId),
      publicInterest: '1',
      timeliness: '1',
    });
    expect(topic).toMatchObject({ state: 'suggested', public_interest: 1, timeliness: 1, impact: 0 });
    const early = await services.workProgramme.act(officer, topic.id, 'placeOnAgenda', { version: await version(topic.id) }).catch((e: unknown) => e);
    expect(fieldsOf(early)).toEqual(['confirm']);
    await services.workProgramme.act(officer, topic.id, 'agree', { version: await version(topic.id) });
    const noMeeting = await services.workProgramme.act(officer, topic.id, 'schedule', { version: await version(topic.id) }).catch((e: unknown) => e);
    expect(fieldsOf(noMeeting)).toEqual(['meetingId']);
    const pastMeeting = await services.workProgramme
      .act(officer, topic.id, 'schedule', { meetingId: String(pastMeetingId), version: await version(topic.id) })
      .catch((e: unknown) => e);
    expect(fieldsOf(pastMeeting)).toEqual(['meetingId']);
    await services.workProgramme.act(officer, topic.id, 'schedule', { meetingId: String(meetingId), version: await version(topic.id) });
    const outbox = await db.db.selectFrom('outbox').select(['recipient', 'subject']).execute();
    expect(outbox).toEqual([expect.objectContaining({ recipient: 'ann.lead@example.org' })]);
    const notYet = await services.workProgramme.act(officer, topic.id, 'markHeard', { version: await version(topic.id) }).catch((e: unknown) => e);
    expect(fieldsOf(notYet)).toEqual(['confirm']);
    const placed = await services.workProgramme.act(officer, topic.id, 'placeOnAgenda', { version: await version(topic.id) });
    const items = await db.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).execute();
    expect(items.map((i) => [i.id, i.title])).toEqual([[placed.agenda_item_id, 'Adult social care waiting lists']]);
    const stale = await services.workProgramme.act(officer, topic.id, 'drop', { reason: 'No', version: '1' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    await db.db.updateTable('meetings').set({ status: 'held' }).where('id', '=', meetingId).execute();
    const heard = await services.workProgramme.act(officer, topic.id, 'markHeard', { version: await version(topic.id) });
    expect(heard).toMatchObject({ state: 'done', done_on: '2026-06-15' });
    expect((await services.workProgramme.topic(officer, topic.id)).actions).toEqual([]);
  });

  it('makes a review topic a review in the same step, and drops a topic with its reason', async () => {
    const topic = await services.workProgramme.createTopic(officer, {
      organisationId: String(committeeId),
      municipalYear: '2026',
      title: 'Home to school transport',
      method: 'review',
      source: 'officer',
    });
    await services.workProgramme.act(officer, topic.id, 'agree', { version: await version(topic.id) });
    const made = await services.workProgramme.act(officer, topic.id, 'startReview', { version: await version(topic.id) });
    expect(made.review_title).toBe('Home to school transport');
    const review = await services.reviews.bySlug(present(made.review_slug));
    expect(review.review.organisation_id).toBe(committeeId);
    const dropped = await services.workProgramme.act(officer, topic.id, 'drop', { reason: ' ', version: await version(topic.id) }).catch((e: unknown) => e);
    expect(fieldsOf(dropped)).toEqual(['reason']);
    const done = await services.workProgramme.act(officer, topic.id, 'drop', { reason: 'Covered by the review', version: await version(topic.id) });
    expect(done).toMatchObject({ state: 'dropped', dropped_reason: 'Covered by the review' });
  });

  it('never shows a withheld topic in public, and lets only editors change the programme', async () => {
    await services.workProgramme.createTopic(officer, {
      organisationId: String(committeeId),
      municipalYear: '2026',
      title: 'Contract dispute with the care provider',
      method: 'briefing',
      source: 'officer',
      exemptParagraph: '3',
    });
    expect(await publicTitles()).not.toContain('Contract dispute with the care provider');
    await expect(
      services.workProgramme.createTopic(councillor, {
        organisationId: String(committeeId),
        municipalYear: '2026',
        title: 'X',
        method: 'briefing',
        source: 'member',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('suggests a forward-plan entry to a committee in one step, once a year, copying no withheld detail', async () => {
    const cabinetEntry = await forwardPlanEntry(db, {
      organisation_id: cabinetId,
      title: 'Award of the adult day services contract',
      description: 'Commercial terms of the bids.',
      exempt_paragraph: 3,
      intended_date: '2026-09-01',
    });
    const topic = await services.workProgramme.suggestFromForwardPlan(officer, cabinetEntry.id, { organisationId: String(committeeId) });
    expect(topic).toMatchObject({
      title: 'Award of the adult day services contract',
      description: null,
      source: 'forward_plan',
      method: 'pre_decision',
      state: 'suggested',
      municipal_year: 2026,
      forward_plan_entry_id: cabinetEntry.id,
    });
    expect(topic.accepted_on).not.toBeNull();
    expect(await publicTitles()).toContain('Award of the adult day services contract');
    const listed = (await services.workProgramme.publicProgramme(committeeSlug, 2026)).topics.find((t) => t.id === topic.id);
    expect(listed?.forward_plan_slug).toBe(cabinetEntry.slug);
    expect((await services.workProgramme.topicsOfEntry(null, cabinetEntry.id)).map((t) => t.organisation_name)).toEqual(['Health Select Commission']);

    const before = await auditCount();
    const again = await services.workProgramme
      .suggestFromForwardPlan(officer, cabinetEntry.id, { organisationId: String(committeeId) })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect(fieldsOf(again)).toEqual(['organisationId']);
    expect((again as ValidationError).errors[0]?.message).toContain('already in the Health Select Commission work programme for 2026 to 2027');
    const notScrutiny = await services.workProgramme
      .suggestFromForwardPlan(officer, cabinetEntry.id, { organisationId: String(cabinetId) })
      .catch((e: unknown) => e);
    expect(fieldsOf(notScrutiny)).toEqual(['organisationId']);
    await expect(services.workProgramme.suggestFromForwardPlan(councillor, cabinetEntry.id, { organisationId: String(committeeId) })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await auditCount()).toBe(before);
  });
});

function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing');
  return value;
}
