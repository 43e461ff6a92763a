// The recommendation tracker's queries: open recommendations with review, committee, response and officer; the standing entries it counts and pages; monitoring schedules and reports; sign-off.
import { PostgresAdapter, sql, type Insertable, type Updateable } from 'kysely';
import { FINISHED_STATUSES, OPEN_RECOMMENDATION_STATUSES } from '../domain/recommendation-lifecycle.ts';
import type { ReachingKind, TrackerReach } from '../domain/tracker-entries.ts';
import type { ExecutiveResponseTable, MonitoringReportTable, TrackerEntryTable } from '../db/schema.ts';
import { chunks, type RepositoryContext } from './repository-context.ts';
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

/** The entries' columns other than the key, in the order entries() selects them after its id. */
const ENTRY_COLUMNS = [
  'number',
  'year_sequence',
  'origin_kind',
  'review_id',
  'committee_slug',
  'committee_name',
  'sort_date',
  'officer',
  'year',
  'latest_status',
  'target_date',
] as const satisfies readonly (keyof TrackerEntryTable)[];

/**
 * Past this many recommendations one refresh rewrites every entry instead: on PostgreSQL each named
 * recommendation holds a lock until the commit, and the server's lock table is shared and small
 * (64 per connection by default), while a full refresh holds one.
 */
const MOST_NAMED = 1000;

/** Ids per statement when a reach is looked up: well under both engines' limits on bound parameters. */
const LOOKUP_CHUNK = 5000;

/**
 * PostgreSQL's advisory lock keys of the refresh: each recommendation's entry under the first, and
 * all of them under the second (a refresh of some takes it shared, a refresh of all exclusive).
 */
const ENTRY_LOCK = 'tracker_entries';
const ALL_ENTRIES_LOCK = 'tracker_entries:all';

export function createTrackerRepository({ db, clock }: RepositoryContext) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

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

  const entryTable = () => db.selectFrom('tracker_entries as t');

  /** The filter's conditions on the entries; an absent filter is no condition. */
  function filtered(q: ReturnType<typeof entryTable>, filter: TrackerEntryFilter) {
    let out = q;
    if (filter.committee) out = out.where('t.committee_slug', '=', filter.committee);
    if (filter.officer) out = out.where('t.officer', '=', filter.officer);
    if (filter.status) out = out.where('t.latest_status', '=', filter.status);
    if (filter.year) out = out.where('t.year', '=', filter.year);
    if (filter.origin) out = out.where('t.origin_kind', '=', filter.origin);
    return out;
  }

  /** The recommendations the tracker lists, or those of them with these ids: only which, not their entries. */
  function listedIds(ids: readonly number[] | 'all') {
    const q = openRecommendations(OPEN_RECOMMENDATION_STATUSES).select('rec.id');
    return ids === 'all' ? q : q.where('rec.id', 'in', [...ids]);
  }

  /**
   * Writes the entries entries() derives for these recommendations (or all) over the ones held, and
   * removes the held entries of those it no longer lists. An upsert, not a delete and insert: two
   * refreshes of one recommendation at once on PostgreSQL (read committed) would each delete nothing
   * and both insert, and the second would fail on the key. An entry that comes out the same is left
   * as it was and not counted. Returns how many entries were written or removed.
   */
  async function writeEntries(ids: readonly number[] | 'all'): Promise<number> {
    const derived = entries(OPEN_RECOMMENDATION_STATUSES);
    const differs = sql.join(
      ENTRY_COLUMNS.map((c) => sql`${sql.ref(`tracker_entries.${c}`)} is distinct from ${sql.ref(`excluded.${c}`)}`),
      sql` or `,
    );
    const written = await db
      .insertInto('tracker_entries')
      .columns(['recommendation_id', ...ENTRY_COLUMNS])
      .expression(ids === 'all' ? derived : derived.where('rec.id', 'in', [...ids]))
      .onConflict((oc) =>
        oc
          .column('recommendation_id')
          .doUpdateSet((eb) => Object.fromEntries(ENTRY_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])))
          .where(sql<boolean>`${differs}`),
      )
      .returning('recommendation_id')
      .execute();
    let removed = db.deleteFrom('tracker_entries').where('recommendation_id', 'not in', listedIds(ids));
    if (ids !== 'all') removed = removed.where('recommendation_id', 'in', [...ids]);
    const gone = await removed.executeTakeFirst();
    return written.length + Number(gone.numDeletedRows);
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
          'mn.id as minute_id',
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
     * Read from the standing entries (migration 0043), which every write keeps.
     */
    async entryGroups(today: string) {
      const finished = sql.join(FINISHED_STATUSES.map((s) => sql.lit(s)));
      // As the tracker's summary and daysOverdue (recommendation-lifecycle.ts) judge them: a target
      // still to come with the work unfinished is due; an ISO target before today, unfinished, is overdue.
      const standing = sql<string>`case when t.latest_status in (${finished}) or t.target_date is null then 'neither' when t.target_date >= ${today} then 'due' when t.target_date like '____-__-__' then 'overdue' else 'neither' end`;
      // Counted within the groups of what the filters choose rather than grouped by the standing too:
      // the groups are then read in the index's order as they are counted, where a group by the
      // standing sorted every entry first (about 6 against 4 ms on the 20-year archive).
      const rows = await entryTable()
        .select([
          't.committee_slug',
          't.committee_name',
          't.officer',
          't.year',
          't.origin_kind',
          't.latest_status',
          sql<number>`count(*)`.as('n'),
          sql<number>`count(case when ${standing} = 'due' then 1 end)`.as('due'),
          sql<number>`count(case when ${standing} = 'overdue' then 1 end)`.as('overdue'),
        ])
        .groupBy(['t.committee_slug', 't.committee_name', 't.officer', 't.year', 't.origin_kind', 't.latest_status'])
        .execute();
      return rows.flatMap(({ n, due, overdue, ...group }) =>
        (
          [
            ['due', Number(due)],
            ['neither', Number(n) - Number(due) - Number(overdue)],
            ['overdue', Number(overdue)],
          ] as const
        )
          .filter(([, count]) => count > 0)
          .map(([standing, count]) => ({ ...group, standing, n: count })),
      );
    },

    /** The ids of one page of the open recommendations matching the filter, in the tracker's order. */
    async entryPage(filter: TrackerEntryFilter, page: { offset: number; limit: number }) {
      const rows = await filtered(entryTable(), filter)
        .select('t.recommendation_id')
        .orderBy('t.sort_date')
        .orderBy('t.review_id')
        .orderBy('t.year_sequence')
        .orderBy('t.number')
        .orderBy('t.recommendation_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map((r) => r.recommendation_id);
    },

    /** The entries as entries() derives them now, by id: what the standing entries must equal. */
    async derivedEntries(): Promise<TrackerEntryTable[]> {
      const rows = await entries(OPEN_RECOMMENDATION_STATUSES).orderBy('rec.id').execute();
      return rows.map(({ id, ...row }) => ({ recommendation_id: id, ...row }));
    },

    /** The standing entries, by id. */
    async standingEntries(): Promise<TrackerEntryTable[]> {
      return entryTable().selectAll('t').orderBy('t.recommendation_id').execute();
    },

    /**
     * The recommendations whose entries the records of a reach lead to (src/domain/tracker-entries.ts):
     * made through a limb, resolution, minute or agenda item (or an item of a meeting), of a review,
     * of a committee, answered by a response naming a person, or the owner of a response or update.
     * Undefined when a response or update named is not there to say whose it was.
     */
    async recommendationsReached(reach: Exclude<TrackerReach, 'everything'>): Promise<number[] | undefined> {
      const found = new Set<number>(reach.recommendation ?? []);
      const add = (rows: readonly { id: number }[]) => {
        for (const row of rows) found.add(row.id);
      };
      const made = () =>
        db
          .selectFrom('recommendations as rec')
          .innerJoin('resolution_limbs as limb', 'limb.id', 'rec.resolution_limb_id')
          .innerJoin('resolutions as res', 'res.id', 'limb.resolution_id')
          .innerJoin('minutes as mn', 'mn.id', 'res.minute_id')
          .select('rec.id');
      const lookups: Partial<Record<ReachingKind, (ids: number[]) => Promise<boolean>>> = {
        review: async (ids) => {
          add(await db.selectFrom('recommendations').select('id').where('review_id', 'in', ids).execute());
          return true;
        },
        executive_response: async (ids) => {
          const rows = await db.selectFrom('executive_responses').select('recommendation_id as id').where('id', 'in', ids).execute();
          add(rows);
          return rows.length === ids.length;
        },
        progress_update: async (ids) => {
          const rows = await db.selectFrom('progress_updates').select('recommendation_id as id').where('id', 'in', ids).execute();
          add(rows);
          return rows.length === ids.length;
        },
        resolution_limb: async (ids) => {
          add(await db.selectFrom('recommendations').select('id').where('resolution_limb_id', 'in', ids).execute());
          return true;
        },
        resolution: async (ids) => {
          add(await made().where('res.id', 'in', ids).execute());
          return true;
        },
        minute: async (ids) => {
          add(await made().where('mn.id', 'in', ids).execute());
          return true;
        },
        agenda_item: async (ids) => {
          add(await made().where('mn.agenda_item_id', 'in', ids).execute());
          return true;
        },
        meeting: async (ids) => {
          // The items of the meeting, where its agenda's publication changes what is public.
          add(await made().innerJoin('agenda_items as ai', 'ai.id', 'mn.agenda_item_id').where('ai.meeting_id', 'in', ids).execute());
          return true;
        },
        organisation: async (ids) => {
          add(await db.selectFrom('recommendations').select('id').where('organisation_id', 'in', ids).execute());
          add(
            await db
              .selectFrom('recommendations as rec')
              .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
              .select('rec.id')
              .where('r.organisation_id', 'in', ids)
              .execute(),
          );
          return true;
        },
        person: async (ids) => {
          add(await db.selectFrom('executive_responses').select('recommendation_id as id').where('responsible_person_id', 'in', ids).execute());
          return true;
        },
      };
      for (const [kind, lookup] of Object.entries(lookups) as [ReachingKind, (ids: number[]) => Promise<boolean>][]) {
        for (const ids of chunks(reach[kind] ?? [], LOOKUP_CHUNK)) if (!(await lookup(ids))) return undefined;
      }
      return [...found].sort((a, b) => a - b);
    },

    /**
     * Brings the standing entries of these recommendations (or all) into line with entries(), in the
     * caller's transaction; returns how many entries changed. On PostgreSQL it first waits for any
     * other transaction refreshing the same entries to commit, so that its reading of the records
     * sees that one's changes (read committed reads what has committed when each statement starts):
     * whichever commits last wrote from everything committed before it.
     */
    async refreshEntries(ids: readonly number[] | 'all'): Promise<number> {
      const named = ids === 'all' || ids.length > MOST_NAMED ? 'all' : [...new Set(ids)].sort((a, b) => a - b);
      if (named !== 'all' && named.length === 0) return 0;
      if (postgres) {
        if (named === 'all') {
          await sql`select pg_advisory_xact_lock(hashtext(${ALL_ENTRIES_LOCK}), 0)`.execute(db);
        } else {
          await sql`select pg_advisory_xact_lock_shared(hashtext(${ALL_ENTRIES_LOCK}), 0)`.execute(db);
          // In one order, so that two refreshes of several entries cannot each wait for the other.
          await sql`select pg_advisory_xact_lock(hashtext(${ENTRY_LOCK}), id) from unnest(${named}::int[]) as t(id)`.execute(db);
        }
      }
      return writeEntries(named);
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
