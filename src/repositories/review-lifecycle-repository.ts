// A review's lifecycle records: the meeting and agenda item that received its report, the meeting and minute that agreed the response, the facts its status is derived from, and the committee's sign-off of recommendations.
import { toCount, type RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';

/** Recommendation statuses still followed on the tracker. */
const OPEN = ['awaiting_response', 'open'];

export function createReviewLifecycleRepository({ db, clock }: RepositoryContext) {
  const now = () => clock.now().toISOString();

  /** A minute with its meeting and body, as the lifecycle forms offer and show it: callers say which. */
  const minutesWithMeeting = () =>
    db
      .selectFrom('minutes as mi')
      .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select([
        'mi.id',
        'mi.number',
        'mi.title',
        'mi.meeting_id',
        'mi.agenda_item_id',
        'm.meeting_date',
        'm.slug as meeting_slug',
        'o.name as organisation_name',
      ]);

  return {
    /** What a review's status is derived from (src/domain/review-lifecycle.ts). */
    async statusFacts(reviewId: number) {
      const review = await db
        .selectFrom('scrutiny_reviews as r')
        .leftJoin('meetings as m', 'm.id', 'r.response_meeting_id')
        .select(['r.id', 'r.report_date', 'r.received_on', 'r.report_meeting_id', 'm.meeting_date as response_meeting_date'])
        .where('r.id', '=', reviewId)
        .executeTakeFirst();
      if (!review) return undefined;
      const recommendations = await db
        .selectFrom('recommendations as rec')
        .leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
        .select(['rec.id', 'rec.status', 'er.id as response_id', 'er.responded_on'])
        // A recommendation withdrawn as made in error is no part of where the review stands.
        .where('rec.review_id', '=', reviewId)
        .where(notWithdrawn('rec'))
        .orderBy('rec.number')
        .execute();
      const progress = await db
        .selectFrom('progress_updates as p')
        .innerJoin('recommendations as rec', 'rec.id', 'p.recommendation_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('rec.review_id', '=', reviewId)
        .where(notWithdrawn('p', 'rec'))
        .executeTakeFirstOrThrow();
      const reports = await db
        .selectFrom('monitoring_reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('review_id', '=', reviewId)
        .executeTakeFirstOrThrow();
      return { ...review, recommendations, monitored: toCount(progress.n) + toCount(reports.n) > 0 };
    },

    /** Per review: the date of each recommendation's response (null when it has none), for the response clock. */
    async responseDates(reviewIds: readonly number[]) {
      if (reviewIds.length === 0) return [];
      return db
        .selectFrom('recommendations as rec')
        .leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
        .select(['rec.review_id', 'rec.id', 'er.id as response_id', 'er.responded_on'])
        .where('rec.review_id', 'in', [...reviewIds])
        .where(notWithdrawn('rec'))
        .orderBy('rec.review_id')
        .orderBy('rec.number')
        .execute();
    },

    /** Stores the status derived from the records; it is not an edit, so the review's version stays. Whether it changed. */
    async setStatus(reviewId: number, status: string): Promise<boolean> {
      const result = await db.updateTable('scrutiny_reviews').set({ status }).where('id', '=', reviewId).where('status', '<>', status).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Records where the report was received and the response agreed, only if nobody saved the review meanwhile. */
    async recordMeetings(
      reviewId: number,
      expectedVersion: number,
      values: {
        report_meeting_id: number | null;
        report_agenda_item_id: number | null;
        received_on: string | null;
        response_meeting_id: number | null;
        response_minute_id: number | null;
      },
    ) {
      const result = await db
        .updateTable('scrutiny_reviews')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: now() }))
        .where('id', '=', reviewId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Agenda items of meetings in a date range, newest meeting first: where a report may have been received. */
    async agendaItemChoices(range: { from: string; to: string; limit: number }) {
      return db
        .selectFrom('agenda_items as ai')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['ai.id', 'ai.number', 'ai.title', 'ai.meeting_id', 'm.meeting_date', 'm.slug as meeting_slug', 'o.name as organisation_name'])
        .where('m.meeting_date', '>=', range.from)
        .where('m.meeting_date', '<=', range.to)
        .orderBy('m.meeting_date', 'desc')
        .orderBy('m.id')
        .orderBy('ai.position')
        .limit(range.limit)
        .execute();
    },

    /** Minutes of meetings in a date range, newest meeting first: where a response may have been agreed. */
    async minuteChoices(range: { from: string; to: string; limit: number }) {
      return minutesWithMeeting()
        .where('m.meeting_date', '>=', range.from)
        .where('m.meeting_date', '<=', range.to)
        .orderBy('m.meeting_date', 'desc')
        .orderBy('m.id')
        .orderBy('mi.number')
        .limit(range.limit)
        .execute();
    },

    async agendaItem(id: number) {
      return db
        .selectFrom('agenda_items as ai')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['ai.id', 'ai.number', 'ai.title', 'ai.meeting_id', 'm.meeting_date', 'm.slug as meeting_slug', 'o.name as organisation_name'])
        .where('ai.id', '=', id)
        .executeTakeFirst();
    },

    /** A minute with its meeting: its number, title, date and body. */
    async minute(id: number) {
      return minutesWithMeeting().where('mi.id', '=', id).executeTakeFirst();
    },

    /** The number of the first minute taken on an agenda item ("Minute 83"), if it has been minuted. */
    async minuteNumberOfItem(agendaItemId: number) {
      const row = await db
        .selectFrom('minutes')
        .select('number')
        .where('agenda_item_id', '=', agendaItemId)
        .orderBy('number')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row?.number ?? null;
    },

    /** The minutes of one meeting, in number order. */
    async minutesOf(meetingId: number) {
      return db
        .selectFrom('minutes')
        .select(['id', 'number', 'title', 'agenda_item_id'])
        .where('meeting_id', '=', meetingId)
        .orderBy('number')
        .orderBy('id')
        .execute();
    },

    /**
     * The bodies whose work this body carries on: itself, and every body whose successor it is,
     * directly or through a chain of successors (a committee renamed twice signs off all three's).
     */
    async bodyAndPredecessors(organisationId: number): Promise<number[]> {
      const found = new Set<number>([organisationId]);
      let frontier = [organisationId];
      while (frontier.length > 0) {
        const rows = await db.selectFrom('organisations').select('id').where('successor_id', 'in', frontier).execute();
        frontier = rows.map((row) => row.id).filter((id) => !found.has(id));
        for (const id of frontier) found.add(id);
      }
      return [...found];
    },

    /**
     * Recommendations a meeting of these bodies may sign off: those of reviews carried out by one of
     * them or by a review group of one, not yet signed off or closed; with the response's decision.
     */
    async signOffCandidates(organisationIds: readonly number[]) {
      return (
        db
          .selectFrom('recommendations as rec')
          // A review's recommendations, and those a minute of the body made (meeting and motion origins).
          .leftJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
          .leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
          .select([
            'rec.id',
            'rec.number',
            'rec.text',
            'rec.status',
            'rec.version',
            'rec.review_id',
            'rec.municipal_year',
            'rec.year_sequence',
            'r.slug as review_slug',
            'r.title as review_title',
            'r.short_title as review_short_title',
            'er.decision',
            'er.outcome',
            'er.responded_on',
          ])
          .where((eb) =>
            eb.or([
              eb('r.organisation_id', 'in', organisationIds),
              eb('r.group_organisation_id', 'in', organisationIds),
              eb('rec.organisation_id', 'in', organisationIds),
            ]),
          )
          .where('rec.status', 'in', OPEN)
          .where(notWithdrawn('rec', { optional: 'r' }))
          .orderBy('r.report_date')
          .orderBy('r.id')
          .orderBy('rec.number')
          .execute()
      );
    },

    /** Reviews whose report a meeting received, or whose executive response it agreed, for the meeting's public page. */
    async reviewsRecordedAt(meetingId: number) {
      return db
        .selectFrom('scrutiny_reviews')
        .select(['id', 'slug', 'title', 'report_meeting_id', 'response_meeting_id'])
        .where((eb) => eb.or([eb('report_meeting_id', '=', meetingId), eb('response_meeting_id', '=', meetingId)]))
        .orderBy('title')
        .orderBy('id')
        .execute();
    },

    /** Recommendations signed off or closed at a meeting, for its page. */
    async signedOffAt(meetingId: number) {
      return db
        .selectFrom('recommendations as rec')
        .leftJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .leftJoin('minutes as mi', 'mi.id', 'rec.signed_off_minute_id')
        .select([
          'rec.id',
          'rec.number',
          'rec.text',
          'rec.status',
          'rec.signed_off_outcome',
          'rec.review_id',
          'r.slug as review_slug',
          'r.title as review_title',
          'r.short_title as review_short_title',
          'mi.number as minute_number',
          'rec.municipal_year',
          'rec.year_sequence',
        ])
        .where('rec.signed_off_meeting_id', '=', meetingId)
        .where(notWithdrawn('rec', { optional: 'r' }))
        .orderBy('r.id')
        .orderBy('rec.number')
        .execute();
    },

    /**
     * Ends a recommendation by the committee's decision. Only an open one at the version the officer
     * saw changes (both in the WHERE clause), so two officers signing off at once cannot both succeed.
     */
    async signOff(
      recommendationId: number,
      expectedVersion: number,
      values: {
        status: 'signed_off' | 'closed';
        signed_off_on: string;
        signed_off_meeting_id: number;
        signed_off_minute_id: number;
        signed_off_outcome: string;
      },
    ) {
      const result = await db
        .updateTable('recommendations')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: now() }))
        .where('id', '=', recommendationId)
        .where('version', '=', expectedVersion)
        .where('status', 'in', OPEN)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Reopens a signed-off or closed recommendation: back on the tracker, its sign-off cleared (kept in the audit trail). */
    async reopen(recommendationId: number, expectedVersion: number, status: 'awaiting_response' | 'open') {
      const result = await db
        .updateTable('recommendations')
        .set((eb) => ({
          status,
          signed_off_on: null,
          signed_off_meeting_id: null,
          signed_off_minute_id: null,
          signed_off_outcome: null,
          version: eb('version', '+', 1),
          updated_at: now(),
        }))
        .where('id', '=', recommendationId)
        .where('version', '=', expectedVersion)
        .where('status', 'in', ['signed_off', 'closed'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type ReviewLifecycleRepository = ReturnType<typeof createReviewLifecycleRepository>;
