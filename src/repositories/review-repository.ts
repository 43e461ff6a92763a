// Scrutiny reviews: terms of reference, criteria, the review group's meetings and the evidence taken.
import type { Insertable } from 'kysely';
import type { EvidenceTable, ReviewCriterionTable, ReviewTermTable, ScrutinyReviewTable } from '../db/schema.ts';
import { timestamps, toCount, type RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';

/** Public reads leave withdrawn records out; the workspace asks for them too, to show them as withdrawn. */
export interface WithdrawnOption {
  readonly includeWithdrawn?: boolean;
}

export type NewReview = Omit<Insertable<ScrutinyReviewTable>, 'created_at' | 'updated_at'>;

export function createReviewRepository({ db, clock }: RepositoryContext) {
  function withBodies(options: WithdrawnOption = {}) {
    const q = db
      .selectFrom('scrutiny_reviews as r')
      .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
      .leftJoin('organisations as g', 'g.id', 'r.group_organisation_id')
      .selectAll('r')
      .select(['o.slug as organisation_slug', 'o.name as organisation_name', 'g.slug as group_slug', 'g.name as group_name']);
    return options.includeWithdrawn ? q : q.where(notWithdrawn('r'));
  }

  return {
    async create(values: NewReview) {
      return db
        .insertInto('scrutiny_reviews')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return withBodies().where('r.slug', '=', slug).executeTakeFirst();
    },

    async findById(id: number, options: WithdrawnOption = {}) {
      return withBodies(options).where('r.id', '=', id).executeTakeFirst();
    },

    async list(options: { limit: number; offset: number; organisationId?: number } & WithdrawnOption) {
      let q = withBodies(options);
      if (options.organisationId !== undefined) q = q.where('r.organisation_id', '=', options.organisationId);
      return q.orderBy('r.report_date', 'desc').orderBy('r.id', 'desc').limit(options.limit).offset(options.offset).execute();
    },

    async count(options: { organisationId?: number } = {}) {
      let q = db.selectFrom('scrutiny_reviews').where(notWithdrawn('scrutiny_reviews'));
      if (options.organisationId !== undefined) q = q.where('organisation_id', '=', options.organisationId);
      const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    /** Reviews whose group or parent committee the person sits on, as chair or member. */
    async forMember(personId: number) {
      return withBodies()
        .innerJoin('memberships as ms', 'ms.organisation_id', 'r.group_organisation_id')
        .select(['ms.role as member_role'])
        .where('ms.person_id', '=', personId)
        .where(notWithdrawn('ms'))
        .orderBy('r.report_date', 'desc')
        .execute();
    },

    async addTerm(values: Insertable<ReviewTermTable>) {
      return db.insertInto('review_terms').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async terms(reviewId: number) {
      return db.selectFrom('review_terms').selectAll().where('review_id', '=', reviewId).orderBy('position').execute();
    },

    async addCriterion(values: Insertable<ReviewCriterionTable>) {
      return db.insertInto('review_criteria').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async criteria(reviewId: number) {
      return db.selectFrom('review_criteria').selectAll().where('review_id', '=', reviewId).orderBy('position').execute();
    },

    async addReviewMeeting(
      values: { review_id: number; position: number; starts_on: string; ends_on: string | null; title: string | null },
      business: string[],
    ) {
      const meeting = await db.insertInto('review_meetings').values(values).returningAll().executeTakeFirstOrThrow();
      for (const [index, text] of business.entries()) {
        await db
          .insertInto('review_meeting_business')
          .values({ review_meeting_id: meeting.id, position: index + 1, text })
          .execute();
      }
      return meeting;
    },

    /** The review group's schedule of meetings, each with the business it took. */
    async schedule(reviewId: number) {
      const meetings = await db.selectFrom('review_meetings').selectAll().where('review_id', '=', reviewId).orderBy('position').execute();
      const business =
        meetings.length === 0
          ? []
          : await db
              .selectFrom('review_meeting_business')
              .selectAll()
              .where(
                'review_meeting_id',
                'in',
                meetings.map((m) => m.id),
              )
              .orderBy('position')
              .execute();
      return meetings.map((m) => ({ ...m, business: business.filter((b) => b.review_meeting_id === m.id).map((b) => b.text) }));
    },

    async addEvidence(values: Insertable<EvidenceTable>) {
      return db.insertInto('evidence').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async evidence(reviewId: number) {
      return db
        .selectFrom('evidence as e')
        .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
        .leftJoin('review_options as ro', 'ro.id', 'e.option_id')
        .selectAll('e')
        .select(['o.name as linked_organisation_name', 'ro.name as option_name'])
        .where('e.review_id', '=', reviewId)
        .orderBy('e.position')
        .execute();
    },

    /** The options the review compares, in order. */
    async options(reviewId: number) {
      return db.selectFrom('review_options').selectAll().where('review_id', '=', reviewId).orderBy('position').orderBy('id').execute();
    },

    /** The review group's judgements, one per criterion and option. */
    async judgements(reviewId: number) {
      return db.selectFrom('review_judgements').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
