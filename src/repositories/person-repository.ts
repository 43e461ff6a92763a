// People: councillors, officers, commissioners and outside witnesses.
import type { Insertable } from 'kysely';
import type { PersonTable } from '../db/schema.ts';
import { timestamps, toCount, type RepositoryContext } from './repository-context.ts';
import { resolutionsWithMinute } from './minute-repository.ts';
import { notWithdrawn } from './withheld-expression.ts';

export type NewPerson = Omit<Insertable<PersonTable>, 'created_at' | 'updated_at'>;

export function createPersonRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewPerson) {
      return db
        .insertInto('people')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async findById(id: number) {
      return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findBySource(system: string, sourceId: string) {
      return db.selectFrom('people').selectAll().where('source_system', '=', system).where('source_id', '=', sourceId).executeTakeFirst();
    },

    async list(options: { limit: number; offset: number }) {
      return db.selectFrom('people').selectAll().orderBy('name').orderBy('id').limit(options.limit).offset(options.offset).execute();
    },

    async count() {
      const row = await db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    /** Resolutions this person moved or seconded, newest first, with where they were made; a withdrawn item's were never made. */
    async motions(personId: number) {
      return resolutionsWithMinute(db)
        .select(['ai.exempt_paragraph', 'ai.is_confidential', 'ai.is_restricted'])
        .select([
          'r.id as resolution_id',
          'r.mover_person_id',
          'r.seconder_person_id',
          'mi.number as minute_number',
          'mi.title as minute_title',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'o.name as organisation_name',
        ])
        .where((eb) => eb.or([eb('r.mover_person_id', '=', personId), eb('r.seconder_person_id', '=', personId)]))
        .where(notWithdrawn({ optional: 'ai' }))
        .orderBy('m.meeting_date', 'desc')
        .execute();
    },

    /** Reports on which this person is named (cabinet member, commissioner in an advisory role). */
    async reportRoles(personId: number) {
      return db
        .selectFrom('agenda_item_people as ap')
        .innerJoin('agenda_items as ai', 'ai.id', 'ap.agenda_item_id')
        .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select([
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
          'ap.role',
          'ap.note',
          'ai.title as item_title',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'o.name as organisation_name',
        ])
        .where('ap.person_id', '=', personId)
        .where(notWithdrawn('ai'))
        .orderBy('m.meeting_date', 'desc')
        .execute();
    },
  };
}

export type PersonRepository = ReturnType<typeof createPersonRepository>;
