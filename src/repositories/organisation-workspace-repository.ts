// Writes of the officer workspace to bodies, people and memberships: version-checked updates, slug checks and the lists its forms need.
import type { Updateable } from 'kysely';
import type { MembershipTable, OrganisationTable, PersonTable } from '../db/schema.ts';
import { toCount, type RepositoryContext } from './repository-context.ts';

type OrganisationEdit = Pick<Updateable<OrganisationTable>, 'name' | 'kind' | 'parent_id' | 'successor_id' | 'description' | 'category' | 'is_active'>;
type PersonEdit = Pick<Updateable<PersonTable>, 'name' | 'honorific' | 'kind' | 'job_title' | 'party' | 'ward' | 'email'>;
type MembershipEdit = Pick<Updateable<MembershipTable>, 'person_id' | 'organisation_id' | 'role' | 'portfolio' | 'starts_on' | 'ends_on' | 'notes'>;

export function createOrganisationWorkspaceRepository({ db, clock }: RepositoryContext) {
  const bump = () => ({ updated_at: clock.now().toISOString() });

  return {
    /** True when the body was at `expectedVersion` and is now changed; false when someone else saved first. */
    async updateOrganisation(id: number, expectedVersion: number, values: OrganisationEdit): Promise<boolean> {
      const result = await db
        .updateTable('organisations')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), ...bump() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updatePerson(id: number, expectedVersion: number, values: PersonEdit): Promise<boolean> {
      const result = await db
        .updateTable('people')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), ...bump() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updateMembership(id: number, expectedVersion: number, values: MembershipEdit): Promise<boolean> {
      const result = await db
        .updateTable('memberships')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), ...bump() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async findMembership(id: number) {
      return db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** A membership with the names of its person and body, for the workspace's membership pages. */
    async membershipWithNames(id: number) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('people as p', 'p.id', 'ms.person_id')
        .innerJoin('organisations as o', 'o.id', 'ms.organisation_id')
        .selectAll('ms')
        .select([
          'p.name as person_name',
          'p.honorific',
          'p.slug as person_slug',
          'o.name as organisation_name',
          'o.slug as organisation_slug',
          'o.kind as organisation_kind',
        ])
        .where('ms.id', '=', id)
        .executeTakeFirst();
    },

    /** Every body on the record (outside organisations too), by name, with its parent's name and member count. */
    async bodies() {
      const rows = await db
        .selectFrom('organisations as o')
        .leftJoin('organisations as parent', 'parent.id', 'o.parent_id')
        .leftJoin('memberships as ms', 'ms.organisation_id', 'o.id')
        .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.is_active', 'parent.name as parent_name'])
        .select((eb) => eb.fn.count<number>('ms.id').as('member_count'))
        .groupBy(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.is_active', 'parent.name'])
        .orderBy('o.name')
        .orderBy('o.id')
        .execute();
      return rows.map((r) => ({ ...r, member_count: toCount(r.member_count) }));
    },

    /** One page of people by name, for the workspace list. */
    async people(options: { limit: number; offset: number }) {
      return db
        .selectFrom('people')
        .select(['id', 'slug', 'name', 'honorific', 'kind', 'job_title', 'party'])
        .orderBy('name')
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset)
        .execute();
    },

    /** Every person as a choice for the membership form, by name. */
    async personChoices() {
      return db.selectFrom('people').select(['id', 'name', 'honorific', 'job_title']).orderBy('name').orderBy('id').execute();
    },

    /** Every body as a choice for the parent and membership fields, by name. */
    async bodyChoices() {
      return db.selectFrom('organisations').select(['id', 'name', 'kind', 'parent_id']).orderBy('name').orderBy('id').execute();
    },

    /** Members of a body with the ids and versions the workspace links to, chair first, then by name. */
    async membersOf(organisationId: number) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('people as p', 'p.id', 'ms.person_id')
        .select(['ms.id', 'ms.role', 'ms.portfolio', 'ms.starts_on', 'ms.ends_on', 'p.id as person_id', 'p.name as person_name', 'p.honorific'])
        .where('ms.organisation_id', '=', organisationId)
        .orderBy((eb) => eb.case().when('ms.role', '=', 'chair').then(0).when('ms.role', '=', 'vice_chair').then(1).else(2).end())
        .orderBy('p.name')
        .orderBy('ms.id')
        .execute();
    },

    /** A person's memberships with the bodies' names, by body name. */
    async membershipsOf(personId: number) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('organisations as o', 'o.id', 'ms.organisation_id')
        .select(['ms.id', 'ms.role', 'ms.portfolio', 'ms.starts_on', 'ms.ends_on', 'o.id as organisation_id', 'o.name as organisation_name'])
        .where('ms.person_id', '=', personId)
        .orderBy('o.name')
        .orderBy('ms.id')
        .execute();
    },
  };
}

export type OrganisationWorkspaceRepository = ReturnType<typeof createOrganisationWorkspaceRepository>;
