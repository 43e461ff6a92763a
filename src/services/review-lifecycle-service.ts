// A review's lifecycle in the workspace: record the meeting that received its report and the one that agreed the response, keep its derived status, and let the committee sign recommendations off (one or many at a meeting) or reopen them.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { addDays, formatLongDate, parseIsoDate } from '../domain/iso-date.ts';
import { deriveReviewStatus, ENDED_RECOMMENDATION_STATUSES, responseGivenOn } from '../domain/review-lifecycle.ts';
import { OPEN_RECOMMENDATION_STATUSES } from '../domain/recommendation-lifecycle.ts';
import type { Actor } from '../domain/roles.ts';
import { SignOffOutcome } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { requireEditor, formVersion } from './form-input.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { EDITORS, createWriteRunner, declareWrite } from './command.ts';

/** How many agenda items or minutes a choice lists: the meetings around the review, newest first. */
const CHOICE_LIMIT = 400;

const long = (date: string) => formatLongDate(parseIsoDate(date));

/** "Recommendation 2 of Alternative Management Arrangements": how officers know a recommendation (never its id). */
import { recommendationName } from '../domain/recommendation-origin.ts';
export { recommendationName };

/**
 * Stores the review's status as its records now derive it (src/domain/review-lifecycle.ts). Every
 * write that changes what the status is derived from calls this in the same transaction, so the
 * status shown anywhere (pages, API, search) is never typed and never stale. Says whether the
 * status changed: the caller names the review as written (`touched`), so that stored pages listing
 * reviews with their status are let go of then, and only then.
 */
export async function refreshReviewStatus(repos: Repositories, reviewId: number): Promise<boolean> {
  const facts = await repos.reviewLifecycle.statusFacts(reviewId);
  if (!facts) return false;
  const given = responseGivenOn({
    responseMeetingDate: facts.response_meeting_date,
    responses: facts.recommendations.map((r) => (r.response_id === null ? null : (r.responded_on ?? facts.response_meeting_date ?? null))),
  });
  return repos.reviewLifecycle.setStatus(
    reviewId,
    deriveReviewStatus({
      reportDate: facts.report_date,
      received: facts.received_on !== null || facts.report_meeting_id !== null,
      responseGivenOn: given,
      recommendationStatuses: facts.recommendations.map((r) => r.status),
      monitored: facts.monitored,
    }),
  );
}

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .refine((v) => v === null || /^[1-9][0-9]{0,8}$/.test(v), message)
    .transform((v) => (v === null ? null : Number(v)));

const MeetingsSchema = z.object({
  reportAgendaItem: optionalId('Choose the agenda item at which the report was received from the list'),
  responseMinute: optionalId('Choose the minute that agreed the executive’s response from the list'),
  version: formVersion,
});

const id = z.number().int().positive();
const SignOffSchema = z.object({
  rows: z
    .array(
      z.object({
        recommendationId: id,
        outcome: z.string().trim().optional().default(''),
        minute: z.string().trim().optional().default(''),
        version: z.string().trim().optional().default(''),
      }),
    )
    .max(500),
});
export type SignOffRowInput = z.input<typeof SignOffSchema>['rows'][number];

const ReopenSchema = z.object({
  reason: z
    .string({ error: 'Enter the reason the committee reopened the recommendation' })
    .trim()
    .min(1, 'Enter the reason the committee reopened the recommendation')
    .max(5_000, 'The reason must be 5,000 characters or fewer'),
  version: formVersion,
});

const RECORD_MEETINGS = declareWrite('review.recordMeetings', EDITORS, MeetingsSchema);
const SIGN_OFF = declareWrite('review.signOff', EDITORS, SignOffSchema);
const REOPEN = declareWrite('review.reopen', EDITORS, ReopenSchema);

export function createReviewLifecycleService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork; clock: Clock }) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);

  async function findReview(r: Repositories, reviewId: number) {
    const review = await r.reviews.findById(reviewId);
    if (!review) throw new NotFoundError('No such review');
    return review;
  }

  async function findMeeting(r: Repositories, meetingId: number) {
    const meeting = (await r.meetings.findByIds([meetingId]))[0];
    if (!meeting) throw new NotFoundError('No such meeting');
    return meeting;
  }

  return {
    /** The review with the meetings recorded for it, and the agenda items and minutes an officer may choose from. */
    async meetingsForm(actor: Actor, reviewId: number) {
      requireEditor(actor);
      const r = repos();
      const review = await findReview(r, reviewId);
      const today = londonToday(clock);
      // Around the review: from a year before it began (or its report) to a year from today.
      const start = review.started_on ?? review.report_date;
      const from = start ? addDays(parseIsoDate(start), -366) : '1900-01-01';
      const to = addDays(parseIsoDate(today), 366);
      const [agendaItems, minutes, reportItem, responseMinute] = await Promise.all([
        r.reviewLifecycle.agendaItemChoices({ from, to, limit: CHOICE_LIMIT }),
        r.reviewLifecycle.minuteChoices({ from, to, limit: CHOICE_LIMIT }),
        review.report_agenda_item_id === null ? undefined : r.reviewLifecycle.agendaItem(review.report_agenda_item_id),
        review.response_minute_id === null ? undefined : r.reviewLifecycle.minute(review.response_minute_id),
      ]);
      // The current choice stays offered even when it lies outside the range.
      if (reportItem && !agendaItems.some((a) => a.id === reportItem.id)) agendaItems.push(reportItem);
      if (responseMinute && !minutes.some((m) => m.id === responseMinute.id)) minutes.push(responseMinute);
      return { review, agendaItems, minutes };
    },

    /**
     * Records the agenda item (so the meeting, and the date of receipt) that received the report
     * and the minute (so the meeting) that agreed the executive's response. RULES.md rule 1: the
     * response clock runs from receipt, and stops when the response is given.
     */
    async recordMeetings(actor: Actor, reviewId: number, input: unknown) {
      return write(RECORD_MEETINGS, actor, input, async (values, { repos: tx, audit }) => {
        const before = await findReview(tx, reviewId);
        const errors: FieldError[] = [];
        const item = values.reportAgendaItem === null ? null : await tx.reviewLifecycle.agendaItem(values.reportAgendaItem);
        if (item === undefined) errors.push({ field: 'reportAgendaItem', message: 'Choose the agenda item at which the report was received from the list' });
        const minute = values.responseMinute === null ? null : await tx.reviewLifecycle.minute(values.responseMinute);
        if (minute === undefined) errors.push({ field: 'responseMinute', message: 'Choose the minute that agreed the executive’s response from the list' });
        const today = londonToday(clock);
        if (item && item.meeting_date > today) {
          errors.push({
            field: 'reportAgendaItem',
            message: `The meeting that received the report cannot be in the future: ${item.organisation_name} meets on ${long(item.meeting_date)}`,
          });
        }
        if (item && before.report_date && item.meeting_date < before.report_date) {
          errors.push({
            field: 'reportAgendaItem',
            message: `The report cannot be received before it was made: the report is dated ${long(before.report_date)}`,
          });
        }
        const receivedOn = item ? item.meeting_date : before.received_on;
        if (minute) {
          if (minute.meeting_date > today) {
            errors.push({
              field: 'responseMinute',
              message: `The response cannot be agreed in the future: ${minute.organisation_name} meets on ${long(minute.meeting_date)}`,
            });
          } else if (receivedOn === null) {
            errors.push({ field: 'responseMinute', message: 'Record the meeting that received the report before the one that agreed the response' });
          } else if (minute.meeting_date < receivedOn) {
            errors.push({ field: 'responseMinute', message: `The response cannot be agreed before the report was received on ${long(receivedOn)}` });
          }
        }
        if (errors.length > 0) throw new ValidationError(errors);
        const saved = await tx.reviewLifecycle.recordMeetings(reviewId, values.version, {
          report_meeting_id: item ? item.meeting_id : null,
          report_agenda_item_id: item ? item.id : null,
          received_on: receivedOn,
          response_meeting_id: minute ? minute.meeting_id : null,
          response_minute_id: minute ? minute.id : null,
        });
        if (!saved) throw new ConflictError('Someone else changed this review after you opened it');
        await refreshReviewStatus(tx, reviewId);
        const after = await findReview(tx, reviewId);
        await audit(
          'review.meetings_recorded',
          'review',
          reviewId,
          {
            report_meeting_id: before.report_meeting_id,
            report_agenda_item_id: before.report_agenda_item_id,
            received_on: before.received_on,
            response_meeting_id: before.response_meeting_id,
            response_minute_id: before.response_minute_id,
            status: before.status,
          },
          {
            report_meeting_id: after.report_meeting_id,
            report_agenda_item_id: after.report_agenda_item_id,
            received_on: after.received_on,
            response_meeting_id: after.response_meeting_id,
            response_minute_id: after.response_minute_id,
            status: after.status,
          },
        );
        return after;
      });
    },

    /** A meeting's sign-off page: the body's open recommendations, the meeting's minutes, and what was signed off there. */
    async signOffForm(actor: Actor, meetingId: number) {
      requireEditor(actor);
      const r = repos();
      const meeting = await findMeeting(r, meetingId);
      const [candidates, minutes, signedOff] = await Promise.all([
        // "The committee or its successor" signs off: a meeting of a successor body has its predecessors' recommendations too.
        r.reviewLifecycle.bodyAndPredecessors(meeting.organisation_id).then((bodies) => r.reviewLifecycle.signOffCandidates(bodies)),
        r.reviewLifecycle.minutesOf(meeting.id),
        r.reviewLifecycle.signedOffAt(meeting.id),
      ]);
      return { meeting, candidates, minutes, signedOff, held: meeting.meeting_date <= londonToday(clock) };
    },

    /**
     * Signs off (or closes) the chosen recommendations at a meeting of the committee, all or none:
     * each row names the outcome and the minute that decided it. "Achieved" and "not achieved" sign
     * a recommendation off; "no longer relevant" and "no further action" close it (DESIGN.md:
     * progress ends "in sign-off or closure"). Either way it leaves the open tracker.
     */
    async signOff(actor: Actor, meetingId: number, input: unknown) {
      return write(SIGN_OFF, actor, input, async ({ rows }, { repos: tx, audit, touched }) => {
        if (rows.length === 0) throw new ValidationError([{ field: 'rows', message: 'Select at least one recommendation to sign off' }]);
        const meeting = await findMeeting(tx, meetingId);
        const today = londonToday(clock);
        if (meeting.meeting_date > today) {
          throw new ValidationError([
            { field: 'rows', message: `The committee signs recommendations off at a meeting it has held: this meeting is on ${long(meeting.meeting_date)}` },
          ]);
        }
        const bodies = await tx.reviewLifecycle.bodyAndPredecessors(meeting.organisation_id);
        const candidates = new Map((await tx.reviewLifecycle.signOffCandidates(bodies)).map((c) => [c.id, c]));
        const minutes = new Map((await tx.reviewLifecycle.minutesOf(meeting.id)).map((m) => [m.id, m]));
        const errors: FieldError[] = [];
        const stale: string[] = [];
        const checked = [];
        for (const row of rows) {
          const rec = candidates.get(row.recommendationId);
          const field = (name: string) => `${name}-${row.recommendationId}`;
          if (!rec) {
            errors.push({
              field: field('signOff'),
              message: `That recommendation is not an open recommendation of ${meeting.organisation_name}: reload the page`,
            });
            continue;
          }
          const name = recommendationName(rec);
          if (!SignOffOutcome.is(row.outcome)) {
            errors.push({ field: field('outcome'), message: `${name}: choose the outcome the committee decided` });
          } else if (rec.decision === null && (row.outcome === 'achieved' || row.outcome === 'not_achieved')) {
            errors.push({
              field: field('outcome'),
              message: `${name} has no executive response: it can only be closed as no longer relevant or no further action`,
            });
          } else if (rec.decision === 'not_accepted' && row.outcome === 'achieved') {
            errors.push({
              field: field('outcome'),
              message: `${name} was not accepted by the executive, so it cannot be achieved: close it as no further action or no longer relevant`,
            });
          }
          const minute = /^[1-9][0-9]{0,8}$/.test(row.minute) ? minutes.get(Number(row.minute)) : undefined;
          if (!minute) errors.push({ field: field('minute'), message: `${name}: choose the minute of this meeting that decided it` });
          if (rec.responded_on && meeting.meeting_date < rec.responded_on) {
            errors.push({ field: field('signOff'), message: `${name} cannot be signed off before the executive responded on ${long(rec.responded_on)}` });
          }
          if (!/^\d{1,9}$/.test(row.version) || Number(row.version) !== rec.version) stale.push(name);
          if (minute && SignOffOutcome.is(row.outcome)) checked.push({ rec, name, minute, outcome: row.outcome, version: Number(row.version) });
        }
        if (errors.length > 0) throw new ValidationError(errors, 'Nothing was signed off: correct the rows below and submit again');
        if (stale.length > 0) throw new ConflictError(`Someone else changed ${stale.join(', ')} after you opened this page`);
        const reviews = new Set<number>();
        for (const { rec, name, minute, outcome, version } of checked) {
          const values = {
            status: outcome === 'achieved' || outcome === 'not_achieved' ? ('signed_off' as const) : ('closed' as const),
            signed_off_on: meeting.meeting_date,
            signed_off_meeting_id: meeting.id,
            signed_off_minute_id: minute.id,
            signed_off_outcome: outcome,
          };
          if (!(await tx.reviewLifecycle.signOff(rec.id, version, values))) throw new ConflictError(`Someone else changed ${name} after you opened this page`);
          await audit('recommendation.signed_off', 'recommendation', rec.id, { status: rec.status }, { ...values, minute_number: minute.number });
          if (rec.review_id !== null) reviews.add(rec.review_id);
        }
        for (const reviewId of reviews) if (await refreshReviewStatus(tx, reviewId)) touched('review', reviewId);
        return checked.map((c) => ({ id: c.rec.id, name: c.name, outcome: c.outcome }));
      });
    },

    /** A signed-off or closed recommendation with where and when it was signed off, for the reopen form. */
    async reopenForm(actor: Actor, recommendationId: number) {
      requireEditor(actor);
      const r = repos();
      const rec = await r.workspace.recommendation(recommendationId);
      if (!rec) throw new NotFoundError('No such recommendation');
      if (!ENDED_RECOMMENDATION_STATUSES.includes(rec.status)) throw new NotFoundError('This recommendation is open: there is nothing to reopen');
      const meeting = rec.signed_off_meeting_id === null ? null : ((await r.meetings.findByIds([rec.signed_off_meeting_id]))[0] ?? null);
      return { recommendation: rec, meeting };
    },

    /** Reopens a recommendation the committee later decides to follow again: back on the tracker, with the reason in the audit trail. */
    async reopen(actor: Actor, recommendationId: number, input: unknown) {
      return write(REOPEN, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.tracker.findRecommendationById(recommendationId);
        if (!before) throw new NotFoundError('No such recommendation');
        if (OPEN_RECOMMENDATION_STATUSES.includes(before.status)) throw new ConflictError('This recommendation is already open');
        const response = await tx.tracker.responseFor(recommendationId);
        const status = response ? ('open' as const) : ('awaiting_response' as const);
        if (!(await tx.reviewLifecycle.reopen(recommendationId, values.version, status))) {
          throw new ConflictError('Someone else changed this recommendation after you opened it');
        }
        await audit(
          'recommendation.reopened',
          'recommendation',
          recommendationId,
          {
            status: before.status,
            signed_off_on: before.signed_off_on,
            signed_off_meeting_id: before.signed_off_meeting_id,
            signed_off_minute_id: before.signed_off_minute_id,
            signed_off_outcome: before.signed_off_outcome,
          },
          { status, reason: values.reason },
        );
        if (before.review_id !== null && (await refreshReviewStatus(tx, before.review_id))) touched('review', before.review_id);
        return { status };
      });
    },
  };
}

export type ReviewLifecycleService = ReturnType<typeof createReviewLifecycleService>;
