// The officer workspace's minutes: minute an item with its resolution and numbered limbs (referring the matter on where a limb says so), and correct a minute.
import { z } from 'zod';
import { londonToday } from '../domain/clock.ts';
import { addDays, parseIsoDate } from '../domain/iso-date.ts';
import type { Actor } from '../domain/roles.ts';
import { municipalYear } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { parseInput as parse, requireEditor, formVersion as version } from './form-input.ts';
import { meetingWorkspaceSupport, optional, optionalCount, optionalId, uniqueIssueSlug, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { isWithheld } from '../domain/withheld.ts';

const MinuteEditSchema = z.object({
  number: z.string().trim().regex(/^[1-9][0-9]{0,5}$/, 'Enter the minute number as a whole number, like 83').transform(Number),
  title: z.string().trim().min(1, 'Enter the title of the minute').max(500),
  body: optional,
  version,
});

export const MAX_LIMBS = 5;

export interface LimbInput { verb: string; text: string; targetOrganisationId: number | null; targetMeetingId: number | null }

/** A resolution's limbs as the form's rows gave them, with what was wrong with each row. */
export interface LimbRows { limbs: readonly LimbInput[]; errors: readonly FieldError[] }

/**
 * Where a limb sends the matter: the body it names and the meeting, which must be a meeting of that
 * body held after this one and neither held nor cancelled. Naming no meeting means "the body's next
 * meeting": the first one scheduled after this one, or none yet, when the referral waits for the
 * body and goes onto the meeting scheduled next (RULES.md: a referral names the target body and
 * meeting and must appear on that meeting's agenda).
 */
async function referralTarget(tx: Repositories, source: { meeting_date: string }, limb: LimbInput, n: number) {
  const named = limb.targetMeetingId === null ? null : await tx.meetings.findById(limb.targetMeetingId);
  if (limb.targetMeetingId !== null && !named) throw new ValidationError([{ field: `limb${n}TargetMeetingId`, message: `Choose the meeting limb (${n}) refers the matter to` }]);
  const targetBodyId = named?.organisation_id ?? limb.targetOrganisationId;
  const body = targetBodyId === null ? undefined : await tx.organisations.findById(targetBodyId);
  if (!body) throw new ValidationError([{ field: `limb${n}TargetOrganisationId`, message: 'Choose the body the matter goes to' }]);
  if (named && limb.targetOrganisationId !== null && named.organisation_id !== limb.targetOrganisationId) {
    throw new ValidationError([{ field: `limb${n}TargetMeetingId`, message: `Choose a meeting of the body limb (${n}) names, or leave it to that body’s next meeting` }]);
  }
  if (named && (named.meeting_date <= source.meeting_date || named.status === 'cancelled' || named.status === 'held')) {
    throw new ValidationError([{ field: `limb${n}TargetMeetingId`, message: `Choose a meeting of ${body.name} after this one that has not been held or cancelled` }]);
  }
  const target = named ?? await tx.meetings.nextOf(body.id, addDays(parseIsoDate(source.meeting_date), 1));
  return { body, target };
}

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

export function createMinuteWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { repos, unitOfWork, clock } = deps;
  const { meeting } = meetingWorkspaceSupport(deps);

  return {
    /**
     * Minutes an item: the next number for the body in the municipal year, the resolution with its
     * mover, seconder, votes and numbered limbs. A limb that refers the matter to another body puts
     * it on that body's next meeting (or the one named) as a pending item citing this minute.
     */
    async addMinute(actor: Actor, meetingId: number, input: unknown, rows: LimbRows = { limbs: [], errors: [] }) {
      requireEditor(actor);
      const m = await meeting(meetingId);
      const parsed = MinuteSchema.safeParse(input ?? {});
      const { limbs, errors } = rows;
      const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
      if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
      const values = parsed.data;
      return unitOfWork(actor, async ({ repos: tx, audit, touched }) => {
        const item = values.agendaItemId === null ? null : (await tx.meetings.agendaItems(m.id)).find((i) => i.id === values.agendaItemId);
        if (item === undefined) throw new ValidationError([{ field: 'agendaItemId', message: 'Choose an item on this meeting’s agenda' }]);
        const year = municipalYear(m.meeting_date);
        const minute = await tx.minutes.createMinute({
          organisation_id: m.organisation_id, meeting_id: m.id, agenda_item_id: item?.id ?? null,
          number: await tx.workspace.nextMinuteNumber(m.organisation_id, year), municipal_year: year, title: values.title, body: values.body,
        });
        await audit('create', 'minute', minute.id, null, minute);
        touched('minute', minute.id);
        // A meeting with minutes was held: its status follows its record.
        if (await tx.meetings.markHeld(m.id)) await audit('held', 'meeting', m.id, { status: m.status }, { status: 'held' });
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
          const { body, target } = await referralTarget(tx, m, limb, index + 1);
          if (issueId === null) {
            // An issue is public (/issues, the API, search); one born of withheld business is named
            // only as the public agenda names the item, never by the minute's words (RULES.md rule 9).
            const issueTitle = item && isWithheld(item) ? item.title : values.title;
            const issue = await tx.issues.create({ slug: await uniqueIssueSlug(tx, issueTitle), title: issueTitle, summary: null });
            issueId = issue.id;
            touched('issue', issue.id);
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

    async minute(actor: Actor, minuteId: number) {
      requireEditor(actor);
      const r = repos();
      const found = await r.meetingRecords.findMinute(minuteId);
      if (!found) throw new NotFoundError('No such minute');
      const m = await meeting(found.meeting_id);
      const body = await r.organisations.findById(m.organisation_id);
      return { minute: found, meeting: m, body: body! };
    },

    /** Corrects a minute's number and words, over the version the officer opened. */
    async updateMinute(actor: Actor, minuteId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(MinuteEditSchema, input);
      return unitOfWork(actor, async ({ repos: tx, audit, touched }) => {
        const before = await tx.meetingRecords.findMinute(minuteId);
        if (!before) throw new NotFoundError('No such minute');
        // RULES.md: minute numbers run per body and restart each municipal year; one number, one minute.
        if (await tx.meetingRecords.minuteNumberTaken(before.organisation_id, before.municipal_year, values.number, before.id)) {
          throw new ValidationError([{ field: 'number', message: `Minute ${values.number} of this body is already used in this municipal year` }]);
        }
        if (!(await tx.meetingRecords.updateMinute(minuteId, values.version, { number: values.number, title: values.title, body: values.body }))) {
          throw new ConflictError('Someone else changed this minute after you opened it');
        }
        const after = await tx.meetingRecords.findMinute(minuteId);
        await audit('update', 'minute', minuteId, before, after);
        touched('minute', minuteId);
        return after!;
      });
    },
  };
}

export type MinuteWorkspaceService = ReturnType<typeof createMinuteWorkspaceService>;
