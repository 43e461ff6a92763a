// Writes of the officer workspace that need a version check: UPDATE ... WHERE id = ? AND version = ?, and the lookups its forms need.
import type { Updateable } from 'kysely';
import type { RecommendationTable, ScrutinyReviewTable } from '../db/schema.ts';
import type { RepositoryContext } from './repository-context.ts';
import { mayReadAnyWithheld, type WithheldReach } from '../domain/withheld.ts';
import { referralsWithSource } from './minute-repository.ts';
import { recommendationsWithOrigin, RESPONSE_COLUMNS } from './recommendation-repository.ts';
import { isWithheldBusiness, withinReach } from './withheld-expression.ts';

type ReviewEdit = Pick<Updateable<ScrutinyReviewTable>, 'title' | 'organisation_id' | 'started_on' | 'report_date' | 'received_on' | 'summary' | 'status'>;

export function createWorkspaceRepository({ db, clock }: RepositoryContext) {
  return {
    /** True when the row was at `expectedVersion` and is now changed; false when someone else saved first. */
    async updateReview(id: number, expectedVersion: number, values: ReviewEdit): Promise<boolean> {
      const result = await db
        .updateTable('scrutiny_reviews')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updateRecommendation(id: number, expectedVersion: number, values: Pick<Updateable<RecommendationTable>, 'text'>): Promise<boolean> {
      const result = await db
        .updateTable('recommendations')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async nextRecommendationNumber(reviewId: number): Promise<number> {
      const row = await db
        .selectFrom('recommendations')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('review_id', '=', reviewId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    /** A recommendation with its response and its origin: its review, or the body, meeting and minute that made it. */
    async recommendation(id: number) {
      return recommendationsWithOrigin(db)
        .leftJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .leftJoin('organisations as maker', 'maker.id', 'rec.organisation_id')
        .selectAll('rec')
        .select(['r.slug as review_slug', 'r.title as review_title'])
        .select([
          'maker.name as maker_name',
          'addressee.name as addressee_name',
          'mn.number as minute_number',
          'made_at.slug as made_at_slug',
          'made_at.id as made_at_id',
        ])
        .select(RESPONSE_COLUMNS)
        .where('rec.id', '=', id)
        .executeTakeFirst();
    },

    /** Bodies a review can belong to (the council's own committees and groups), by name. */
    async bodies() {
      return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('kind', '!=', 'external').orderBy('name').execute();
    },

    async nextAgendaPosition(meetingId: number): Promise<number> {
      const row = await db
        .selectFrom('agenda_items')
        .select((eb) => eb.fn.max('position').as('n'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    /** RULES.md: minute numbers run per body and restart each municipal year. */
    async nextMinuteNumber(organisationId: number, municipalYear: number): Promise<number> {
      const row = await db
        .selectFrom('minutes')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('organisation_id', '=', organisationId)
        .where('municipal_year', '=', municipalYear)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    async publishAgenda(meetingId: number, expectedVersion: number, values: { agenda_published_on: string; urgency_reason: string | null }): Promise<boolean> {
      const result = await db
        .updateTable('meetings')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', meetingId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      // Publication makes every draft item public at once (migration 0021).
      await db
        .updateTable('agenda_items')
        .set((eb) => ({ is_draft: 0, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('meeting_id', '=', meetingId)
        .where('is_draft', '=', 1)
        .execute();
      return true;
    },

    async setAgendaItemIssue(agendaItemId: number, issueId: number) {
      await db
        .updateTable('agenda_items')
        .set((eb) => ({ issue_id: issueId, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', agendaItemId)
        .execute();
    },

    /** Marks a referral as placed on the agenda item that carries it; false if it was already placed. */
    async placeReferral(referralId: number, agendaItemId: number, meetingId: number): Promise<boolean> {
      const result = await db
        .updateTable('referrals')
        .set((eb) => ({
          status: 'placed',
          agenda_item_id: agendaItemId,
          target_meeting_id: meetingId,
          version: eb('version', '+', 1),
          updated_at: clock.now().toISOString(),
        }))
        .where('id', '=', referralId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Referrals waiting to go on a meeting's agenda: those aimed at this meeting, and those aimed at
     * its body with no meeting named yet; each with the minute it came from, for the citation.
     */
    async pendingReferralsFor(meeting: { id: number; organisation_id: number; meeting_date: string }) {
      return referralsWithSource(db)
        .select([
          'rf.id',
          'rf.issue_id',
          'rf.target_description',
          'l.number as limb_number',
          'l.text as limb_text',
          'mi.number as minute_number',
          'mi.title as minute_title',
          'm.meeting_date as source_meeting_date',
          'o.name as source_organisation_name',
        ])
        .where('rf.status', '=', 'pending')
        .where((eb) =>
          eb.or([
            eb('rf.target_meeting_id', '=', meeting.id),
            // A referral waiting for the body goes to a meeting after the one that made it.
            eb.and([
              eb('rf.target_meeting_id', 'is', null),
              eb('rf.target_organisation_id', '=', meeting.organisation_id),
              eb('m.meeting_date', '<', meeting.meeting_date),
            ]),
          ]),
        )
        .orderBy('m.meeting_date')
        .orderBy('rf.id')
        .execute();
    },

    /**
     * A newly scheduled meeting takes the referrals that were waiting for its body (made at a meeting
     * before it, with no meeting named), so they are listed on it publicly. Returns their ids.
     */
    async adoptWaitingReferrals(meeting: { id: number; organisation_id: number; meeting_date: string }): Promise<number[]> {
      const waiting = await referralsWithSource(db)
        .select(['rf.id'])
        .where('rf.status', '=', 'pending')
        .where('rf.target_meeting_id', 'is', null)
        .where('rf.target_organisation_id', '=', meeting.organisation_id)
        .where('m.meeting_date', '<', meeting.meeting_date)
        .execute();
      const ids = waiting.map((w) => w.id);
      if (ids.length === 0) return [];
      await db
        .updateTable('referrals')
        .set((eb) => ({ target_meeting_id: meeting.id, version: eb('version', '+', 1) }))
        .where('id', 'in', ids)
        .where('target_meeting_id', 'is', null)
        .execute();
      return ids;
    },

    /** Referrals still waiting on a meeting's agenda, with the date of the meeting that made each. */
    async pendingReferralsTargeting(meetingId: number) {
      return referralsWithSource(db)
        .select(['rf.id', 'rf.target_organisation_id', 'm.meeting_date as source_meeting_date'])
        .where('rf.target_meeting_id', '=', meetingId)
        .where('rf.status', '=', 'pending')
        .orderBy('rf.id')
        .execute();
    },

    /** Points one waiting referral at a meeting (or back to waiting for its body). */
    async setReferralMeeting(referralId: number, meetingId: number | null) {
      await db
        .updateTable('referrals')
        .set((eb) => ({ target_meeting_id: meetingId, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', referralId)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Moves the referrals still waiting on a meeting's agenda to another meeting (or back to waiting for the body); returns their ids. */
    async retargetPendingReferrals(fromMeetingId: number, toMeetingId: number | null): Promise<number[]> {
      const waiting = await db.selectFrom('referrals').select('id').where('target_meeting_id', '=', fromMeetingId).where('status', '=', 'pending').execute();
      const ids = waiting.map((w) => w.id);
      if (ids.length === 0) return [];
      await db
        .updateTable('referrals')
        .set((eb) => ({ target_meeting_id: toMeetingId, version: eb('version', '+', 1) }))
        .where('id', 'in', ids)
        .execute();
      return ids;
    },

    async findReferral(id: number) {
      return db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The minutes of a meeting with their resolutions' limbs and any referrals, for the workspace page. */
    async minutesOf(meetingId: number) {
      return db
        .selectFrom('minutes as mi')
        .leftJoin('resolutions as r', 'r.minute_id', 'mi.id')
        .leftJoin('resolution_limbs as l', 'l.resolution_id', 'r.id')
        .leftJoin('referrals as rf', 'rf.limb_id', 'l.id')
        .leftJoin('organisations as t', 't.id', 'rf.target_organisation_id')
        .leftJoin('meetings as tm', 'tm.id', 'rf.target_meeting_id')
        .select([
          'mi.id',
          'mi.number',
          'mi.title',
          'mi.body',
          'r.mover_name',
          'r.seconder_name',
          'r.votes_for',
          'r.votes_against',
          'r.votes_abstained',
          'l.id as limb_id',
          'l.number as limb_number',
          'l.verb',
          'l.text as limb_text',
          'l.withdrawn_on as limb_withdrawn_on',
          'rf.status as referral_status',
          't.name as target_name',
          'tm.meeting_date as target_date',
        ])
        .where('mi.meeting_id', '=', meetingId)
        .orderBy('mi.number')
        .orderBy('mi.id')
        .orderBy('l.number')
        .execute();
    },

    /** Bodies a person sits on today (a membership with no end, or ending today or later). */
    async bodiesOf(personId: number, today: string): Promise<number[]> {
      const rows = await db
        .selectFrom('memberships')
        .select('organisation_id')
        .where('person_id', '=', personId)
        .where((eb) => eb.or([eb('starts_on', 'is', null), eb('starts_on', '<=', today)]))
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
        .execute();
      return [...new Set(rows.map((r) => r.organisation_id))];
    },

    /** Withheld agenda items (src/domain/withheld.ts) of the bodies within the reader's reach, latest meetings first. */
    async withheldItems(reach: WithheldReach) {
      if (!mayReadAnyWithheld(reach)) return [];
      return db
        .selectFrom('agenda_items as ai')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select([
          'ai.id',
          'ai.number',
          'ai.title',
          'ai.description',
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
          'm.id as meeting_id',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'm.organisation_id',
          'o.name as organisation_name',
        ])
        .where(isWithheldBusiness('ai'))
        .where(withinReach(reach, 'm.organisation_id'))
        .orderBy('m.meeting_date', 'desc')
        .orderBy('ai.position')
        .limit(500)
        .execute();
    },

    /**
     * Withheld documents of meetings of the bodies within the reader's reach: marked themselves, or
     * on a withheld item (an item made exempt after its paper was uploaded withholds the paper too).
     * The item's flags come along so the reason shown is the item's when the paper carries none.
     */
    async withheldDocuments(reach: WithheldReach) {
      if (!mayReadAnyWithheld(reach)) return [];
      return db
        .selectFrom('documents as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
        .select([
          'd.id',
          'd.slug',
          'd.title',
          'd.kind',
          'd.text_content',
          'd.exempt_paragraph',
          'd.is_confidential',
          'd.is_restricted',
          'ai.exempt_paragraph as item_exempt_paragraph',
          'ai.is_confidential as item_is_confidential',
          'ai.is_restricted as item_is_restricted',
          'm.meeting_date',
          'm.organisation_id',
          'o.name as organisation_name',
        ])
        .where(isWithheldBusiness('d', { optional: 'ai' }))
        .where(withinReach(reach, 'm.organisation_id'))
        .orderBy('m.meeting_date', 'desc')
        .orderBy('d.id')
        .limit(500)
        .execute();
    },

    /** People who can be named as responsible, by name. */
    async people() {
      return db.selectFrom('people').select(['id', 'slug', 'name', 'job_title']).orderBy('name').execute();
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
