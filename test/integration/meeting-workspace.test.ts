// Meetings in the workspace on both engines: exempt items, late agendas, minute numbers, referrals that carry themselves, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { body } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('meeting workspace on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  const councillor: Actor = { userId: 99, email: 'c@example.org', name: 'C', role: 'councillor', personId: null };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    // Monday 1 December 2025: a meeting on Wednesday 3 December is too soon for the 5 clear days of rule 6.
    services = createServices({ database: db, clock: fixedClock('2025-12-01T10:00:00Z') });
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => db.destroy());

  /** Minutes a meeting as the form does: the limbs come from the form's numbered rows. */
  const addMinute = (meetingId: number, values: Record<string, string>) => services.meetingWorkspace.addMinute(officer, meetingId, values, limbRows(values));

  // Each test builds its own bodies and meetings: none depends on what another wrote, and each runs alone (`-t`).
  const scrutinyBody = async () => (await body(db, { name: 'Overview and Scrutiny', kind: 'scrutiny_committee' })).id;
  const cabinetBody = async () => (await body(db, { name: 'Cabinet', kind: 'executive' })).id;

  /** The meeting as the workspace lists it now (its version moves with each write). */
  const listed = async (meetingId: number) => {
    const found = (await services.meetingWorkspace.listMeetings(officer)).find((m) => m.id === meetingId);
    expect(found).toBeDefined();
    if (!found) throw new Error(`meeting ${meetingId} is not listed`);
    return found;
  };

  /** A meeting on Wednesday 3 December 2025, too soon for rule 6's 5 clear days, with an exempt staffing item. */
  const lateMeetingWithExemptItem = async (organisationId: number) => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, {
      organisationId: String(organisationId),
      meetingDate: '2025-12-03',
      location: 'Town Hall',
    });
    await services.meetingWorkspace.addAgendaItem(officer, meeting.id, {
      title: 'Staffing matter',
      description: 'The conduct of officer X',
      exemptParagraph: '1',
    });
    return listed(meeting.id);
  };

  /** That meeting with its agenda published (late, with the chair's reason). */
  const publishedLateMeeting = async (organisationId: number) => {
    const meeting = await lateMeetingWithExemptItem(organisationId);
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, {
      version: String(meeting.version),
      urgencyReason: 'The chair agreed: the report was delayed by the auditors.',
    });
    return listed(meeting.id);
  };

  it('refuses a councillor', async () => {
    const scrutinyId = await scrutinyBody();
    await expect(services.meetingWorkspace.createMeeting(councillor, { organisationId: String(scrutinyId), meetingDate: '2025-12-10' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('schedules a meeting and marks an exempt item with its paragraph; a paragraph outside 1–7 is refused', async () => {
    const scrutinyId = await scrutinyBody();
    const meeting = await services.meetingWorkspace.createMeeting(officer, {
      organisationId: String(scrutinyId),
      meetingDate: '2025-12-03',
      location: 'Town Hall',
    });
    await expect(services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Staffing', exemptParagraph: '8' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, {
      title: 'Staffing matter',
      description: 'The conduct of officer X',
      exemptParagraph: '1',
    });
    expect(item.exempt_paragraph).toBe(1);
    // Until the agenda is published the item is a draft: the public meeting view does not have it at all.
    expect(item.is_draft).toBe(1);
    const draftView = await services.meetings.bySlug(meeting.slug);
    expect(JSON.stringify(draftView)).not.toContain('Staffing matter');
    expect(draftView.agenda).toEqual([]);
  });

  it('asks for the urgency reason when the agenda is published late, and records it', async () => {
    const meeting = await lateMeetingWithExemptItem(await scrutinyBody());
    const error = await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.field).toBe('urgencyReason');
    const published = await services.meetingWorkspace.publishAgenda(officer, meeting.id, {
      version: String(meeting.version),
      urgencyReason: 'The chair agreed: the report was delayed by the auditors.',
    });
    expect(published).toMatchObject({ late: true, agenda_published_on: '2025-12-01' });
    const stored = await db.db
      .selectFrom('meetings')
      .select(['agenda_published_on', 'urgency_reason', 'version'])
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      agenda_published_on: '2025-12-01',
      urgency_reason: 'The chair agreed: the report was delayed by the auditors.',
      version: meeting.version + 1,
    });
    // Published, the public meeting view names the exempt item (as agendas do) but never its exempt content.
    const publicView = await services.meetings.bySlug(meeting.slug);
    expect(publicView.agenda.map((i) => i.title)).toEqual(['Staffing matter']);
    expect(JSON.stringify(publicView)).not.toContain('The conduct of officer X');
    // Publishing from a stale form is refused.
    await expect(
      services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'again' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('publishes on time without a reason', async () => {
    const scrutinyId = await scrutinyBody();
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(scrutinyId), meetingDate: '2025-12-17' });
    expect(await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version) })).toMatchObject({
      late: false,
      urgency_reason: null,
    });
  });

  it('numbers minutes per body per municipal year and refers a matter to the target body’s next meeting, which then carries it', async () => {
    const cabinetId = await cabinetBody();
    const source = await publishedLateMeeting(await scrutinyBody());
    const item = await services.meetingWorkspace.addAgendaItem(officer, source.id, { title: 'Review of housing repairs' });
    // The referral arrives before the target meeting exists: it waits for the body.
    const first = await addMinute(source.id, { title: 'Apologies' });
    const second = await addMinute(source.id, {
      title: 'Review of housing repairs',
      agendaItemId: String(item.id),
      moverName: 'Cllr A',
      seconderName: 'Cllr B',
      votesFor: '7',
      votesAgainst: '0',
      votesAbstained: '1',
      limb1Verb: 'noted',
      limb1Text: 'That the report be noted.',
      limb2Verb: 'referred',
      limb2Text: 'That the recommendations be referred to Cabinet for a response.',
      limb2TargetOrganisationId: String(cabinetId),
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.municipal_year).toBe(2025);

    const cabinet = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-01-19' });
    const page = await services.meetingWorkspace.meeting(officer, cabinet.id);
    expect(page.pending).toHaveLength(1);
    expect(page.pending[0]).toMatchObject({ limb_number: 2, limb_text: 'That the recommendations be referred to Cabinet for a response.' });
    expect(page.pending[0]?.citation).toBe('Further to Minute No. 2 of the meeting of Overview and Scrutiny held on 3 December 2025');

    const placed = await services.meetingWorkspace.addAgendaItem(officer, cabinet.id, {
      title: 'Review of housing repairs: response',
      referralId: String(page.pending[0]?.id),
    });
    const referral = await db.db.selectFrom('referrals').selectAll().where('target_organisation_id', '=', cabinetId).executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ status: 'placed', agenda_item_id: placed.id, target_meeting_id: cabinet.id, target_organisation_id: cabinetId });
    // The matter keeps one issue across both bodies.
    expect(placed.issue_id).not.toBeNull();
    const sourceItem = await db.db.selectFrom('agenda_items').select('issue_id').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(sourceItem.issue_id).toBe(placed.issue_id);
    expect((await services.meetingWorkspace.meeting(officer, cabinet.id)).pending).toHaveLength(0);
    await expect(
      services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Twice', referralId: String(page.pending[0]?.id) }),
    ).rejects.toBeInstanceOf(ConflictError);

    const resolution = await db.db.selectFrom('resolutions').selectAll().where('minute_id', '=', second.id).executeTakeFirstOrThrow();
    expect(resolution).toMatchObject({ mover_name: 'Cllr A', seconder_name: 'Cllr B', votes_for: 7, votes_against: 0, votes_abstained: 1 });
  });

  it('refuses a referring limb that names no body, and an unknown verb, saving nothing', async () => {
    const scrutinyId = await scrutinyBody();
    const created = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(scrutinyId), meetingDate: '2025-12-17' });
    await services.meetingWorkspace.publishAgenda(officer, created.id, { version: String(created.version) });
    const source = await listed(created.id);
    const before = (await db.db.selectFrom('minutes').select('id').execute()).length;
    const error = await addMinute(source.id, {
      title: 'Budget',
      limb1Verb: 'referred',
      limb1Text: 'That it be referred.',
      limb2Verb: 'shouted',
      limb2Text: 'That.',
    }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['limb1TargetOrganisationId', 'limb2Verb']);
    expect((await db.db.selectFrom('minutes').select('id').execute()).length).toBe(before);
  });

  it('records every write in the audit trail with the actor', async () => {
    const cabinetId = await cabinetBody();
    const source = await publishedLateMeeting(await scrutinyBody());
    await addMinute(source.id, {
      title: 'Review of housing repairs',
      limb1Verb: 'referred',
      limb1Text: 'That it be referred to Cabinet.',
      limb1TargetOrganisationId: String(cabinetId),
    });
    const cabinet = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-01-19' });
    const [pending] = (await services.meetingWorkspace.meeting(officer, cabinet.id)).pending;
    expect(pending).toBeDefined();
    await services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Response', referralId: String(pending?.id) });
    const events = await services.audit.since('2025-01-01');
    const mine = events.filter((e) => e.actor === `user:${officer.userId} dso@example.org`);
    expect(new Set(mine.map((e) => `${e.action} ${e.entityType}`))).toEqual(
      new Set([
        'create meeting',
        'create agenda_item',
        'publish_agenda meeting',
        'create minute',
        'held meeting',
        'create referral',
        'update referral',
        'placed referral',
      ]),
    );
  });
});
