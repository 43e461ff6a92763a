// Recommendations of reviews, their sub-points, the executive's response and the progress updates.
import { sql, type Insertable, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, ExecutiveResponseTable, ProgressUpdateTable, RecommendationTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import type { WithdrawnOption } from './review-repository.ts';
import { isPublicBusiness, notWithdrawn } from './withheld-expression.ts';
import { londonToday } from '../domain/clock.ts';
import { referenceYear } from '../domain/recommendation-origin.ts';

export type NewRecommendation = Omit<Insertable<RecommendationTable>, 'created_at' | 'updated_at'>;
export type NewResponse = Omit<Insertable<ExecutiveResponseTable>, 'created_at' | 'updated_at'>;
export type NewProgressUpdate = Omit<Insertable<ProgressUpdateTable>, 'created_at'>;

/** Recommendations with the executive's response, if any (`rec`, left-joined `er`): callers add the review, columns and filters. */
export function recommendationsWithResponse(db: Kysely<Database>) {
  return db.selectFrom('recommendations as rec').leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id');
}

/**
 * Recommendations with their response and where a minute made them (migration 0033): the body
 * addressed (`addressee`), the limb (`limb`), its resolution (`res`), minute (`mn`), meeting
 * (`made_at`) and agenda item (`ai`), all absent for a review's. Callers add the review.
 */
export function recommendationsWithOrigin(db: Kysely<Database>) {
  return recommendationsWithResponse(db)
    .leftJoin('organisations as addressee', 'addressee.id', 'rec.target_organisation_id')
    .leftJoin('resolution_limbs as limb', 'limb.id', 'rec.resolution_limb_id')
    .leftJoin('resolutions as res', 'res.id', 'limb.resolution_id')
    .leftJoin('minutes as mn', 'mn.id', 'res.minute_id')
    .leftJoin('meetings as made_at', 'made_at.id', 'mn.meeting_id')
    .leftJoin('agenda_items as ai', 'ai.id', 'mn.agenda_item_id');
}

/**
 * True, over `recommendationsWithOrigin`, for a recommendation the public may see by where it was
 * made (RULES.md rule 9): not minuted on exempt or confidential business, nor made by a limb
 * withdrawn as recorded in error. A review's recommendation has no minute and passes.
 */
export function madeInPublic(): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${isPublicBusiness({ optional: 'ai' })} and (${sql.ref('limb.id')} is null or ${sql.ref('limb.withdrawn_on')} is null))`;
}

/** The response's columns beside its recommendation, one list for the pages, the workspace, the API and the files. */
export const RESPONSE_COLUMNS = [
  'er.id as response_id',
  'er.version as response_version',
  'er.decision',
  'er.response_text',
  'er.proposed_action',
  'er.reason',
  'er.responsible_person_id',
  'er.responsible_name',
  'er.action_by_date',
  'er.action_by_text',
  'er.outcome',
  'er.agreed_meeting_id',
  'er.responded_on',
  'er.updated_at as response_updated_at',
] as const;

/**
 * Progress updates in the order recorded (by recommendation, then date), withdrawn ones left out
 * unless asked for: callers say whose.
 */
export function progressUpdates(db: Kysely<Database>, options: WithdrawnOption = {}) {
  const q = db.selectFrom('progress_updates').selectAll().orderBy('recommendation_id').orderBy('update_date').orderBy('id');
  return options.includeWithdrawn ? q : q.where(notWithdrawn('progress_updates'));
}

export function createRecommendationRepository({ db, clock }: RepositoryContext) {
  function withResponse() {
    return recommendationsWithResponse(db)
      .leftJoin('people as officer', 'officer.id', 'er.responsible_person_id')
      .selectAll('rec')
      .select(RESPONSE_COLUMNS)
      .select(['officer.slug as officer_slug', 'officer.name as officer_name']);
  }

  return {
    /**
     * Adds a recommendation with its reference: the municipal year it was made in (the meeting's
     * date, else its review's report, else today) and the next number in that year.
     */
    async create(values: NewRecommendation, points: string[] = []) {
      const review =
        values.review_id === null || values.review_id === undefined
          ? undefined
          : await db.selectFrom('scrutiny_reviews').select('report_date').where('id', '=', values.review_id).executeTakeFirst();
      const year = values.municipal_year ?? referenceYear(values.made_on ?? review?.report_date ?? londonToday(clock));
      const last = await db
        .selectFrom('recommendations')
        .select((eb) => eb.fn.max('year_sequence').as('last'))
        .where('municipal_year', '=', year)
        .executeTakeFirst();
      const rec = await db
        .insertInto('recommendations')
        .values({ ...values, municipal_year: year, year_sequence: values.year_sequence ?? Number(last?.last ?? 0) + 1, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const [index, text] of points.entries()) {
        await db
          .insertInto('recommendation_points')
          .values({ recommendation_id: rec.id, position: index + 1, text })
          .execute();
      }
      return rec;
    },

    async addResponse(values: NewResponse) {
      return db
        .insertInto('executive_responses')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async forReview(reviewId: number, options: WithdrawnOption = {}) {
      const q = withResponse().where('rec.review_id', '=', reviewId);
      return (options.includeWithdrawn ? q : q.where(notWithdrawn('rec'))).orderBy('rec.number').execute();
    },

    /** A recommendation by id, with its response: the lifecycle of one that no review made is reached this way. */
    async findById(id: number) {
      return withResponse().where('rec.id', '=', id).where(notWithdrawn('rec')).executeTakeFirst();
    },

    /** The recommendations a meeting's minutes made (meeting and motion origins), with their responses. */
    async madeAt(meetingId: number) {
      return withResponse()
        .innerJoin('resolution_limbs as limb', 'limb.id', 'rec.resolution_limb_id')
        .innerJoin('resolutions as res', 'res.id', 'limb.resolution_id')
        .innerJoin('minutes as m', 'm.id', 'res.minute_id')
        .select(['m.number as minute_number', 'limb.number as limb_number'])
        .where('m.meeting_id', '=', meetingId)
        .where(notWithdrawn('rec'))
        .orderBy('rec.year_sequence')
        .execute();
    },

    async find(reviewId: number, number: number) {
      return withResponse().where('rec.review_id', '=', reviewId).where('rec.number', '=', number).where(notWithdrawn('rec')).executeTakeFirst();
    },

    /** Recommendations a person is responsible for, through the executive's response. */
    async forOfficer(personId: number) {
      return withResponse()
        .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .select(['r.slug as review_slug', 'r.title as review_title'])
        .where('er.responsible_person_id', '=', personId)
        .where(notWithdrawn('rec', 'r'))
        .orderBy('r.report_date', 'desc')
        .orderBy('rec.number')
        .execute();
    },

    async points(recommendationIds: number[]) {
      if (recommendationIds.length === 0) return [];
      return db
        .selectFrom('recommendation_points')
        .selectAll()
        .where('recommendation_id', 'in', recommendationIds)
        .orderBy('recommendation_id')
        .orderBy('position')
        .execute();
    },

    async addProgress(values: NewProgressUpdate) {
      return db
        .insertInto('progress_updates')
        .values({ ...values, created_at: clock.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async progress(recommendationId: number, options: WithdrawnOption = {}) {
      return progressUpdates(db, options).where('recommendation_id', '=', recommendationId).execute();
    },
  };
}

export type RecommendationRepository = ReturnType<typeof createRecommendationRepository>;
