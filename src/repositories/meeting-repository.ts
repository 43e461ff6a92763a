// Meetings with their agenda items, the people named on reports, attendance and declarations.
import type { Insertable, Kysely } from 'kysely';
import type {
  AgendaItemPersonTable,
  AgendaItemRecommendationTable,
  AgendaItemTable,
  AttendanceTable,
  Database,
  DeclarationTable,
  MeetingTable,
} from '../db/schema.ts';
import { timestamps, toCount, type RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';
import type { WithdrawnOption } from './review-repository.ts';

export type NewMeeting = Omit<Insertable<MeetingTable>, 'created_at' | 'updated_at'>;
export type NewAgendaItem = Omit<Insertable<AgendaItemTable>, 'created_at' | 'updated_at'>;

export interface MeetingListFilter {
  organisationId?: number;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  order?: 'asc' | 'desc';
}

/** Meetings with the body that holds them (`m`, `o`), every column of the meeting and the body's slug and name: callers add filters and order. */
export function meetingsWithBody(db: Kysely<Database>) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select(['o.slug as organisation_slug', 'o.name as organisation_name']);
}

/** A meeting's agenda as the public may see it, in order: a draft is the workspace's until the agenda is published (migration 0021). */
export function publicAgendaItems(db: Kysely<Database>, meetingId: number) {
  return db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('is_draft', '=', 0)
    .where(notWithdrawn('agenda_items'))
    .orderBy('position');
}

export function createMeetingRepository({ db, clock }: RepositoryContext) {
  function listQuery(filter: Omit<MeetingListFilter, 'limit' | 'offset'>) {
    let q = db.selectFrom('meetings as m').innerJoin('organisations as o', 'o.id', 'm.organisation_id');
    if (filter.organisationId !== undefined) q = q.where('m.organisation_id', '=', filter.organisationId);
    if (filter.from) q = q.where('m.meeting_date', '>=', filter.from);
    if (filter.to) q = q.where('m.meeting_date', '<=', filter.to);
    return q;
  }

  return {
    async create(values: NewMeeting) {
      return db
        .insertInto('meetings')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return meetingsWithBody(db).select('o.kind as organisation_kind').where('m.slug', '=', slug).executeTakeFirst();
    },

    async findById(id: number) {
      return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findBySource(system: string, sourceId: string) {
      return db.selectFrom('meetings').selectAll().where('source_system', '=', system).where('source_id', '=', sourceId).executeTakeFirst();
    },

    async list(filter: MeetingListFilter) {
      const direction = filter.order ?? 'desc';
      return listQuery(filter)
        .selectAll('m')
        .select(['o.slug as organisation_slug', 'o.name as organisation_name'])
        .orderBy('m.meeting_date', direction)
        .orderBy('m.id', direction)
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    async count(filter: Omit<MeetingListFilter, 'limit' | 'offset'>) {
      const row = await listQuery(filter)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    /** The first meeting of a body on or after a date: where a referral to "the next meeting" lands. */
    async nextOf(organisationId: number, onOrAfter: string) {
      return db
        .selectFrom('meetings')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('meeting_date', '>=', onOrAfter)
        .where('status', '!=', 'cancelled')
        .orderBy('meeting_date')
        .orderBy('id')
        .executeTakeFirst();
    },

    async findByIds(ids: number[]) {
      if (ids.length === 0) return [];
      return meetingsWithBody(db).where('m.id', 'in', ids).execute();
    },

    async createAgendaItem(values: NewAgendaItem) {
      return db
        .insertInto('agenda_items')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** A meeting's agenda, drafts included; the workspace asks for withdrawn items too, to show them as withdrawn. */
    async agendaItems(meetingId: number, options: WithdrawnOption = {}) {
      const q = db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId);
      return (options.includeWithdrawn ? q : q.where(notWithdrawn('agenda_items'))).orderBy('position').execute();
    },

    /** The items the public may see: a draft is the workspace's until the agenda is published (migration 0021). */
    async publicAgendaItems(meetingId: number) {
      return publicAgendaItems(db, meetingId).execute();
    },

    /** Changes a meeting's details over the version the officer opened; false when someone else changed it first. */
    async update(
      meetingId: number,
      expectedVersion: number,
      values: Partial<Pick<MeetingTable, 'meeting_date' | 'start_time' | 'location' | 'title' | 'status' | 'cancellation_reason' | 'cancelled_on'>>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('meetings')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', meetingId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A meeting that has minutes was held: its status follows its record. */
    async markHeld(meetingId: number): Promise<boolean> {
      const result = await db
        .updateTable('meetings')
        .set((eb) => ({ status: 'held', version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', meetingId)
        .where('status', 'in', ['scheduled', 'confirmed', 'postponed'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async findAgendaItem(id: number) {
      return db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async addAgendaItemPerson(values: Insertable<AgendaItemPersonTable>) {
      return db.insertInto('agenda_item_people').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async agendaItemPeople(itemIds: number[]) {
      if (itemIds.length === 0) return [];
      return db
        .selectFrom('agenda_item_people as ap')
        .leftJoin('people as p', 'p.id', 'ap.person_id')
        .selectAll('ap')
        .select(['p.slug as person_slug'])
        .where('ap.agenda_item_id', 'in', itemIds)
        .orderBy('ap.agenda_item_id')
        .orderBy('ap.position')
        .execute();
    },

    async addAgendaItemRecommendation(values: Insertable<AgendaItemRecommendationTable>) {
      return db.insertInto('agenda_item_recommendations').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async agendaItemRecommendations(itemIds: number[]) {
      if (itemIds.length === 0) return [];
      return db
        .selectFrom('agenda_item_recommendations')
        .selectAll()
        .where('agenda_item_id', 'in', itemIds)
        .orderBy('agenda_item_id')
        .orderBy('number')
        .execute();
    },

    async addAttendance(values: Insertable<AttendanceTable>) {
      return db.insertInto('attendance').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async attendance(meetingId: number, options: WithdrawnOption = {}) {
      const q = db
        .selectFrom('attendance as a')
        .leftJoin('people as p', 'p.id', 'a.person_id')
        .selectAll('a')
        .select(['p.slug as person_slug'])
        .where('a.meeting_id', '=', meetingId);
      return (options.includeWithdrawn ? q : q.where(notWithdrawn('a'))).orderBy('a.status').orderBy('a.name').execute();
    },

    async setAttendanceStatus(id: number, status: string) {
      await db.updateTable('attendance').set({ status }).where('id', '=', id).execute();
    },

    /** The people who were members of a body on a day (a membership with no end is current), chair first. */
    async membersOn(organisationId: number, day: string) {
      return db
        .selectFrom('memberships as ms')
        .innerJoin('people as p', 'p.id', 'ms.person_id')
        .select(['p.id as person_id', 'p.name', 'ms.role'])
        .where('ms.organisation_id', '=', organisationId)
        .where(notWithdrawn('ms'))
        .where((eb) => eb.or([eb('ms.starts_on', 'is', null), eb('ms.starts_on', '<=', day)]))
        .where((eb) => eb.or([eb('ms.ends_on', 'is', null), eb('ms.ends_on', '>=', day)]))
        .orderBy((eb) => eb.case().when('ms.role', '=', 'chair').then(0).when('ms.role', '=', 'vice_chair').then(1).else(2).end())
        .orderBy('p.name')
        .execute();
    },

    async addDeclaration(values: Insertable<DeclarationTable>) {
      return db.insertInto('declarations').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async declarations(meetingId: number) {
      return db.selectFrom('declarations').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
    },
  };
}

export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
