// Call-in of executive decisions (RULES.md 4 and 5a): the officer records the notice, checks it, puts it before scrutiny, and records the outcome and the reconsideration; the public reads every step.
import { z } from 'zod';
import { callInLine, callInRefusals, decisionEffect, hearingDeadline, hearingMeetingRefusal, reconsiderationDeadline } from '../domain/call-in.ts';
import { londonToday, type Clock } from '../domain/clock.ts';
import { computeDeadline, resolveDeadlineSettings, type DeadlineSettings } from '../domain/deadlines.ts';
import { notInFuture } from '../domain/date-answer.ts';
import type { Actor } from '../domain/roles.ts';
import { CallInOutcome, CallInReconsideration, type CallInStatus } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { EDITORS, NO_INPUT, authorise, createWriteRunner, declareWrite } from './command.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { dateInput, formVersion, parseInput, recordId, requireEditor, requiredText } from './form-input.ts';
import type { SettingsService } from './settings-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** The notice: the day it was received and its grounds; the councillors are read from the form's `councillor-<id>` boxes. */
const LodgeSchema = z.object({
  receivedOn: dateInput('the date the notice was received', { required: true }),
  grounds: requiredText('Enter the grounds of the call-in, with their particulars', 20_000),
});

const CheckSchema = z.object({
  verdict: z.enum(['accepted', 'rejected'], { error: 'Choose whether the call-in is valid' }),
  reason: requiredText('Enter the reason for accepting or rejecting the call-in', 5_000),
  version: formVersion,
});

const HearingSchema = z.object({
  meetingId: recordId('Choose the scrutiny committee meeting that will hear the call-in'),
  version: formVersion,
});

const OutcomeSchema = z
  .object({
    outcome: z.string({ error: 'Choose the committee’s outcome' }).refine((v) => CallInOutcome.is(v), 'Choose the committee’s outcome'),
    outcomeText: z.string().max(20_000, 'Must be 20000 characters or fewer').optional(),
    version: formVersion,
  })
  // RULES.md 5a: a decision referred back goes "with the committee's concerns"; one referred to Council says why.
  .refine((v) => v.outcome === 'no_further_action' || (v.outcomeText ?? '').trim() !== '', {
    path: ['outcomeText'],
    message: 'Enter the committee’s recommendations or concerns',
  });

const ReconsiderSchema = z.object({
  reconsideration: z
    .string({ error: 'Choose what the decision maker decided' })
    .refine((v) => CallInReconsideration.is(v), 'Choose what the decision maker decided'),
  reasons: requiredText('Enter the decision maker’s reasons', 20_000),
  version: formVersion,
});

const LODGE = declareWrite('call_in.lodge', EDITORS, NO_INPUT);
const CHECK = declareWrite('call_in.check', EDITORS, CheckSchema);
const HEARING = declareWrite('call_in.scheduleHearing', EDITORS, HearingSchema);
const OUTCOME = declareWrite('call_in.recordOutcome', EDITORS, OutcomeSchema);
const RECONSIDER = declareWrite('call_in.recordReconsideration', EDITORS, ReconsiderSchema);

export interface CallInDeps {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  clock: Clock;
  settings: SettingsService;
}

type Decision = NonNullable<Awaited<ReturnType<Repositories['callIns']['decision']>>>;
type CallInRow = NonNullable<Awaited<ReturnType<Repositories['callIns']['findById']>>>;

/** What a decision's title is in call-in pages: the minute's, as the public meeting page names it. */
const decisionTitle = (d: { minute_title: string; minute_number: number | null; body_name: string }) =>
  `${d.body_name}${d.minute_number === null ? '' : `, Minute ${d.minute_number}`}: ${d.minute_title}`;

export function createCallInService(deps: CallInDeps) {
  const { repos, clock, settings } = deps;
  const write = createWriteRunner(deps.unitOfWork);

  /** The decision's call-in window under the council's settings (RULES.md 4): counted from publication, or the meeting. */
  async function windowOf(d: Pick<Decision, 'published_on' | 'meeting_date'>, given?: DeadlineSettings) {
    const s = given ?? (await settings.deadlineSettings());
    const from = resolveDeadlineSettings(s)['call-in'].basis === 'publication' ? (d.published_on ?? d.meeting_date) : d.meeting_date;
    const deadline = computeDeadline('call-in', from, s);
    return { opensAfter: from, windowEnds: deadline.windowEnds, implementableFrom: deadline.implementableFrom };
  }

  /** Each step changes what the decision's record shows (its paper, feed entry, API document): the decision is marked changed with it. */
  async function decisionChanged(tx: Repositories, touched: (kind: 'resolution', id: number) => void, resolutionId: number) {
    await tx.minutes.touchResolution(resolutionId);
    touched('resolution', resolutionId);
  }

  async function decisionOf(r: Repositories, resolutionId: number) {
    const d = await r.callIns.decision(resolutionId);
    if (!d) throw new NotFoundError('No such decision');
    return d;
  }

  async function callInOf(r: Repositories, id: number) {
    const found = await r.callIns.findById(id);
    if (!found) throw new NotFoundError('No such call-in');
    return found;
  }

  /** Each call-in with its councillors and what it does to the decision. */
  async function withCouncillors(r: Repositories, rows: readonly CallInRow[]) {
    const councillors = await r.callIns.councillorsOf(rows.map((c) => c.id));
    return rows.map((c) => ({
      ...c,
      title: decisionTitle(c),
      councillors: councillors.filter((x) => x.call_in_id === c.id),
      effect: decisionEffect({ status: c.status as CallInStatus, outcome: c.outcome as CallInOutcome | null, reconsideration: c.reconsideration }),
      line: callInLine(c),
    }));
  }

  return {
    /** A decision with its window, its call-ins, and the councillors who may sign a notice: the lodging form. */
    async lodgingForm(actor: Actor, resolutionId: number) {
      requireEditor(actor);
      const r = repos();
      const decision = await decisionOf(r, resolutionId);
      const [window, rules, councillors, callIns] = await Promise.all([
        windowOf(decision),
        settings.callInRules(),
        r.callIns.councillors(),
        r.callIns.forResolutions([resolutionId]),
      ]);
      return { decision, title: decisionTitle(decision), window, rules, councillors, callIns: await withCouncillors(r, callIns) };
    },

    /**
     * Records a call-in notice on behalf of the councillors who signed it (RULES.md 5a, Who). Refused,
     * naming the rule and the field, when it comes outside the window, from too few councillors or
     * from councillors the rules do not allow, against an excluded decision, or twice.
     */
    async lodge(actor: Actor, resolutionId: number, input: Record<string, string>) {
      authorise(LODGE, actor);
      const values = parseInput(LodgeSchema, input);
      // Read before the transaction: on SQLite its one connection is the transaction's until it ends.
      const [deadlineSettings, rules] = await Promise.all([settings.deadlineSettings(), settings.callInRules()]);
      const chosen = Object.entries(input)
        .filter(([key, value]) => /^councillor-\d{1,9}$/.test(key) && value === '1')
        .map(([key]) => Number(key.slice('councillor-'.length)));
      return write(LODGE, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const decision = await decisionOf(tx, resolutionId);
        const today = londonToday(clock);
        const future = notInFuture('receivedOn', 'The date the notice was received', values.receivedOn, today);
        if (future.length > 0) throw new ValidationError(future);
        const known = await tx.callIns.councillors();
        const signatories = chosen.map((id) => known.find((c) => c.id === id));
        if (signatories.some((s) => s === undefined)) throw new ValidationError([{ field: 'councillors', message: 'Choose the councillors from the list' }]);
        const signed = signatories.filter((s) => s !== undefined);
        const refusals = callInRefusals(
          {
            receivedOn: values.receivedOn,
            window: await windowOf(decision, deadlineSettings),
            isExecutiveDecision: decision.is_executive_decision === 1,
            isUrgent: decision.is_urgent === 1,
            earlier: (await tx.callIns.forResolutions([resolutionId])).map((c) => ({ status: c.status as CallInStatus })),
            signatories: signed,
          },
          rules,
        );
        if (refusals.length > 0) throw new ValidationError(refusals);
        const created = await tx.callIns.create({ resolution_id: resolutionId, status: 'lodged', received_on: values.receivedOn, grounds: values.grounds });
        await tx.callIns.addCouncillors(
          created.id,
          signed.map((s) => ({ person_id: s.id, name: s.name })),
        );
        await audit('lodge', 'call_in', created.id, null, { ...created, councillors: signed.map((s) => s.name) });
        await decisionChanged(tx, touched, resolutionId);
        return created;
      });
    },

    /** One call-in with its decision, councillors, window and the meetings that may hear it: its workspace page. */
    async callIn(actor: Actor, id: number) {
      requireEditor(actor);
      const r = repos();
      const found = await callInOf(r, id);
      const [shown] = await withCouncillors(r, [found]);
      if (!shown) throw new NotFoundError('No such call-in');
      const decision = await decisionOf(r, found.resolution_id);
      const from = found.checked_on ?? londonToday(clock);
      return { callIn: shown, decision, window: await windowOf(decision), meetings: await r.callIns.scrutinyMeetings(from) };
    },

    /** A meeting's executive decisions with their call-ins, by minute: the meeting's workspace page links to each. */
    async meetingDecisions(actor: Actor, meetingId: number) {
      requireEditor(actor);
      const r = repos();
      const decisions = await r.callIns.decisionsOfMeeting(meetingId);
      const callIns = await r.callIns.forResolutions(decisions.map((d) => d.id));
      return decisions.map((d) => ({ resolutionId: d.id, minuteId: d.minute_id, callIns: callIns.filter((c) => c.resolution_id === d.id) }));
    },

    /** Every call-in, newest first, for the workspace list. */
    async all(actor: Actor) {
      requireEditor(actor);
      const r = repos();
      return withCouncillors(r, await r.callIns.all());
    },

    /**
     * The proper officer's check (RULES.md 5a): accepts the call-in, which holds the decision and
     * starts the time for the hearing [10 working days], or rejects it, with the reason either way.
     */
    async check(actor: Actor, id: number, input: unknown) {
      const rules = await settings.callInRules();
      return write(CHECK, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await callInOf(tx, id);
        if (before.status !== 'lodged') throw new ConflictError('This call-in has already been checked');
        const today = londonToday(clock);
        const changes =
          values.verdict === 'accepted'
            ? { status: 'accepted', checked_on: today, check_reason: values.reason, hearing_by: hearingDeadline(today, rules) }
            : { status: 'rejected', checked_on: today, check_reason: values.reason };
        if (!(await tx.callIns.update(id, values.version, changes))) throw new ConflictError('Someone else changed this call-in after you opened it');
        await audit(values.verdict === 'accepted' ? 'accept' : 'reject', 'call_in', id, { status: before.status }, changes);
        await decisionChanged(tx, touched, before.resolution_id);
        return changes;
      });
    },

    /**
     * Puts an accepted call-in before the scrutiny committee: an item on the chosen meeting's agenda,
     * in the same transaction. The committee's next meeting, or one within the time the rules set.
     */
    async scheduleHearing(actor: Actor, id: number, input: unknown) {
      return write(HEARING, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await callInOf(tx, id);
        if (before.status !== 'accepted' || before.hearing_meeting_id !== null) throw new ConflictError('This call-in is not waiting for a hearing');
        const acceptedOn = before.checked_on ?? londonToday(clock);
        const meeting = (await tx.callIns.scrutinyMeetings(acceptedOn)).find((m) => m.id === values.meetingId);
        if (!meeting)
          throw new ValidationError([{ field: 'meetingId', message: 'Choose a meeting of a scrutiny committee that has not been held or cancelled' }]);
        const next = await tx.meetings.nextOf(meeting.organisation_id, acceptedOn);
        const refusal = hearingMeetingRefusal({ date: meeting.meeting_date, isNext: next?.id === meeting.id }, acceptedOn, before.hearing_by ?? acceptedOn);
        if (refusal) throw new ValidationError([{ field: 'meetingId', message: refusal }]);
        const m = await tx.meetings.findById(meeting.id);
        if (!m) throw new NotFoundError('No such meeting');
        const position = await tx.workspace.nextAgendaPosition(m.id);
        const item = await tx.meetings.createAgendaItem({
          meeting_id: m.id,
          position,
          number: String(position),
          title: `Call-in: ${before.minute_title}`,
          description: `Call-in of the decision of ${before.body_name} on ${before.meeting_date}. Grounds: ${before.grounds}`,
          report_of: null,
          exempt_paragraph: null,
          is_confidential: 0,
          issue_id: null,
          // As any item added before the agenda is published: a draft until publication (LGA 1972 s.100B(1)).
          is_draft: m.agenda_published_on === null ? 1 : 0,
        });
        await audit('create', 'agenda_item', item.id, null, item);
        touched('agenda_item', item.id);
        const changes = { hearing_meeting_id: m.id, hearing_agenda_item_id: item.id };
        if (!(await tx.callIns.update(id, values.version, changes))) throw new ConflictError('Someone else changed this call-in after you opened it');
        await audit('schedule_hearing', 'call_in', id, { hearing_meeting_id: null }, changes);
        await decisionChanged(tx, touched, before.resolution_id);
        return changes;
      });
    },

    /**
     * The committee's outcome (RULES.md 5a): no further action closes the call-in and the decision takes
     * effect; a referral back (or to full Council) waits for the decision maker's reconsideration [5 working days].
     */
    async recordOutcome(actor: Actor, id: number, input: unknown) {
      const rules = await settings.callInRules();
      return write(OUTCOME, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await callInOf(tx, id);
        if (before.status !== 'accepted' || before.hearing_meeting_id === null) {
          throw new ConflictError('Put the call-in on a scrutiny committee agenda before recording its outcome');
        }
        const today = londonToday(clock);
        const text = (values.outcomeText ?? '').trim();
        const changes =
          values.outcome === 'no_further_action'
            ? { status: 'closed', outcome: values.outcome, outcome_on: today, outcome_text: text === '' ? null : text }
            : { status: 'heard', outcome: values.outcome, outcome_on: today, outcome_text: text, reconsider_by: reconsiderationDeadline(today, rules) };
        if (!(await tx.callIns.update(id, values.version, changes))) throw new ConflictError('Someone else changed this call-in after you opened it');
        await audit('outcome', 'call_in', id, { status: before.status }, changes);
        await decisionChanged(tx, touched, before.resolution_id);
        return changes;
      });
    },

    /** The decision maker's reconsideration (confirmed, modified or rescinded, with reasons): it closes the call-in. */
    async recordReconsideration(actor: Actor, id: number, input: unknown) {
      return write(RECONSIDER, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await callInOf(tx, id);
        if (before.status !== 'heard') throw new ConflictError('This call-in is not waiting for the decision maker’s reconsideration');
        const changes = {
          status: 'closed',
          reconsideration: values.reconsideration,
          reconsidered_on: londonToday(clock),
          reconsideration_reasons: values.reasons,
        };
        if (!(await tx.callIns.update(id, values.version, changes))) throw new ConflictError('Someone else changed this call-in after you opened it');
        await audit('reconsider', 'call_in', id, { status: before.status }, changes);
        await decisionChanged(tx, touched, before.resolution_id);
        return changes;
      });
    },

    /** The call-ins the public may see, newest first, each with its councillors and effect on the decision. */
    async published() {
      const r = repos();
      return withCouncillors(r, await r.callIns.published());
    },

    /** A page of the public call-ins for the API, in id order, each with its councillors and the line the decision's records show. */
    async apiPage(page: { limit: number; after?: number; updatedSince?: string }) {
      const r = repos();
      return withCouncillors(r, await r.callIns.publishedPage(page));
    },

    /** One public call-in for the API; a call-in of withheld business is not found. */
    async publicById(id: number) {
      const r = repos();
      const found = await r.callIns.publishedById(id);
      if (!found) throw new NotFoundError('No such call-in');
      const [shown] = await withCouncillors(r, [found]);
      if (!shown) throw new NotFoundError('No such call-in');
      return shown;
    },

    /** The public call-ins of the decisions a forward-plan entry gave notice of (SI 2012/2089 reg 9), for its page. */
    async publishedOfForwardPlanEntry(entryId: number) {
      const r = repos();
      return withCouncillors(r, await r.callIns.publishedOfForwardPlanEntry(entryId));
    },

    /** The public call-ins of one meeting's decisions, with their councillors. */
    async publishedOfMeeting(meetingId: number) {
      const r = repos();
      return withCouncillors(r, await r.callIns.publishedOfMeeting(meetingId));
    },

    /** The call-ins of decisions a public page already shows (a meeting's, a decision record's): every step of each. */
    async forResolutions(resolutionIds: readonly number[]) {
      const r = repos();
      return withCouncillors(r, await r.callIns.forResolutions(resolutionIds));
    },

    /** The day after which a decision may be implemented when nothing holds it (RULES.md 4), for the meeting page. */
    async windowOf(d: { published_on: string | null; meeting_date: string }) {
      return windowOf(d);
    },
  };
}

export type CallInService = ReturnType<typeof createCallInService>;
