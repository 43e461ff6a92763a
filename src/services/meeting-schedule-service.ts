// The officer workspace's meetings themselves: schedule a meeting, list them, show one with all its parts, and publish its agenda.
import { z } from 'zod';
import { londonToday } from '../domain/clock.ts';
import { addDays, formatLongDate, parseIsoDate } from '../domain/iso-date.ts';
import { londonWallTimeToInstant } from '../domain/london-time.ts';
import type { Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { parseInput as parse, requireEditor, blankToNull, dateInput, formVersion as version } from './form-input.ts';
import { id, meetingWorkspaceSupport, optional, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { present } from '../domain/present.ts';
import { authorise, EDITORS, NO_INPUT, createWriteRunner, declareWrite } from './command.ts';

const startTime = z
  .string()
  .trim()
  .optional()
  .transform(blankToNull)
  .refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Enter the start time like 14:00');

const meetingDate = dateInput('the date of the meeting', { required: true });

const MeetingSchema = z.object({
  organisationId: id('Choose the body that meets'),
  meetingDate,
  startTime,
  location: optional,
  title: optional,
});

const MeetingEditSchema = z.object({ meetingDate, startTime, location: optional, title: optional, version });

const CancelSchema = z.object({
  reason: z
    .string({ error: 'Enter why the meeting is cancelled' })
    .trim()
    .min(1, 'Enter why the meeting is cancelled')
    .max(2000, 'The reason must be 2000 characters or fewer'),
  version,
});

const PublishSchema = z.object({
  version: z
    .string()
    .regex(/^\d{1,9}$/, 'The form is out of date: reload the page')
    .transform(Number),
  urgencyReason: optional,
});

const CREATE_MEETING = declareWrite('meeting.createMeeting', EDITORS, NO_INPUT);
const PUBLISH_AGENDA = declareWrite('meeting.publishAgenda', EDITORS, PublishSchema);
const UPDATE_MEETING = declareWrite('meeting.updateMeeting', EDITORS, NO_INPUT);
const CANCEL_MEETING = declareWrite('meeting.cancelMeeting', EDITORS, CancelSchema);

export function createMeetingScheduleService(deps: MeetingWorkspaceDeps) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);
  const { meeting, agendaDeadline } = meetingWorkspaceSupport(deps);

  return {
    async choices() {
      const r = repos();
      const [bodies, meetings] = await Promise.all([
        r.workspace.bodies(),
        r.meetings.list({ limit: 200, offset: 0, from: addDays(parseIsoDate(londonToday(clock)), -400), order: 'asc' }),
      ]);
      return { bodies, meetings };
    },

    async listMeetings(actor: Actor) {
      requireEditor(actor);
      return repos().meetings.list({ limit: 200, offset: 0 });
    },

    /** Everything the officer needs to build and minute a meeting, including the referrals waiting for its agenda. */
    async meeting(actor: Actor, meetingId: number) {
      requireEditor(actor);
      const r = repos();
      const m = await meeting(meetingId);
      const [body, items, minutes, pending, deadline] = await Promise.all([
        r.organisations.findById(m.organisation_id),
        r.meetings.agendaItems(m.id, { includeWithdrawn: true }),
        r.workspace.minutesOf(m.id),
        r.workspace.pendingReferralsFor(m),
        agendaDeadline(m.meeting_date),
      ]);
      // One entry per minute, its limbs (and where each refers the matter) in order.
      const grouped: {
        id: number;
        number: number | null;
        title: string;
        moverName: string | null;
        seconderName: string | null;
        limbs: {
          id: number;
          number: number;
          verb: string;
          text: string;
          withdrawn: boolean;
          targetName: string | null;
          targetDate: string | null;
          referralStatus: string | null;
        }[];
      }[] = [];
      for (const row of minutes) {
        let entry = grouped.find((g) => g.id === row.id);
        if (!entry) {
          entry = { id: row.id, number: row.number, title: row.title, moverName: row.mover_name, seconderName: row.seconder_name, limbs: [] };
          grouped.push(entry);
        }
        if (row.limb_id !== null && row.limb_number !== null && row.verb !== null && row.limb_text !== null) {
          // A withdrawn referral is no longer where the limb sends the matter.
          const live = row.referral_status !== null && row.referral_status !== 'withdrawn';
          entry.limbs.push({
            id: row.limb_id,
            number: row.limb_number,
            verb: row.verb,
            text: row.limb_text,
            withdrawn: row.limb_withdrawn_on !== null,
            targetName: live ? row.target_name : null,
            targetDate: live ? row.target_date : null,
            referralStatus: live ? row.referral_status : null,
          });
        }
      }
      const [documents, attendance, declarations] = await Promise.all([
        r.meetingRecords.documentsOf(m.id),
        r.meetings.attendance(m.id, { includeWithdrawn: true }),
        r.meetings.declarations(m.id),
      ]);
      return {
        meeting: m,
        body: present(body, 'body'),
        items,
        minutes: grouped,
        deadline,
        documents,
        attendance,
        declarations,
        pending: pending.map((p) => ({
          ...p,
          citation: `Further to Minute No. ${p.minute_number ?? '?'} of the meeting of ${p.source_organisation_name} held on ${formatLongDate(parseIsoDate(p.source_meeting_date))}`,
        })),
      };
    },

    async createMeeting(actor: Actor, input: unknown) {
      // Refused before the form is read; the write below runs the same declaration.
      authorise(CREATE_MEETING, actor);
      const values = parse(MeetingSchema, input);
      const body = await repos().organisations.findById(values.organisationId);
      if (!body || body.kind === 'external') throw new ValidationError([{ field: 'organisationId', message: 'Choose the body that meets' }]);
      return write(CREATE_MEETING, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const slug = await tx.slugs.free('meetings', slugify(`${body.name} ${values.meetingDate}`));
        const created = await tx.meetings.create({
          slug,
          organisation_id: body.id,
          title: values.title,
          meeting_date: values.meetingDate,
          start_time: values.startTime,
          starts_at: values.startTime === null ? null : londonWallTimeToInstant(values.meetingDate, values.startTime),
          location: values.location,
          status: 'scheduled',
          is_executive: body.kind === 'executive' ? 1 : 0,
        });
        await audit('create', 'meeting', created.id, null, created);
        touched('meeting', created.id);
        // "Pending until one is scheduled": referrals waiting for this body now name this meeting.
        for (const referralId of await tx.workspace.adoptWaitingReferrals(created)) {
          await audit('update', 'referral', referralId, { target_meeting_id: null }, { target_meeting_id: created.id });
        }
        return created;
      });
    },

    /** The agenda's publication: today, and when later than RULES.md rule 6 allows, only with the urgency reason, which is recorded. */
    async publishAgenda(actor: Actor, meetingId: number, input: unknown) {
      // Read before the transaction: the council's deadline settings are read over the shared connection.
      const m = await meeting(meetingId);
      const deadline = await agendaDeadline(m.meeting_date);
      return write(PUBLISH_AGENDA, actor, input, async (values, { repos: tx, audit, touched }) => {
        const today = londonToday(clock);
        const late = today > deadline.latest;
        if (late && values.urgencyReason === null) {
          throw new ValidationError([
            {
              field: 'urgencyReason',
              message: `The agenda is late (it was due by ${formatLongDate(parseIsoDate(deadline.latest))}): enter the reason for urgency`,
            },
          ]);
        }
        const after = { agenda_published_on: today, urgency_reason: late ? values.urgencyReason : null };
        if (!(await tx.workspace.publishAgenda(m.id, values.version, after))) throw new ConflictError('Someone else changed this meeting after you opened it');
        await audit('publish_agenda', 'meeting', m.id, { agenda_published_on: m.agenda_published_on, urgency_reason: m.urgency_reason }, after);
        // The drafts are public now: the meeting carries its items' search entries with it.
        touched('meeting', m.id);
        return { ...after, late };
      });
    },

    /**
     * Corrects or reschedules a meeting: its date, time, place and title, over the version the
     * officer opened. A cancelled meeting is not rescheduled (a new meeting is scheduled instead),
     * and a meeting moved to another day keeps its address, so links and calendar entries follow it.
     */
    async updateMeeting(actor: Actor, meetingId: number, input: unknown) {
      return write(UPDATE_MEETING, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const values = parse(MeetingEditSchema, input);
        const m = await meeting(meetingId, tx);
        if (m.status === 'cancelled')
          throw new ValidationError([{ field: 'meetingDate', message: 'This meeting was cancelled: schedule a new meeting instead' }]);
        const before = await tx.meetings.findById(meetingId);
        const changes = {
          meeting_date: values.meetingDate,
          start_time: values.startTime,
          location: values.location,
          title: values.title,
          starts_at: values.startTime === null ? null : londonWallTimeToInstant(values.meetingDate, values.startTime),
        };
        if (!before || !(await tx.meetings.update(meetingId, values.version, changes)))
          throw new ConflictError('Someone else changed this meeting after you opened it');
        const after = await tx.meetings.findById(meetingId);
        await audit(before.meeting_date === values.meetingDate ? 'update' : 'reschedule', 'meeting', meetingId, before, after);
        if (before.meeting_date !== values.meetingDate) {
          // A referral must go to a meeting after the one that made it: moved to that day or before,
          // this meeting no longer qualifies, and the matter goes to the body's next meeting after
          // its source (or waits for one). Moved later, it takes referrals waiting for its body.
          for (const referral of await tx.workspace.pendingReferralsTargeting(meetingId)) {
            if (referral.source_meeting_date < values.meetingDate) continue;
            const next = await tx.meetings.nextOf(m.organisation_id, addDays(parseIsoDate(referral.source_meeting_date), 1));
            const to = next && next.id !== meetingId ? next.id : null;
            await tx.workspace.setReferralMeeting(referral.id, to);
            await audit('update', 'referral', referral.id, { target_meeting_id: meetingId }, { target_meeting_id: to });
          }
          for (const referralId of await tx.workspace.adoptWaitingReferrals({
            id: meetingId,
            organisation_id: m.organisation_id,
            meeting_date: values.meetingDate,
          })) {
            await audit('update', 'referral', referralId, { target_meeting_id: null }, { target_meeting_id: meetingId });
          }
        }
        touched('meeting', meetingId);
        return after ?? before;
      });
    },

    /**
     * Cancels a meeting with the reason, which the public page shows; the meeting stays listed (and
     * in calendars as STATUS:CANCELLED, RFC 5545 §3.8.1.11) so that subscribers' calendars drop it.
     * A meeting that has minutes was held and cannot be cancelled.
     */
    async cancelMeeting(actor: Actor, meetingId: number, input: unknown) {
      return write(CANCEL_MEETING, actor, input, async (values, { repos: tx, audit, touched }) => {
        const m = await meeting(meetingId, tx);
        if ((await tx.workspace.minutesOf(m.id)).length > 0)
          throw new ValidationError([{ field: 'reason', message: 'This meeting has minutes, so it was held: it cannot be cancelled' }]);
        const changes = { status: 'cancelled', cancellation_reason: values.reason, cancelled_on: londonToday(clock) };
        if (!(await tx.meetings.update(m.id, values.version, changes))) throw new ConflictError('Someone else changed this meeting after you opened it');
        await audit('cancel', 'meeting', m.id, { status: m.status, cancellation_reason: m.cancellation_reason }, changes);
        // A matter referred to this meeting goes to the body's next meeting instead (or waits for one).
        const next = await tx.meetings.nextOf(m.organisation_id, addDays(parseIsoDate(m.meeting_date), 1));
        for (const referralId of await tx.workspace.retargetPendingReferrals(m.id, next?.id ?? null)) {
          await audit('update', 'referral', referralId, { target_meeting_id: m.id }, { target_meeting_id: next?.id ?? null });
        }
        touched('meeting', meetingId);
        return { ...m, ...changes };
      });
    },

    /** The people list the forms choose from. */
    async people(actor: Actor) {
      requireEditor(actor);
      return repos().workspace.people();
    },
  };
}

export type MeetingScheduleService = ReturnType<typeof createMeetingScheduleService>;
