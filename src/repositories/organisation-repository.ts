// Bodies (council, cabinet, committees, task groups, outside organisations) and their memberships.
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { MembershipTable, OrganisationTable } from '../db/schema.ts';
import { timestamps, toCount, type RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';
import type { WithdrawnOption } from './review-repository.ts';

export type NewOrganisation = Omit<Insertable<OrganisationTable>, 'created_at' | 'updated_at'>;
export type NewMembership = Omit<Insertable<MembershipTable>, 'created_at' | 'updated_at'>;

/** A membership as the body's and the person's pages list it (`ms`). */
const MEMBERSHIP_COLUMNS = ['ms.id', 'ms.role', 'ms.portfolio', 'ms.starts_on', 'ms.ends_on', 'ms.notes'] as const;

export function createOrganisationRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewOrganisation) {
      return db
        .insertInto('organisations')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async findById(id: number) {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findBySource(system: string, sourceId: string) {
      return db.selectFrom('organisations').selectAll().where('source_system', '=', system).where('source_id', '=', sourceId).executeTakeFirst();
    },

    async findByIds(ids: number[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
    },

    /** Bodies of the council itself (not outside organisations), by name, without counting their meetings. */
    async councilBodies() {
      return db
        .selectFrom('organisations')
        .select(['id', 'slug', 'name', 'kind', 'description', 'parent_id', 'is_active'])
        .where('kind', 'not in', ['external', 'council'])
        .orderBy('name')
        .execute();
    },

    /** Bodies of the council itself (not outside organisations), with their meeting counts. */
    async listCouncilBodies() {
      return db
        .selectFrom('organisations as o')
        .leftJoin('meetings as m', 'm.organisation_id', 'o.id')
        .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.description', 'o.parent_id', 'o.is_active'])
        .select((eb) => eb.fn.count<number>('m.id').as('meeting_count'))
        .where('o.kind', 'not in', ['external', 'council'])
        .groupBy(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.description', 'o.parent_id', 'o.is_active'])
        .orderBy('o.name')
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, meeting_count: toCount(r.meeting_count) })));
    },

    async count() {
      const row = await db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    async children(parentId: number) {
      return db.selectFrom('organisations').selectAll().where('parent_id', '=', parentId).orderBy('name').execute();
    },

    async addMembership(values: NewMembership) {
      return db
        .insertInto('memberships')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Members of a body with their people, chair first. */
    async members(organisationId: number, options: WithdrawnOption = {}) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('people as p', 'p.id', 'ms.person_id')
        .select(MEMBERSHIP_COLUMNS)
        .select([
          'ms.updated_at',
          'ms.withdrawn_at',
          'p.id as person_id',
          'p.slug as person_slug',
          'p.name as person_name',
          'p.honorific',
          'p.kind as person_kind',
          'p.party',
        ])
        .where('ms.organisation_id', '=', organisationId)
        .where(options.includeWithdrawn ? sql<SqlBool>`1 = 1` : notWithdrawn('ms'))
        .orderBy((eb) => eb.case().when('ms.role', '=', 'chair').then(0).when('ms.role', '=', 'vice_chair').then(1).else(2).end())
        .orderBy('p.name')
        .execute();
    },

    /** Every membership a person holds, with the body. */
    async membershipsOf(personId: number) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('organisations as o', 'o.id', 'ms.organisation_id')
        .select(MEMBERSHIP_COLUMNS)
        .select(['o.id as organisation_id', 'o.slug as organisation_slug', 'o.name as organisation_name', 'o.kind as organisation_kind'])
        .where('ms.person_id', '=', personId)
        .where(notWithdrawn('ms'))
        .orderBy('o.name')
        .execute();
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
