// The parts of a scrutiny review the workspace edits (terms of reference, criteria, evidence, the review group's memberships), and the review's version that guards them.
import type { Insertable, Updateable } from 'kysely';
import type { EvidenceTable, MembershipTable, ReviewCriterionTable, ReviewJudgementTable, ReviewOptionTable, ReviewTermTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';

type TermValues = Pick<Insertable<ReviewTermTable>, 'number' | 'text' | 'parent_position'>;
type CriterionValues = Pick<Insertable<ReviewCriterionTable>, 'number' | 'title' | 'text'>;
type EvidenceValues = Omit<Insertable<EvidenceTable>, 'id' | 'review_id' | 'position'>;
type OptionValues = Pick<Insertable<ReviewOptionTable>, 'name' | 'description'>;
type JudgementValues = Pick<Insertable<ReviewJudgementTable>, 'criterion_id' | 'option_id' | 'judgement' | 'rationale'>;
type ReviewMeetingValues = { starts_on: string; ends_on: string | null; title: string | null };

export function createReviewPartsRepository({ db, clock }: RepositoryContext) {
  async function nextPosition(
    table: 'review_terms' | 'review_criteria' | 'evidence' | 'review_meetings' | 'review_options',
    reviewId: number,
  ): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max('position').as('n'))
      .where('review_id', '=', reviewId)
      .executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  async function writeBusiness(meetingId: number, business: readonly string[]) {
    for (const [index, text] of business.entries()) {
      await db
        .insertInto('review_meeting_business')
        .values({ review_meeting_id: meetingId, position: index + 1, text })
        .execute();
    }
  }

  return {
    /**
     * Claims the review for one edit of its parts: bumps its version only if it is still the one
     * the form was opened on. False when someone else saved the review or a part of it first.
     */
    async bumpReview(reviewId: number, expectedVersion: number, values: { group_organisation_id?: number } = {}): Promise<boolean> {
      const result = await db
        .updateTable('scrutiny_reviews')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', reviewId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    // Terms of reference --------------------------------------------------------------------

    async term(reviewId: number, id: number) {
      return db.selectFrom('review_terms').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
    },

    async addTerm(reviewId: number, values: TermValues, position?: number) {
      return db
        .insertInto('review_terms')
        .values({ ...values, review_id: reviewId, position: position ?? (await nextPosition('review_terms', reviewId)) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateTerm(id: number, values: Updateable<ReviewTermTable>) {
      return db.updateTable('review_terms').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    },

    /** Writes a new order: each term's position and the position of the term it hangs from. */
    async placeTerms(rows: readonly { id: number; position: number; parent_position: number | null; number: string | null }[]) {
      for (const row of rows) {
        await db
          .updateTable('review_terms')
          .set({ position: row.position, parent_position: row.parent_position, number: row.number })
          .where('id', '=', row.id)
          .execute();
      }
    },

    async removeTerms(ids: readonly number[]) {
      if (ids.length > 0)
        await db
          .deleteFrom('review_terms')
          .where('id', 'in', [...ids])
          .execute();
    },

    // Criteria --------------------------------------------------------------------------------

    async criterion(reviewId: number, id: number) {
      return db.selectFrom('review_criteria').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
    },

    async addCriterion(reviewId: number, values: CriterionValues) {
      return db
        .insertInto('review_criteria')
        .values({ ...values, review_id: reviewId, position: await nextPosition('review_criteria', reviewId) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateCriterion(id: number, values: CriterionValues) {
      return db.updateTable('review_criteria').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    },

    /** Removes a criterion with the judgements made against it. */
    async removeCriterion(id: number) {
      await db.deleteFrom('review_judgements').where('criterion_id', '=', id).execute();
      await db.deleteFrom('review_criteria').where('id', '=', id).execute();
    },

    // Evidence --------------------------------------------------------------------------------

    async evidenceItem(reviewId: number, id: number) {
      return db.selectFrom('evidence').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
    },

    async addEvidence(reviewId: number, values: EvidenceValues) {
      return db
        .insertInto('evidence')
        .values({ ...values, review_id: reviewId, position: await nextPosition('evidence', reviewId) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateEvidence(id: number, values: EvidenceValues) {
      return db.updateTable('evidence').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    },

    async removeEvidence(id: number) {
      await db.deleteFrom('evidence').where('id', '=', id).execute();
    },

    // Options and judgements (the options appraisal) ---------------------------------------------

    async option(reviewId: number, id: number) {
      return db.selectFrom('review_options').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
    },

    async addOption(reviewId: number, values: OptionValues) {
      return db
        .insertInto('review_options')
        .values({ ...values, review_id: reviewId, position: await nextPosition('review_options', reviewId) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateOption(id: number, values: OptionValues) {
      return db.updateTable('review_options').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    },

    /** Removes an option: its judgements go with it and the evidence that illustrated it is kept, unlinked. */
    async removeOption(id: number) {
      await db.deleteFrom('review_judgements').where('option_id', '=', id).execute();
      await db.updateTable('evidence').set({ option_id: null }).where('option_id', '=', id).execute();
      await db.deleteFrom('review_options').where('id', '=', id).execute();
    },

    async judgement(reviewId: number, id: number) {
      return db.selectFrom('review_judgements').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
    },

    /** The judgement already recorded for a criterion and option, if any. */
    async judgementFor(criterionId: number, optionId: number) {
      return db.selectFrom('review_judgements').selectAll().where('criterion_id', '=', criterionId).where('option_id', '=', optionId).executeTakeFirst();
    },

    async addJudgement(reviewId: number, values: JudgementValues) {
      return db
        .insertInto('review_judgements')
        .values({ ...values, review_id: reviewId })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateJudgement(id: number, values: JudgementValues) {
      return db.updateTable('review_judgements').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    },

    async removeJudgement(id: number) {
      await db.deleteFrom('review_judgements').where('id', '=', id).execute();
    },

    /** Outside bodies evidence can be linked to (other authorities, consultancies), by name. */
    async externalBodies() {
      return db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'external').orderBy('name').execute();
    },

    // The review group's schedule of meetings -------------------------------------------------------

    /** One meeting of the review group with the business it took, in order. */
    async reviewMeeting(reviewId: number, id: number) {
      const meeting = await db.selectFrom('review_meetings').selectAll().where('review_id', '=', reviewId).where('id', '=', id).executeTakeFirst();
      if (!meeting) return undefined;
      const business = await db.selectFrom('review_meeting_business').select('text').where('review_meeting_id', '=', id).orderBy('position').execute();
      return { ...meeting, business: business.map((b) => b.text) };
    },

    async addReviewMeeting(reviewId: number, values: ReviewMeetingValues, business: readonly string[]) {
      const meeting = await db
        .insertInto('review_meetings')
        .values({ ...values, review_id: reviewId, position: await nextPosition('review_meetings', reviewId) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeBusiness(meeting.id, business);
      return meeting;
    },

    async updateReviewMeeting(id: number, values: ReviewMeetingValues, business: readonly string[]) {
      await db.updateTable('review_meetings').set(values).where('id', '=', id).execute();
      await db.deleteFrom('review_meeting_business').where('review_meeting_id', '=', id).execute();
      await writeBusiness(id, business);
    },

    async removeReviewMeeting(id: number) {
      await db.deleteFrom('review_meeting_business').where('review_meeting_id', '=', id).execute();
      await db.deleteFrom('review_meetings').where('id', '=', id).execute();
    },

    /** Keeps the schedule in date order: positions 1…n by start date (then by when each was added). */
    async orderSchedule(reviewId: number) {
      const rows = await db
        .selectFrom('review_meetings')
        .select(['id', 'position'])
        .where('review_id', '=', reviewId)
        .orderBy('starts_on')
        .orderBy('id')
        .execute();
      for (const [index, row] of rows.entries()) {
        if (row.position !== index + 1)
          await db
            .updateTable('review_meetings')
            .set({ position: index + 1 })
            .where('id', '=', row.id)
            .execute();
      }
    },

    // The review group's memberships -----------------------------------------------------------

    async membership(organisationId: number, id: number) {
      return db.selectFrom('memberships').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
    },

    async addMembership(values: Pick<Insertable<MembershipTable>, 'person_id' | 'organisation_id' | 'role' | 'starts_on'>) {
      return db
        .insertInto('memberships')
        .values({ ...values, portfolio: null, ends_on: null, notes: null, source_system: null, source_id: null, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async endMembership(id: number, endsOn: string) {
      return db
        .updateTable('memberships')
        .set((eb) => ({ ends_on: endsOn, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}

export type ReviewPartsRepository = ReturnType<typeof createReviewPartsRepository>;
