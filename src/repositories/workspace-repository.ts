// Writes of the officer workspace that need a version check: UPDATE ... WHERE id = ? AND version = ?, and the lookups its forms need.
import type { Updateable } from 'kysely';
import type { RecommendationTable, ScrutinyReviewTable } from '../db/schema.ts';
import type { RepositoryContext } from './repository-context.ts';

type ReviewEdit = Pick<Updateable<ScrutinyReviewTable>, 'title' | 'organisation_id' | 'started_on' | 'report_date' | 'received_on' | 'summary' | 'status'>;

export function createWorkspaceRepository({ db, clock }: RepositoryContext) {
  return {
    /** True when the row was at `expectedVersion` and is now changed; false when someone else saved first. */
    async updateReview(id: number, expectedVersion: number, values: ReviewEdit): Promise<boolean> {
      const result = await db.updateTable('scrutiny_reviews')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updateRecommendation(id: number, expectedVersion: number, values: Pick<Updateable<RecommendationTable>, 'text'>): Promise<boolean> {
      const result = await db.updateTable('recommendations')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async nextRecommendationNumber(reviewId: number): Promise<number> {
      const row = await db.selectFrom('recommendations').select((eb) => eb.fn.max('number').as('n'))
        .where('review_id', '=', reviewId).executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    async slugTaken(table: 'scrutiny_reviews' | 'meetings', slug: string): Promise<boolean> {
      const row = await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },

    /** A recommendation with its review and response, by id (the workspace addresses records by id). */
    async recommendation(id: number) {
      return db.selectFrom('recommendations as rec')
        .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
        .selectAll('rec')
        .select(['r.slug as review_slug', 'r.title as review_title',
          'er.id as response_id', 'er.version as response_version', 'er.decision', 'er.response_text', 'er.proposed_action', 'er.reason',
          'er.responsible_person_id', 'er.responsible_name', 'er.action_by_date', 'er.action_by_text', 'er.outcome', 'er.responded_on'])
        .where('rec.id', '=', id).executeTakeFirst();
    },

    /** Bodies a review can belong to (the council's own committees and groups), by name. */
    async bodies() {
      return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('kind', '!=', 'external').orderBy('name').execute();
    },

    /** People who can be named as responsible, by name. */
    async people() {
      return db.selectFrom('people').select(['id', 'slug', 'name', 'job_title']).orderBy('name').execute();
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
