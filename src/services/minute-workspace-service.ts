// The officer workspace's minutes: minute an item with its resolution and numbered limbs (referring the matter on where a limb says so), correct a minute, and correct or withdraw a limb and its referral.
import { z } from 'zod';
import { londonToday } from '../domain/clock.ts';
import { addDays, parseIsoDate } from '../domain/iso-date.ts';
import type { Actor } from '../domain/roles.ts';
import { municipalYear } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { requireEditor, formVersion as version } from './form-input.ts';
import { meetingWorkspaceSupport, optional, optionalCount, optionalId, uniqueIssueSlug, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { isWithheld } from '../domain/withheld.ts';
import { present } from '../domain/present.ts';
import { ResolutionVerb } from '../domain/vocabulary.ts';
import { isTrackedLimb, limbOrigin } from '../domain/recommendation-origin.ts';
import type { Work } from './unit-of-work.ts';

type AgendaItem = NonNullable<Awaited<ReturnType<Repositories['meetings']['findAgendaItem']>>>;
import { EDITORS, NO_INPUT, createWriteRunner, declareWrite } from './command.ts';

const MinuteEditSchema = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,5}$/, 'Enter the minute number as a whole number, like 83')
    .transform(Number),
  title: z.string({ error: 'Enter the title of the minute' }).trim().min(1, 'Enter the title of the minute').max(500),
  body: optional,
  version,
});

export const MAX_LIMBS = 5;

export interface LimbInput {
  verb: string;
  text: string;
  targetOrganisationId: number | null;
  targetMeetingId: number | null;
  /** Tracked as a recommendation (response, progress, sign-off) though its verb does not recommend: a Council motion asking an officer to act. */
  track?: boolean;
}

/** A resolution's limbs as the form's rows gave them, with what was wrong with each row. */
export interface LimbRows {
  limbs: readonly LimbInput[];
  errors: readonly FieldError[];
}

/**
 * Where a limb sends the matter: the body it names and the meeting, which must be a meeting of that
 * body held after this one and neither held nor cancelled. Naming no meeting means "the body's next
 * meeting": the first one scheduled after this one, or none yet, when the referral waits for the
 * body and goes onto the meeting scheduled next (RULES.md: a referral names the target body and
 * meeting and must appear on that meeting's agenda).
 */
async function referralTarget(tx: Repositories, source: { meeting_date: string }, limb: LimbInput, n: number) {
  const named = limb.targetMeetingId === null ? null : await tx.meetings.findById(limb.targetMeetingId);
  if (limb.targetMeetingId !== null && !named)
    throw new ValidationError([{ field: `limb${n}TargetMeetingId`, message: `Choose the meeting limb (${n}) refers the matter to` }]);
  const targetBodyId = named?.organisation_id ?? limb.targetOrganisationId;
  const body = targetBodyId === null ? undefined : await tx.organisations.findById(targetBodyId);
  if (!body) throw new ValidationError([{ field: `limb${n}TargetOrganisationId`, message: 'Choose the body the matter goes to' }]);
  if (named && limb.targetOrganisationId !== null && named.organisation_id !== limb.targetOrganisationId) {
    throw new ValidationError([
      { field: `limb${n}TargetMeetingId`, message: `Choose a meeting of the body limb (${n}) names, or leave it to that body’s next meeting` },
    ]);
  }
  if (named && (named.meeting_date <= source.meeting_date || named.status === 'cancelled' || named.status === 'held')) {
    throw new ValidationError([
      { field: `limb${n}TargetMeetingId`, message: `Choose a meeting of ${body.name} after this one that has not been held or cancelled` },
    ]);
  }
  const target = named ?? (await tx.meetings.nextOf(body.id, addDays(parseIsoDate(source.meeting_date), 1)));
  return { body, target };
}

const MinuteSchema = z.object({
  title: z.string({ error: 'Enter the title of the minute' }).trim().min(1, 'Enter the title of the minute').max(500),
  agendaItemId: optionalId,
  body: optional,
  moverName: optional,
  seconderName: optional,
  votesFor: optionalCount,
  votesAgainst: optionalCount,
  votesAbstained: optionalCount,
  // RULES.md 5a, Excluded: "decisions taken as urgent (special urgency, or urgency agreed by the scrutiny chair)".
  isUrgent: z
    .string()
    .optional()
    .transform((v) => (v === 'yes' ? 1 : 0)),
});

/**
 * Records the referral a limb makes: to the body named, on its meeting after this one (or waiting
 * for one), under the item's issue, which is created when the item has none. Returns the issue.
 */
async function refer(
  work: Pick<Work, 'audit' | 'touched'> & { tx: Repositories },
  source: { meeting_date: string },
  item: AgendaItem | null,
  minuteTitle: string,
  issueId: number | null,
  limbId: number,
  limb: LimbInput,
  n: number,
): Promise<number> {
  const { tx, audit, touched } = work;
  const { body, target } = await referralTarget(tx, source, limb, n);
  let issue = issueId;
  if (issue === null) {
    // An issue is public (/issues, the API, search); one born of withheld business is named
    // only as the public agenda names the item, never by the minute's words (RULES.md rule 9).
    const issueTitle = item && isWithheld(item) ? item.title : minuteTitle;
    const created = await tx.issues.create({ slug: await uniqueIssueSlug(tx, issueTitle), title: issueTitle, summary: null });
    issue = created.id;
    touched('issue', created.id);
    if (item) await tx.workspace.setAgendaItemIssue(item.id, created.id);
  }
  const referral = await tx.minutes.createReferral({
    limb_id: limbId,
    issue_id: issue,
    target_organisation_id: body.id,
    target_meeting_id: target?.id ?? null,
    target_description: body.name,
    status: 'pending',
    agenda_item_id: null,
  });
  await audit('create', 'referral', referral.id, null, referral);
  return issue;
}

/**
 * Makes a limb a tracked recommendation in the same save: a limb that recommends something to
 * another body, or one marked to be tracked. Its response is due two months from the meeting that
 * made it (RULES.md rule 1: "within 2 months beginning with the date it received the report"; the
 * body addressed receives the committee's recommendation at that meeting), and the body that made
 * it signs it off. Its place is the next number of the meeting's municipal year.
 */
async function track(
  work: Pick<Work, 'audit' | 'touched'> & { tx: Repositories },
  source: { organisation_id: number; meeting_date: string },
  limbId: number,
  limb: LimbInput,
  n: number,
  targetOrganisationId: number | null,
) {
  const { tx, audit, touched } = work;
  const body = await tx.organisations.findById(source.organisation_id);
  const rec = await tx.recommendations.create({
    review_id: null,
    origin_kind: limbOrigin(body?.kind ?? ''),
    resolution_limb_id: limbId,
    organisation_id: source.organisation_id,
    target_organisation_id: targetOrganisationId,
    made_on: source.meeting_date,
    number: n,
    text: limb.text,
    status: 'awaiting_response',
  });
  await audit('create', 'recommendation', rec.id, null, rec);
  touched('recommendation', rec.id);
  return rec;
}

const LimbSchema = z
  .object({
    verb: z.string({ error: 'Choose what the limb of the resolution does' }).refine((v) => ResolutionVerb.is(v), 'Choose what the limb of the resolution does'),
    text: z
      .string({ error: 'Enter the words of the limb, beginning “That”' })
      .trim()
      .min(1, 'Enter the words of the limb, beginning “That”')
      .max(20_000, 'The words of the limb must be 20,000 characters or fewer'),
    targetOrganisationId: optionalId,
    targetMeetingId: optionalId,
    version,
  })
  // A limb that refers or recommends the matter on must say to whom (RULES.md: a referral names the target body).
  .refine((v) => !((v.verb === 'referred' || v.verb === 'recommended') && v.targetOrganisationId === null && v.targetMeetingId === null), {
    path: ['targetOrganisationId'],
    message: 'Choose the body the limb refers the matter to',
  });

const WithdrawSchema = z.object({
  reason: z.string({ error: 'Enter why it is withdrawn' }).trim().min(1, 'Enter why it is withdrawn').max(2000, 'The reason must be 2000 characters or fewer'),
  version,
});
const ADD_MINUTE = declareWrite('minute.addMinute', EDITORS, NO_INPUT);
const UPDATE_MINUTE = declareWrite('minute.updateMinute', EDITORS, MinuteEditSchema);
const CORRECT_LIMB = declareWrite('minute.correctLimb', EDITORS, LimbSchema);
const WITHDRAW_LIMB = declareWrite('minute.withdrawLimb', EDITORS, WithdrawSchema);
const WITHDRAW_REFERRAL = declareWrite('minute.withdrawReferral', EDITORS, WithdrawSchema);

export function createMinuteWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { repos, clock } = deps;
  const write = createWriteRunner(deps.unitOfWork);
  const { meeting } = meetingWorkspaceSupport(deps);

  return {
    /**
     * Minutes an item: the next number for the body in the municipal year, the resolution with its
     * mover, seconder, votes and numbered limbs. A limb that refers the matter to another body puts
     * it on that body's next meeting (or the one named) as a pending item citing this minute.
     */
    async addMinute(actor: Actor, meetingId: number, input: unknown, rows: LimbRows = { limbs: [], errors: [] }) {
      return write(ADD_MINUTE, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const m = await meeting(meetingId, tx);
        const parsed = MinuteSchema.safeParse(input ?? {});
        const { limbs, errors } = rows;
        const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
        if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
        const values = parsed.data;
        const item = values.agendaItemId === null ? null : (await tx.meetings.agendaItems(m.id)).find((i) => i.id === values.agendaItemId);
        if (item === undefined) throw new ValidationError([{ field: 'agendaItemId', message: 'Choose an item on this meeting’s agenda' }]);
        const year = municipalYear(m.meeting_date);
        const minute = await tx.minutes.createMinute({
          organisation_id: m.organisation_id,
          meeting_id: m.id,
          agenda_item_id: item?.id ?? null,
          number: await tx.workspace.nextMinuteNumber(m.organisation_id, year),
          municipal_year: year,
          title: values.title,
          body: values.body,
        });
        await audit('create', 'minute', minute.id, null, minute);
        touched('minute', minute.id);
        // A meeting with minutes was held: its status follows its record.
        if (await tx.meetings.markHeld(m.id)) await audit('held', 'meeting', m.id, { status: m.status }, { status: 'held' });
        if (limbs.length === 0) return minute;
        // A decision on an item that takes a forward-plan entry is the key decision the plan gave notice of
        // (SI 2012/2089 reg 9); one taken under special urgency (reg 11) is urgent, as the officer may also say.
        const entry = item?.forward_plan_entry_id ? await tx.forwardPlan.findById(item.forward_plan_entry_id) : undefined;
        const executive = m.is_executive === 1;
        const resolution = await tx.minutes.createResolution({
          minute_id: minute.id,
          mover_name: values.moverName,
          seconder_name: values.seconderName,
          votes_for: values.votesFor,
          votes_against: values.votesAgainst,
          votes_abstained: values.votesAbstained,
          is_executive_decision: m.is_executive,
          is_key_decision: executive && entry?.is_key_decision === 1 ? 1 : 0,
          is_urgent: executive && (values.isUrgent === 1 || entry?.notice_route === 'special_urgency') ? 1 : 0,
          published_on: londonToday(clock),
        });
        let issueId = item?.issue_id ?? null;
        for (const [index, limb] of limbs.entries()) {
          const created = await tx.minutes.createLimb({ resolution_id: resolution.id, number: index + 1, verb: limb.verb, text: limb.text });
          const target =
            limb.targetMeetingId === null ? limb.targetOrganisationId : ((await tx.meetings.findById(limb.targetMeetingId))?.organisation_id ?? null);
          if (isTrackedLimb(limb.verb, limb.track === true)) await track({ tx, audit, touched }, m, created.id, limb, index + 1, target);
          if (limb.targetOrganisationId === null && limb.targetMeetingId === null) continue;
          issueId = await refer({ tx, audit, touched }, m, item ?? null, values.title, issueId, created.id, limb, index + 1);
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
      return { minute: found, meeting: m, body: present(body, 'body') };
    },

    /** A limb of a resolution with its minute, meeting and referral, for the correction form. */
    async limb(actor: Actor, limbId: number) {
      requireEditor(actor);
      const r = repos();
      const found = await r.minutes.findLimb(limbId);
      if (!found) throw new NotFoundError('No such limb of a resolution');
      const m = await meeting(found.meeting_id);
      const body = await r.organisations.findById(m.organisation_id);
      if (!body) throw new NotFoundError('No such body');
      return { limb: found, meeting: m, body };
    },

    /**
     * Corrects a limb: its verb and words, and where it refers the matter (to another body or meeting,
     * by the same rule as when it was minuted, or nowhere, which withdraws the referral). A referral
     * already placed on an agenda is not moved: that agenda is corrected instead. Over the limb's
     * version (and its referral's), so a stale save is refused.
     */
    async correctLimb(actor: Actor, limbId: number, input: unknown) {
      return write(CORRECT_LIMB, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.minutes.findLimb(limbId);
        if (!before) throw new NotFoundError('No such limb of a resolution');
        if (before.withdrawn_on !== null) throw new ConflictError('This limb was withdrawn');
        if (!(await tx.minutes.correctLimb(limbId, values.version, { verb: values.verb, text: values.text }))) {
          throw new ConflictError('Someone else changed this limb after you opened it');
        }
        const limbInput: LimbInput = {
          verb: values.verb,
          text: values.text,
          targetOrganisationId: values.targetOrganisationId,
          targetMeetingId: values.targetMeetingId,
        };
        const refers = values.targetOrganisationId !== null || values.targetMeetingId !== null;
        const live = before.referral_id !== null && before.referral_status !== 'withdrawn';
        const sameTarget =
          live &&
          (values.targetMeetingId === null || values.targetMeetingId === before.target_meeting_id) &&
          (values.targetOrganisationId === null || values.targetOrganisationId === before.target_organisation_id);
        if (live && before.referral_id !== null && !(refers && sameTarget)) {
          if (before.referral_status === 'placed') {
            throw new ValidationError([
              { field: 'targetOrganisationId', message: 'The matter is already on the agenda it was referred to: correct that agenda instead' },
            ]);
          }
          if (refers) {
            // The correction form names its fields without the limb's number (targetMeetingId, not limb2TargetMeetingId).
            const { body, target } = await referralTarget(tx, before, limbInput, before.number).catch((error: unknown) => {
              if (!(error instanceof ValidationError)) throw error;
              throw new ValidationError(error.errors.map((e) => ({ ...e, field: e.field.replace(/^limb\d+T/, 't') })));
            });
            if (
              !(await tx.minutes.retargetReferral(before.referral_id, before.referral_version ?? 0, {
                target_organisation_id: body.id,
                target_meeting_id: target?.id ?? null,
                target_description: body.name,
              }))
            ) {
              throw new ConflictError('Someone else changed where this limb refers the matter after you opened it');
            }
            await audit(
              'update',
              'referral',
              before.referral_id,
              { target_organisation_id: before.target_organisation_id, target_meeting_id: before.target_meeting_id },
              { target_organisation_id: body.id, target_meeting_id: target?.id ?? null },
            );
          } else {
            const reason = 'The limb was corrected: it no longer refers the matter';
            if (!(await tx.minutes.withdrawReferral(before.referral_id, before.referral_version ?? 0, reason))) {
              throw new ConflictError('Someone else changed where this limb refers the matter after you opened it');
            }
            await audit('withdraw', 'referral', before.referral_id, { status: before.referral_status }, { status: 'withdrawn', withdrawal_reason: reason });
          }
        } else if (!live && refers) {
          const item = before.agenda_item_id === null ? null : ((await tx.meetings.findAgendaItem(before.agenda_item_id)) ?? null);
          await refer({ tx, audit, touched }, before, item, before.minute_title, item?.issue_id ?? null, limbId, limbInput, before.number).catch(
            (error: unknown) => {
              if (!(error instanceof ValidationError)) throw error;
              throw new ValidationError(error.errors.map((e) => ({ ...e, field: e.field.replace(/^limb\d+T/, 't') })));
            },
          );
        }
        await tx.minutes.touchResolution(before.resolution_id);
        const after = await tx.minutes.findLimb(limbId);
        await audit('correct', 'resolution_limb', limbId, { verb: before.verb, text: before.text }, { verb: after?.verb, text: after?.text });
        touched('minute', before.minute_id);
        touched('resolution', before.resolution_id);
        return after ?? before;
      });
    },

    /**
     * Withdraws a limb recorded in error, with the reason: it leaves the public meeting page, the
     * decision record, feeds, the API and search at once, and stays in the audit trail; a referral
     * it made is withdrawn with it.
     */
    async withdrawLimb(actor: Actor, limbId: number, input: unknown) {
      return write(WITHDRAW_LIMB, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.minutes.findLimb(limbId);
        if (!before) throw new NotFoundError('No such limb of a resolution');
        const changes = { withdrawn_on: londonToday(clock), withdrawal_reason: values.reason };
        if (!(await tx.minutes.withdrawLimb(limbId, values.version, changes))) throw new ConflictError('Someone else changed this limb after you opened it');
        if (before.referral_id !== null && before.referral_status !== 'withdrawn') {
          if (!(await tx.minutes.withdrawReferral(before.referral_id, before.referral_version ?? 0, values.reason)))
            throw new ConflictError('Someone else changed this referral after you opened it');
          await audit(
            'withdraw',
            'referral',
            before.referral_id,
            { status: before.referral_status },
            { status: 'withdrawn', withdrawal_reason: values.reason },
          );
        }
        await tx.minutes.touchResolution(before.resolution_id);
        await audit('withdraw', 'resolution_limb', limbId, { verb: before.verb, text: before.text }, changes);
        touched('minute', before.minute_id);
        touched('resolution', before.resolution_id);
        return { ...before, ...changes };
      });
    },

    /** Withdraws only the referral a limb made (the limb stands), with the reason, over the referral's version. */
    async withdrawReferral(actor: Actor, limbId: number, input: unknown) {
      return write(WITHDRAW_REFERRAL, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.minutes.findLimb(limbId);
        if (!before || before.referral_id === null || before.referral_status === 'withdrawn') throw new NotFoundError('This limb refers the matter nowhere');
        if (!(await tx.minutes.withdrawReferral(before.referral_id, values.version, values.reason))) {
          throw new ConflictError('Someone else changed where this limb refers the matter after you opened it');
        }
        await tx.minutes.touchResolution(before.resolution_id);
        await audit('withdraw', 'referral', before.referral_id, { status: before.referral_status }, { status: 'withdrawn', withdrawal_reason: values.reason });
        touched('minute', before.minute_id);
        touched('resolution', before.resolution_id);
        return before;
      });
    },

    /** Corrects a minute's number and words, over the version the officer opened. */
    async updateMinute(actor: Actor, minuteId: number, input: unknown) {
      return write(UPDATE_MINUTE, actor, input, async (values, { repos: tx, audit, touched }) => {
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
        return present(after, 'after');
      });
    },
  };
}

export type MinuteWorkspaceService = ReturnType<typeof createMinuteWorkspaceService>;
