// Meetings as they run, on both engines, through the services and the app in-process: draft papers kept from the public, the signed minutes' London date, referrals waiting for a body's next meeting, corrected and withdrawn limbs, cancellation emails and sign-off facts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';
import { signedIn, workspaceClient } from '../support/workspace-client.ts';

// Monday 2 March 2026, 10:00 in London.
const clock = fixedClock('2026-03-02T10:00:00Z');
const MAIL = { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' };

describe.each(testDialects())('meetings as they run on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let officer: Actor;
  let cabinetId: number;
  let committeeId: number;

  beforeAll(async () => {
    db = await createTestDb(dialect, { clock });
    services = createServices({ database: db, clock });
    app = await buildApp({ services, signInRateLimit: 1000, mail: MAIL });
    const org = async (slug: string, name: string, kind: string) => (await make.body(db, { slug, name, kind })).id;
    cabinetId = await org('cabinet', 'Cabinet', 'executive');
    committeeId = await org('scrutiny', 'Overview and Scrutiny Committee', 'scrutiny_committee');
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  /** An anonymous visitor, fresh each time, as the public would come. */
  const visitor = () => workspaceClient(app);
  const schedule = (organisationId: number, meetingDate: string) =>
    services.meetingWorkspace.createMeeting(officer, { organisationId: String(organisationId), meetingDate });
  const addMinute = (meetingId: number, values: Record<string, string>) => services.meetingWorkspace.addMinute(officer, meetingId, values, limbRows(values));

  it('keeps a paper on a draft item off its page, its file and search until the agenda is published', async () => {
    const meeting = await schedule(cabinetId, '2026-03-30');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Harbour dredging' });
    expect(item.is_draft).toBe(1);
    const pdf = await tinyPdf(['Dredging options', 'The narwhal channel needs dredging.']);
    const paper = await services.meetingWorkspace.uploadDocument(
      officer,
      meeting.id,
      { title: 'Dredging options report', kind: 'report', agendaItemId: String(item.id) },
      { buffer: Buffer.from(pdf), fileName: 'dredging.pdf' },
    );

    const before = visitor();
    expect((await before.get(paths.document(paper.slug))).statusCode).toBe(404);
    expect((await before.get(paths.documentFile(paper.slug))).statusCode).toBe(404);
    expect((await before.get(paths.search({ q: 'narwhal' }))).body).not.toContain('Dredging options report');
    expect((await before.get(paths.api.item('meetings', meeting.id))).body).not.toContain('Dredging options');

    const current = await db.db.selectFrom('meetings').select('version').where('id', '=', meeting.id).executeTakeFirstOrThrow();
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(current.version) });
    // The publication refreshed the paper's search row in its own transaction: no reindex was run.
    const indexed = await db.db.selectFrom('search_documents').select('record_id').where('kind', '=', 'document').where('record_id', '=', paper.id).execute();
    expect(indexed).toHaveLength(1);

    const after = visitor();
    const page = await after.get(paths.document(paper.slug));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dredging options report');
    expect((await after.get(paths.documentFile(paper.slug))).statusCode).toBe(200);
    expect((await after.get(paths.search({ q: 'narwhal' }))).body).toContain('Dredging options report');
  });

  it('dates signed minutes uploaded at 00:30 on a summer night with the London day, not the UTC one', async () => {
    // 23:30 UTC on 14 July 2026 is 00:30 on 15 July in London (BST).
    const night = fixedClock('2026-07-14T23:30:00Z');
    const late = createServices({ database: db, clock: night });
    const meeting = await late.meetingWorkspace.createMeeting(officer, { organisationId: String(committeeId), meetingDate: '2026-06-01' });
    const next = await late.meetingWorkspace.createMeeting(officer, { organisationId: String(committeeId), meetingDate: '2026-07-13' });
    await addMinute(meeting.id, { title: 'Apologies' });
    const confirming = await addMinute(next.id, { title: 'Minutes of the previous meeting' });
    await late.packs.confirmMinutes(
      officer,
      meeting.id,
      { minuteId: String(confirming.id) },
      { buffer: Buffer.from(await tinyPdf(['Signed by the chair'])), fileName: 'signed.pdf' },
    );
    const signed = await db.db.selectFrom('documents').select('published_on').where('slug', '=', `${meeting.slug}-signed-minutes`).executeTakeFirstOrThrow();
    expect(signed.published_on).toBe('2026-07-15');
  });

  /** A body made for one test, so that its meetings are its own. */
  const body = async (name: string) => (await services.organisationWorkspace.createBody(officer, { name, kind: 'committee' })).id;
  const publish = async (meetingId: number) => {
    const current = await db.db.selectFrom('meetings').select('version').where('id', '=', meetingId).executeTakeFirstOrThrow();
    await services.meetingWorkspace.publishAgenda(officer, meetingId, { version: String(current.version), urgencyReason: 'Urgent.' });
  };
  const limbsOf = (minuteId: number) =>
    db.db
      .selectFrom('resolution_limbs as l')
      .innerJoin('resolutions as r', 'r.id', 'l.resolution_id')
      .select(['l.id', 'l.number', 'l.version', 'r.id as resolution_id'])
      .where('r.minute_id', '=', minuteId)
      .orderBy('l.number')
      .execute();
  const referralOf = (limbId: number) => db.db.selectFrom('referrals').selectAll().where('limb_id', '=', limbId).executeTakeFirstOrThrow();

  it('holds a referral to a body with no meeting yet, puts it on the meeting scheduled next, and moves it when that meeting is moved before its source', async () => {
    const standards = await body('Standards Committee');
    const cabinet = await schedule(cabinetId, '2026-03-09');
    const item = await services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Code of conduct' });
    await publish(cabinet.id);
    const minute = await addMinute(cabinet.id, {
      title: 'Code of conduct',
      agendaItemId: String(item.id),
      limb1Verb: 'referred',
      limb1Text: 'That the Standards Committee review the code.',
      limb1TargetOrganisationId: String(standards),
    });
    const [limb] = await limbsOf(minute.id);
    expect(await referralOf(limb?.id ?? 0)).toMatchObject({ status: 'pending', target_meeting_id: null, target_organisation_id: standards });

    const first = await schedule(standards, '2026-04-01');
    expect((await referralOf(limb?.id ?? 0)).target_meeting_id).toBe(first.id);
    expect((await visitor().get(paths.meeting(first.slug))).body).toContain(`Referred by Cabinet, Minute ${minute.number}`);

    // Moved to before the Cabinet meeting that made the referral, it can no longer take it: the matter waits again.
    await services.meetingWorkspace.updateMeeting(officer, first.id, { meetingDate: '2026-03-05', version: String(first.version) });
    expect((await referralOf(limb?.id ?? 0)).target_meeting_id).toBeNull();
    expect((await visitor().get(paths.meeting(first.slug))).body).not.toContain('Referred by Cabinet');
    const second = await schedule(standards, '2026-06-01');
    expect((await referralOf(limb?.id ?? 0)).target_meeting_id).toBe(second.id);
    expect((await visitor().get(paths.meeting(second.slug))).body).toContain(`Referred by Cabinet, Minute ${minute.number}`);
  });

  it('corrects and withdraws a limb and its referral under version checks, audited, and the public minutes and decision record follow at once', async () => {
    const audit = await body('Audit Committee');
    const cabinet = await schedule(cabinetId, '2026-03-16');
    const soon = await schedule(audit, '2026-04-14');
    const later = await schedule(audit, '2026-05-12');
    const elsewhere = await schedule(cabinetId, '2026-05-20');
    const item = await services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Library opening hours' });
    await publish(cabinet.id);
    const minute = await addMinute(cabinet.id, {
      title: 'Library hours',
      agendaItemId: String(item.id),
      moverName: 'Cllr Roach',
      limb1Verb: 'approved',
      limb1Text: 'That the new hours be approved.',
      limb2Verb: 'referred',
      limb2Text: 'That the Audit Committee review the cost.',
      limb2TargetOrganisationId: String(audit),
    });
    const [limb1, limb2] = await limbsOf(minute.id);
    if (!limb1 || !limb2) throw new Error('the minute has two limbs');
    expect((await referralOf(limb2.id)).target_meeting_id).toBe(soon.id);

    const clerk = await signedIn(app, 'dso@example.org', 'a long password here');
    const form = await clerk.get(paths.admin.limb(limb1.id));
    expect(form.statusCode).toBe(200);
    // Someone else corrects the limb first; the form opened before it is refused with both versions.
    await services.meetingWorkspace.correctLimb(officer, limb1.id, {
      verb: 'approved',
      text: 'That the new hours be approved from April.',
      version: String(limb1.version),
    });
    const stale = await clerk.post(paths.admin.limb(limb1.id), {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      verb: 'approved',
      text: 'That the hours be approved for a trial year.',
      version: String(limb1.version),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('The version saved by someone else');
    expect(stale.body).toContain('That the new hours be approved from April.');
    expect(stale.body).toContain('That the hours be approved for a trial year.');

    const page = (await visitor().get(paths.meeting(cabinet.slug))).body;
    expect(page).toContain('That the new hours be approved from April.');
    expect(page).not.toContain('That the new hours be approved.');
    const decision = (await visitor().get(paths.api.item('decisions', limb1.resolution_id))).body;
    expect(decision).toContain('approved from April');

    // The referral moves to a later meeting of the body it names, never to another body's meeting.
    const wrong = await services.meetingWorkspace
      .correctLimb(officer, limb2.id, {
        verb: 'referred',
        text: 'That the Audit Committee review the cost.',
        targetOrganisationId: String(audit),
        targetMeetingId: String(elsewhere.id),
        version: String(limb2.version),
      })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).errors.map((e) => e.field)).toEqual(['targetMeetingId']);
    await services.meetingWorkspace.correctLimb(officer, limb2.id, {
      verb: 'referred',
      text: 'That the Audit Committee review the cost in May.',
      targetOrganisationId: String(audit),
      targetMeetingId: String(later.id),
      version: String(limb2.version),
    });
    expect((await visitor().get(paths.meeting(soon.slug))).body).not.toContain('Referred by Cabinet');
    expect((await visitor().get(paths.meeting(later.slug))).body).toContain('Referred by Cabinet');

    // Withdrawn from the form with a reason: gone from the public minutes and the decision record, kept in the history.
    const withdrawForm = await clerk.get(paths.admin.limb(limb1.id));
    const noReason = await clerk.post(paths.admin.withdrawLimb(limb1.id), {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(withdrawForm.body)?.[1] ?? '',
      reason: '',
      version: String(limb1.version + 1),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why it is withdrawn');
    const withdrawn = await clerk.post(paths.admin.withdrawLimb(limb1.id), {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(withdrawForm.body)?.[1] ?? '',
      reason: 'Recorded against the wrong item.',
      version: String(limb1.version + 1),
    });
    expect(withdrawn.statusCode).toBe(303);
    const after = (await visitor().get(paths.meeting(cabinet.slug))).body;
    expect(after).not.toContain('approved from April');
    expect(after).toContain('That the Audit Committee review the cost in May.');
    expect((await visitor().get(paths.api.item('decisions', limb1.resolution_id))).body).not.toContain('approved from April');
    const history = await services.audit.history('resolution_limb', limb1.id);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['correct', 'withdraw']));
    expect(JSON.stringify(history)).toContain('Recorded against the wrong item.');

    // The referral alone is withdrawn: the limb stands, the target meeting no longer expects the matter.
    const referral = await referralOf(limb2.id);
    const staleReferral = await services.meetingWorkspace
      .withdrawReferral(officer, limb2.id, { reason: 'Dealt with by officers.', version: String(referral.version - 1) })
      .catch((e: unknown) => e);
    expect(staleReferral).toBeInstanceOf(ConflictError);
    await services.meetingWorkspace.withdrawReferral(officer, limb2.id, { reason: 'Dealt with by officers.', version: String(referral.version) });
    expect(await referralOf(limb2.id)).toMatchObject({ status: 'withdrawn', withdrawal_reason: 'Dealt with by officers.' });
    expect((await visitor().get(paths.meeting(later.slug))).body).not.toContain('Referred by Cabinet');
    expect((await visitor().get(paths.meeting(cabinet.slug))).body).toContain('That the Audit Committee review the cost in May.');
  });

  it('tells the followers of a meeting that it is cancelled, with the reason and a link from BASE_URL', async () => {
    const meeting = await schedule(committeeId, '2026-04-20');
    const reader = visitor();
    const page = await reader.get(paths.meeting(meeting.slug));
    expect(page.body).toContain(`href="${paths.follow('meeting', meeting.id).replace(/&/g, '&amp;')}"`);
    const asked = await reader.submit(
      paths.follow('meeting', meeting.id),
      { entityType: 'meeting', entityId: String(meeting.id), email: 'resident@example.org' },
      paths.follow(),
    );
    expect(asked.statusCode).toBe(200);
    const confirmation = await db.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'resident@example.org')
      .where('kind', '=', 'follow.confirm')
      .executeTakeFirstOrThrow();
    const token = new RegExp(`${MAIL.baseUrl}/follow/confirm/([A-Za-z0-9_-]+)`).exec(confirmation.body)?.[1] ?? '';
    expect((await reader.get(paths.followConfirm(token))).statusCode).toBe(200);
    // Someone who asked but never confirmed is told nothing.
    await reader.submit(
      paths.follow('meeting', meeting.id),
      { entityType: 'meeting', entityId: String(meeting.id), email: 'unconfirmed@example.org' },
      paths.follow(),
    );

    await services.meetingWorkspace.cancelMeeting(officer, meeting.id, { reason: 'Not quorate: the chair is ill.', version: String(meeting.version) });
    await services.notifications.queueDue(MAIL);
    const told = await db.db.selectFrom('outbox').select(['recipient', 'subject', 'body']).where('kind', '=', 'meeting.cancelled').execute();
    expect(told.map((m) => m.recipient)).toEqual(['resident@example.org']);
    expect(told[0]?.subject).toBe('Cancelled: Overview and Scrutiny Committee, 20 April 2026');
    expect(told[0]?.body).toContain('Not quorate: the chair is ill.');
    expect(told[0]?.body).toContain(`${MAIL.baseUrl}${paths.meeting(meeting.slug)}`);
    expect(told[0]?.body).toContain(`${MAIL.baseUrl}/unsubscribe/`);
    // Told once: the next run queues nothing more.
    await services.notifications.queueDue(MAIL);
    expect(await db.db.selectFrom('outbox').select('id').where('kind', '=', 'meeting.cancelled').execute()).toHaveLength(1);
  });
});

describe.each(testDialects())('sign-off by a successor, and its facts in public, on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let c: LifecycleCase;
  const lifecycleClock = fixedClock('2026-06-15T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(dialect, { clock: lifecycleClock });
    services = createServices({ database: db, clock: lifecycleClock });
    app = await buildApp({ services, signInRateLimit: 1000 });
    c = await createLifecycleCase(services);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('signs a recommendation off at a meeting of the body that succeeded the committee, and refuses a loop of successors', async () => {
    const org = services.organisationWorkspace;
    const successor = await org.createBody(c.officer, { name: 'Health and Wellbeing Select Commission', kind: 'scrutiny_committee' });
    const meeting = await services.meetingWorkspace.createMeeting(c.officer, { organisationId: String(successor.id), meetingDate: '2026-06-12' });
    const item = await services.meetingWorkspace.addAgendaItem(c.officer, meeting.id, { title: 'Recommendation tracker' });
    const minute = await services.meetingWorkspace.addMinute(c.officer, meeting.id, { title: 'Hospital discharge: sign-off', agendaItemId: String(item.id) });
    const [r1] = c.recommendations as [number, number, number];
    await services.scrutinyWorkspace.recordResponse(c.officer, r1, {
      decision: 'accepted',
      responseText: 'Agreed.',
      proposedAction: 'Send letters the same day.',
      responsibleName: 'Director of Adult Care',
      actionByDate: '2026-05-31',
      respondedOn: '2026-03-25',
    });
    // Before the committee names its successor, the successor's meeting has nothing of the review to sign off.
    expect((await services.reviewLifecycle.signOffForm(c.officer, meeting.id)).candidates).toEqual([]);

    const old = (await org.body(c.officer, c.committeeId)).organisation;
    // Named on the body's workspace form.
    const clerk = await signedIn(app, 'clerk@example.org', 'a long password here');
    expect((await clerk.get(paths.admin.body(c.committeeId))).body).toContain('Succeeded by');
    const named = await clerk.submit(paths.admin.body(c.committeeId), {
      name: old.name,
      kind: old.kind,
      isActive: 'yes',
      successorId: String(successor.id),
      version: String(old.version),
    });
    expect(named.statusCode).toBe(303);
    const loop = await org
      .updateBody(c.officer, successor.id, {
        name: successor.name,
        kind: successor.kind,
        successorId: String(c.committeeId),
        version: String(successor.version),
      })
      .catch((e: unknown) => e);
    expect(loop).toBeInstanceOf(ValidationError);
    expect((loop as ValidationError).errors.map((e) => e.field)).toEqual(['successorId']);

    const bodyApi = JSON.parse((await app.inject(paths.api.item('bodies', c.committeeId))).body) as { data: { successor_id: number | null } };
    expect(bodyApi.data.successor_id).toBe(successor.id);
    const form = await services.reviewLifecycle.signOffForm(c.officer, meeting.id);
    expect(form.candidates.map((x) => x.number)).toEqual([1, 2, 3]);
    const rec = (await services.scrutinyWorkspace.recommendation(c.officer, r1)).recommendation;
    await services.reviewLifecycle.signOff(c.officer, meeting.id, {
      rows: [{ recommendationId: r1, outcome: 'achieved', minute: String(minute.id), version: String(rec.version) }],
    });
    expect((await services.tracker.tracker({})).rows.map((r) => r.number)).toEqual([2, 3]);

    // The API says when, how, where and under which minute; its OpenAPI schema describes the field.
    const api = JSON.parse((await app.inject(paths.api.item('recommendations', r1))).body) as { data: { signed_off: unknown; links: Record<string, string> } };
    expect(api.data.signed_off).toEqual({ on: '2026-06-12', outcome: 'achieved', meeting_id: meeting.id, minute_id: minute.id, minute_number: minute.number });
    expect(api.data.links.signed_off_meeting).toBe(paths.api.item('meetings', meeting.id));
    const open = JSON.parse((await app.inject(paths.api.item('recommendations', c.recommendations[1] ?? 0))).body) as { data: { signed_off: unknown } };
    expect(open.data.signed_off).toBeNull();
    expect((await app.inject('/api/v1/openapi.json')).body).toContain('signed_off');

    // The meeting's public page lists what it signed off, linked to the recommendation and the minute.
    const page = (await workspaceClient(app).get(paths.meeting(meeting.slug))).body;
    expect(page).toContain('Recommendations signed off at this meeting');
    expect(page).toContain(`href="${paths.recommendation(c.reviewSlug, 1)}">Recommendation 1 of Hospital discharge</a>: Achieved`);
    expect(page).toContain(`href="${paths.meetingMinute(meeting.slug, minute.number)}"`);
  });

  it('puts where the report was received and the response agreed in the API and on those meetings’ pages', async () => {
    const review = (await services.scrutinyWorkspace.review(c.officer, c.reviewId)).review;
    await services.reviewLifecycle.recordMeetings(c.officer, c.reviewId, {
      reportAgendaItem: String(c.councilItemId),
      responseMinute: String(c.cabinetMinuteId),
      version: String(review.version),
    });
    const api = JSON.parse((await app.inject(paths.api.item('reviews', c.reviewId))).body) as {
      data: { report_received: { meeting_id: number }; response_agreed: unknown };
    };
    expect(api.data.report_received).toMatchObject({ on: '2026-01-20', agenda_item_id: c.councilItemId });
    expect(api.data.response_agreed).toEqual({ meeting_id: c.cabinetMeetingId, minute_id: c.cabinetMinuteId });
    const council = await db.db.selectFrom('meetings').select('slug').where('id', '=', api.data.report_received.meeting_id).executeTakeFirstOrThrow();
    const councilPage = (await workspaceClient(app).get(paths.meeting(council.slug))).body;
    expect(councilPage).toContain('Reports received');
    expect(councilPage).toContain(`href="${paths.review(c.reviewSlug)}">Hospital discharge</a>`);
    const cabinet = await db.db.selectFrom('meetings').select('slug').where('id', '=', c.cabinetMeetingId).executeTakeFirstOrThrow();
    const cabinetPage = (await workspaceClient(app).get(paths.meeting(cabinet.slug))).body;
    expect(cabinetPage).toContain('Executive responses agreed');
    expect(cabinetPage).toContain(`href="${paths.reviewResponse(c.reviewSlug)}">Hospital discharge</a>`);
  });
});
