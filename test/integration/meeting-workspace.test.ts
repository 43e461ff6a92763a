// Meetings in the workspace on both engines: exempt items, late agendas, minute numbers, referrals that carry themselves, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('meeting workspace on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let scrutinyId: number;
  let cabinetId: number;
  const councillor: Actor = { userId: 99, email: 'c@example.org', name: 'C', role: 'councillor', personId: null };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    // Monday 1 December 2025: a meeting on Wednesday 3 December is too soon for the 5 clear days of rule 6.
    services = createServices({ database: db, clock: fixedClock('2025-12-01T10:00:00Z') });
    const now = '2025-11-01T00:00:00Z';
    const [s, c] = await Promise.all([
      db.db.insertInto('organisations').values({ slug: 'scrutiny', name: 'Overview and Scrutiny', kind: 'scrutiny_committee', created_at: now, updated_at: now, source_system: null, source_id: null, parent_id: null, description: null, category: null }).returning('id').executeTakeFirstOrThrow(),
      db.db.insertInto('organisations').values({ slug: 'cabinet', name: 'Cabinet', kind: 'executive', created_at: now, updated_at: now, source_system: null, source_id: null, parent_id: null, description: null, category: null }).returning('id').executeTakeFirstOrThrow(),
    ]);
    scrutinyId = s.id;
    cabinetId = c.id;
    const user = await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dem Services', role: 'democratic_services', password: 'a long password here' });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => db.destroy());

  /** Minutes a meeting as the form does: the limbs come from the form's numbered rows. */
  const addMinute = (meetingId: number, values: Record<string, string>) => services.meetingWorkspace.addMinute(officer, meetingId, values, limbRows(values));

  it('refuses a councillor', async () => {
    await expect(services.meetingWorkspace.createMeeting(councillor, { organisationId: String(scrutinyId), meetingDate: '2025-12-10' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('schedules a meeting and marks an exempt item with its paragraph; a paragraph outside 1–7 is refused', async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(scrutinyId), meetingDate: '2025-12-03', location: 'Town Hall' });
    await expect(services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Staffing', exemptParagraph: '8' })).rejects.toBeInstanceOf(ValidationError);
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Staffing matter', description: 'The conduct of officer X', exemptParagraph: '1' });
    expect(item.exempt_paragraph).toBe(1);
    // Until the agenda is published the item is a draft: the public meeting view does not have it at all.
    expect(item.is_draft).toBe(1);
    const draftView = await services.meetings.bySlug(meeting.slug);
    expect(JSON.stringify(draftView)).not.toContain('Staffing matter');
    expect(draftView.agenda).toEqual([]);
  });

  it('asks for the urgency reason when the agenda is published late, and records it', async () => {
    const meeting = (await services.meetingWorkspace.listMeetings(officer)).find((m) => m.meeting_date === '2025-12-03')!;
    const error = await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]?.field).toBe('urgencyReason');
    const published = await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'The chair agreed: the report was delayed by the auditors.' });
    expect(published).toMatchObject({ late: true, agenda_published_on: '2025-12-01' });
    const stored = await db.db.selectFrom('meetings').select(['agenda_published_on', 'urgency_reason', 'version']).where('id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ agenda_published_on: '2025-12-01', urgency_reason: 'The chair agreed: the report was delayed by the auditors.', version: meeting.version + 1 });
    // Published, the public meeting view names the exempt item (as agendas do) but never its exempt content.
    const publicView = await services.meetings.bySlug(meeting.slug);
    expect(publicView.agenda.map((i) => i.title)).toEqual(['Staffing matter']);
    expect(JSON.stringify(publicView)).not.toContain('The conduct of officer X');
    // Publishing from a stale form is refused.
    await expect(services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'again' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('publishes on time without a reason', async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(scrutinyId), meetingDate: '2025-12-17' });
    expect(await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version) })).toMatchObject({ late: false, urgency_reason: null });
  });

  it('numbers minutes per body per municipal year and refers a matter to the target body’s next meeting, which then carries it', async () => {
    const source = (await services.meetingWorkspace.listMeetings(officer)).find((m) => m.meeting_date === '2025-12-03')!;
    const item = await services.meetingWorkspace.addAgendaItem(officer, source.id, { title: 'Review of housing repairs' });
    // The referral arrives before the target meeting exists: it waits for the body.
    const first = await addMinute(source.id, { title: 'Apologies' });
    const second = await addMinute(source.id, {
      title: 'Review of housing repairs', agendaItemId: String(item.id), moverName: 'Cllr A', seconderName: 'Cllr B', votesFor: '7', votesAgainst: '0', votesAbstained: '1',
      limb1Verb: 'noted', limb1Text: 'That the report be noted.',
      limb2Verb: 'referred', limb2Text: 'That the recommendations be referred to Cabinet for a response.', limb2TargetOrganisationId: String(cabinetId),
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.municipal_year).toBe(2025);

    const cabinet = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-01-19' });
    const page = await services.meetingWorkspace.meeting(officer, cabinet.id);
    expect(page.pending).toHaveLength(1);
    expect(page.pending[0]).toMatchObject({ limb_number: 2, limb_text: 'That the recommendations be referred to Cabinet for a response.' });
    expect(page.pending[0]?.citation).toBe('Further to Minute No. 2 of the meeting of Overview and Scrutiny held on 3 December 2025');

    const placed = await services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Review of housing repairs: response', referralId: String(page.pending[0]!.id) });
    const referral = await db.db.selectFrom('referrals').selectAll().executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ status: 'placed', agenda_item_id: placed.id, target_meeting_id: cabinet.id, target_organisation_id: cabinetId });
    // The matter keeps one issue across both bodies.
    expect(placed.issue_id).not.toBeNull();
    const sourceItem = await db.db.selectFrom('agenda_items').select('issue_id').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(sourceItem.issue_id).toBe(placed.issue_id);
    expect((await services.meetingWorkspace.meeting(officer, cabinet.id)).pending).toHaveLength(0);
    await expect(services.meetingWorkspace.addAgendaItem(officer, cabinet.id, { title: 'Twice', referralId: String(page.pending[0]!.id) })).rejects.toBeInstanceOf(ConflictError);

    const resolution = await db.db.selectFrom('resolutions').selectAll().where('minute_id', '=', second.id).executeTakeFirstOrThrow();
    expect(resolution).toMatchObject({ mover_name: 'Cllr A', seconder_name: 'Cllr B', votes_for: 7, votes_against: 0, votes_abstained: 1 });
  });

  it('refuses a referring limb that names no body, and an unknown verb, saving nothing', async () => {
    const source = (await services.meetingWorkspace.listMeetings(officer)).find((m) => m.meeting_date === '2025-12-17')!;
    const before = (await db.db.selectFrom('minutes').select('id').execute()).length;
    const error = await addMinute(source.id, {
      title: 'Budget', limb1Verb: 'referred', limb1Text: 'That it be referred.', limb2Verb: 'shouted', limb2Text: 'That.',
    }).catch((e: unknown) => e);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['limb1TargetOrganisationId', 'limb2Verb']);
    expect((await db.db.selectFrom('minutes').select('id').execute()).length).toBe(before);
  });

  it('records every write in the audit trail with the actor', async () => {
    const events = await services.audit.since('2025-01-01');
    const mine = events.filter((e) => e.actor === `user:${officer.userId} dso@example.org`);
    expect(new Set(mine.map((e) => `${e.action} ${e.entityType}`))).toEqual(new Set([
      'create meeting', 'create agenda_item', 'publish_agenda meeting', 'create minute', 'held meeting', 'create referral', 'update referral', 'placed referral',
    ]));
  });
});
