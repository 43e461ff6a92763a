// The forward plan of key decisions: entries with their body and decision maker, by period, and the agenda items that take them.
import type { Insertable, Updateable } from 'kysely';
import type { ForwardPlanEntryTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import { isPublicBusiness } from './withheld-expression.ts';

export type NewForwardPlanEntry = Omit<Insertable<ForwardPlanEntryTable>, 'created_at' | 'updated_at'>;
export type ForwardPlanEdit = Omit<Updateable<ForwardPlanEntryTable>, 'id' | 'slug' | 'version' | 'created_at' | 'updated_at'>;

export interface ForwardPlanFilter {
  readonly organisationId?: number;
  readonly from?: string;
  readonly to?: string;
  readonly noticeRoute?: string;
}

export function createForwardPlanRepository({ db, clock }: RepositoryContext) {
  const withBody = () =>
    db
      .selectFrom('forward_plan_entries as fp')
      .innerJoin('organisations as o', 'o.id', 'fp.organisation_id')
      .leftJoin('people as dm', 'dm.id', 'fp.decision_maker_person_id')
      .selectAll('fp')
      .select(['o.name as organisation_name', 'o.slug as organisation_slug', 'dm.name as decision_maker_person', 'dm.honorific as decision_maker_honorific']);

  return {
    async create(values: NewForwardPlanEntry) {
      return db
        .insertInto('forward_plan_entries')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findById(id: number) {
      return withBody().where('fp.id', '=', id).executeTakeFirst();
    },

    async findBySlug(slug: string) {
      return withBody().where('fp.slug', '=', slug).executeTakeFirst();
    },

    /** Saves an entry only over the version the form was opened at; false when someone saved it since. */
    async update(id: number, expectedVersion: number, values: ForwardPlanEdit): Promise<boolean> {
      const result = await db
        .updateTable('forward_plan_entries')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Entries in intended-date order, of one body, in a period or by notice route when asked. */
    async list(filter: ForwardPlanFilter = {}) {
      let query = withBody();
      if (filter.organisationId !== undefined) query = query.where('fp.organisation_id', '=', filter.organisationId);
      if (filter.from !== undefined) query = query.where('fp.intended_date', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('fp.intended_date', '<=', filter.to);
      if (filter.noticeRoute !== undefined) query = query.where('fp.notice_route', '=', filter.noticeRoute);
      return query.orderBy('fp.intended_date').orderBy('fp.id').execute();
    },

    /** The entries most recently first published, for the feed (newest first, then the latest added). */
    async newestFirst(limit: number) {
      return withBody().orderBy('fp.first_published_on', 'desc').orderBy('fp.id', 'desc').limit(limit).execute();
    },

    /** A page of entries in id order for the API: after the cursor's id, changed since a time. */
    async page(page: { after?: number; limit: number; updatedSince?: string }) {
      let query = withBody();
      if (page.after !== undefined) query = query.where('fp.id', '>', page.after);
      if (page.updatedSince !== undefined) query = query.where('fp.updated_at', '>=', page.updatedSince);
      return query.orderBy('fp.id').limit(page.limit).execute();
    },

    /** Every entry for the agenda item form's choice, latest first. */
    async choices() {
      return db.selectFrom('forward_plan_entries').select(['id', 'title', 'intended_date']).orderBy('intended_date', 'desc').orderBy('id', 'desc').execute();
    },

    /** The public agenda items that take the entry's decision, with their meetings. */
    async publicItems(entryId: number) {
      return db
        .selectFrom('agenda_items as ai')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .select(['ai.id', 'ai.title', 'ai.number', 'm.slug as meeting_slug', 'm.title as meeting_title', 'm.meeting_date'])
        .where('ai.forward_plan_entry_id', '=', entryId)
        .where(isPublicBusiness('ai'))
        .orderBy('m.meeting_date')
        .execute();
    },
  };
}
