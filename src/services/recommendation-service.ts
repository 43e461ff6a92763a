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
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { optionalDate, parseInput as parse } from './form-input.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';

/** Who made a change, for the audit trail: a user's email, or 'cli' and the like. */
export type Actor = string;

const optionalText = z.string().trim().max(20_000).optional().nullable().transform((v) => (v === '' || v === undefined ? null : v));
const optionalSlug = z.string().trim().max(200).optional().nullable().transform((v) => (v === '' || v === undefined ? null : v));

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


export function createRecommendationService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { clock } = deps;

  /** Runs a unit of work in one transaction: nothing is half-written. */
  function inTransaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return deps.db.transaction().execute((trx) => work(createRepositories({ db: trx, clock })));
  }

  async function locate(repos: Repositories, reviewSlug: string, number: number) {
    if (!isSlug(reviewSlug)) throw new NotFoundError('No such review');
    const review = await repos.reviews.findBySlug(reviewSlug);
    if (!review) throw new NotFoundError('No such review');
    if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError('No such recommendation');
    const recommendation = await repos.recommendations.find(review.id, number);
    if (!recommendation) throw new NotFoundError('No such recommendation');
    return { review, recommendation };
  }

  async function findMeeting(repos: Repositories, slug: string | null, field: string) {
    if (slug === null) return null;
    const meeting = isSlug(slug) ? await repos.meetings.findBySlug(slug) : undefined;
    if (!meeting) throw new ValidationError([{ field, message: `There is no meeting “${slug}”` }]);
    return meeting;
  }

  return {
    /**
     * Records (or revises) the executive's response to a recommendation, checked against RULES.md
     * rule 2, and opens the recommendation for progress updates. A signed-off recommendation's
     * response can no longer change.
     */
    async respond(reviewSlug: string, number: number, input: ResponseInput, actor: Actor) {
      const values = parse(ResponseInputSchema, input);
      return inTransaction(async (repos) => {
        const { review, recommendation } = await locate(repos, reviewSlug, number);
        if (recommendation.status === 'signed_off' || recommendation.status === 'closed') {
          throw new ConflictError('This recommendation has been signed off: its response can no longer change');
        }
        const person = values.responsiblePerson === null ? null
          : isSlug(values.responsiblePerson) ? await repos.people.findBySlug(values.responsiblePerson) : undefined;
        const meeting = await findMeeting(repos, values.agreedMeeting, 'agreedMeeting');
        // The response is dated as given, else by the meeting that agreed it, else today; its dates are checked in that light.
        const respondedOn = values.respondedOn ?? meeting?.meeting_date ?? londonToday(clock);
        const errors = validateResponseDecision({
          ...values, respondedOn, responsiblePersonId: person?.id ?? null, responsibleName: values.responsibleName ?? person?.name ?? null,
        }, { today: londonToday(clock), reportReceivedOn: review.received_on ?? review.report_date });
        if (person === undefined) errors.unshift({ field: 'responsiblePerson', message: `There is no person “${values.responsiblePerson}”` });
        if (errors.length > 0) throw new ValidationError(errors);
        const row = {
          decision: present(values.decision, 'values.decision'), response_text: present(values.responseText, 'values.responseText'), proposed_action: values.proposedAction,
          reason: values.reason, responsible_person_id: person?.id ?? null, responsible_name: values.responsibleName ?? person?.name ?? null,
          action_by_date: values.actionByDate, action_by_text: values.actionByText, outcome: values.outcome,
          agreed_meeting_id: meeting?.id ?? null, responded_on: respondedOn,
        };
        const existing = await repos.tracker.responseFor(recommendation.id);
        if (existing) {
          const changed = await repos.tracker.updateResponse(existing.id, existing.version, row);
          if (!changed) throw new ConflictError('Someone else changed this response at the same time: look again and retry');
        } else {
          await repos.recommendations.addResponse({ recommendation_id: recommendation.id, ...row });
        }
        if (recommendation.status === 'awaiting_response') await repos.tracker.setStatus(recommendation.id, 'open');
        await repos.audit.record({
          actor, action: existing ? 'response.revised' : 'response.recorded', entity_type: 'recommendation', entity_id: recommendation.id,
          before_json: existing ? JSON.stringify(existing) : null, after_json: JSON.stringify(row),
        });
        await refreshReviewStatus(repos, recommendation.review_id);
        return row;
      });
    },

    /**
     * Appends a progress update. Updates are never changed or removed; a slip keeps the target it
     * replaces (previous_target_date) beside the new one, so a slipped date is always shown.
     */
    async addProgress(reviewSlug: string, number: number, input: ProgressInput, actor: Actor) {
      const values = parse(ProgressInputSchema, input);
      return inTransaction(async (repos) => {
        const { recommendation } = await locate(repos, reviewSlug, number);
        if (recommendation.status === 'signed_off' || recommendation.status === 'closed') {
          throw new ConflictError('This recommendation has been signed off: no more updates can be added');
        }
        if (recommendation.decision === null) {
          throw new ConflictError('The executive has not yet responded to this recommendation: record the response first');
        }
        const updates = await repos.recommendations.progress(recommendation.id);
        const target = currentTargetDate(recommendation.action_by_date, updates);
        const errors = validateProgressUpdate(values, {
          today: londonToday(clock), latestUpdateDate: latestUpdate(updates)?.update_date ?? null,
          respondedOn: recommendation.responded_on, currentTarget: target,
        });
        if (errors.length > 0) throw new ValidationError(errors);
        const slipped = values.status === 'slipped';
        const update = await repos.recommendations.addProgress({
          recommendation_id: recommendation.id, update_date: present(values.updateDate, 'values.updateDate'), status: present(values.status, 'values.status'), rag: values.rag,
          narrative: present(values.narrative, 'values.narrative'), previous_target_date: slipped ? target : null,
          new_target_date: slipped ? values.newTargetDate : null, slip_reason: slipped ? values.slipReason : null,
          author_name: values.authorName ?? null,
        });
        await repos.audit.record({
          actor, action: 'progress.added', entity_type: 'recommendation', entity_id: recommendation.id,
          before_json: null, after_json: JSON.stringify(update),
        });
        await refreshReviewStatus(repos, recommendation.review_id);
        return update;
      });
    },

    /** Sign-off by the committee at a meeting closes the recommendation: no more updates, no response changes. */
    async signOff(reviewSlug: string, number: number, input: SignOffInput, actor: Actor) {
      const values = parse(SignOffInputSchema, input);
      return inTransaction(async (repos) => {
        const { review, recommendation } = await locate(repos, reviewSlug, number);
        if (recommendation.status === 'signed_off' || recommendation.status === 'closed') {
          throw new ConflictError('This recommendation has already been signed off');
        }
        const meeting = await findMeeting(repos, values.meeting, 'meeting');
        if (meeting && meeting.organisation_id !== review.organisation_id && meeting.organisation_id !== review.group_organisation_id) {
          throw new ValidationError([{ field: 'meeting', message: `Only ${review.organisation_name} (or its review group) can sign off its recommendations` }]);
        }
        const signedOffOn = values.signedOffOn ?? meeting?.meeting_date ?? null;
        const errors = validateSignOff({ signedOffOn, meetingDate: meeting?.meeting_date ?? null }, {
          today: londonToday(clock), respondedOn: recommendation.responded_on,
        });
        if (errors.length > 0) throw new ValidationError(errors);
        const done = await repos.tracker.signOff(recommendation.id, {
          signedOffOn: present(signedOffOn, 'signedOffOn'), meetingId: present(meeting, 'meeting').id, expectedVersion: recommendation.version,
        });
        if (!done) throw new ConflictError('This recommendation was changed by someone else at the same time: look again and retry');
        await repos.audit.record({
          actor, action: 'recommendation.signed_off', entity_type: 'recommendation', entity_id: recommendation.id,
          before_json: JSON.stringify({ status: recommendation.status }),
          after_json: JSON.stringify({ status: 'signed_off', signed_off_on: signedOffOn, signed_off_meeting_id: present(meeting, 'meeting').id }),
        });
        await refreshReviewStatus(repos, review.id);
        return { signedOffOn: present(signedOffOn, 'signedOffOn'), meeting: { slug: present(meeting, 'meeting').slug, date: present(meeting, 'meeting').meeting_date, organisation: present(meeting, 'meeting').organisation_name } };
      });
    },

    /**
     * Where a recommendation stands and how it got there: made (the report date), responded, every
     * update, signed off; with the target in force, the latest status and the days overdue today.
     */
    async timeline(reviewSlug: string, number: number) {
      const repos = createRepositories({ db: deps.db, clock });
      const { review, recommendation } = await locate(repos, reviewSlug, number);
      const updates = await repos.recommendations.progress(recommendation.id);
      const signedOffMeeting = recommendation.signed_off_meeting_id === null ? null
        : await repos.meetings.findByIds([recommendation.signed_off_meeting_id]).then((rows) => rows[0] ?? null);
      const signedOffMinute = recommendation.signed_off_minute_id === null ? null : await repos.reviewLifecycle.minute(recommendation.signed_off_minute_id);
      const minuteLabel = signedOffMinute && signedOffMinute.number !== null ? `Minute ${signedOffMinute.number}` : null;
      const target = currentTargetDate(recommendation.action_by_date, updates);
      const latest = latestUpdate(updates);
      const open = recommendation.status === 'open' || recommendation.status === 'awaiting_response';
      return {
        events: recommendationTimeline({
          reportDate: review.report_date, respondedOn: recommendation.responded_on, decision: recommendation.decision,
          responseText: recommendation.response_text, updates, signedOffOn: recommendation.signed_off_on,
          signedOffMeeting: signedOffMeeting ? `${signedOffMeeting.organisation_name} on ${formatLongDate(parseIsoDate(signedOffMeeting.meeting_date))}` : null,
          signedOffOutcome: recommendation.signed_off_outcome, signedOffMinute: minuteLabel,
        }),
        signedOffMeeting: signedOffMeeting ? { slug: signedOffMeeting.slug, date: signedOffMeeting.meeting_date, organisation: signedOffMeeting.organisation_name } : null,
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
