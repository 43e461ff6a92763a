// The life of one recommendation: recording the executive's response, appending progress updates, sign-off by the committee, and its timeline.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { londonToday, type Clock } from '../domain/clock.ts';
import {
  currentTargetDate,
  daysOverdue,
  latestUpdate,
  recommendationTimeline,
  validateProgressUpdate,
  validateResponseDecision,
  validateSignOff,
} from '../domain/recommendation-lifecycle.ts';
import { formatLongDate, parseIsoDate } from '../domain/iso-date.ts';
import { isSlug } from '../domain/slug.ts';
import { mayRecordProgress, type Actor, type SystemActor } from '../domain/roles.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { checkVersion, defineCommand, staleUnless, type CommandStep, type RunCommand } from './command.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { optionalDate } from './form-input.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';

const optionalText = z
  .string()
  .trim()
  .max(20_000)
  .optional()
  .nullable()
  .transform((v) => (v === '' || v === undefined ? null : v));
const optionalSlug = z
  .string()
  .trim()
  .max(200)
  .optional()
  .nullable()
  .transform((v) => (v === '' || v === undefined ? null : v));
/** The response's version the form was opened at: blank when it had none; absent for a writer that opens no form. */
const responseVersion = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, 'The form is out of date: reload the page')
  .optional()
  .transform((v) => (v === undefined ? undefined : v === '' ? null : Number(v)));

const ResponseInputSchema = z.object({
  decision: optionalText,
  responseText: optionalText,
  proposedAction: optionalText,
  reason: optionalText,
  responsiblePerson: optionalSlug,
  responsibleName: optionalText,
  actionByDate: optionalDate('the action by date'),
  actionByText: optionalText,
  outcome: optionalText,
  respondedOn: optionalDate('the date of the response'),
  agreedMeeting: optionalSlug,
  version: responseVersion,
});
export type ResponseInput = z.input<typeof ResponseInputSchema>;

const ProgressInputSchema = z.object({
  updateDate: optionalDate('the date of the update'),
  status: optionalText,
  rag: optionalText,
  narrative: optionalText,
  newTargetDate: optionalDate('the new target date'),
  slipReason: optionalText,
  authorName: optionalText,
});
export type ProgressInput = z.input<typeof ProgressInputSchema>;

const SignOffInputSchema = z.object({
  meeting: optionalSlug,
  signedOffOn: optionalDate('the date of sign-off'),
});
export type SignOffInput = z.input<typeof SignOffInputSchema>;

/**
 * A recommendation as the public knows it: its review's slug and its number there; or, for one no
 * review made (a committee meeting's or a Council motion's), its id.
 */
type RecommendationRef = { readonly reviewSlug: string; readonly number: number } | { readonly id: number };

/**
 * The recommendation with what its lifecycle is measured by: the date the body addressed received
 * it (the review's report, or the meeting that made it: RULES.md rule 1), and the bodies that may
 * sign it off (the review's committee and its group, or the body that made it).
 */
async function locate(repos: Repositories, ref: RecommendationRef) {
  if ('id' in ref) {
    const recommendation = Number.isSafeInteger(ref.id) ? await repos.recommendations.findById(ref.id) : undefined;
    if (!recommendation) throw new NotFoundError('No such recommendation');
    if (recommendation.review_id !== null) {
      const review = await repos.reviews.findById(recommendation.review_id);
      if (!review) throw new NotFoundError('No such review');
      return locate(repos, { reviewSlug: review.slug, number: recommendation.number });
    }
    const body = recommendation.organisation_id === null ? undefined : await repos.organisations.findById(recommendation.organisation_id);
    return {
      review: null,
      recommendation,
      receivedOn: recommendation.made_on,
      madeOn: recommendation.made_on,
      signingBodies: body ? [body.id] : [],
      signingName: body?.name ?? 'the committee that made it',
    };
  }
  const { reviewSlug, number } = ref;
  if (!isSlug(reviewSlug)) throw new NotFoundError('No such review');
  const review = await repos.reviews.findBySlug(reviewSlug);
  if (!review) throw new NotFoundError('No such review');
  if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError('No such recommendation');
  const recommendation = await repos.recommendations.find(review.id, number);
  if (!recommendation) throw new NotFoundError('No such recommendation');
  return {
    review,
    recommendation,
    receivedOn: review.received_on ?? review.report_date,
    madeOn: review.report_date,
    signingBodies: [review.organisation_id, review.group_organisation_id].filter((id): id is number => id !== null),
    signingName: `${review.organisation_name} (or its review group)`,
  };
}

/** A review's status follows its recommendations; one no review made has none to refresh. */
async function refreshReviewOf(
  repos: Repositories,
  touched: (kind: 'review' | 'recommendation', id: number) => void,
  rec: { id: number; review_id: number | null },
) {
  touched('recommendation', rec.id);
  if (rec.review_id === null) return;
  // The review's search entry holds none of its status: it is named as written only when the
  // status changed, so pages listing reviews stay stored through ordinary progress.
  if (await refreshReviewStatus(repos, rec.review_id)) touched('review', rec.review_id);
}

async function findMeeting(repos: Repositories, slug: string | null, field: string) {
  if (slug === null) return null;
  const meeting = isSlug(slug) ? await repos.meetings.findBySlug(slug) : undefined;
  if (!meeting) throw new ValidationError([{ field, message: `There is no meeting “${slug}”` }]);
  return meeting;
}

const finished = (status: string) => status === 'signed_off' || status === 'closed';

/**
 * Records (or revises) the executive's response to a recommendation, checked against RULES.md
 * rule 2, and opens the recommendation for progress updates. A signed-off recommendation's
 * response can no longer change.
 */
const respond = defineCommand({
  name: 'recommendation.respond',
  roles: ['administrator', 'democratic_services', 'system', 'import'],
  input: ResponseInputSchema,
  async change({
    input: values,
    target,
    work: { repos, audit, touched },
  }: CommandStep<z.output<typeof ResponseInputSchema>, RecommendationRef & { today: string }>) {
    const { recommendation, receivedOn } = await locate(repos, target);
    const existing = await repos.tracker.responseFor(recommendation.id);
    // A form says which response it was opened on (none: blank); a save over a newer one is stale.
    if (values.version !== undefined) checkVersion('this response', values.version, existing?.version ?? null);
    if (finished(recommendation.status)) {
      throw new ConflictError('This recommendation has been signed off: its response can no longer change');
    }
    const person =
      values.responsiblePerson === null ? null : isSlug(values.responsiblePerson) ? await repos.people.findBySlug(values.responsiblePerson) : undefined;
    const meeting = await findMeeting(repos, values.agreedMeeting, 'agreedMeeting');
    // The response is dated as given, else by the meeting that agreed it, else today; its dates are checked in that light.
    const respondedOn = values.respondedOn ?? meeting?.meeting_date ?? target.today;
    const errors = validateResponseDecision(
      {
        ...values,
        respondedOn,
        responsiblePersonId: person?.id ?? null,
        responsibleName: values.responsibleName ?? person?.name ?? null,
      },
      { today: target.today, reportReceivedOn: receivedOn },
    );
    if (person === undefined) errors.unshift({ field: 'responsiblePerson', message: `There is no person “${values.responsiblePerson}”` });
    if (errors.length > 0 || values.decision === null || values.responseText === null) throw new ValidationError(errors);
    const row = {
      decision: values.decision,
      response_text: values.responseText,
      proposed_action: values.proposedAction,
      reason: values.reason,
      responsible_person_id: person?.id ?? null,
      responsible_name: values.responsibleName ?? person?.name ?? null,
      action_by_date: values.actionByDate,
      action_by_text: values.actionByText,
      outcome: values.outcome,
      agreed_meeting_id: meeting?.id ?? null,
      responded_on: respondedOn,
    };
    let responseId: number;
    if (existing) {
      staleUnless(await repos.tracker.updateResponse(existing.id, existing.version, row), 'this response', existing.version);
      responseId = existing.id;
    } else {
      responseId = (await repos.recommendations.addResponse({ recommendation_id: recommendation.id, ...row })).id;
    }
    if (recommendation.status === 'awaiting_response') await repos.tracker.setStatus(recommendation.id, 'open');
    await audit(existing ? 'response.revised' : 'response.recorded', 'recommendation', recommendation.id, existing ?? null, row);
    // The response is found by search from the moment it is given; the review's entry shows its status.
    touched('response', responseId);
    await refreshReviewOf(repos, touched, recommendation);
    return row;
  },
});

/**
 * Appends a progress update. Updates are never changed or removed; a slip keeps the target it
 * replaces (previous_target_date) beside the new one, so a slipped date is always shown.
 * A lead officer may update only a recommendation whose response names them (src/domain/roles.ts).
 */
const addProgress = defineCommand({
  name: 'recommendation.progress',
  roles: ['administrator', 'democratic_services', 'lead_officer', 'system', 'import'],
  input: ProgressInputSchema,
  async change({
    input: values,
    target,
    actor,
    work: { repos, audit, touched },
  }: CommandStep<z.output<typeof ProgressInputSchema>, RecommendationRef & { today: string }>) {
    const { recommendation } = await locate(repos, target);
    if (typeof actor !== 'string' && !mayRecordProgress(actor, recommendation.responsible_person_id)) {
      throw new ForbiddenError('This recommendation is not assigned to you');
    }
    if (finished(recommendation.status)) {
      throw new ConflictError('This recommendation has been signed off: no more updates can be added');
    }
    if (recommendation.decision === null) {
      throw new ConflictError('The executive has not yet responded to this recommendation: record the response first');
    }
    const updates = await repos.recommendations.progress(recommendation.id);
    const current = currentTargetDate(recommendation.action_by_date, updates);
    const errors = validateProgressUpdate(values, {
      today: target.today,
      latestUpdateDate: latestUpdate(updates)?.update_date ?? null,
      respondedOn: recommendation.responded_on,
      currentTarget: current,
    });
    if (errors.length > 0 || values.updateDate === null || values.status === null || values.narrative === null) throw new ValidationError(errors);
    const slipped = values.status === 'slipped';
    const update = await repos.recommendations.addProgress({
      recommendation_id: recommendation.id,
      update_date: values.updateDate,
      status: values.status,
      rag: values.rag,
      narrative: values.narrative,
      previous_target_date: slipped ? current : null,
      new_target_date: slipped ? values.newTargetDate : null,
      slip_reason: slipped ? values.slipReason : null,
      author_name: values.authorName ?? (typeof actor === 'string' ? null : actor.name),
    });
    await audit('progress.added', 'recommendation', recommendation.id, null, update);
    await refreshReviewOf(repos, touched, recommendation);
    return update;
  },
});

/** Sign-off by the committee at a meeting closes the recommendation: no more updates, no response changes. */
const signOff = defineCommand({
  name: 'recommendation.sign_off',
  roles: ['administrator', 'democratic_services', 'system'],
  input: SignOffInputSchema,
  async change({
    input: values,
    target,
    work: { repos, audit, touched },
  }: CommandStep<z.output<typeof SignOffInputSchema>, RecommendationRef & { today: string }>) {
    const { recommendation, signingBodies, signingName } = await locate(repos, target);
    if (finished(recommendation.status)) throw new ConflictError('This recommendation has already been signed off');
    const meeting = await findMeeting(repos, values.meeting, 'meeting');
    if (meeting && !signingBodies.includes(meeting.organisation_id)) {
      throw new ValidationError([{ field: 'meeting', message: `Only ${signingName} can sign off its recommendations` }]);
    }
    const signedOffOn = values.signedOffOn ?? meeting?.meeting_date ?? null;
    const errors = validateSignOff(
      { signedOffOn, meetingDate: meeting?.meeting_date ?? null },
      {
        today: target.today,
        respondedOn: recommendation.responded_on,
      },
    );
    if (errors.length > 0 || signedOffOn === null || meeting === null) throw new ValidationError(errors);
    staleUnless(
      await repos.tracker.signOff(recommendation.id, {
        signedOffOn,
        meetingId: meeting.id,
        expectedVersion: recommendation.version,
      }),
      'this recommendation',
      recommendation.version,
    );
    await audit(
      'recommendation.signed_off',
      'recommendation',
      recommendation.id,
      { status: recommendation.status },
      { status: 'signed_off', signed_off_on: signedOffOn, signed_off_meeting_id: meeting.id },
    );
    await refreshReviewOf(repos, touched, recommendation);
    return { signedOffOn, meeting: { slug: meeting.slug, date: meeting.meeting_date, organisation: meeting.organisation_name } };
  },
});

export function createRecommendationService(deps: { db: Kysely<Database>; clock: Clock; run: RunCommand }) {
  const { clock, run } = deps;
  const at = (reviewSlug: string, number: number) => ({ reviewSlug, number, today: londonToday(clock) });
  const byId = (id: number) => ({ id, today: londonToday(clock) });

  return {
    /** The same lifecycle reached by a recommendation's id: how one that no review made is answered, updated and signed off. */
    respondTo: (id: number, input: ResponseInput, actor: Actor | SystemActor) => run(respond, actor, byId(id), input),
    addProgressTo: (id: number, input: ProgressInput, actor: Actor | SystemActor) => run(addProgress, actor, byId(id), input),
    signOffById: (id: number, input: SignOffInput, actor: Actor | SystemActor) => run(signOff, actor, byId(id), input),

    respond: (reviewSlug: string, number: number, input: ResponseInput, actor: Actor | SystemActor) => run(respond, actor, at(reviewSlug, number), input),

    addProgress: (reviewSlug: string, number: number, input: ProgressInput, actor: Actor | SystemActor) =>
      run(addProgress, actor, at(reviewSlug, number), input),

    signOff: (reviewSlug: string, number: number, input: SignOffInput, actor: Actor | SystemActor) => run(signOff, actor, at(reviewSlug, number), input),

    /**
     * Where a recommendation stands and how it got there: made (the report date), responded, every
     * update, signed off; with the target in force, the latest status and the days overdue today.
     */
    async timeline(reviewSlug: string, number: number) {
      return this.timelineOf({ reviewSlug, number });
    },

    async timelineOf(ref: RecommendationRef) {
      const repos = createRepositories({ db: deps.db, clock });
      const { madeOn, recommendation } = await locate(repos, ref);
      const updates = await repos.recommendations.progress(recommendation.id);
      const signedOffMeeting =
        recommendation.signed_off_meeting_id === null
          ? null
          : await repos.meetings.findByIds([recommendation.signed_off_meeting_id]).then((rows) => rows[0] ?? null);
      const signedOffMinute = recommendation.signed_off_minute_id === null ? null : await repos.reviewLifecycle.minute(recommendation.signed_off_minute_id);
      const minuteLabel = signedOffMinute && signedOffMinute.number !== null ? `Minute ${signedOffMinute.number}` : null;
      const target = currentTargetDate(recommendation.action_by_date, updates);
      const latest = latestUpdate(updates);
      const open = recommendation.status === 'open' || recommendation.status === 'awaiting_response';
      return {
        events: recommendationTimeline({
          reportDate: madeOn,
          respondedOn: recommendation.responded_on,
          decision: recommendation.decision,
          responseText: recommendation.response_text,
          updates,
          signedOffOn: recommendation.signed_off_on,
          signedOffMeeting: signedOffMeeting ? `${signedOffMeeting.organisation_name} on ${formatLongDate(parseIsoDate(signedOffMeeting.meeting_date))}` : null,
          signedOffOutcome: recommendation.signed_off_outcome,
          signedOffMinute: minuteLabel,
        }),
        signedOffMeeting: signedOffMeeting
          ? { slug: signedOffMeeting.slug, date: signedOffMeeting.meeting_date, organisation: signedOffMeeting.organisation_name }
          : null,
        signedOffOutcome: recommendation.signed_off_outcome,
        signedOffMinute: minuteLabel,
        status: recommendation.status,
        originalTarget: recommendation.action_by_date,
        targetText: recommendation.action_by_text,
        currentTarget: target,
        latestStatus: latest?.status ?? null,
        latestRag: latest?.rag ?? null,
        daysOverdue: open ? daysOverdue(target, latest?.status ?? null, londonToday(clock)) : null,
      };
    },
  };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
