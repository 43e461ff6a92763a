// Meeting packs: the built PDFs, which pack each public paper belongs to, and the queue of writes that may change a meeting's packs.
import type { Insertable } from 'kysely';
import type { PaperPackTable } from '../db/schema.ts';
import type { RepositoryContext } from './repository-context.ts';
import { recordChange } from './change-log-repository.ts';

/** Record types whose writes may change a meeting's packs. */
export const PACK_INPUT_TYPES = ['meeting', 'agenda_item', 'document'] as const;
export type PackInputType = (typeof PACK_INPUT_TYPES)[number];

export function isPackInputType(value: string): value is PackInputType {
  return (PACK_INPUT_TYPES as readonly string[]).includes(value);
}

export type NewPaperPack = Omit<Insertable<PaperPackTable>, 'id'>;

/** A pack's facts without its bytes: what pages list and links show. */
const PACK_FACTS = [
  'id',
  'meeting_id',
  'kind',
  'number',
  'title',
  'input_hash',
  'content_hash',
  'byte_size',
  'page_count',
  'problems',
  'reasons',
  'built_at',
] as const;

export function createPaperPackRepository({ db, clock }: RepositoryContext) {
  return {
    /** Queues a write's record for the pack worker, in the writing transaction. */
    async request(entityType: PackInputType, entityId: number) {
      await db.insertInto('paper_pack_requests').values({ entity_type: entityType, entity_id: entityId, requested_at: clock.now().toISOString() }).execute();
    },

    /** The oldest queued requests, each with the meeting it concerns (null for a paper of no meeting). */
    async pending(limit: number) {
      const rows = await db
        .selectFrom('paper_pack_requests as r')
        .leftJoin('agenda_items as i', (j) => j.onRef('i.id', '=', 'r.entity_id').on('r.entity_type', '=', 'agenda_item'))
        .leftJoin('documents as d', (j) => j.onRef('d.id', '=', 'r.entity_id').on('r.entity_type', '=', 'document'))
        .select(['r.id', 'r.entity_type', 'r.entity_id', 'i.meeting_id as item_meeting_id', 'd.meeting_id as document_meeting_id'])
        .orderBy('r.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        meetingId: r.entity_type === 'meeting' ? r.entity_id : (r.item_meeting_id ?? r.document_meeting_id ?? null),
      }));
    },

    /** Every queued request of the meetings given, and those given by id: they are answered by one build. */
    async done(requestIds: readonly number[]) {
      if (requestIds.length === 0) return;
      await db
        .deleteFrom('paper_pack_requests')
        .where('id', 'in', [...requestIds])
        .execute();
    },

    async queued() {
      const row = await db
        .selectFrom('paper_pack_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Meetings whose agenda has been published or that have been held: what `scrutineer papers build --all` builds. */
    async publishedMeetingIds() {
      const rows = await db
        .selectFrom('meetings')
        .select('id')
        .where((eb) => eb.or([eb('agenda_published_on', 'is not', null), eb('status', '=', 'held')]))
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async assignments(meetingId: number) {
      return db.selectFrom('paper_pack_papers').selectAll().where('meeting_id', '=', meetingId).execute();
    },

    async assign(meetingId: number, documentIds: readonly number[], number: number) {
      if (documentIds.length === 0) return;
      await db
        .insertInto('paper_pack_papers')
        .values(documentIds.map((document_id) => ({ document_id, meeting_id: meetingId, number })))
        .execute();
    },

    /** Takes papers out of the public packs they were in (they have been withheld since). */
    async unassign(documentIds: readonly number[]) {
      if (documentIds.length === 0) return;
      await db
        .deleteFrom('paper_pack_papers')
        .where('document_id', 'in', [...documentIds])
        .execute();
    },

    /** The packs of a meeting, without their bytes, agenda pack first, then supplements in number order. */
    async forMeeting(meetingId: number) {
      return db.selectFrom('paper_packs').select(PACK_FACTS).where('meeting_id', '=', meetingId).orderBy('kind').orderBy('number').execute();
    },

    async find(meetingId: number, kind: string, number: number) {
      return db
        .selectFrom('paper_packs')
        .select(PACK_FACTS)
        .where('meeting_id', '=', meetingId)
        .where('kind', '=', kind)
        .where('number', '=', number)
        .executeTakeFirst();
    },

    async content(id: number) {
      const row = await db.selectFrom('paper_packs').select('content').where('id', '=', id).executeTakeFirst();
      return row ? Buffer.from(row.content) : undefined;
    },

    /** Stores a pack, replacing the earlier build of the same pack. */
    async put(pack: NewPaperPack) {
      await db.deleteFrom('paper_packs').where('meeting_id', '=', pack.meeting_id).where('kind', '=', pack.kind).where('number', '=', pack.number).execute();
      await db.insertInto('paper_packs').values(pack).execute();
      // Built outside the write pipeline (by the pack worker): the meeting's pages list its packs.
      await recordChange(db, clock, [`meeting:${pack.meeting_id}`]);
    },

    /** How many papers of a public pack are withheld now (themselves or by their item): a pack built before they were. */
    async withheldInPack(meetingId: number, number: number) {
      const row = await db
        .selectFrom('paper_pack_papers as p')
        .innerJoin('documents as d', 'd.id', 'p.document_id')
        .leftJoin('agenda_items as i', 'i.id', 'd.agenda_item_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('p.meeting_id', '=', meetingId)
        .where('p.number', '=', number)
        .where((eb) =>
          eb.or([
            eb('d.exempt_paragraph', 'is not', null),
            eb('d.is_confidential', '=', 1),
            eb('d.is_restricted', '=', 1),
            eb('i.exempt_paragraph', 'is not', null),
            eb('i.is_confidential', '=', 1),
            eb('i.is_restricted', '=', 1),
          ]),
        )
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** How many of a meeting's items are withheld and were changed after an instant (a minutes pack built before then). */
    async itemsWithheldSince(meetingId: number, instant: string) {
      const row = await db
        .selectFrom('agenda_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('meeting_id', '=', meetingId)
        .where('updated_at', '>', instant)
        .where((eb) => eb.or([eb('exempt_paragraph', 'is not', null), eb('is_confidential', '=', 1), eb('is_restricted', '=', 1)]))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The signed minutes of a meeting, with the minute that confirmed them and its meeting. */
    async signedMinutes(meetingId: number) {
      return db
        .selectFrom('signed_minutes as s')
        .innerJoin('documents as d', 'd.id', 's.document_id')
        .innerJoin('minutes as c', 'c.id', 's.confirmed_by_minute_id')
        .innerJoin('meetings as cm', 'cm.id', 'c.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'cm.organisation_id')
        .select([
          's.meeting_id',
          's.document_id',
          'd.slug as document_slug',
          'd.title as document_title',
          'd.version as document_version',
          'd.updated_at as document_updated_at',
          'c.id as minute_id',
          'c.number as minute_number',
          'cm.meeting_date as confirmed_on',
          'o.name as confirming_body',
        ])
        .where('s.meeting_id', '=', meetingId)
        .executeTakeFirst();
    },

    async putSignedMinutes(meetingId: number, documentId: number, minuteId: number) {
      await db.deleteFrom('signed_minutes').where('meeting_id', '=', meetingId).execute();
      await db
        .insertInto('signed_minutes')
        .values({ meeting_id: meetingId, document_id: documentId, confirmed_by_minute_id: minuteId, created_at: clock.now().toISOString() })
        .execute();
    },

    /** Minutes of later meetings of the same body: those that may confirm a meeting's minutes. */
    async confirmingMinutes(meetingId: number) {
      return db
        .selectFrom('meetings as m')
        .innerJoin('meetings as later', (j) => j.onRef('later.organisation_id', '=', 'm.organisation_id').onRef('later.meeting_date', '>', 'm.meeting_date'))
        .innerJoin('minutes as c', 'c.meeting_id', 'later.id')
        .select(['c.id', 'c.number', 'c.title', 'later.meeting_date'])
        .where('m.id', '=', meetingId)
        .orderBy('later.meeting_date')
        .orderBy('c.number')
        .orderBy('c.id')
        .limit(200)
        .execute();
    },

    /** Removes a pack that no longer has anything to hold (an exempt pack whose papers became public). */
    async remove(meetingId: number, kind: string, number: number) {
      await db.deleteFrom('paper_packs').where('meeting_id', '=', meetingId).where('kind', '=', kind).where('number', '=', number).execute();
      await recordChange(db, clock, [`meeting:${meetingId}`]);
    },
  };
}

export type PaperPackRepository = ReturnType<typeof createPaperPackRepository>;
