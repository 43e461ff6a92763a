// Work programme topics of the scrutiny committees: the topic with its committee, meeting, leads, agenda item and review, per committee and municipal year.
import type { Insertable, Updateable } from 'kysely';
import type { WorkProgrammeTopicTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';

export type NewTopic = Omit<Insertable<WorkProgrammeTopicTable>, 'created_at' | 'updated_at'>;
export type TopicChange = Omit<Updateable<WorkProgrammeTopicTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function createWorkProgrammeRepository({ db, clock }: RepositoryContext) {
  /** A topic with the names and dates it is shown with. */
  const withNames = () =>
    db
      .selectFrom('work_programme_topics as t')
      .innerJoin('organisations as o', 'o.id', 't.organisation_id')
      .leftJoin('meetings as m', 'm.id', 't.meeting_id')
      .leftJoin('people as lm', 'lm.id', 't.lead_member_id')
      .leftJoin('people as lo', 'lo.id', 't.lead_officer_id')
      .leftJoin('agenda_items as ai', 'ai.id', 't.agenda_item_id')
      .leftJoin('scrutiny_reviews as r', 'r.id', 't.review_id')
      .leftJoin('forward_plan_entries as fp', 'fp.id', 't.forward_plan_entry_id')
      .selectAll('t')
      .select([
        'o.name as organisation_name',
        'o.slug as organisation_slug',
        'm.meeting_date',
        'm.start_time as meeting_start_time',
        'm.starts_at as meeting_starts_at',
        'm.location as meeting_location',
        'm.status as meeting_status',
        'm.slug as meeting_slug',
        'lm.name as lead_member_name',
        'lo.name as lead_officer_name',
        'ai.number as agenda_item_number',
        'ai.is_draft as agenda_item_is_draft',
        'r.slug as review_slug',
        'r.title as review_title',
        'fp.slug as forward_plan_slug',
        'fp.title as forward_plan_title',
      ]);

  /** What anyone may see: accepted for consideration, not withheld business (LGA 1972 Schedule 12A, s.100A(3)). */
  const publicTopics = () => withNames().where('t.accepted_on', 'is not', null).where('t.exempt_paragraph', 'is', null).where('t.is_confidential', '=', 0);

  return {
    async create(row: NewTopic) {
      return db
        .insertInto('work_programme_topics')
        .values({ ...row, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findById(id: number) {
      return withNames().where('t.id', '=', id).executeTakeFirst();
    },

    /** Saves a change only over the version it was read at; false when someone else saved first. */
    async update(id: number, version: number, change: TopicChange): Promise<boolean> {
      const result = await db
        .updateTable('work_programme_topics')
        .set((eb) => ({ ...change, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * A committee's topics in a municipal year, in the order of the meetings they are planned for.
     * `publicOnly`: what anyone may see: accepted for consideration, not withheld business (LGA 1972
     * Schedule 12A, s.100A(3)).
     */
    async forBody(organisationId: number, year: number, options: { publicOnly: boolean }) {
      let query = withNames().where('t.organisation_id', '=', organisationId).where('t.municipal_year', '=', year);
      if (options.publicOnly) {
        query = query.where('t.accepted_on', 'is not', null).where('t.exempt_paragraph', 'is', null).where('t.is_confidential', '=', 0);
      }
      return query.orderBy('m.meeting_date').orderBy('t.id').execute();
    },

    /**
     * The topics suggested from a forward-plan entry, by committee and year; `publicOnly` as forBody.
     */
    async forEntry(entryId: number, options: { publicOnly: boolean }) {
      let query = withNames().where('t.forward_plan_entry_id', '=', entryId);
      if (options.publicOnly) {
        query = query.where('t.accepted_on', 'is not', null).where('t.exempt_paragraph', 'is', null).where('t.is_confidential', '=', 0);
      }
      return query.orderBy('t.municipal_year', 'desc').orderBy('o.name').execute();
    },

    /**
     * A page of the topics anyone may see (accepted for consideration, not withheld), in id order
     * after a cursor, for the API; by committee and municipal year when asked.
     */
    async publicPage(page: { after?: number; limit: number; updatedSince?: string; body?: number; year?: number }) {
      let query = publicTopics();
      if (page.after !== undefined) query = query.where('t.id', '>', page.after);
      if (page.updatedSince !== undefined) query = query.where('t.updated_at', '>=', page.updatedSince);
      if (page.body !== undefined) query = query.where('t.organisation_id', '=', page.body);
      if (page.year !== undefined) query = query.where('t.municipal_year', '=', page.year);
      return query.orderBy('t.id').limit(page.limit).execute();
    },

    /**
     * A committee's public topics that have moved past suggestion (agreed, scheduled, heard or
     * dropped), the latest changed first, for its feed.
     */
    async publicChanges(organisationId: number, limit: number) {
      return publicTopics()
        .where('t.organisation_id', '=', organisationId)
        .where('t.state', 'in', ['agreed', 'scheduled', 'done', 'dropped'])
        .orderBy('t.updated_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(limit)
        .execute();
    },

    /** One topic anyone may see, or undefined (unknown, awaiting moderation, or withheld). */
    async findPublicById(id: number) {
      return publicTopics().where('t.id', '=', id).executeTakeFirst();
    },

    /** Suggestions from the public waiting to be accepted for consideration, oldest first. */
    async awaitingModeration() {
      return withNames().where('t.accepted_on', 'is', null).where('t.state', '=', 'suggested').orderBy('t.id').execute();
    },

    /** The municipal years a committee has a programme for, newest first; `publicOnly` as forBody. */
    async years(organisationId: number, options: { publicOnly: boolean }): Promise<number[]> {
      let query = db.selectFrom('work_programme_topics').select('municipal_year').distinct().where('organisation_id', '=', organisationId);
      if (options.publicOnly) query = query.where('accepted_on', 'is not', null).where('exempt_paragraph', 'is', null).where('is_confidential', '=', 0);
      const rows = await query.orderBy('municipal_year', 'desc').execute();
      return rows.map((r) => r.municipal_year);
    },

    /** The bodies that keep a work programme: scrutiny committees and their task groups. */
    async scrutinyBodies() {
      return db
        .selectFrom('organisations')
        .select(['id', 'slug', 'name', 'kind'])
        .where('kind', 'in', ['scrutiny_committee', 'task_group'])
        .orderBy('name')
        .execute();
    },

    /** A body's meetings a topic can be planned for: not cancelled, from `from` on. */
    async meetingsOf(organisationId: number, from: string) {
      return db
        .selectFrom('meetings')
        .select(['id', 'slug', 'meeting_date', 'status', 'title'])
        .where('organisation_id', '=', organisationId)
        .where('status', '!=', 'cancelled')
        .where('meeting_date', '>=', from)
        .orderBy('meeting_date')
        .execute();
    },
  };
}

export type WorkProgrammeRepository = ReturnType<typeof createWorkProgrammeRepository>;
