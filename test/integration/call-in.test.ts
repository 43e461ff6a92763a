// A call-in of an executive decision on both engines: lodged by the councillors' notice, refused by each rule, checked, heard by scrutiny, referred back and reconsidered, every step audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const officer: Actor = { userId: 1, email: 'officer@example.org', name: 'Olive Officer', role: 'democratic_services', personId: null };
const viewer: Actor = { ...officer, userId: 2, role: 'viewer' as Actor['role'] };
const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors.map((e) => ({ field: e.field, message: e.message }));
};

describe.each(testDialects())('call-in on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let resolutionId: number;
  let councillorIds: number[];
  let scrutinyMeetingId: number;
  let laterMeetingId: number;
  let cabinetId: number;
  let cabinetMeetingId: number;

  // The decision is published on Thu 5 March 2026; five working days end on Thu 12 March.
  const notice = (ids: number[], receivedOn = '2026-03-05') => ({
    'receivedOn-day': receivedOn.slice(8),
    'receivedOn-month': receivedOn.slice(5, 7),
    'receivedOn-year': receivedOn.slice(0, 4),
    grounds: 'The decision was taken without consulting the families affected.',
    ...Object.fromEntries(ids.map((id) => [`councillor-${id}`, '1'])),
  });
  const version = async (id: number) => String((await services.callIns.callIn(officer, id)).callIn.version);

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-03-05T10:00:00Z') });
    const cabinet = await make.body(db, { name: 'Cabinet', kind: 'executive' });
    const scrutiny = await make.body(db, { name: 'Overview and Scrutiny Management Board', kind: 'scrutiny_committee' });
    const council = await make.body(db, { name: 'Council', kind: 'full_council' });
    councillorIds = [];
    for (const name of ['Councillor Ash', 'Councillor Birch', 'Councillor Cedar', 'Councillor Elm', 'Councillor Fir', 'Councillor Hazel']) {
      const p = await make.person(db, { name });
      await make.membership(db, { person_id: p.id, organisation_id: name === 'Councillor Hazel' ? council.id : scrutiny.id });
      councillorIds.push(p.id);
    }
    const officerPerson = await make.person(db, { name: 'Olive Officer', kind: 'officer' });
    await make.membership(db, { person_id: officerPerson.id, organisation_id: scrutiny.id, role: 'officer' });
    const cabinetMeeting = await make.meeting(db, { organisation_id: cabinet.id, meeting_date: '2026-03-02', is_executive: 1, status: 'scheduled' });
    cabinetId = cabinet.id;
    cabinetMeetingId = cabinetMeeting.id;
    scrutinyMeetingId = (await make.meeting(db, { organisation_id: scrutiny.id, meeting_date: '2026-03-12', status: 'scheduled' })).id;
    laterMeetingId = (await make.meeting(db, { organisation_id: scrutiny.id, meeting_date: '2026-04-30', status: 'scheduled' })).id;
    await services.meetingWorkspace.addMinute(
      officer,
      cabinetMeeting.id,
      { title: 'Closure of Riverside Library' },
      { limbs: [{ verb: 'approved', text: 'That Riverside Library close on 1 June 2026.', targetOrganisationId: null, targetMeetingId: null }], errors: [] },
    );
    const [minute] = await db.db.selectFrom('minutes').select('id').where('meeting_id', '=', cabinetMeeting.id).execute();
    const resolution = await db.db
      .selectFrom('resolutions')
      .selectAll()
      .where('minute_id', '=', minute?.id ?? 0)
      .executeTakeFirstOrThrow();
    resolutionId = resolution.id;
    expect(resolution).toMatchObject({ is_executive_decision: 1, published_on: '2026-03-05' });
  });
  afterAll(async () => db?.destroy());

  it('offers the councillors and shows the window: ends 12 March, implementable from 13 March 2026', async () => {
    const form = await services.callIns.lodgingForm(officer, resolutionId);
    expect(form.window).toEqual({ opensAfter: '2026-03-05', windowEnds: '2026-03-12', implementableFrom: '2026-03-13' });
    expect(form.councillors.map((c) => c.name)).toEqual([
      'Councillor Ash',
      'Councillor Birch',
      'Councillor Cedar',
      'Councillor Elm',
      'Councillor Fir',
      'Councillor Hazel',
    ]);
    expect(form.rules.councillorsRequired).toBe(5);
  });

  it('refuses a notice from too few councillors, from outside the window, or not from the list, naming the field and writing nothing', async () => {
    expect(await refusalOf(services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(0, 4))))).toEqual([
      { field: 'councillors', message: 'A call-in needs 5 councillors under the council’s rules; this notice has 4' },
    ]);
    // Clocks are fixed: a notice dated before publication stands for one lodged outside the window.
    expect((await refusalOf(services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(0, 5), '2026-03-04'))))[0]?.field).toBe('receivedOn');
    expect(await refusalOf(services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(0, 5), '2026-03-20')))).toEqual([
      { field: 'receivedOn', message: 'The date the notice was received must be today or in the past' },
    ]);
    expect(await refusalOf(services.callIns.lodge(officer, resolutionId, notice([...councillorIds.slice(0, 4), 999_999])))).toEqual([
      { field: 'councillors', message: 'Choose the councillors from the list' },
    ]);
    await expect(services.callIns.lodge(viewer, resolutionId, notice(councillorIds.slice(0, 5)))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await services.callIns.forResolutions([resolutionId])).toEqual([]);
  });

  it('refuses councillors outside scrutiny where the council’s rules allow only its members', async () => {
    await services.settings.set('call-in.who', 'scrutiny_members');
    try {
      const refusals = await refusalOf(services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(1, 6))));
      expect(refusals).toEqual([{ field: 'councillors', message: expect.stringContaining('not a member: Councillor Hazel') as string }]);
    } finally {
      await services.settings.reset('call-in.who');
    }
  });

  it('lodges a valid notice, refuses a second, and holds the decision once the proper officer accepts it', async () => {
    const created = await services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(1, 6)));
    expect(created).toMatchObject({ status: 'lodged', received_on: '2026-03-05' });
    expect(await refusalOf(services.callIns.lodge(officer, resolutionId, notice(councillorIds.slice(0, 5))))).toEqual([
      { field: 'decision', message: 'This decision has already been called in, and a decision may be called in only once' },
    ]);
    const [shown] = await services.callIns.forResolutions([resolutionId]);
    expect(shown?.councillors.map((c) => c.name)).toEqual(['Councillor Birch', 'Councillor Cedar', 'Councillor Elm', 'Councillor Fir', 'Councillor Hazel']);
    expect(shown?.effect.held).toBe(false);

    const noReason = await refusalOf(services.callIns.check(officer, created.id, { verdict: 'accepted', reason: ' ', version: await version(created.id) }));
    expect(noReason.map((e) => e.field)).toEqual(['reason']);
    await expect(services.callIns.check(officer, created.id, { verdict: 'accepted', reason: 'Valid', version: '99' })).rejects.toBeInstanceOf(ConflictError);
    await services.callIns.check(officer, created.id, {
      verdict: 'accepted',
      reason: 'The notice is valid under rule 16.',
      version: await version(created.id),
    });
    const accepted = (await services.callIns.callIn(officer, created.id)).callIn;
    // Ten working days from 5 March 2026.
    expect(accepted).toMatchObject({ status: 'accepted', checked_on: '2026-03-05', hearing_by: '2026-03-19' });
    expect(accepted.effect.held).toBe(true);
  });

  it('puts the call-in on a scrutiny agenda within the time, refusing a later meeting that is not the next', async () => {
    const [callIn] = await services.callIns.forResolutions([resolutionId]);
    const id = callIn?.id ?? 0;
    expect(await refusalOf(services.callIns.scheduleHearing(officer, id, { meetingId: String(laterMeetingId), version: await version(id) }))).toEqual([
      { field: 'meetingId', message: expect.stringContaining('Choose the committee’s next meeting or a meeting by 19 March 2026') as string },
    ]);
    await services.callIns.scheduleHearing(officer, id, { meetingId: String(scrutinyMeetingId), version: await version(id) });
    const items = await db.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', scrutinyMeetingId).execute();
    expect(items.map((i) => i.title)).toEqual(['Call-in: Closure of Riverside Library']);
    expect((await services.callIns.callIn(officer, id)).callIn).toMatchObject({ hearing_meeting_id: scrutinyMeetingId, hearing_agenda_item_id: items[0]?.id });
  });

  it('records the referral back with recommendations, then the reconsideration that closes it; each step audited', async () => {
    const [callIn] = await services.callIns.forResolutions([resolutionId]);
    const id = callIn?.id ?? 0;
    expect(
      (await refusalOf(services.callIns.recordOutcome(officer, id, { outcome: 'referred_back', outcomeText: '', version: await version(id) }))).map(
        (e) => e.field,
      ),
    ).toEqual(['outcomeText']);
    await services.callIns.recordOutcome(officer, id, {
      outcome: 'referred_back',
      outcomeText: 'Consult the families before deciding.',
      version: await version(id),
    });
    expect((await services.callIns.callIn(officer, id)).callIn).toMatchObject({ status: 'heard', outcome_on: '2026-03-05', reconsider_by: '2026-03-12' });
    await services.callIns.recordReconsideration(officer, id, {
      reconsideration: 'modified',
      reasons: 'Closure deferred to 2027 after consultation.',
      version: await version(id),
    });
    const closed = (await services.callIns.callIn(officer, id)).callIn;
    expect(closed).toMatchObject({ status: 'closed', reconsideration: 'modified', reconsidered_on: '2026-03-05' });
    expect(closed.effect.held).toBe(false);
    const actions = await db.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'call_in').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['lodge', 'accept', 'schedule_hearing', 'outcome', 'reconsider']);
    expect((await services.callIns.published()).map((c) => c.title)).toEqual(['Cabinet, Minute 1: Closure of Riverside Library']);
  });

  /** Minutes a Cabinet decision on an item (taking a forward-plan entry when given) and returns its resolution. */
  async function decide(title: string, input: Record<string, string>, entry?: { notice_route: string; is_key_decision: number }) {
    const fp = entry ? await make.forwardPlanEntry(db, { organisation_id: cabinetId, ...entry }) : null;
    const item = await make.agendaItem(db, { meeting_id: cabinetMeetingId, title, forward_plan_entry_id: fp?.id ?? null });
    const minute = await services.meetingWorkspace.addMinute(
      officer,
      cabinetMeetingId,
      { title, agendaItemId: String(item.id), ...input },
      { limbs: [{ verb: 'approved', text: `That ${title} be approved.`, targetOrganisationId: null, targetMeetingId: null }], errors: [] },
    );
    return db.db.selectFrom('resolutions').selectAll().where('minute_id', '=', minute.id).executeTakeFirstOrThrow();
  }

  it('marks a decision taken as urgent from the minute form, and refuses its call-in naming the rule', async () => {
    const urgent = await decide('Emergency repairs to the Civic Centre roof', { isUrgent: 'yes' });
    expect(urgent).toMatchObject({ is_urgent: 1, is_key_decision: 0 });
    expect(await refusalOf(services.callIns.lodge(officer, urgent.id, notice(councillorIds.slice(0, 5))))).toEqual([
      { field: 'decision', message: 'This decision was taken as urgent, and the council’s rules exclude urgent decisions from call-in' },
    ]);
  });

  it('takes the key decision and special urgency from the forward-plan entry the item takes', async () => {
    expect(await decide('New leisure centre contract', {}, { notice_route: 'notice', is_key_decision: 1 })).toMatchObject({ is_urgent: 0, is_key_decision: 1 });
    expect(await decide('Flood relief grants', {}, { notice_route: 'special_urgency', is_key_decision: 1 })).toMatchObject({
      is_urgent: 1,
      is_key_decision: 1,
    });
  });
});
