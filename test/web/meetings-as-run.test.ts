// Meetings as they really run, from an empty database through the workspace forms in-process: the date input, drafts until publication, rescheduling and cancelling under a version check, held meetings, every minute on the public page, and referrals only to a later meeting of the body named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import * as factories from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

describe.each(testDialects())('meetings as run on %s', (dialect) => {
  let app: FastifyInstance;
  let services: Services;
  let database: TestDb;
  let officer: WorkspaceClient;
  let cabinetId: number;
  let committeeId: number;

  const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };

  /** The meeting id a "schedule" or "save" redirect names. */
  const idIn = (location: unknown) => Number(/\/admin\/meetings\/(\d+)/.exec(String(location))?.[1]);

  async function schedule(organisationId: number, day: string, month: string, year: string, extra: Record<string, string> = {}) {
    const response = await officer.submit(paths.admin.newMeeting(), {
      organisationId: String(organisationId),
      'meetingDate-day': day,
      'meetingDate-month': month,
      'meetingDate-year': year,
      ...extra,
    });
    expect(response.statusCode).toBe(303);
    const id = idIn(response.headers.location);
    const meeting = await database.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return meeting;
  }

  beforeAll(async () => {
    database = await createTestDb(dialect);
    // Monday 2 March 2026.
    services = createServices({ database, clock: fixedClock('2026-03-02T10:00:00Z') });
    app = await buildApp({ services, signInRateLimit: 1000 });
    await services.auth.addUser('system', { ...OFFICER, name: 'Dee Ess', role: 'democratic_services' });
    await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lee Dofficer', role: 'lead_officer', password: 'lead officer password' });
    const org = (slug: string, name: string, kind: string) => factories.body(database, { slug, name, kind });
    cabinetId = (await org('cabinet', 'Cabinet', 'executive')).id;
    committeeId = (await org('scrutiny', 'Overview and Scrutiny Committee', 'scrutiny_committee')).id;
    officer = await signedIn(app, OFFICER.email, OFFICER.password);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  describe('scheduling with the date input', () => {
    it('takes the day, month and year, and says so in a success banner', async () => {
      const meeting = await schedule(cabinetId, '16', '3', '2026', { startTime: '10:00', location: 'Town Hall' });
      expect(meeting).toMatchObject({ meeting_date: '2026-03-16', start_time: '10:00', status: 'scheduled' });
      // The success banner opens the page the save led to (it was set with the redirect).
      const page = await officer.get(paths.admin.meeting(meeting.id));
      expect(page.body).toContain('govuk-notification-banner--success');
      expect(page.body).toContain('Meeting scheduled');
    });

    it('refuses a date without its month or a date that does not exist, naming the part, keeping what was typed', async () => {
      const missing = await officer.submit(paths.admin.newMeeting(), {
        organisationId: String(cabinetId),
        'meetingDate-day': '16',
        'meetingDate-month': '',
        'meetingDate-year': '2026',
        location: 'Room 3',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('The date of the meeting must include a month');
      expect(missing.body).toContain('href="#meetingDate-month"');
      expect(missing.body).toContain('value="Room 3"');
      const unreal = await officer.submit(paths.admin.newMeeting(), {
        organisationId: String(cabinetId),
        'meetingDate-day': '30',
        'meetingDate-month': '2',
        'meetingDate-year': '2026',
      });
      expect(unreal.statusCode).toBe(400);
      expect(unreal.body).toContain('The date of the meeting must be a real date');
      expect(unreal.body).toContain('value="30"');
    });
  });

  describe('drafts until the agenda is published', () => {
    it('keeps items off the public page, API, calendar feed and search until publication, and marks them Draft for officers', async () => {
      const meeting = await schedule(committeeId, '30', '3', '2026');
      const added = await officer.submit(paths.admin.newAgendaItem(meeting.id), { title: 'Quokka parking review' });
      expect(added.statusCode).toBe(303);
      const visitor = workspaceClient(app);
      expect((await visitor.get(paths.meeting(meeting.slug))).body).not.toContain('Quokka parking review');
      expect((await visitor.get(paths.api.item('meetings', meeting.id))).body).not.toContain('Quokka');
      expect((await visitor.get(paths.search({ q: 'quokka' }))).body).not.toContain('Quokka parking review');
      const workspacePage = await officer.get(paths.admin.meeting(meeting.id));
      expect(workspacePage.body).toMatch(/Quokka parking review\s*<strong class="govuk-tag govuk-tag--yellow">\s*Draft/);

      const fresh = await database.db.selectFrom('meetings').select('version').where('id', '=', meeting.id).executeTakeFirstOrThrow();
      const published = await officer.post(paths.admin.publishAgenda(meeting.id), { _csrf: csrfTokenIn(workspacePage.body), version: String(fresh.version) });
      expect(published.statusCode).toBe(303);
      expect((await visitor.get(paths.meeting(meeting.slug))).body).toContain('Quokka parking review');
      expect((await visitor.get(paths.search({ q: 'quokka' }))).body).toContain('Quokka parking review');
      expect((await officer.get(paths.admin.meeting(meeting.id))).body).not.toMatch(/Quokka parking review\s*<strong class="govuk-tag govuk-tag--yellow">/);
    });
  });

  describe('rescheduling and cancelling', () => {
    it('reschedules a meeting, refuses a stale save with both versions (409), a bad date (400), a lead officer (403) and a missing meeting (404)', async () => {
      const meeting = await schedule(cabinetId, '20', '4', '2026', { location: 'Town Hall' });
      const form = await officer.get(paths.admin.editMeeting(meeting.id));
      expect(form.body).toContain('name="meetingDate-day"');
      const moved = await officer.post(paths.admin.editMeeting(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        version: String(meeting.version),
        'meetingDate-day': '27',
        'meetingDate-month': '4',
        'meetingDate-year': '2026',
        startTime: '14:00',
        location: 'Council Chamber',
      });
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toBe(paths.admin.meeting(meeting.id));
      const after = await database.db.selectFrom('meetings').selectAll().where('id', '=', meeting.id).executeTakeFirstOrThrow();
      expect(after).toMatchObject({ meeting_date: '2026-04-27', start_time: '14:00', location: 'Council Chamber', slug: meeting.slug });
      const audit = await database.db
        .selectFrom('audit_events')
        .select(['action'])
        .where('entity_type', '=', 'meeting')
        .where('entity_id', '=', meeting.id)
        .execute();
      expect(audit.map((a) => a.action)).toContain('reschedule');

      const stale = await officer.post(paths.admin.editMeeting(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        version: String(meeting.version),
        'meetingDate-day': '28',
        'meetingDate-month': '4',
        'meetingDate-year': '2026',
        location: 'Old room',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('The version saved by someone else');
      expect(stale.body).toContain('Council Chamber');
      expect(stale.body).toContain('value="Old room"');

      const bad = await officer.post(paths.admin.editMeeting(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        version: String(after.version),
        'meetingDate-day': '31',
        'meetingDate-month': '4',
        'meetingDate-year': '2026',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('The date of the meeting must be a real date');

      const lead = await signedIn(app, 'lead@example.org', 'lead officer password');
      expect((await lead.get(paths.admin.editMeeting(meeting.id))).statusCode).toBe(403);
      expect((await lead.get(paths.admin.cancelMeeting(meeting.id))).statusCode).toBe(403);
      expect((await officer.get(paths.admin.editMeeting(999999))).statusCode).toBe(404);
      expect((await officer.get(paths.admin.cancelMeeting(999999))).statusCode).toBe(404);
    });

    it('cancels a meeting with its reason: a public banner, "Cancelled" in the list and STATUS:CANCELLED in iCalendar', async () => {
      const meeting = await schedule(committeeId, '11', '5', '2026');
      const form = await officer.get(paths.admin.cancelMeeting(meeting.id));
      const blank = await officer.post(paths.admin.cancelMeeting(meeting.id), { _csrf: csrfTokenIn(form.body), version: String(meeting.version), reason: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('Enter why the meeting is cancelled');
      const cancelled = await officer.post(paths.admin.cancelMeeting(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        version: String(meeting.version),
        reason: 'Not quorate: too few members could attend.',
      });
      expect(cancelled.statusCode).toBe(303);
      const visitor = workspaceClient(app);
      const page = await visitor.get(paths.meeting(meeting.slug));
      expect(page.body).toContain('This meeting is cancelled');
      expect(page.body).toContain('Not quorate: too few members could attend.');
      const ics = (await visitor.get(paths.meetingsCalendar())).body.replace(/\r\n /g, '');
      const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`meeting-${meeting.id}@`)) ?? '';
      expect(event).toContain('STATUS:CANCELLED');
      // A stale second cancel is a conflict, not a second change.
      const again = await officer.post(paths.admin.cancelMeeting(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        version: String(meeting.version),
        reason: 'Again',
      });
      expect(again.statusCode).toBe(409);
      // The refusal shows the meeting as it is now beside the reason as typed, under the same heading.
      expect(again.body).toContain('The meeting as saved by someone else');
      expect(again.body).toContain('govuk-error-summary');
      expect(again.body).toMatch(/<title>Error: Cancel the meeting/);
      expect(again.body).toContain('<h1 class="govuk-heading-l">Cancel the meeting</h1>');
      expect(again.body).toMatch(/<textarea[^>]*name="reason"[^>]*>Again<\/textarea>/);
    });
  });

  describe('minutes and referrals', () => {
    it('shows a minuted meeting as held, every minute of an item with mover, seconder and votes, and the referral on the target meeting linked to its minute', async () => {
      const auditId = (await factories.body(database, { slug: 'audit', name: 'Audit Committee', kind: 'committee' })).id;
      const cabinet = await schedule(cabinetId, '9', '3', '2026');
      const later = await schedule(auditId, '8', '6', '2026');
      const earlier = await schedule(auditId, '3', '3', '2026');
      const other = await schedule(cabinetId, '15', '6', '2026', { startTime: '18:00' });
      const itemResponse = await officer.submit(paths.admin.newAgendaItem(cabinet.id), { title: 'Library opening hours' });
      expect(itemResponse.statusCode).toBe(303);
      const item = await database.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', cabinet.id).executeTakeFirstOrThrow();
      const workspacePage = await officer.get(paths.admin.meeting(cabinet.id));
      const published = await officer.post(paths.admin.publishAgenda(cabinet.id), {
        _csrf: csrfTokenIn(workspacePage.body),
        version: String(cabinet.version),
        urgencyReason: 'The report was late.',
      });
      expect(published.statusCode).toBe(303);
      const minute = (fields: Record<string, string>) => officer.submit(paths.admin.newMinute(cabinet.id), { agendaItemId: String(item.id), ...fields });

      // A referral to another body's meeting, or to a meeting before this one, is refused on the form.
      const wrongBody = await minute({
        title: 'Libraries',
        limb1Verb: 'referred',
        limb1Text: 'That it be referred.',
        limb1TargetOrganisationId: String(auditId),
        limb1TargetMeetingId: String(other.id),
      });
      expect(wrongBody.statusCode).toBe(400);
      expect(wrongBody.body).toContain('Choose a meeting of the body limb (1) names');
      // The meetings to refer to are named as people read dates, never as stored ('2026-06-15'), and the choice made stays chosen.
      expect(wrongBody.body).toContain(`<option value="${other.id}" selected>Cabinet, Monday 15 June 2026, 6pm</option>`);
      expect(wrongBody.body).toContain(`<option value="${later.id}">Audit Committee, Monday 8 June 2026</option>`);
      expect(wrongBody.body).not.toMatch(/<option[^>]*>[^<]*\d{4}-\d{2}-\d{2}/);
      const past = await minute({ title: 'Libraries', limb1Verb: 'referred', limb1Text: 'That it be referred.', limb1TargetMeetingId: String(earlier.id) });
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('after this one');
      expect(await database.db.selectFrom('minutes').select('id').execute()).toHaveLength(0);

      expect(
        (
          await minute({
            title: 'Libraries: the motion',
            body: 'A motion was moved and lost.',
            moverName: 'Cllr Pike',
            votesFor: '2',
            votesAgainst: '6',
            votesAbstained: '0',
            limb1Verb: 'noted',
            limb1Text: 'That the motion be noted.',
          })
        ).statusCode,
      ).toBe(303);
      expect(
        (
          await minute({
            title: 'Libraries: the decision',
            moverName: 'Cllr Roach',
            seconderName: 'Cllr Tench',
            votesFor: '7',
            votesAgainst: '1',
            votesAbstained: '0',
            limb1Verb: 'approved',
            limb1Text: 'That the new hours be approved.',
            limb2Verb: 'referred',
            limb2Text: 'That the committee review the hours after six months.',
            limb2TargetOrganisationId: String(auditId),
          })
        ).statusCode,
      ).toBe(303);

      const visitor = workspaceClient(app);
      const page = (await visitor.get(paths.meeting(cabinet.slug))).body;
      expect(page).toContain('Minute 1: Libraries: the motion');
      expect(page).toContain('Minute 2: Libraries: the decision');
      expect(page).toContain('id="minute-2"');
      expect(page).toContain('Cllr Roach');
      expect(page).toContain('Cllr Tench');
      expect(page).toContain('For 7, against 1, abstentions 0.');
      expect(page).toContain('That the committee review the hours after six months.');
      expect(page.replace(/\s+/g, ' ')).toMatch(/Status <\/dt> <dd class="govuk-summary-list__value"> Held/);
      const ics = (await visitor.get(paths.meetingsCalendar())).body.replace(/\r\n /g, '');
      const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`meeting-${cabinet.id}@`)) ?? '';
      expect(event).toContain('STATUS:CONFIRMED');

      // The referral went to the committee's next meeting after this one (not the earlier one), linked back to Minute 2.
      const target = (await visitor.get(paths.meeting(later.slug))).body;
      expect(target).toContain(`href="${paths.meetingMinute(cabinet.slug, 2)}"`);
      expect(target).toContain('Referred by Cabinet, Minute 2');
      expect((await visitor.get(paths.meeting(earlier.slug))).body).not.toContain('Referred by Cabinet');

      // The limb's own page names the meetings the same way.
      const limb = await database.db
        .selectFrom('resolution_limbs')
        .select('id')
        .where('text', '=', 'That the committee review the hours after six months.')
        .executeTakeFirstOrThrow();
      const limbPage = (await officer.get(paths.admin.limb(limb.id))).body;
      expect(limbPage).toContain(`<option value="${later.id}" selected>Audit Committee, Monday 8 June 2026</option>`);
      expect(limbPage).not.toMatch(/<option[^>]*>[^<]*\d{4}-\d{2}-\d{2}/);
    });
  });

  describe('attendance of the whole body on one form', () => {
    it('lists every member on the day, records them all at once (or none when one row is wrong), and corrects in place', async () => {
      const person = async (slug: string, name: string) => (await factories.person(database, { slug, name })).id;
      const [ash, birch, cedar] = [
        await person('cllr-ash', 'Councillor Ash'),
        await person('cllr-birch', 'Councillor Birch'),
        await person('cllr-cedar', 'Councillor Cedar'),
      ];
      const member = (personId: number, role: string, ends: string | null) =>
        factories.membership(database, { person_id: personId, organisation_id: cabinetId, role, ends_on: ends });
      await member(ash, 'chair', null);
      await member(birch, 'member', null);
      await member(cedar, 'member', '2026-01-31'); // left before the meeting
      const meeting = await schedule(cabinetId, '23', '3', '2026');
      const url = paths.admin.meetingAttendance(meeting.id);
      const form = await officer.get(url);
      expect(form.body).toContain(`name="member-${ash}"`);
      expect(form.body).toContain(`name="member-${birch}"`);
      expect(form.body).not.toContain(`name="member-${cedar}"`);

      const wrong = await officer.post(paths.admin.meetingMembersAttendance(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        [`member-${ash}`]: 'present',
        [`member-${birch}`]: 'asleep',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('Choose whether Councillor Birch was present');
      // The page comes back with the error summary, its title saying so, and each member's choice as typed.
      expect(wrong.body).toContain('govuk-error-summary');
      expect(wrong.body).toContain(`href="#member-${birch}"`);
      expect(wrong.body).toMatch(/<title>Error: Attendance/);
      expect(wrong.body).toMatch(new RegExp(`name="member-${ash}"[^]*?<option value="present" selected>`));
      expect(await database.db.selectFrom('attendance').select('id').where('meeting_id', '=', meeting.id).execute()).toHaveLength(0);

      const saved = await officer.post(paths.admin.meetingMembersAttendance(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        [`member-${ash}`]: 'present',
        [`member-${birch}`]: 'apologies',
      });
      expect(saved.statusCode).toBe(303);
      const corrected = await officer.post(paths.admin.meetingMembersAttendance(meeting.id), {
        _csrf: csrfTokenIn(form.body),
        [`member-${ash}`]: 'present',
        [`member-${birch}`]: 'present',
      });
      expect(corrected.statusCode).toBe(303);
      expect(corrected.headers.location).toBe(url);
      const rows = await database.db
        .selectFrom('attendance')
        .select(['person_id', 'status'])
        .where('meeting_id', '=', meeting.id)
        .orderBy('person_id')
        .execute();
      expect(rows).toEqual([
        { person_id: ash, status: 'present' },
        { person_id: birch, status: 'present' },
      ]);
      // The page the save leads to says so once, in the success banner.
      const after = await officer.get(url);
      expect(after.body).toContain('govuk-notification-banner--success');
      expect(after.body).toContain('Attendance saved');
      expect((await officer.get(url)).body).not.toContain('Attendance saved');
    });
  });
});
