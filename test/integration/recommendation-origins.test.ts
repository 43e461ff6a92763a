// Every recommendation tracked on both engines: a committee meeting's minute that recommends to Cabinet, and a Council motion asking an officer to act, get an origin and a reference per municipal year, and go through response, progress and sign-off; one minuted on exempt business is never public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('recommendations of meetings and motions on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let scrutinyId: number;
  let cabinetId: number;
  let councilId: number;

  /** Minutes an item of a new meeting of the body, with the given limb rows, as the workspace form posts them. */
  async function minute(bodyId: number, meetingDate: string, limbs: Record<string, string>, item: { exemptParagraph?: string } = {}) {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(bodyId), meetingDate });
    const agendaItem = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Home care', description: 'Home care market', ...item });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'Recorded after the meeting' });
    const form = { title: 'Home care market', agendaItemId: String(agendaItem.id), ...limbs };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
    return meeting;
  }

  const trackedRecommendations = () =>
    db.db.selectFrom('recommendations').selectAll().where('review_id', 'is', null).orderBy('municipal_year').orderBy('year_sequence').execute();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-03-20T10:00:00Z') });
    scrutinyId = (await make.body(db, { slug: 'health-select', name: 'Health Select Commission', kind: 'scrutiny_committee' })).id;
    cabinetId = (await make.body(db, { slug: 'cabinet', name: 'Cabinet', kind: 'executive' })).id;
    councilId = (await make.body(db, { slug: 'council', name: 'Council', kind: 'full_council' })).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => db.destroy());

  it('tracks a committee minute that recommends to Cabinet, with its origin and the reference of its municipal year', async () => {
    await minute(scrutinyId, '2026-01-14', {
      limb1Verb: 'noted',
      limb1Text: 'That the report be noted.',
      limb2Verb: 'recommended',
      limb2Text: 'That Cabinet commission an independent review of home care rates.',
      limb2TargetOrganisationId: String(cabinetId),
    });
    const [rec] = await trackedRecommendations();
    expect(rec).toMatchObject({
      origin_kind: 'meeting',
      review_id: null,
      number: 2,
      status: 'awaiting_response',
      made_on: '2026-01-14',
      organisation_id: scrutinyId,
      target_organisation_id: cabinetId,
      municipal_year: 2025,
      year_sequence: 1,
    });
    const tracker = await services.tracker.tracker({ origin: 'meeting' });
    expect(tracker.rows.map((r) => [r.reference, r.originLabel, r.addressee, r.committeeName, r.reviewSlug])).toEqual([
      ['2025/26-001', 'Committee meeting', 'Cabinet', 'Health Select Commission', null],
    ]);
    expect((await services.tracker.tracker({ origin: 'review' })).rows).toEqual([]);
    // RULES.md rule 1: two months beginning with the meeting of 14 January 2026 end on 13 March 2026; on 20 March it is late.
    const due = await services.tracker.dueReport({ days: 30 });
    expect(due.overdue.filter((i) => i.kind === 'response').map((i) => [i.dueOn, i.days, i.what])).toEqual([
      ['2026-03-13', 7, 'Response to recommendation 2025/26-001'],
    ]);
  });

  it('numbers a Council motion asking an officer to act next in the year, and a new municipal year from one', async () => {
    await minute(councilId, '2026-02-25', { limb1Verb: 'agreed', limb1Text: 'That the Chief Executive report on home care rates.', limb1Track: 'yes' });
    await minute(scrutinyId, '2026-05-20', {
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet publish the rates.',
      limb1TargetOrganisationId: String(cabinetId),
    });
    const refs = (await services.tracker.tracker()).rows.map((r) => [r.reference, r.origin]);
    expect(refs).toEqual([
      ['2025/26-001', 'meeting'],
      ['2025/26-002', 'motion'],
      ['2026/27-001', 'meeting'],
    ]);
  });

  it('takes the executive response on the one form, then progress, and the committee that made it signs it off', async () => {
    const [rec] = await trackedRecommendations();
    if (!rec) throw new Error('no tracked recommendation');
    const cabinetMeeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-02-16' });
    await services.scrutinyWorkspace.recordResponse(officer, rec.id, {
      decision: 'accepted',
      responseText: 'Cabinet agreed to commission the review.',
      proposedAction: 'Commission the review',
      responsibleName: 'Strategic Director of Adult Care',
      actionByDate: '2026-09-30',
      agreedMeeting: cabinetMeeting.slug,
    });
    await services.scrutinyWorkspace.addProgress(officer, rec.id, { updateDate: '2026-03-10', status: 'achieved', narrative: 'The review was commissioned.' });
    const row = (await services.tracker.tracker({ origin: 'meeting' })).rows.find((r) => r.id === rec.id);
    expect(row).toMatchObject({ decisionLabel: 'Accepted', latestStatus: 'achieved', targetDate: '2026-09-30' });
    expect((await services.tracker.dueReport({ days: 30 })).overdue.filter((i) => i.recommendationId === rec.id)).toEqual([]);

    const signing = await minute(scrutinyId, '2026-03-18', { limb1Verb: 'agreed', limb1Text: 'That recommendation 2025/26-001 be signed off.' });
    const form = await services.reviewLifecycle.signOffForm(officer, signing.id);
    expect(form.candidates.map((c) => c.id)).toContain(rec.id);
    const [signingMinute] = form.minutes;
    const done = await services.reviewLifecycle.signOff(officer, signing.id, {
      rows: [
        {
          recommendationId: rec.id,
          outcome: 'achieved',
          minute: String(signingMinute?.id),
          version: String(form.candidates.find((c) => c.id === rec.id)?.version),
        },
      ],
    });
    expect(done.map((d) => d.name)).toEqual(['Recommendation 2025/26-001']);
    expect((await services.tracker.tracker({ origin: 'meeting' })).rows.map((r) => r.reference)).toEqual(['2026/27-001']);
    const audit = await db.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'recommendation').where('entity_id', '=', rec.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'response.recorded', 'progress.added', 'recommendation.signed_off']));
  });

  it('keeps a recommendation minuted on exempt business off the tracker', async () => {
    await minute(
      scrutinyId,
      '2026-03-04',
      { limb1Verb: 'recommended', limb1Text: 'That Cabinet renegotiate the contract with Provider X.', limb1TargetOrganisationId: String(cabinetId) },
      { exemptParagraph: '3' },
    );
    const all = await trackedRecommendations();
    expect(all.some((r) => r.text.includes('Provider X'))).toBe(true);
    const csvRows = (await services.tracker.tracker()).rows;
    expect(csvRows.some((r) => r.text.includes('Provider X'))).toBe(false);
  });
});
