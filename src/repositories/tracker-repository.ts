// The recommendation tracker's queries: open recommendations with review, committee, response and officer; monitoring schedules and reports; sign-off.
import { sql, type Insertable, type Updateable } from 'kysely';
import { FINISHED_STATUSES } from '../domain/recommendation-lifecycle.ts';
import type { ExecutiveResponseTable, MonitoringReportTable } from '../db/schema.ts';
import type { RepositoryContext } from './repository-context.ts';
import { madeInPublic, progressUpdates, recommendationsWithOrigin } from './recommendation-repository.ts';
import { notWithdrawn } from './withheld-expression.ts';

export interface TrackerQuery {
  /** Recommendation statuses to include ('awaiting_response', 'open', …). */
  statuses: readonly string[];
}

/** The tracker's filters as the entries' columns hold them. */
export interface TrackerEntryFilter {
  committee?: string;
  officer?: string;
  /** A progress status, or 'none' for no update yet. */
  status?: string;
  year?: string;
  origin?: string;
}

export function createTrackerRepository({ db, clock }: RepositoryContext) {
  /**
   * The open recommendations the public tracker lists: with their review (if any), the committee,
   * the response, and the minute that made them. A recommendation made by a minute on exempt or
   * confidential business, or by a limb recorded in error, is never on the tracker (RULES.md rule 9;
   * the tracker, its file, feeds and API are public).
   */
  function openRecommendations(statuses: readonly string[]) {
    return (
      recommendationsWithOrigin(db)
        .leftJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        // The committee is the review's, or the body whose minute made it (meeting and motion origins).
        .innerJoin('organisations as o', (join) => join.on((eb) => eb('o.id', '=', eb.fn.coalesce('r.organisation_id', 'rec.organisation_id'))))
        .leftJoin('people as officer', 'officer.id', 'er.responsible_person_id')
        .where('rec.status', 'in', [...statuses])
        .where(notWithdrawn('rec', { optional: 'r' }))
        .where(madeInPublic())
    );
  }

  /** Oldest review (or minute) first; the id last, so that every page of the tracker has one order. */
  function ordered(q: ReturnType<typeof openRecommendations>) {
    return q
      .orderBy((eb) => eb.fn.coalesce('r.report_date', 'rec.made_on'))
      .orderBy('r.id')
      .orderBy('rec.year_sequence')
      .orderBy('rec.number')
      .orderBy('rec.id');
  }

  /**
   * One row per open recommendation with what the tracker filters and counts by. Its latest status
   * and the target in force are read from its live progress updates as latestUpdate and
   * currentTargetDate (recommendation-lifecycle.ts) read them: the last in the order recorded, and
   * the last slip's new date, else the response's action-by date.
   */
  function entries(statuses: readonly string[]) {
    return openRecommendations(statuses).select([
      'rec.id',
      'rec.number',
      'rec.year_sequence',
      'rec.origin_kind',
      'r.id as review_id',
      'o.slug as committee_slug',
      'o.name as committee_name',
      (eb) => eb.fn.coalesce('r.report_date', 'rec.made_on').as('sort_date'),
      (eb) => eb.fn.coalesce('er.responsible_name', 'officer.name').as('officer'),
      sql<string | null>`substr(coalesce(r.report_date, rec.made_on), 1, 4)`.as('year'),
      sql<string>`coalesce((select p.status from progress_updates p where p.recommendation_id = rec.id and p.withdrawn_at is null order by p.update_date desc, p.id desc limit 1), 'none')`.as(
        'latest_status',
      ),
      sql<
        string | null
      >`coalesce((select p.new_target_date from progress_updates p where p.recommendation_id = rec.id and p.withdrawn_at is null and p.status = 'slipped' and p.new_target_date is not null and p.new_target_date <> '' order by p.update_date desc, p.id desc limit 1), er.action_by_date)`.as(
        'target_date',
      ),
    ]);
  }

  const fromEntries = (statuses: readonly string[]) => db.selectFrom(entries(statuses).as('t'));

  /** The filter's conditions on the entries; an absent filter is no condition. */
  function filtered(q: ReturnType<typeof fromEntries>, filter: TrackerEntryFilter) {
    let out = q;
    if (filter.committee) out = out.where('t.committee_slug', '=', filter.committee);
    if (filter.officer) out = out.where('t.officer', '=', filter.officer);
    if (filter.status) out = out.where('t.latest_status', '=', filter.status);
    if (filter.year) out = out.where('t.year', '=', filter.year);
    if (filter.origin) out = out.where('t.origin_kind', '=', filter.origin);
    return out;
  }

  return {
    /** Recommendations with the given statuses (or only those ids), each with its review, committee and response; oldest review first. */
    async recommendations(query: TrackerQuery & { ids?: readonly number[] }) {
      if (query.statuses.length === 0 || query.ids?.length === 0) return [];
      const open = openRecommendations(query.statuses);
      return ordered(query.ids ? open.where('rec.id', 'in', [...query.ids]) : open)
        .select([
          'rec.id',
          'rec.number',
          'rec.text',
          'rec.status',
          'rec.signed_off_on',
          'rec.origin_kind',
          'rec.municipal_year',
          'rec.year_sequence',
          'rec.made_on',
          'addressee.name as addressee_name',
          'mn.number as minute_number',
          'made_at.slug as made_at_slug',
          'r.id as review_id',
          'r.slug as review_slug',
          'r.title as review_title',
          'r.short_title as review_short_title',
          'r.report_date',
          'r.received_on',
          'o.slug as committee_slug',
          'o.name as committee_name',
          'er.decision',
          'er.outcome',
          'er.action_by_date',
          'er.action_by_text',
          'er.responded_on',
          'er.responsible_name',
          'officer.slug as officer_slug',
          'officer.name as officer_name',
        ])
        .execute();
    },

    /**
     * The open recommendations counted in one pass, by everything the tracker filters on and where
     * each stands on `today` ('due', 'overdue' or neither): the tracker's summary for any filter and
     * the choices each filter offers are sums of these groups, a few hundred rather than every row.
     */
    async entryGroups(query: TrackerQuery, today: string) {
      if (query.statuses.length === 0) return [];
      const finished = sql.join(FINISHED_STATUSES.map((s) => sql.lit(s)));
      // As the tracker's summary and daysOverdue (recommendation-lifecycle.ts) judge them: a target
      // still to come with the work unfinished is due; an ISO target before today, unfinished, is overdue.
      const standing = sql<string>`case when t.latest_status in (${finished}) or t.target_date is null then 'neither' when t.target_date >= ${today} then 'due' when t.target_date like '____-__-__' then 'overdue' else 'neither' end`;
      const rows = await fromEntries(query.statuses)
        .select([
          't.committee_slug',
          't.committee_name',
          't.officer',
          't.year',
          't.origin_kind',
          't.latest_status',
          standing.as('standing'),
          sql<number>`count(*)`.as('n'),
        ])
        .groupBy(['t.committee_slug', 't.committee_name', 't.officer', 't.year', 't.origin_kind', 't.latest_status', 'standing'])
        .execute();
      return rows.map((row) => ({ ...row, n: Number(row.n) }));
    },

    /** The ids of one page of the open recommendations matching the filter, in the tracker's order. */
    async entryPage(query: TrackerQuery, filter: TrackerEntryFilter, page: { offset: number; limit: number }) {
      if (query.statuses.length === 0) return [];
      const rows = await filtered(fromEntries(query.statuses), filter)
        .select('t.id')
        .orderBy('t.sort_date')
        .orderBy('t.review_id')
        .orderBy('t.year_sequence')
        .orderBy('t.number')
        .orderBy('t.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Every progress update of the recommendations with the given statuses, in the order recorded. */
    async progressOf(query: TrackerQuery & { ids?: readonly number[] }) {
      if (query.statuses.length === 0 || query.ids?.length === 0) return [];
      const q = db
        .selectFrom('progress_updates as p')
        .innerJoin('recommendations as rec', 'rec.id', 'p.recommendation_id')
        .leftJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .selectAll('p')
        .where('rec.status', 'in', [...query.statuses])
        .where(notWithdrawn('p', 'rec', { optional: 'r' }))
        .orderBy('p.recommendation_id')
        .orderBy('p.update_date')
        .orderBy('p.id');
      return (query.ids ? q.where('p.recommendation_id', 'in', [...query.ids]) : q).execute();
    },

    /** Every progress update of the given recommendations, in the order recorded. */
    async progressFor(recommendationIds: number[]) {
      if (recommendationIds.length === 0) return [];
      return progressUpdates(db).where('recommendation_id', 'in', recommendationIds).execute();
    },

    /** Reviews that have been received by the executive, for the response and monitoring clocks. */
    async receivedReviews() {
      return db
        .selectFrom('scrutiny_reviews as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .leftJoin('meetings as m', 'm.id', 'r.response_meeting_id')
        .select([
          'r.id',
          'r.slug',
          'r.title',
          'r.short_title',
          'r.received_on',
          'r.report_date',
          'r.monitoring_interval_months',
          'o.slug as committee_slug',
          'o.name as committee_name',
          'm.meeting_date as response_meeting_date',
        ])
        .where('r.received_on', 'is not', null)
        .where(notWithdrawn('r'))
        .orderBy('r.received_on')
        .orderBy('r.id')
        .execute();
    },

    /** Per review: how many recommendations it has, how many are still open, and the latest sign-off. */
    async recommendationCounts(reviewIds: number[]) {
      if (reviewIds.length === 0) return [];
      return db
        .selectFrom('recommendations')
        .select(['review_id', 'status', 'signed_off_on'])
        .where('review_id', 'in', reviewIds)
        .where(notWithdrawn('recommendations'))
        .execute();
    },

    async monitoringPoints(reviewIds: number[]) {
      if (reviewIds.length === 0) return [];
      return db
        .selectFrom('review_monitoring_points')
        .selectAll()
        .where('review_id', 'in', reviewIds)
        .orderBy('review_id')
        .orderBy('months_after_response')
        .execute();
    },

    /** Replaces a review's own monitoring schedule (an empty list returns it to the council's). */
    async setMonitoringSchedule(reviewId: number, months: readonly number[], intervalMonths: number | null) {
      await db.deleteFrom('review_monitoring_points').where('review_id', '=', reviewId).execute();
      for (const m of months) {
        await db.insertInto('review_monitoring_points').values({ review_id: reviewId, months_after_response: m }).execute();
      }
      await db
        .updateTable('scrutiny_reviews')
        .set({ monitoring_interval_months: intervalMonths, updated_at: clock.now().toISOString() })
        .where('id', '=', reviewId)
        .execute();
    },

    async monitoringReports(reviewIds: number[]) {
      if (reviewIds.length === 0) return [];
      return db
        .selectFrom('monitoring_reports as mr')
        .leftJoin('meetings as m', 'm.id', 'mr.meeting_id')
        .selectAll('mr')
        .select(['m.slug as meeting_slug'])
        .where('mr.review_id', 'in', reviewIds)
        .orderBy('mr.review_id')
        .orderBy('mr.due_on')
        .execute();
    },

    async addMonitoringReport(values: Omit<Insertable<MonitoringReportTable>, 'created_at'>) {
      return db
        .insertInto('monitoring_reports')
        .values({ ...values, created_at: clock.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * Closes a recommendation by the committee's sign-off. Only an open one changes (status checked
     * in the WHERE clause), so two officers signing off at once cannot both succeed.
     */
    async signOff(recommendationId: number, values: { signedOffOn: string; meetingId: number; expectedVersion: number }) {
      const result = await db
        .updateTable('recommendations')
        .set((eb) => ({
          status: 'signed_off',
          signed_off_on: values.signedOffOn,
          signed_off_meeting_id: values.meetingId,
          version: eb('version', '+', 1),
          updated_at: clock.now().toISOString(),
        }))
        .where('id', '=', recommendationId)
        .where('version', '=', values.expectedVersion)
        .where('status', 'in', ['awaiting_response', 'open'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Sets a recommendation's status: a recorded response opens it. */
    async setStatus(recommendationId: number, status: string) {
      await db
        .updateTable('recommendations')
        .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', recommendationId)
        .execute();
    },

    async findRecommendationById(id: number) {
      return db.selectFrom('recommendations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Revises a response (an interim response made final), only if nobody changed it meanwhile. */
    async updateResponse(
      responseId: number,
      expectedVersion: number,
      values: Omit<Updateable<ExecutiveResponseTable>, 'id' | 'recommendation_id' | 'version' | 'created_at' | 'updated_at'>,
    ) {
      const result = await db
        .updateTable('executive_responses')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', responseId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async responseFor(recommendationId: number) {
      return db.selectFrom('executive_responses').selectAll().where('recommendation_id', '=', recommendationId).executeTakeFirst();
    },

    /** Executive decisions minuted at a meeting, with the minute and agenda item they belong to; a withdrawn item's decision was never taken. */
    async executiveDecisions(meetingId: number) {
      return db
        .selectFrom('resolutions as res')
        .innerJoin('minutes as mi', 'mi.id', 'res.minute_id')
        .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .select([
          'res.id',
          'res.published_on',
          'res.is_urgent',
          'res.is_key_decision',
          'mi.number as minute_number',
          'mi.title as minute_title',
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
        ])
        .where('mi.meeting_id', '=', meetingId)
        .where('res.is_executive_decision', '=', 1)
        .where(notWithdrawn({ optional: 'ai' }))
        .orderBy('mi.number')
        .orderBy('res.id')
        .execute();
    },
  };
}

export type TrackerRepository = ReturnType<typeof createTrackerRepository>;
