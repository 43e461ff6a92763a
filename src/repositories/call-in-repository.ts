// Call-ins of executive decisions: the notices with their councillors, the decision each concerns, and the people and meetings the workspace chooses from.
import type { Insertable, Updateable } from 'kysely';
import type { CallInTable } from '../db/schema.ts';
import { londonToday } from '../domain/clock.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import { isPublicBusiness } from './withheld-expression.ts';

export type NewCallIn = Omit<Insertable<CallInTable>, 'created_at' | 'updated_at' | 'version'>;
export type CallInChanges = Omit<Updateable<CallInTable>, 'id' | 'resolution_id' | 'created_at' | 'updated_at' | 'version'>;

export function createCallInRepository({ db, clock }: RepositoryContext) {
  /** A call-in with its decision, the meeting and body that took it, and the meeting that hears it. */
  const withDecision = () =>
    db
      .selectFrom('call_ins as c')
      .innerJoin('resolutions as r', 'r.id', 'c.resolution_id')
      .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
      .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
      .leftJoin('meetings as hm', 'hm.id', 'c.hearing_meeting_id')
      .leftJoin('organisations as ho', 'ho.id', 'hm.organisation_id')
      .selectAll('c')
      .select([
        'mi.title as minute_title',
        'mi.number as minute_number',
        'm.id as meeting_id',
        'm.slug as meeting_slug',
        'm.meeting_date',
        'o.name as body_name',
        'r.published_on',
        'r.is_key_decision',
        'hm.slug as hearing_meeting_slug',
        'hm.meeting_date as hearing_meeting_date',
        'ho.name as hearing_body_name',
      ]);

  return {
    async create(values: NewCallIn) {
      return db
        .insertInto('call_ins')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async addCouncillors(callInId: number, councillors: readonly { person_id: number; name: string }[]) {
      if (councillors.length === 0) return;
      await db
        .insertInto('call_in_councillors')
        .values(councillors.map((c, i) => ({ call_in_id: callInId, position: i + 1, person_id: c.person_id, name: c.name })))
        .execute();
    },

    async findById(id: number) {
      return withDecision().where('c.id', '=', id).executeTakeFirst();
    },

    /** Every call-in of these decisions, oldest first (a rejected notice may be followed by a valid one). */
    async forResolutions(resolutionIds: readonly number[]) {
      // In chunks: a file of every decision names more ids than one statement may bind.
      const rows = [];
      for (let i = 0; i < resolutionIds.length; i += 1000) {
        const chunk = resolutionIds.slice(i, i + 1000);
        rows.push(...(await withDecision().where('c.resolution_id', 'in', chunk).orderBy('c.id').execute()));
      }
      return rows.sort((a, b) => a.id - b.id);
    },

    /** Every call-in, newest first: the workspace's list. */
    async all() {
      return withDecision().orderBy('c.received_on', 'desc').orderBy('c.id', 'desc').execute();
    },

    /** The call-ins the public may see: of decisions minuted under open, published, live business (LGA 1972 Schedule 12A). */
    async published() {
      return withDecision()
        .where(isPublicBusiness({ optional: 'ai' }))
        .orderBy('c.received_on', 'desc')
        .orderBy('c.id', 'desc')
        .execute();
    },

    /** A page of the public call-ins in id order after a cursor, or changed since an instant: the API's collection. */
    async publishedPage(page: { limit: number; after?: number; updatedSince?: string }) {
      let q = withDecision().where(isPublicBusiness({ optional: 'ai' }));
      if (page.after !== undefined) q = q.where('c.id', '>', page.after);
      if (page.updatedSince !== undefined) q = q.where('c.updated_at', '>=', page.updatedSince);
      return q.orderBy('c.id').limit(page.limit).execute();
    },

    /** One public call-in, or nothing when there is none or its decision is withheld business. */
    async publishedById(id: number) {
      return withDecision()
        .where('c.id', '=', id)
        .where(isPublicBusiness({ optional: 'ai' }))
        .executeTakeFirst();
    },

    /** The public call-ins of the decisions taken on agenda items that take a forward-plan entry: its page shows each. */
    async publishedOfForwardPlanEntry(entryId: number) {
      return withDecision()
        .where('ai.forward_plan_entry_id', '=', entryId)
        .where(isPublicBusiness({ optional: 'ai' }))
        .orderBy('c.id')
        .execute();
    },

    /** The public call-ins of the decisions taken at one meeting, oldest first: the meeting page shows each under its decision. */
    async publishedOfMeeting(meetingId: number) {
      return withDecision()
        .where('m.id', '=', meetingId)
        .where(isPublicBusiness({ optional: 'ai' }))
        .orderBy('c.id')
        .execute();
    },

    /**
     * The public call-ins a committee heard between two dates (by the day of the hearing meeting),
     * oldest first: its annual report lists them. A call-in of a decision minuted under exempt or
     * confidential business is never public (LGA 1972 Schedule 12A; RULES.md rule 9).
     */
    async publishedHeardBy(organisationId: number, from: string, to: string) {
      return withDecision()
        .where('hm.organisation_id', '=', organisationId)
        .where('hm.meeting_date', '>=', from)
        .where('hm.meeting_date', '<=', to)
        .where(isPublicBusiness({ optional: 'ai' }))
        .orderBy('hm.meeting_date')
        .orderBy('c.id')
        .execute();
    },

    async councillorsOf(callInIds: readonly number[]) {
      if (callInIds.length === 0) return [];
      return db
        .selectFrom('call_in_councillors as cc')
        .leftJoin('people as p', 'p.id', 'cc.person_id')
        .select(['cc.call_in_id', 'cc.position', 'cc.person_id', 'cc.name', 'p.slug as person_slug'])
        .where('cc.call_in_id', 'in', [...callInIds])
        .orderBy('cc.call_in_id')
        .orderBy('cc.position')
        .execute();
    },

    /** Saves a step over the version the officer opened; false when the call-in moved on meanwhile. */
    async update(id: number, version: number, changes: CallInChanges): Promise<boolean> {
      const result = await db
        .updateTable('call_ins')
        .set({ ...changes, version: version + 1, updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A meeting's executive decisions, each by its minute: where the workspace offers to record a call-in. */
    async decisionsOfMeeting(meetingId: number) {
      return db
        .selectFrom('resolutions as r')
        .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
        .select(['r.id', 'r.minute_id'])
        .where('mi.meeting_id', '=', meetingId)
        .where('r.is_executive_decision', '=', 1)
        .orderBy('r.id')
        .execute();
    },

    /** A resolution with what the call-in rules need: whether it is an executive decision, urgent, when published, and where minuted. */
    async decision(resolutionId: number) {
      return db
        .selectFrom('resolutions as r')
        .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
        .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select([
          'r.id',
          'r.is_executive_decision',
          'r.is_key_decision',
          'r.is_urgent',
          'r.published_on',
          'mi.id as minute_id',
          'mi.title as minute_title',
          'mi.number as minute_number',
          'm.id as meeting_id',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'o.name as body_name',
        ])
        .where('r.id', '=', resolutionId)
        .executeTakeFirst();
    },

    /**
     * The councillors who may sign a notice: people recorded as councillors with a current membership
     * of a body, each marked where they sit on a scrutiny committee (RULES.md 5a, Who).
     */
    async councillors() {
      const today = londonToday(clock);
      const rows = await db
        .selectFrom('people as p')
        .innerJoin('memberships as ms', 'ms.person_id', 'p.id')
        .innerJoin('organisations as o', 'o.id', 'ms.organisation_id')
        .select(['p.id', 'p.name', 'p.honorific', 'o.kind'])
        .where('p.kind', '=', 'councillor')
        .where('ms.withdrawn_at', 'is', null)
        .where((eb) => eb.or([eb('ms.ends_on', 'is', null), eb('ms.ends_on', '>=', today)]))
        .orderBy('p.name')
        .orderBy('p.id')
        .execute();
      const people = new Map<number, { id: number; name: string; isScrutinyMember: boolean }>();
      for (const row of rows) {
        // Named as the record names them ("Councillor Amelia Ashworth"), the honorific first.
        const name = row.honorific ? `${row.honorific} ${row.name}` : row.name;
        const known = people.get(row.id) ?? { id: row.id, name, isScrutinyMember: false };
        if (row.kind === 'scrutiny_committee') known.isScrutinyMember = true;
        people.set(row.id, known);
      }
      return [...people.values()];
    },

    /** Meetings of scrutiny committees on or after a day, neither held nor cancelled: where a call-in may be heard. */
    async scrutinyMeetings(onOrAfter: string) {
      return db
        .selectFrom('meetings as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.slug', 'm.meeting_date', 'm.organisation_id', 'o.name as body_name', 'm.status'])
        .where('o.kind', '=', 'scrutiny_committee')
        .where('m.meeting_date', '>=', onOrAfter)
        .where('m.status', 'not in', ['held', 'cancelled'])
        .orderBy('m.meeting_date')
        .orderBy('m.id')
        .execute();
    },
  };
}

export type CallInRepository = ReturnType<typeof createCallInRepository>;
