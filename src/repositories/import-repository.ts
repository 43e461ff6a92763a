// The lookups and in-place updates imports need: records by their source ids, free slugs, changed-only updates.
import { PostgresAdapter, sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { AttendanceTable, Database } from '../db/schema.ts';
import { chunks, timestamps, type RepositoryContext } from './repository-context.ts';
import { createSlugRepository, type SluggedTable } from './slug-repository.ts';

/** Tables whose rows carry source_system/source_id (migrations 0001 and 0003). */
export type SourcedTable = 'organisations' | 'people' | 'meetings' | 'agenda_items' | 'documents' | 'memberships' | 'recommendations';
/** Tables whose rows carry version/updated_at. */
export type VersionedTable = SourcedTable | 'minutes' | 'executive_responses' | 'scrutiny_reviews';

/** Source ids (or record ids) per lookup query: well within both engines' bound-parameter limits. */
const LOOKUP_CHUNK = 500;
/** Slug bases per query: each is two conditions. */
const SLUG_CHUNK = 100;
/** Bound parameters per multi-row insert. */
const INSERT_PARAMETERS = 30_000;

/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- the type-check (TypeScript 7) cannot call a method on a union of table types without widening T; the linter's TypeScript 6 can */
export function createImportRepository({ db, clock }: RepositoryContext) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    /** The row an earlier import made from this source record, if any. */
    async findBySource<T extends SourcedTable>(table: T, system: string, sourceId: string) {
      return db
        .selectFrom(table as SourcedTable)
        .selectAll()
        .where('source_system', '=', system)
        .where('source_id', '=', sourceId)
        .orderBy('id')
        .executeTakeFirst() as Promise<Selectable<Database[T]> | undefined>;
    },

    /**
     * The rows earlier imports made from these source records, by source id (the first row of each,
     * as findBySource), read in a few queries however many there are: an import looks up a whole
     * file's records at once rather than one query a record.
     */
    async findManyBySource<T extends SourcedTable>(table: T, system: string, sourceIds: readonly string[]) {
      const found = new Map<string, Selectable<Database[T]>>();
      for (const ids of chunks([...new Set(sourceIds)], LOOKUP_CHUNK)) {
        const rows = (await db
          .selectFrom(table as SourcedTable)
          .selectAll()
          .where('source_system', '=', system)
          .where('source_id', 'in', ids)
          .orderBy('id')
          .execute()) as Selectable<Database[T]>[];
        for (const row of rows) {
          const key = (row as { source_id: string | null }).source_id;
          if (key !== null && !found.has(key)) found.set(key, row);
        }
      }
      return found;
    },

    /**
     * Free slugs for many new rows at once, in order: each the first of `base`, `base-2`… that no row
     * has and no earlier entry of the list was given (two papers of one title get `title` and
     * `title-2`, as one at a time would).
     */
    async freeSlugs(table: SluggedTable, bases: readonly string[]): Promise<string[]> {
      const distinct = [...new Set(bases)];
      const taken = new Set<string>();
      // Slugs hold only a-z, 0-9 and '-', so neither LIKE's nor GLOB's wildcards can occur in a base.
      // SQLite's LIKE ignores case and so cannot use the slug index; its GLOB can, and one query
      // then reads a few index entries rather than the whole table.
      const prefixed = postgres ? (base: string) => sql<SqlBool>`slug like ${`${base}-%`}` : (base: string) => sql<SqlBool>`slug glob ${`${base}-*`}`;
      for (const part of chunks(distinct, SLUG_CHUNK)) {
        const rows = await db
          .selectFrom(table)
          .select('slug')
          .where((eb) => eb.or(part.flatMap((base) => [eb('slug', '=', base), prefixed(base)])))
          .execute();
        for (const row of rows) taken.add(row.slug);
      }
      return bases.map((base) => {
        let slug = base;
        for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
        taken.add(slug);
        return slug;
      });
    },

    /** Inserts many rows with created_at/updated_at set, in multi-row statements, returning them in the order given. */
    async insertMany<T extends VersionedTable>(table: T, values: readonly Omit<Insertable<Database[T]>, 'created_at' | 'updated_at'>[]) {
      const stamped = timestamps(clock);
      const out: Selectable<Database[T]>[] = [];
      if (values.length === 0) return out;
      // Rows per statement: within SQLite's 32,766 and PostgreSQL's 65,535 bound parameters for the widest table.
      const perStatement = Math.max(1, Math.floor(INSERT_PARAMETERS / (Object.keys(values[0] as object).length + 2)));
      for (const part of chunks(values, perStatement)) {
        const rows = (await db
          .insertInto(table as VersionedTable)
          .values(part.map((v) => ({ ...v, ...stamped })) as never)
          .returningAll()
          .execute()) as Selectable<Database[T]>[];
        // RETURNING's order is not promised by either engine; ids are, as the rows were given.
        rows.sort((a, b) => (a as { id: number }).id - (b as { id: number }).id);
        out.push(...rows);
      }
      return out;
    },

    /** The first minute of each of these agenda items, by item id. */
    async minutesForItems(agendaItemIds: readonly number[]) {
      const found = new Map<number, Selectable<Database['minutes']>>();
      for (const ids of chunks([...new Set(agendaItemIds)], LOOKUP_CHUNK)) {
        const rows = await db.selectFrom('minutes').selectAll().where('agenda_item_id', 'in', ids).orderBy('id').execute();
        for (const row of rows) if (row.agenda_item_id !== null && !found.has(row.agenda_item_id)) found.set(row.agenda_item_id, row);
      }
      return found;
    },

    /** Every attendance row of a meeting, oldest first. */
    async attendanceOf(meetingId: number) {
      return db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
    },

    async addAttendances(values: readonly Insertable<AttendanceTable>[]) {
      for (const part of chunks(values, 1000))
        await db
          .insertInto('attendance')
          .values([...part])
          .execute();
    },

    /** The first of `base`, `base-2`, `base-3`… not yet used as a slug in the table. */
    async freeSlug(table: SluggedTable, base: string): Promise<string> {
      return createSlugRepository({ db, clock }).free(table, base);
    },

    /**
     * Writes only the values that differ from the row as stored, bumping its version; an import run
     * twice therefore leaves every row (version and updated_at included) exactly as the first left it.
     * Returns whether anything changed.
     */
    async updateChanged<T extends VersionedTable>(table: T, current: { id: number }, values: Updateable<Database[T]>): Promise<boolean> {
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        if (value !== undefined && (current as Record<string, unknown>)[key] !== value) changes[key] = value;
      }
      if (Object.keys(changes).length === 0) return false;
      await db
        .updateTable(table as VersionedTable)
        .set({ ...changes, version: sql`version + 1`, updated_at: clock.now().toISOString() } as never)
        .where('id', '=', current.id)
        .execute();
      return true;
    },

    /** Inserts a row with created_at/updated_at set, returning it. */
    async insert<T extends VersionedTable>(table: T, values: Omit<Insertable<Database[T]>, 'created_at' | 'updated_at'>) {
      return db
        .insertInto(table as VersionedTable)
        .values({ ...values, ...timestamps(clock) } as never)
        .returningAll()
        .executeTakeFirstOrThrow() as Promise<Selectable<Database[T]>>;
    },

    async findOrganisationByName(name: string) {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .orderBy('id')
        .executeTakeFirst();
    },

    async findOrganisationBySlug(slug: string) {
      return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async organisationsOfKind(kind: string) {
      return db.selectFrom('organisations').selectAll().where('kind', '=', kind).orderBy('id').execute();
    },

    /** A body an earlier import of the same source made, by its name (GetMeeting names no committee id). */
    async findSourcedOrganisationByName(system: string, sourcePrefix: string, name: string) {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where('source_system', '=', system)
        .where('source_id', 'like', `${sourcePrefix}%`)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .orderBy('id')
        .executeTakeFirst();
    },

    async findReviewByTitle(title: string) {
      return db
        .selectFrom('scrutiny_reviews')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase()))
        .orderBy('id')
        .executeTakeFirst();
    },

    async findPersonByName(name: string, kind: string) {
      return db
        .selectFrom('people')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .where('kind', '=', kind)
        .orderBy('id')
        .executeTakeFirst();
    },

    async findRecommendation(reviewId: number, number: number) {
      return db.selectFrom('recommendations').selectAll().where('review_id', '=', reviewId).where('number', '=', number).executeTakeFirst();
    },

    async findRecommendationBySource(reviewId: number, system: string, sourceId: string) {
      return db
        .selectFrom('recommendations')
        .selectAll()
        .where('review_id', '=', reviewId)
        .where('source_system', '=', system)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
    },

    async nextRecommendationNumber(reviewId: number): Promise<number> {
      const row = await db
        .selectFrom('recommendations')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('review_id', '=', reviewId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    async findResponse(recommendationId: number) {
      return db.selectFrom('executive_responses').selectAll().where('recommendation_id', '=', recommendationId).executeTakeFirst();
    },

    /** Whether this very update (same date, status and words) is already recorded: updates are append-only. */
    async hasProgress(recommendationId: number, values: { update_date: string; status: string; narrative: string }) {
      const row = await db
        .selectFrom('progress_updates')
        .select('id')
        .where('recommendation_id', '=', recommendationId)
        .where('update_date', '=', values.update_date)
        .where('status', '=', values.status)
        .where('narrative', '=', values.narrative)
        .executeTakeFirst();
      return row !== undefined;
    },

    async latestProgress(recommendationId: number) {
      return db
        .selectFrom('progress_updates')
        .selectAll()
        .where('recommendation_id', '=', recommendationId)
        .orderBy('update_date', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },

    async findMinuteForItem(agendaItemId: number) {
      return db.selectFrom('minutes').selectAll().where('agenda_item_id', '=', agendaItemId).orderBy('id').executeTakeFirst();
    },

    /** A meeting's attendance row for a person (or, with no person, a name). */
    async findAttendance(meetingId: number, personId: number | null, name: string) {
      let q = db.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId);
      q = personId === null ? q.where('person_id', 'is', null).where('name', '=', name) : q.where('person_id', '=', personId);
      return q.orderBy('id').executeTakeFirst();
    },

    async addAttendance(values: Insertable<AttendanceTable>) {
      return db.insertInto('attendance').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async updateAttendance(id: number, values: { name: string; role: string | null; status: string }) {
      await db.updateTable('attendance').set(values).where('id', '=', id).execute();
    },
  };
}
/* eslint-enable @typescript-eslint/no-unnecessary-type-assertion */

export type ImportRepository = ReturnType<typeof createImportRepository>;
