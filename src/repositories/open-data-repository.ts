// Reads for the open-data doors (JSON API, feeds, CSV files): whole collections in id order, cursor pages, and changed-since filters.
//
// Agenda items and documents that are exempt, confidential or restricted, and minutes, resolutions and
// documents hanging from such items, are filtered out here in SQL (RULES.md rule 9: exempt text
// never appears in the API, feeds or exports).
import { sql, type SqlBool } from 'kysely';
import type { RepositoryContext } from './repository-context.ts';
import { meetingsWithBody, publicAgendaItems } from './meeting-repository.ts';
import { resolutionsWithMinute } from './minute-repository.ts';
import { madeInPublic, progressUpdates, recommendationsWithOrigin, RESPONSE_COLUMNS } from './recommendation-repository.ts';
import { isPublicBusiness, notWithdrawn } from './withheld-expression.ts';

export interface PageRequest {
  /** Return records with an id greater than this (the decoded cursor). */
  after?: number;
  /** At most this many; the caller asks for one more to learn whether a next page exists. */
  limit: number;
  /** Only records whose updated_at is at or after this ISO instant. */
  updatedSince?: string;
}

/** A minute's agenda item, if it has one, is public (left-joined as `ai`). */
const minuteIsPublic = isPublicBusiness({ optional: 'ai' });

/**
 * Runs an `in (...)` query over ids a few thousand at a time: a whole archive's ids exceed the
 * number of bound parameters SQLite (32,766) and PostgreSQL (65,535) take in one statement.
 * Results keep the order of the chunks, and each chunk's own order.
 */
async function inChunks<T>(ids: readonly number[], query: (chunk: number[]) => Promise<T[]>, size = 5000): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += size) {
    rows.push(...(await query(ids.slice(start, start + size))));
  }
  return rows;
}

/** What a decision carries beside its resolution: its minute, meeting and body. */
const DECISION_CONTEXT = [
  'mi.number as minute_number',
  'mi.title as minute_title',
  'mi.body as minute_body',
  'mi.municipal_year',
  'm.id as meeting_id',
  'm.slug as meeting_slug',
  'm.meeting_date',
  'o.id as organisation_id',
  'o.slug as organisation_slug',
  'o.name as organisation_name',
] as const;

export function createOpenDataRepository({ db }: RepositoryContext) {
  const publicDocuments = () =>
    db
      .selectFrom('documents as d')
      .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
      .leftJoin('scrutiny_reviews as rv', 'rv.id', 'd.review_id')
      .selectAll('d')
      .where(isPublicBusiness('d', { optional: 'ai' }))
      .where(notWithdrawn('d', { optional: 'ai' }, { optional: 'rv' }));

  const decisions = () => resolutionsWithMinute(db).selectAll('r').select(DECISION_CONTEXT).where(minuteIsPublic);

  const recommendations = () =>
    recommendationsWithOrigin(db)
      // A review's, or one a committee meeting's or Council motion's minute made (migration 0033).
      .leftJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
      // The minute that signed it off, by its number as the minutes print it.
      .leftJoin('minutes as so', 'so.id', 'rec.signed_off_minute_id')
      .selectAll('rec')
      .select(['so.number as signed_off_minute_number'])
      .select(['rv.slug as review_slug', 'rv.title as review_title', 'rv.short_title as review_short_title'])
      .select((eb) => eb.fn.coalesce('rv.organisation_id', 'rec.organisation_id').as('organisation_id'))
      .select(['made_at.slug as made_at_slug', 'made_at.id as made_at_meeting_id', 'mn.id as made_minute_id'])
      .select(RESPONSE_COLUMNS)
      .where(notWithdrawn('rec', { optional: 'rv' }))
      .where(madeInPublic());

  /** The ids of the recommendations the public may see: the one rule above, for the feeds that read responses and progress. */
  const publicRecommendationIds = () => recommendations().clearSelect().select('rec.id');

  function window(idColumn: string, updatedColumn: string, page: PageRequest) {
    const parts: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`1 = 1`];
    if (page.after !== undefined) parts.push(sql<SqlBool>`${sql.ref(idColumn)} > ${page.after}`);
    if (page.updatedSince !== undefined) parts.push(sql<SqlBool>`${sql.ref(updatedColumn)} >= ${page.updatedSince}`);
    return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
  }

  return {
    async bodies(page: PageRequest) {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where(window('id', 'updated_at', page))
        .orderBy('id')
        .limit(page.limit)
        .execute();
    },
    async body(id: number) {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async people(page: PageRequest) {
      return db
        .selectFrom('people')
        .selectAll()
        .where(window('id', 'updated_at', page))
        .orderBy('id')
        .limit(page.limit)
        .execute();
    },
    async person(id: number) {
      return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async memberships(page: PageRequest & { personId?: number; organisationId?: number }) {
      let q = db
        .selectFrom('memberships')
        .selectAll()
        .where(window('id', 'updated_at', page))
        .where(notWithdrawn('memberships'));
      if (page.personId !== undefined) q = q.where('person_id', '=', page.personId);
      if (page.organisationId !== undefined) q = q.where('organisation_id', '=', page.organisationId);
      return q.orderBy('id').limit(page.limit).execute();
    },
    async membership(id: number) {
      return db.selectFrom('memberships').selectAll().where('id', '=', id).where(notWithdrawn('memberships')).executeTakeFirst();
    },

    async meetings(page: PageRequest & { organisationId?: number }) {
      let q = meetingsWithBody(db).where(window('m.id', 'm.updated_at', page));
      if (page.organisationId !== undefined) q = q.where('m.organisation_id', '=', page.organisationId);
      return q.orderBy('m.id').limit(page.limit).execute();
    },
    /** Every meeting (of one body), in date order: for calendars and CSV. */
    async allMeetings(organisationId?: number) {
      let q = meetingsWithBody(db);
      if (organisationId !== undefined) q = q.where('m.organisation_id', '=', organisationId);
      return q.orderBy('m.meeting_date').orderBy('m.id').execute();
    },
    async meeting(id: number) {
      return meetingsWithBody(db).where('m.id', '=', id).executeTakeFirst();
    },
    async agendaItems(meetingId: number) {
      return publicAgendaItems(db, meetingId).execute();
    },
    async publicDocumentsOfMeeting(meetingId: number) {
      return publicDocuments().where('d.meeting_id', '=', meetingId).orderBy('d.id').execute();
    },
    async publicDocumentsOfReview(reviewId: number) {
      return publicDocuments().where('d.review_id', '=', reviewId).orderBy('d.id').execute();
    },
    async attendance(meetingId: number) {
      return db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).where(notWithdrawn('attendance')).orderBy('id').execute();
    },
    async publicMinutesOfMeeting(meetingId: number) {
      return db
        .selectFrom('minutes as mi')
        .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .selectAll('mi')
        .where('mi.meeting_id', '=', meetingId)
        .where(minuteIsPublic)
        .orderBy('mi.number')
        .orderBy('mi.id')
        .execute();
    },

    async issues(page: PageRequest) {
      return db
        .selectFrom('issues')
        .selectAll()
        .where(window('id', 'updated_at', page))
        .orderBy('id')
        .limit(page.limit)
        .execute();
    },
    async issue(id: number) {
      return db.selectFrom('issues').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async issueHistory(issueId: number) {
      return db
        .selectFrom('issue_considerations as c')
        .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
        .leftJoin('agenda_items as ai', 'ai.id', 'c.agenda_item_id')
        .select([
          'c.id',
          'c.position',
          'c.meeting_id',
          'c.agenda_item_id',
          'c.minute_id',
          'c.decision_summary',
          'm.meeting_date',
          'm.organisation_id',
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
        ])
        .where('c.issue_id', '=', issueId)
        .orderBy('m.meeting_date')
        .orderBy('c.position')
        .execute();
    },

    async decisions(page: PageRequest & { organisationId?: number }) {
      let q = decisions().where(window('r.id', 'r.updated_at', page));
      if (page.organisationId !== undefined) q = q.where('m.organisation_id', '=', page.organisationId);
      return q.orderBy('r.id').limit(page.limit).execute();
    },
    /**
     * Every public decision, newest meeting first (then newest resolution): for the Atom feed and CSV.
     * `limit` bounds a feed, a file takes them all. A feed is read from the newest meetings down
     * (their date index), minutes and resolutions by meeting, and stops at the limit: SQLite's
     * planner, left to choose, reads every resolution and sorts them, so the meetings are named the
     * outer loop (CROSS JOIN keeps SQLite's join order; PostgreSQL plans it as an inner join).
     */
    async allDecisions(limit?: number) {
      if (limit === undefined) return decisions().orderBy('m.meeting_date', 'desc').orderBy('r.id', 'desc').execute();
      return db
        .selectFrom('meetings as m')
        .crossJoin('minutes as mi')
        .crossJoin('resolutions as r')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .selectAll('r')
        .select(DECISION_CONTEXT)
        .whereRef('mi.meeting_id', '=', 'm.id')
        .whereRef('r.minute_id', '=', 'mi.id')
        .where(minuteIsPublic)
        .orderBy('m.meeting_date', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
    },
    async decision(id: number) {
      return decisions().where('r.id', '=', id).executeTakeFirst();
    },
    async limbs(resolutionIds: readonly number[]) {
      return inChunks(resolutionIds, (ids) =>
        db
          .selectFrom('resolution_limbs')
          .selectAll()
          .where('resolution_id', 'in', ids)
          .where('withdrawn_on', 'is', null)
          .orderBy('resolution_id')
          .orderBy('number')
          .execute(),
      );
    },

    async reviews(page: PageRequest) {
      return db
        .selectFrom('scrutiny_reviews')
        .selectAll()
        .where(window('id', 'updated_at', page))
        .where(notWithdrawn('scrutiny_reviews'))
        .orderBy('id')
        .limit(page.limit)
        .execute();
    },
    async review(id: number) {
      return db.selectFrom('scrutiny_reviews').selectAll().where('id', '=', id).where(notWithdrawn('scrutiny_reviews')).executeTakeFirst();
    },
    async reviewBySlug(slug: string) {
      return db.selectFrom('scrutiny_reviews').selectAll().where('slug', '=', slug).where(notWithdrawn('scrutiny_reviews')).executeTakeFirst();
    },
    async recommendations(page: PageRequest & { reviewId?: number }) {
      let q = recommendations().where(window('rec.id', 'rec.updated_at', page));
      if (page.reviewId !== undefined) q = q.where('rec.review_id', '=', page.reviewId);
      return q.orderBy('rec.id').limit(page.limit).execute();
    },
    /** Every recommendation (of one review), by review and number: for CSV and feeds. */
    async allRecommendations(reviewId?: number) {
      let q = recommendations();
      if (reviewId !== undefined) q = q.where('rec.review_id', '=', reviewId);
      return q.orderBy('rv.report_date', 'desc').orderBy('rec.review_id').orderBy('rec.number').execute();
    },
    async recommendation(id: number) {
      return recommendations().where('rec.id', '=', id).executeTakeFirst();
    },
    /** These recommendations with their review and response, in no particular order. */
    async recommendationsById(ids: readonly number[]) {
      return inChunks(ids, (chunk) => recommendations().where('rec.id', 'in', chunk).execute());
    },
    /**
     * The newest `limit` responses to recommendations (of one review) as the progress feed lists
     * them: by date, newest first, then latest change, equals in the recommendations' order (as
     * allRecommendations). `undated`: those recorded without a date instead, by latest change.
     * Site-wide, only responses on or after the date of the `limit`th newest are read (its index).
     */
    async latestResponses(limit: number, options: { reviewId?: number; undated?: boolean } = {}) {
      let q = db
        .selectFrom('executive_responses as er')
        .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
        .leftJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
        .select(['er.id', 'er.recommendation_id', 'er.responded_on', 'er.updated_at'])
        // Every public recommendation, of a review or a committee meeting's or Council motion's minute (migration 0033).
        .where('rec.id', 'in', publicRecommendationIds());
      if (options.reviewId !== undefined) q = q.where('rec.review_id', '=', options.reviewId);
      if (options.undated) {
        q = q.where('er.responded_on', 'is', null);
      } else {
        const nth = db
          .selectFrom('executive_responses')
          .select('responded_on')
          .where('responded_on', 'is not', null)
          .orderBy('responded_on', 'desc')
          .limit(1)
          .offset(limit - 1);
        q =
          options.reviewId !== undefined
            ? q.where('er.responded_on', 'is not', null)
            : q.where('er.responded_on', '>=', (eb) => eb.fn.coalesce(nth, sql.lit('')));
        q = q.orderBy('er.responded_on', 'desc');
      }
      return q.orderBy('er.updated_at', 'desc').orderBy('rv.report_date', 'desc').orderBy('rec.review_id').orderBy('rec.number').limit(limit).execute();
    },
    /**
     * The newest `limit` progress updates (of one review's recommendations) as the progress feed
     * lists them: by date, newest first, then when recorded, equals in the recommendations' order
     * (as allRecommendations) and then as recorded. Site-wide, only updates on or after the date of
     * the `limit`th newest are read (its index).
     */
    async latestProgress(limit: number, options: { reviewId?: number } = {}) {
      let q = db
        .selectFrom('progress_updates as pu')
        .innerJoin('recommendations as rec', 'rec.id', 'pu.recommendation_id')
        .leftJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
        .selectAll('pu')
        .where(notWithdrawn('pu'))
        .where('rec.id', 'in', publicRecommendationIds());
      if (options.reviewId !== undefined) {
        q = q.where('rec.review_id', '=', options.reviewId);
      } else {
        const nth = db
          .selectFrom('progress_updates')
          .select('update_date')
          .where(notWithdrawn('progress_updates'))
          .orderBy('update_date', 'desc')
          .limit(1)
          .offset(limit - 1);
        q = q.where('pu.update_date', '>=', (eb) => eb.fn.coalesce(nth, sql.lit('')));
      }
      return q
        .orderBy('pu.update_date', 'desc')
        .orderBy('pu.created_at', 'desc')
        .orderBy('rv.report_date', 'desc')
        .orderBy('rec.review_id')
        .orderBy('rec.number')
        .orderBy('pu.id')
        .limit(limit)
        .execute();
    },
    async points(recommendationIds: readonly number[]) {
      return inChunks(recommendationIds, (ids) =>
        db.selectFrom('recommendation_points').selectAll().where('recommendation_id', 'in', ids).orderBy('recommendation_id').orderBy('position').execute(),
      );
    },
    async progress(recommendationIds: readonly number[]) {
      return inChunks(recommendationIds, (ids) => progressUpdates(db).where('recommendation_id', 'in', ids).execute());
    },
  };
}

export type OpenDataRepository = ReturnType<typeof createOpenDataRepository>;
