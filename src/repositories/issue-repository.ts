// Issues: matters that travel across meetings, with their append-only history of considerations.
import type { Insertable } from 'kysely';
import type { IssueTable } from '../db/schema.ts';
import { timestamps, toCount, type RepositoryContext } from './repository-context.ts';
import { isPublicBusiness, notWithdrawn } from './withheld-expression.ts';

export type NewIssue = Omit<Insertable<IssueTable>, 'created_at' | 'updated_at'>;

export interface NewConsideration {
  issue_id: number;
  meeting_id: number;
  agenda_item_id: number | null;
  minute_id: number | null;
  decision_summary: string | null;
}

export function createIssueRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewIssue) {
      return db
        .insertInto('issues')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return db.selectFrom('issues').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async findByIds(ids: number[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('issues').selectAll().where('id', 'in', ids).execute();
    },

    async list(options: { limit: number; offset: number }) {
      return db
        .selectFrom('issues as i')
        .leftJoin('issue_considerations as c', 'c.issue_id', 'i.id')
        .leftJoin('meetings as m', 'm.id', 'c.meeting_id')
        .select(['i.id', 'i.slug', 'i.title', 'i.summary'])
        .select((eb) => [eb.fn.count<number>('c.id').as('consideration_count'), eb.fn.max('m.meeting_date').as('last_considered_on')])
        .groupBy(['i.id', 'i.slug', 'i.title', 'i.summary'])
        .orderBy('last_considered_on', 'desc')
        .orderBy('i.id', 'desc')
        .limit(options.limit)
        .offset(options.offset)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, consideration_count: toCount(r.consideration_count) })));
    },

    async count() {
      const row = await db
        .selectFrom('issues')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    /** Appends a consideration at the end of the issue's history: history is never rewritten. */
    async addConsideration(values: NewConsideration) {
      const last = await db
        .selectFrom('issue_considerations')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('issue_id', '=', values.issue_id)
        .executeTakeFirst();
      return db
        .insertInto('issue_considerations')
        .values({ ...values, position: toCount(last?.p) + 1, created_at: clock.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * The public agenda items linked to the issue, across meetings, in date order: an item is linked
     * when it is added (from a referral or a minute) even before a consideration is recorded.
     */
    async linkedItems(issueId: number) {
      return db
        .selectFrom('agenda_items as ai')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select([
          'ai.id',
          'ai.number as item_number',
          'ai.title as item_title',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'm.status as meeting_status',
          'o.slug as organisation_slug',
          'o.name as organisation_name',
        ])
        .where('ai.issue_id', '=', issueId)
        .where(isPublicBusiness('ai'))
        .where(notWithdrawn('ai'))
        .where('ai.is_draft', '=', 0)
        .orderBy('m.meeting_date')
        .orderBy('ai.position')
        .execute();
    },

    /** Renames an issue over the version the officer opened (its slug, and so its address, is kept); false when someone else changed it first. */
    async rename(id: number, expectedVersion: number, values: { title: string; summary: string | null }): Promise<boolean> {
      const result = await db
        .updateTable('issues')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async findById(id: number) {
      return db.selectFrom('issues').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Every meeting that considered the issue, in date order, with its decision. */
    async history(issueId: number) {
      return db
        .selectFrom('issue_considerations as c')
        .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('agenda_items as ai', 'ai.id', 'c.agenda_item_id')
        .leftJoin('minutes as mi', 'mi.id', 'c.minute_id')
        .select([
          'c.id',
          'c.position',
          'c.decision_summary',
          'c.minute_id',
          'c.agenda_item_id',
          'm.id as meeting_id',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'm.status as meeting_status',
          'o.slug as organisation_slug',
          'o.name as organisation_name',
          'ai.number as item_number',
          'ai.title as item_title',
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
          'mi.number as minute_number',
        ])
        .where('c.issue_id', '=', issueId)
        .where(notWithdrawn({ optional: 'ai' }))
        .orderBy('m.meeting_date')
        .orderBy('c.position')
        .execute();
    },
  };
}

export type IssueRepository = ReturnType<typeof createIssueRepository>;
