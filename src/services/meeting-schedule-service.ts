// The officer workspace's meetings themselves: schedule a meeting, list them, show one with all its parts, and publish its agenda.
import { z } from 'zod';
import { londonToday } from '../domain/clock.ts';
import { addDays, formatLongDate, isIsoDate, parseIsoDate } from '../domain/iso-date.ts';
import type { Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { parseInput as parse, requireEditor, blankToNull } from './form-input.ts';
import { id, meetingWorkspaceSupport, optional, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';

const MeetingSchema = z.object({
  organisationId: id('Choose the body that meets'),
  meetingDate: z.string().trim().refine(isIsoDate, 'Enter the date of the meeting as a real date in the form YYYY-MM-DD'),
  startTime: z.string().trim().optional().transform(blankToNull).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Enter the start time like 14:00'),
  location: optional,
  title: optional,
});

const PublishSchema = z.object({
  version: z.string().regex(/^\d{1,9}$/, 'The form is out of date: reload the page').transform(Number),
  urgencyReason: optional,
});

export function createMeetingScheduleService(deps: MeetingWorkspaceDeps) {
  const { repos, unitOfWork, clock } = deps;
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
        r.meetings.agendaItems(m.id),
        r.workspace.minutesOf(m.id),
        r.workspace.pendingReferralsFor(m),
        agendaDeadline(m.meeting_date),
      ]);
      // One entry per minute, its limbs (and where each refers the matter) in order.
      const grouped: { id: number; number: number | null; title: string; moverName: string | null; seconderName: string | null;
        limbs: { number: number; verb: string; text: string; targetName: string | null; targetDate: string | null; referralStatus: string | null }[] }[] = [];
      for (const row of minutes) {
        let entry = grouped.find((g) => g.id === row.id);
        if (!entry) {
          entry = { id: row.id, number: row.number, title: row.title, moverName: row.mover_name, seconderName: row.seconder_name, limbs: [] };
          grouped.push(entry);
        }
        if (row.limb_number !== null && row.verb !== null && row.limb_text !== null) {
          entry.limbs.push({ number: row.limb_number, verb: row.verb, text: row.limb_text, targetName: row.target_name, targetDate: row.target_date, referralStatus: row.referral_status });
        }
      }
      const [documents, attendance, declarations] = await Promise.all([r.meetingRecords.documentsOf(m.id), r.meetings.attendance(m.id), r.meetings.declarations(m.id)]);
      return {
        meeting: m, body: body!, items, minutes: grouped, deadline, documents, attendance, declarations,
        pending: pending.map((p) => ({
          ...p,
          citation: `Further to Minute No. ${p.minute_number ?? '?'} of the meeting of ${p.source_organisation_name} held on ${formatLongDate(parseIsoDate(p.source_meeting_date))}`,
        })),
      };
    },

    async createMeeting(actor: Actor, input: unknown) {
      requireEditor(actor);
      const values = parse(MeetingSchema, input);
      const body = await repos().organisations.findById(values.organisationId);
      if (!body || body.kind === 'external') throw new ValidationError([{ field: 'organisationId', message: 'Choose the body that meets' }]);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const base = slugify(`${body.name} ${values.meetingDate}`);
        let slug = base;
        for (let n = 2; await tx.workspace.slugTaken('meetings', slug); n++) slug = `${base}-${n}`;
        const created = await tx.meetings.create({
          slug, organisation_id: body.id, title: values.title, meeting_date: values.meetingDate, start_time: values.startTime,
          location: values.location, status: 'scheduled', is_executive: body.kind === 'executive' ? 1 : 0,
        });
        await audit('create', 'meeting', created.id, null, created);
        return created;
      });
    },

    /** The agenda's publication: today, and when later than RULES.md rule 6 allows, only with the urgency reason, which is recorded. */
    async publishAgenda(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(PublishSchema, input);
      const m = await meeting(meetingId);
      const today = londonToday(clock);
      const deadline = await agendaDeadline(m.meeting_date);
      const late = today > deadline.latest;
      if (late && values.urgencyReason === null) {
        throw new ValidationError([{ field: 'urgencyReason', message: `The agenda is late (it was due by ${formatLongDate(parseIsoDate(deadline.latest))}): enter the reason for urgency` }]);
      }
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const after = { agenda_published_on: today, urgency_reason: late ? values.urgencyReason : null };
        if (!(await tx.workspace.publishAgenda(m.id, values.version, after))) throw new ConflictError('Someone else changed this meeting after you opened it');
        await audit('publish_agenda', 'meeting', m.id, { agenda_published_on: m.agenda_published_on, urgency_reason: m.urgency_reason }, after);
        return { ...after, late };
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
