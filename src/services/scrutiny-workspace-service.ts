// The officer workspace's scrutiny chain: create and edit reviews and recommendations, record responses and progress, with roles, versions and audit.
import { recommendationReference } from '../domain/recommendation-origin.ts';
import { RecommendationOrigin } from '../domain/vocabulary.ts';
import { formatLongDate, parseIsoDate } from '../domain/iso-date.ts';
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { readDateAnswer, reviewDateErrors } from '../domain/date-answer.ts';
import { groupBy } from '../domain/group-by.ts';
import {
  currentTargetDate,
  latestUpdate,
  OPEN_RECOMMENDATION_STATUSES,
  validateProgressUpdate,
  type ProgressUpdateInput,
} from '../domain/recommendation-lifecycle.ts';
import { isEditor, mayRecordProgress, type Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import type { ProgressInput, RecommendationService, ResponseInput } from './recommendation-service.ts';
import type { UnitOfWork, Work } from './unit-of-work.ts';
import { parseProgressCsv, type ProgressCsvRow } from '../import/progress-csv.ts';
import { createReviewPartsService } from './review-parts-service.ts';
import { requireEditor, formVersion as version, optionalDate, optionalText, recordId, requiredText as text } from './form-input.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';
import { authorise, createWriteRunner, declareWrite, EDITORS, NO_INPUT, staleUnless } from './command.ts';

const optional = optionalText();

const ReviewSchema = z.object({
  title: text('Enter the title of the review', 300),
  organisationId: recordId('Choose the committee that carries out the review'),
  startedOn: optionalDate('the date the review started'),
  reportDate: optionalDate('the date of the report'),
  receivedOn: optionalDate('the date the executive received the report'),
  summary: optional,
});

const RecommendationSchema = z.object({ text: text('Enter the text of the recommendation') });

/** The columns a review's form sets, the same on creation and on every save. */
function reviewRow(values: z.output<typeof ReviewSchema>) {
  return {
    title: values.title,
    organisation_id: values.organisationId,
    started_on: values.startedOn,
    report_date: values.reportDate,
    received_on: values.receivedOn,
    summary: values.summary,
  };
}

const CREATE_REVIEW = declareWrite('review.create', EDITORS, ReviewSchema);
const UPDATE_REVIEW = declareWrite('review.update', EDITORS, ReviewSchema.extend({ version }));
const ADD_RECOMMENDATION = declareWrite('recommendation.create', EDITORS, RecommendationSchema);
/** Many progress updates at once (the form's table or a CSV file): each row is checked against the actor first. */
const BULK_PROGRESS = declareWrite('progress.bulk', ['administrator', 'democratic_services', 'lead_officer'], NO_INPUT);
const UPDATE_RECOMMENDATION = declareWrite('recommendation.update', EDITORS, RecommendationSchema.extend({ version }));

/** Refuses a review whose dates are out of order (src/domain/date-answer.ts), naming each date to correct. */
function checkReviewDates(values: { startedOn: string | null; reportDate: string | null; receivedOn: string | null }, today: string): void {
  const errors = reviewDateErrors(values, today);
  if (errors.length > 0) throw new ValidationError(errors);
}

/** What the review form gives. */
export type ReviewValues = z.output<typeof ReviewSchema>;

/**
 * Creates a review inside a write already under way: the review form's own save, or a work
 * programme topic that becomes a review (the topic's change in the same transaction).
 */
export async function createReviewIn({ repos: tx, audit, touched }: Work, clock: Clock, values: ReviewValues) {
  checkReviewDates(values, londonToday(clock));
  const body = await tx.organisations.findById(values.organisationId);
  if (!body || body.kind === 'external') throw new ValidationError([{ field: 'organisationId', message: 'Choose the committee that carries out the review' }]);
  const review = await tx.reviews.create({
    slug: await tx.slugs.free('scrutiny_reviews', slugify(values.title)),
    ...reviewRow(values),
    status: 'in_progress',
  });
  // The status follows from the records (src/domain/review-lifecycle.ts), never from the form.
  await refreshReviewStatus(tx, review.id);
  const created = (await tx.reviews.findById(review.id)) ?? review;
  await audit('create', 'review', review.id, null, created);
  touched('review', review.id);
  return created;
}

/** One row of a bulk progress submission (from the form or a CSV file), addressed by recommendation id. */
export interface BulkProgressRow extends ProgressUpdateInput {
  recommendationId: number;
}

export function createScrutinyWorkspaceService(deps: {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  clock: Clock;
  recommendations: RecommendationService;
}) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);

  async function checkBody(r: Repositories, organisationId: number): Promise<void> {
    const body = await r.organisations.findById(organisationId);
    if (!body || body.kind === 'external')
      throw new ValidationError([{ field: 'organisationId', message: 'Choose the committee that carries out the review' }]);
  }

  /** A recommendation with how officers know where it came from: its review, or the body and minute that made it, and its reference. */
  async function recommendation(id: number) {
    const rec = await repos().workspace.recommendation(id);
    if (!rec) throw new NotFoundError('No such recommendation');
    const minute = rec.minute_number === null ? 'Minute' : `Minute ${rec.minute_number}`;
    const made = rec.made_on === null ? '' : `, ${formatLongDate(parseIsoDate(rec.made_on))}`;
    return {
      ...rec,
      reference: recommendationReference(rec.municipal_year, rec.year_sequence),
      originLabel: RecommendationOrigin.label(rec.origin_kind),
      source_title: rec.review_title ?? `${rec.maker_name ?? 'Committee'}, ${minute}${made}`,
    };
  }

  return {
    // Terms of reference, criteria, evidence and members: each edit guarded by the review's version.
    ...createReviewPartsService({ repos, unitOfWork }),

    /** What the review forms offer: the council's bodies, and people to name as responsible. */
    async choices() {
      const r = repos();
      const [bodies, people] = await Promise.all([r.workspace.bodies(), r.workspace.people()]);
      return { bodies, people };
    },

    async listReviews(actor: Actor) {
      requireEditor(actor);
      return repos().reviews.list({ limit: 500, offset: 0, includeWithdrawn: true });
    },

    async review(actor: Actor, id: number) {
      requireEditor(actor);
      const r = repos();
      // The workspace shows withdrawn records, marked as such, so they can be restored.
      const review = await r.reviews.findById(id, { includeWithdrawn: true });
      if (!review) throw new NotFoundError('No such review');
      return { review, recommendations: await r.recommendations.forReview(id, { includeWithdrawn: true }) };
    },

    async createReview(actor: Actor, input: unknown) {
      return write(CREATE_REVIEW, actor, input, async (values, work) => createReviewIn(work, clock, values));
    },

    /** Saves a review only if nobody else saved it since the form was opened (its version). */
    async updateReview(actor: Actor, id: number, input: unknown) {
      return write(UPDATE_REVIEW, actor, input, async (values, { repos: tx, audit, touched }) => {
        checkReviewDates(values, londonToday(clock));
        await checkBody(tx, values.organisationId);
        const before = await tx.reviews.findById(id);
        if (!before) throw new NotFoundError('No such review');
        const saved = await tx.workspace.updateReview(id, values.version, reviewRow(values));
        staleUnless(saved, 'this review', values.version);
        await refreshReviewStatus(tx, id);
        const after = await tx.reviews.findById(id);
        await audit('update', 'review', id, before, after);
        touched('review', id);
        return present(after, 'after');
      });
    },

    async addRecommendation(actor: Actor, reviewId: number, input: unknown) {
      return write(ADD_RECOMMENDATION, actor, input, async (values, { repos: tx, audit, touched }) => {
        const review = await tx.reviews.findById(reviewId);
        if (!review) throw new NotFoundError('No such review');
        // An identical duplicate (the form sent twice, or typed again) is refused, pointing at the first.
        const same = (await tx.recommendations.forReview(reviewId)).find((r) => r.text === values.text);
        if (same) {
          throw new ValidationError([
            { field: 'text', message: `Recommendation ${same.number} of this review already has this text`, existing: { kind: 'recommendation', id: same.id } },
          ]);
        }
        const rec = await tx.recommendations.create({
          review_id: reviewId,
          number: await tx.workspace.nextRecommendationNumber(reviewId),
          text: values.text,
          status: 'awaiting_response',
        });
        await audit('create', 'recommendation', rec.id, null, rec);
        // The review's entry holds its recommendations' words too.
        touched('recommendation', rec.id);
        touched('review', reviewId);
        await refreshReviewStatus(tx, reviewId);
        return rec;
      });
    },

    /** The recommendations a meeting's minutes made (a committee's to the executive, a Council motion's to an officer), with their references. */
    async madeAt(actor: Actor, meetingId: number) {
      // Those who only read the meeting's workspace page see none: the recommendations' forms are the editors'.
      if (!isEditor(actor.role)) return [];
      return (await repos().recommendations.madeAt(meetingId)).map((rec) => ({
        id: rec.id,
        reference: recommendationReference(rec.municipal_year, rec.year_sequence),
        minuteNumber: rec.minute_number,
        limbNumber: rec.limb_number,
        text: rec.text,
        status: rec.status,
        decision: rec.decision,
      }));
    },

    async recommendation(actor: Actor, id: number) {
      const rec = await recommendation(id);
      if (!isEditor(actor.role) && !mayRecordProgress(actor, rec.responsible_person_id)) {
        throw new ForbiddenError('This recommendation is not assigned to you');
      }
      return { recommendation: rec, progress: await repos().recommendations.progress(id, { includeWithdrawn: true }) };
    },

    /** Saves the text of a recommendation against the version the editor started from; a stale save is refused. */
    async updateRecommendation(actor: Actor, id: number, input: unknown) {
      return write(UPDATE_RECOMMENDATION, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.tracker.findRecommendationById(id);
        if (!before) throw new NotFoundError('No such recommendation');
        staleUnless(await tx.workspace.updateRecommendation(id, values.version, { text: values.text }), 'this recommendation', values.version);
        const after = await tx.tracker.findRecommendationById(id);
        await audit('update', 'recommendation', id, before, after);
        touched('recommendation', id);
        if (before.review_id !== null) touched('review', before.review_id);
        return present(after, 'after');
      });
    },

    /**
     * Records the executive's response through the recommendation service's command (which checks
     * RULES.md rule 2, the version the form was opened at, and writes the audit event).
     */
    async recordResponse(actor: Actor, id: number, input: ResponseInput) {
      const rec = await recommendation(id);
      // A form always says which response it was opened on: blank when there was none yet.
      return deps.recommendations.respondTo(rec.id, { ...input, version: input.version ?? '' }, actor);
    },

    /** Appends a progress update: editors on any recommendation, a lead officer only on those assigned to them. */
    async addProgress(actor: Actor, id: number, input: ProgressInput) {
      const rec = await recommendation(id);
      if (!mayRecordProgress(actor, rec.responsible_person_id)) throw new ForbiddenError('This recommendation is not assigned to you');
      // An identical update (same date, status and words) is refused rather than recorded twice.
      const typed = input.updateDate;
      const reading =
        typeof typed === 'object' && typed !== null
          ? readDateAnswer(typed, 'the date of the update', false)
          : readDateAnswer({ day: typed ?? '' }, 'the date of the update', false);
      const updateDate = reading.ok ? reading.value : null;
      const same = (await repos().recommendations.progress(id)).find(
        (p) => p.update_date === updateDate && p.status === input.status?.trim() && p.narrative === input.narrative?.trim(),
      );
      if (same) {
        throw new ValidationError([
          { field: 'narrative', message: `This update was recorded already for recommendation ${rec.number}`, existing: { kind: 'recommendation', id } },
        ]);
      }
      return deps.recommendations.addProgressTo(rec.id, { ...input, authorName: actor.name }, actor);
    },

    /** Open recommendations the actor may update: a lead officer's own; an editor's, everything open with a response. */
    async assigned(actor: Actor) {
      const r = repos();
      let rows;
      if (isEditor(actor.role)) {
        rows = (await r.tracker.recommendations({ statuses: OPEN_RECOMMENDATION_STATUSES })).filter((x) => x.decision !== null);
      } else if (actor.role === 'lead_officer' && actor.personId !== null) {
        rows = await r.recommendations.forOfficer(actor.personId);
      } else {
        throw new ForbiddenError('Only lead officers and democratic services officers record progress');
      }
      const open = rows.filter((x) => OPEN_RECOMMENDATION_STATUSES.includes(x.status));
      const progress = groupBy(await r.tracker.progressFor(open.map((x) => x.id)), (p) => p.recommendation_id);
      return open.map((x) => {
        const updates = progress.get(x.id) ?? [];
        const latest = latestUpdate(updates);
        return {
          id: x.id,
          number: x.number,
          text: x.text,
          reviewTitle: x.review_title,
          reviewSlug: x.review_slug,
          target: currentTargetDate(x.action_by_date, updates),
          targetText: x.action_by_text,
          latestStatus: latest?.status ?? null,
          latestDate: latest?.update_date ?? null,
        };
      });
    },

    /**
     * A CSV file of progress updates: checked row by row (the same checks as the form) and, when
     * `apply` is set and every row is correct, saved in one transaction. A file with any bad row
     * changes nothing; each problem names its line.
     */
    async progressCsv(actor: Actor, text: string, options: { apply: boolean }): Promise<ProgressCsvOutcome> {
      const parsed = parseProgressCsv(text);
      if (!parsed.ok) return { rows: [], problems: parsed.problems, saved: 0 };
      const lineOf = new Map<number, number>();
      for (const row of parsed.rows) if (!lineOf.has(row.recommendationId)) lineOf.set(row.recommendationId, row.line);
      try {
        const written = await this.bulkProgress(actor, parsed.rows, { dryRun: !options.apply });
        return { rows: parsed.rows, problems: [], saved: written.length };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const problems = error.errors.map((e) => {
          const id = Number(/^rows\.(\d+)\./.exec(e.field)?.[1]);
          return { line: lineOf.get(id) ?? null, message: e.message };
        });
        return { rows: parsed.rows, problems, saved: 0 };
      }
    },

    /**
     * Records many progress updates at once, all or nothing: every row is checked (permission and
     * the tracker's rules for an update) before anything is written, and then all are written in one
     * transaction. Errors name the row: `rows.<recommendation id>.<field>`.
     */
    async bulkProgress(actor: Actor, rows: readonly BulkProgressRow[], options: { dryRun?: boolean } = {}) {
      authorise(BULK_PROGRESS, actor);
      const r = repos();
      const today = londonToday(clock);
      const errors: FieldError[] = [];
      const checked: { row: BulkProgressRow; target: string | null }[] = [];
      if (rows.length === 0) throw new ValidationError([{ field: 'rows', message: 'Enter at least one update' }]);
      const seen = new Set<number>();
      for (const row of rows) {
        const prefix = `rows.${row.recommendationId}`;
        const rec = await r.workspace.recommendation(row.recommendationId);
        if (!rec) {
          errors.push({ field: `${prefix}.recommendationId`, message: `There is no recommendation ${row.recommendationId}` });
          continue;
        }
        // Named as officers know it (DESIGN.md rule 11), never by its id.
        const name = `Recommendation ${rec.number} of ${rec.review_title}`;
        if (seen.has(rec.id)) {
          errors.push({ field: `${prefix}.recommendationId`, message: `${name} appears more than once` });
          continue;
        }
        seen.add(rec.id);
        if (!mayRecordProgress(actor, rec.responsible_person_id)) {
          errors.push({ field: `${prefix}.recommendationId`, message: `${name} is not assigned to you` });
          continue;
        }
        if (!OPEN_RECOMMENDATION_STATUSES.includes(rec.status)) {
          errors.push({ field: `${prefix}.status`, message: `${name} has been signed off` });
          continue;
        }
        if (rec.decision === null) {
          errors.push({ field: `${prefix}.status`, message: `${name} has no executive response yet` });
          continue;
        }
        const updates = await r.recommendations.progress(rec.id);
        const target = currentTargetDate(rec.action_by_date, updates);
        for (const e of validateProgressUpdate(row, {
          today,
          latestUpdateDate: latestUpdate(updates)?.update_date ?? null,
          respondedOn: rec.responded_on,
          currentTarget: target,
        })) {
          errors.push({ field: `${prefix}.${e.field}`, message: `${name}: ${e.message}`, unqualified: e.message });
        }
        checked.push({ row, target });
      }
      if (errors.length > 0) throw new ValidationError(errors, 'Nothing was saved: correct the rows below and submit again');
      // A preview (the CSV upload's first step) checks every row and writes nothing.
      if (options.dryRun) return [];
      return write(BULK_PROGRESS, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const written = [];
        for (const { row, target } of checked) {
          const slipped = row.status === 'slipped';
          const update = await tx.recommendations.addProgress({
            recommendation_id: row.recommendationId,
            update_date: present(row.updateDate, 'row.updateDate'),
            status: present(row.status, 'row.status'),
            rag: row.rag || null,
            narrative: present(row.narrative, 'row.narrative'),
            previous_target_date: slipped ? target : null,
            new_target_date: slipped ? present(row.newTargetDate, 'row.newTargetDate') : null,
            slip_reason: slipped ? present(row.slipReason, 'row.slipReason') : null,
            author_name: actor.name,
          });
          await audit('progress.added', 'recommendation', row.recommendationId, null, update);
          written.push(update);
        }
        const reviews = new Set<number>();
        for (const { row } of checked) {
          const rec = await tx.tracker.findRecommendationById(row.recommendationId);
          if (rec && rec.review_id !== null) reviews.add(rec.review_id);
        }
        for (const reviewId of reviews) if (await refreshReviewStatus(tx, reviewId)) touched('review', reviewId);
        return written;
      });
    },
  };
}

/** What a CSV upload found: every row, and the problems by line (none when it may be saved). */
export interface ProgressCsvOutcome {
  readonly rows: readonly ProgressCsvRow[];
  readonly problems: readonly { line: number | null; message: string }[];
  readonly saved: number;
}

export type ScrutinyWorkspaceService = ReturnType<typeof createScrutinyWorkspaceService>;
