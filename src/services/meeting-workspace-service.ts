// The officer workspace's meetings: schedule a meeting, build its agenda (exempt items, pending referrals), publish it, and minute its resolutions.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { computeDeadline, describeDeadline } from '../domain/deadlines.ts';
import { addDays, formatLongDate, isIsoDate, parseIsoDate } from '../domain/iso-date.ts';
import { isEditor, type Actor } from '../domain/roles.ts';
import { municipalYear, slugify } from '../domain/slug.ts';
import { ResolutionVerb } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import type { SettingsService } from './settings-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
const optional = z.string().max(20_000).optional().transform(blankToNull);
const id = (message: string) => z.string().regex(/^[1-9][0-9]{0,8}$/, message).transform(Number);
const optionalId = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^[1-9][0-9]{0,8}$/.test(v), 'Choose from the list').transform((v) => (v === null ? null : Number(v)));
const optionalCount = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^\d{1,4}$/.test(v), 'Enter a whole number of votes').transform((v) => (v === null ? null : Number(v)));

const MeetingSchema = z.object({
  organisationId: id('Choose the body that meets'),
  meetingDate: z.string().trim().refine(isIsoDate, 'Enter the date of the meeting as a real date in the form YYYY-MM-DD'),
  startTime: z.string().trim().optional().transform(blankToNull).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Enter the start time like 14:00'),
  location: optional,
  title: optional,
});

const AgendaItemSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the item').max(500),
  description: optional,
  reportOf: optional,
  // LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7.
  exemptParagraph: z.string().optional().transform(blankToNull)
    .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes the item exempt').transform((v) => (v === null ? null : Number(v))),
  isConfidential: z.string().optional().transform((v) => (v === '1' ? 1 : 0)),
  referralId: optionalId,
});

const PublishSchema = z.object({
  version: z.string().regex(/^\d{1,9}$/, 'The form is out of date: reload the page').transform(Number),
  urgencyReason: optional,
});

export const MAX_LIMBS = 5;

export interface LimbInput { verb: string; text: string; targetOrganisationId: number | null; targetMeetingId: number | null }

const MinuteSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the minute').max(500),
  agendaItemId: optionalId,
  body: optional,
  moverName: optional,
  seconderName: optional,
  votesFor: optionalCount,
  votesAgainst: optionalCount,
  votesAbstained: optionalCount,
});

export function createMeetingWorkspaceService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork; clock: Clock; settings: SettingsService }) {
  const { repos, unitOfWork, clock } = deps;

  function requireEditor(actor: Actor): void {
    if (!isEditor(actor.role)) throw new ForbiddenError('Only democratic services officers can change the record');
  }

  function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) throw ValidationError.fromZod(parsed.error);
    return parsed.data;
  }

  async function meeting(meetingId: number) {
    const found = await repos().meetings.findById(meetingId);
    if (!found) throw new NotFoundError('No such meeting');
    return found;
  }

  /** RULES.md rule 6: the agenda is published at least 5 clear days before the meeting (the council's setting). */
  async function agendaDeadline(meetingDate: string) {
    const deadline = computeDeadline('agenda', meetingDate, await deps.settings.deadlineSettings());
    return { latest: deadline.latestWorkingDay, description: describeDeadline(deadline) };
  }

  /** Limbs from the form's numbered fields (limb1Verb, limb1Text, limb1TargetOrganisationId, limb1TargetMeetingId …); blank rows are skipped. */
  function limbsFrom(values: Record<string, string>): { limbs: LimbInput[]; errors: FieldError[] } {
    const limbs: LimbInput[] = [];
    const errors: FieldError[] = [];
    for (let n = 1; n <= MAX_LIMBS; n++) {
      const verb = (values[`limb${n}Verb`] ?? '').trim();
      const text = (values[`limb${n}Text`] ?? '').trim();
      const target = (values[`limb${n}TargetOrganisationId`] ?? '').trim();
      const targetMeeting = (values[`limb${n}TargetMeetingId`] ?? '').trim();
      if (verb === '' && text === '' && target === '' && targetMeeting === '') continue;
      if (!ResolutionVerb.is(verb)) errors.push({ field: `limb${n}Verb`, message: `Choose what limb (${n}) of the resolution does` });
      if (text === '') errors.push({ field: `limb${n}Text`, message: `Enter the words of limb (${n}), beginning “That”` });
      if (target !== '' && !/^[1-9][0-9]{0,8}$/.test(target)) errors.push({ field: `limb${n}TargetOrganisationId`, message: 'Choose the body the matter goes to' });
      if (targetMeeting !== '' && !/^[1-9][0-9]{0,8}$/.test(targetMeeting)) errors.push({ field: `limb${n}TargetMeetingId`, message: 'Choose the meeting' });
      // RULES.md: "recommended / referred (another body decides)": such a limb names that body.
      if ((verb === 'referred' || verb === 'recommended') && target === '' && targetMeeting === '') {
        errors.push({ field: `limb${n}TargetOrganisationId`, message: `Choose the body limb (${n}) refers the matter to` });
      }
      limbs.push({ verb, text, targetOrganisationId: target === '' ? null : Number(target), targetMeetingId: targetMeeting === '' ? null : Number(targetMeeting) });
    }
    return { limbs, errors };
  }

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
      return {
        meeting: m, body: body!, items, minutes: grouped, deadline,
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

    /**
     * Adds an item to the agenda. An exempt item names its Schedule 12A paragraph. An item that takes
     * up a pending referral marks the referral placed and carries its issue, so the matter's path
     * across bodies stays joined up.
     */
    async addAgendaItem(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(AgendaItemSchema, input);
      const m = await meeting(meetingId);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        let issueId: number | null = null;
        if (values.referralId !== null) {
          const referral = await tx.workspace.findReferral(values.referralId);
          const pending = (await tx.workspace.pendingReferralsFor(m)).some((p) => p.id === values.referralId);
          if (!referral || !pending) throw new ConflictError('That referral is no longer waiting for this meeting’s agenda');
          issueId = referral.issue_id;
        }
        const position = await tx.workspace.nextAgendaPosition(m.id);
        const item = await tx.meetings.createAgendaItem({
          meeting_id: m.id, position, number: String(position), title: values.title, description: values.description,
          report_of: values.reportOf, exempt_paragraph: values.exemptParagraph, is_confidential: values.isConfidential, issue_id: issueId,
        });
        await audit('create', 'agenda_item', item.id, null, item);
        if (values.referralId !== null) {
          if (!(await tx.workspace.placeReferral(values.referralId, item.id, m.id))) throw new ConflictError('That referral was placed on an agenda by someone else');
          await audit('placed', 'referral', values.referralId, { status: 'pending' }, { status: 'placed', agenda_item_id: item.id, target_meeting_id: m.id });
        }
        return item;
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

    /**
     * Minutes an item: the next number for the body in the municipal year, the resolution with its
     * mover, seconder, votes and numbered limbs. A limb that refers the matter to another body puts
     * it on that body's next meeting (or the one named) as a pending item citing this minute.
     */
    async addMinute(actor: Actor, meetingId: number, input: Record<string, string>) {
      requireEditor(actor);
      const m = await meeting(meetingId);
      const parsed = MinuteSchema.safeParse(input);
      const { limbs, errors } = limbsFrom(input);
      const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
      if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
      const values = parsed.data;
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const item = values.agendaItemId === null ? null : (await tx.meetings.agendaItems(m.id)).find((i) => i.id === values.agendaItemId);
        if (item === undefined) throw new ValidationError([{ field: 'agendaItemId', message: 'Choose an item on this meeting’s agenda' }]);
        const year = municipalYear(m.meeting_date);
        const minute = await tx.minutes.createMinute({
          organisation_id: m.organisation_id, meeting_id: m.id, agenda_item_id: item?.id ?? null,
          number: await tx.workspace.nextMinuteNumber(m.organisation_id, year), municipal_year: year, title: values.title, body: values.body,
        });
        await audit('create', 'minute', minute.id, null, minute);
        if (limbs.length === 0) return minute;
        const resolution = await tx.minutes.createResolution({
          minute_id: minute.id, mover_name: values.moverName, seconder_name: values.seconderName,
          votes_for: values.votesFor, votes_against: values.votesAgainst, votes_abstained: values.votesAbstained,
          is_executive_decision: m.is_executive, published_on: londonToday(clock),
        });
        let issueId = item?.issue_id ?? null;
        for (const [index, limb] of limbs.entries()) {
          const created = await tx.minutes.createLimb({ resolution_id: resolution.id, number: index + 1, verb: limb.verb, text: limb.text });
          if (limb.targetOrganisationId === null && limb.targetMeetingId === null) continue;
          const named = limb.targetMeetingId === null ? null : await tx.meetings.findById(limb.targetMeetingId);
          if (limb.targetMeetingId !== null && !named) throw new ValidationError([{ field: `limb${index + 1}TargetMeetingId`, message: 'Choose the meeting' }]);
          const targetBodyId = named?.organisation_id ?? limb.targetOrganisationId!;
          const body = await tx.organisations.findById(targetBodyId);
          if (!body) throw new ValidationError([{ field: `limb${index + 1}TargetOrganisationId`, message: 'Choose the body the matter goes to' }]);
          // "the next meeting": the body's first meeting after this one; none scheduled yet leaves the
          // referral waiting for the body, and it appears on whichever meeting is scheduled next.
          const target = named ?? await tx.meetings.nextOf(body.id, addDays(parseIsoDate(m.meeting_date), 1));
          if (issueId === null) {
            const issue = await tx.issues.create({ slug: await uniqueIssueSlug(tx, values.title), title: values.title, summary: null });
            issueId = issue.id;
            if (item) await tx.workspace.setAgendaItemIssue(item.id, issue.id);
          }
          const referral = await tx.minutes.createReferral({
            limb_id: created.id, issue_id: issueId, target_organisation_id: body.id, target_meeting_id: target?.id ?? null,
            target_description: body.name, status: 'pending', agenda_item_id: null,
          });
          await audit('create', 'referral', referral.id, null, referral);
        }
        return minute;
      });
    },
  };
}

async function uniqueIssueSlug(tx: Repositories, title: string): Promise<string> {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.issues.findBySlug(slug))) return slug;
  }
}

export type MeetingWorkspaceService = ReturnType<typeof createMeetingWorkspaceService>;

