// The meeting record as the workspace corrects it: agenda items and minutes saved under a version check, the people named on an item, attendance and declarations removed, and every document of a meeting.
import type { Insertable, Updateable } from 'kysely';
import type { AgendaItemPersonTable, AgendaItemTable, MinuteTable } from '../db/schema.ts';
import type { RepositoryContext } from './repository-context.ts';

type AgendaItemEdit = Pick<
  Updateable<AgendaItemTable>,
  'title' | 'description' | 'report_of' | 'exempt_paragraph' | 'is_confidential' | 'forward_plan_entry_id'
>;
type MinuteEdit = Pick<Updateable<MinuteTable>, 'number' | 'title' | 'body'>;
export type NamedPerson = Omit<Insertable<AgendaItemPersonTable>, 'id' | 'agenda_item_id' | 'position'>;

export function createMeetingRecordRepository({ db, clock }: RepositoryContext) {
  return {
    /** True when the item was at `expectedVersion` and is now changed; false when someone else saved first. */
    async updateAgendaItem(id: number, expectedVersion: number, values: AgendaItemEdit): Promise<boolean> {
      const result = await db
        .updateTable('agenda_items')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async agendaItemPeople(itemId: number) {
      return db.selectFrom('agenda_item_people').selectAll().where('agenda_item_id', '=', itemId).orderBy('position').execute();
    },

    /** Replaces the people named on an item with the list given, in its order. */
    async replaceAgendaItemPeople(itemId: number, people: readonly NamedPerson[]) {
      await db.deleteFrom('agenda_item_people').where('agenda_item_id', '=', itemId).execute();
      for (const [index, person] of people.entries()) {
        await db
          .insertInto('agenda_item_people')
          .values({ ...person, agenda_item_id: itemId, position: index + 1 })
          .execute();
      }
    },

    async findMinute(id: number) {
      return db.selectFrom('minutes').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateMinute(id: number, expectedVersion: number, values: MinuteEdit): Promise<boolean> {
      const result = await db
        .updateTable('minutes')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** RULES.md: minute numbers run per body per municipal year, so one number names one minute. */
    async minuteNumberTaken(organisationId: number, municipalYear: number, number: number, exceptId: number): Promise<boolean> {
      const row = await db
        .selectFrom('minutes')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('municipal_year', '=', municipalYear)
        .where('number', '=', number)
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async findAttendance(id: number) {
      return db.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async removeAttendance(id: number) {
      await db.deleteFrom('attendance').where('id', '=', id).execute();
    },

    async findDeclaration(id: number) {
      return db.selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async removeDeclaration(id: number) {
      await db.deleteFrom('declarations').where('id', '=', id).execute();
    },

    /** Every document of a meeting, withheld ones included (the workspace is for officers), without their text. */
    async documentsOf(meetingId: number) {
      return db
        .selectFrom('documents')
        .select([
          'id',
          'slug',
          'title',
          'kind',
          'agenda_item_id',
          'exempt_paragraph',
          'is_confidential',
          'is_restricted',
          'file_name',
          'media_type',
          'byte_size',
          'page_count',
          'withdrawn_at',
        ])
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
    },
  };
}

export type MeetingRecordRepository = ReturnType<typeof createMeetingRecordRepository>;
