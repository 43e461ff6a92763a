// Minutes, their resolutions with numbered limbs, and the referrals those limbs make.
import type { Insertable, Kysely } from 'kysely';
import type { Database, MinuteTable, ReferralTable, ResolutionLimbTable, ResolutionTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';

export type NewMinute = Omit<Insertable<MinuteTable>, 'created_at' | 'updated_at'>;
export type NewResolution = Omit<Insertable<ResolutionTable>, 'created_at' | 'updated_at'>;
export type NewReferral = Omit<Insertable<ReferralTable>, 'created_at' | 'updated_at'>;

/**
 * Referrals joined to where they came from: the limb, its resolution, the minute, the meeting and
 * the body that made them ("Further to Minute No. 109 of ..."). Callers choose columns and filters.
 */
export function referralsWithSource(db: Kysely<Database>) {
  return db
    .selectFrom('referrals as rf')
    .innerJoin('resolution_limbs as l', 'l.id', 'rf.limb_id')
    .innerJoin('resolutions as r', 'r.id', 'l.resolution_id')
    .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
    .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id');
}

/**
 * Resolutions with the minute, meeting and body that made them (`r`, `mi`, `m`, `o`) and the minute's
 * agenda item if it has one (left-joined `ai`, for the withheld and withdrawn rules): decisions as the
 * feeds, files, API and decision records read them. Callers choose columns and filters.
 */
export function resolutionsWithMinute(db: Kysely<Database>) {
  return db
    .selectFrom('resolutions as r')
    .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
    .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id');
}

export function createMinuteRepository({ db, clock }: RepositoryContext) {
  return {
    async createMinute(values: NewMinute) {
      return db
        .insertInto('minutes')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async createResolution(values: NewResolution) {
      return db
        .insertInto('resolutions')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async createLimb(values: Insertable<ResolutionLimbTable>) {
      return db.insertInto('resolution_limbs').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async createReferral(values: NewReferral) {
      return db
        .insertInto('referrals')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** The minutes of a meeting as its page and papers print them: a withdrawn item's minutes are left out with it. */
    async forMeeting(meetingId: number) {
      return db
        .selectFrom('minutes as mi')
        .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .selectAll('mi')
        .where('mi.meeting_id', '=', meetingId)
        .where(notWithdrawn({ optional: 'ai' }))
        .orderBy('mi.number')
        .orderBy('mi.id')
        .execute();
    },

    /** Minute references for "Further to Minute No. 83 of the meeting of Council held on ...". */
    async references(minuteIds: number[]) {
      if (minuteIds.length === 0) return [];
      return db
        .selectFrom('minutes as mi')
        .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'mi.organisation_id')
        .select(['mi.id', 'mi.number', 'mi.title', 'm.id as meeting_id', 'm.slug as meeting_slug', 'm.meeting_date', 'o.name as organisation_name'])
        .where('mi.id', 'in', minuteIds)
        .execute();
    },

    async resolutionsFor(minuteIds: number[]) {
      if (minuteIds.length === 0) return [];
      return db
        .selectFrom('resolutions as r')
        .leftJoin('people as mover', 'mover.id', 'r.mover_person_id')
        .leftJoin('people as seconder', 'seconder.id', 'r.seconder_person_id')
        .selectAll('r')
        .select(['mover.slug as mover_slug', 'seconder.slug as seconder_slug'])
        .where('r.minute_id', 'in', minuteIds)
        .orderBy('r.id')
        .execute();
    },

    async limbsFor(resolutionIds: number[]) {
      if (resolutionIds.length === 0) return [];
      // A limb withdrawn as recorded in error is kept for the audit trail, never shown.
      return db
        .selectFrom('resolution_limbs')
        .selectAll()
        .where('resolution_id', 'in', resolutionIds)
        .where('withdrawn_on', 'is', null)
        .orderBy('resolution_id')
        .orderBy('number')
        .execute();
    },

    /** Referrals made by the given limbs, with the body and meeting they go to. */
    async referralsFrom(limbIds: number[]) {
      if (limbIds.length === 0) return [];
      return db
        .selectFrom('referrals as rf')
        .leftJoin('organisations as o', 'o.id', 'rf.target_organisation_id')
        .leftJoin('meetings as m', 'm.id', 'rf.target_meeting_id')
        .selectAll('rf')
        .select([
          'o.slug as target_organisation_slug',
          'o.name as target_organisation_name',
          'm.slug as target_meeting_slug',
          'm.meeting_date as target_meeting_date',
        ])
        .where('rf.limb_id', 'in', limbIds)
        .where('rf.status', '!=', 'withdrawn')
        .orderBy('rf.id')
        .execute();
    },

    /** Referrals that arrive at a meeting, with the minute and meeting they came from; a withdrawn item's minute made none. */
    async referralsTo(meetingId: number) {
      return referralsWithSource(db)
        .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .select([
          'rf.id',
          'rf.status',
          'rf.agenda_item_id',
          'l.number as limb_number',
          'mi.number as minute_number',
          'm.id as source_meeting_id',
          'm.slug as source_meeting_slug',
          'm.meeting_date as source_meeting_date',
          'o.name as source_organisation_name',
        ])
        .where('rf.target_meeting_id', '=', meetingId)
        .where('rf.status', '!=', 'withdrawn')
        .where(notWithdrawn({ optional: 'ai' }))
        .orderBy('m.meeting_date')
        .execute();
    },

    /** One limb with the resolution, minute and meeting it belongs to, and its referral (if it makes one). */
    async findLimb(limbId: number) {
      return db
        .selectFrom('resolution_limbs as l')
        .innerJoin('resolutions as r', 'r.id', 'l.resolution_id')
        .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
        .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
        .leftJoin('referrals as rf', 'rf.limb_id', 'l.id')
        .selectAll('l')
        .select([
          'mi.id as minute_id',
          'mi.number as minute_number',
          'mi.title as minute_title',
          'mi.agenda_item_id',
          'm.id as meeting_id',
          'm.organisation_id',
          'm.meeting_date',
          'm.is_executive',
          'rf.id as referral_id',
          'rf.status as referral_status',
          'rf.version as referral_version',
          'rf.target_organisation_id',
          'rf.target_meeting_id',
          'rf.agenda_item_id as referral_agenda_item_id',
          'rf.withdrawal_reason as referral_withdrawal_reason',
        ])
        .where('l.id', '=', limbId)
        .executeTakeFirst();
    },

    /** Corrects a limb's verb and words over the version the officer opened; false when someone else saved first or it was withdrawn. */
    async correctLimb(limbId: number, expectedVersion: number, values: { verb: string; text: string }): Promise<boolean> {
      const result = await db
        .updateTable('resolution_limbs')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', limbId)
        .where('version', '=', expectedVersion)
        .where('withdrawn_on', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async withdrawLimb(limbId: number, expectedVersion: number, values: { withdrawn_on: string; withdrawal_reason: string }): Promise<boolean> {
      const result = await db
        .updateTable('resolution_limbs')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', limbId)
        .where('version', '=', expectedVersion)
        .where('withdrawn_on', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** A change to a limb changes its resolution (the decision's ETag, `updated_since` and feeds follow it). */
    async touchResolution(resolutionId: number) {
      await db
        .updateTable('resolutions')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', resolutionId)
        .execute();
    },

    /** Points a waiting referral at another body or meeting; false unless it is still pending at the version given. */
    async retargetReferral(
      referralId: number,
      expectedVersion: number,
      values: { target_organisation_id: number; target_meeting_id: number | null; target_description: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('referrals')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', referralId)
        .where('version', '=', expectedVersion)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async withdrawReferral(referralId: number, expectedVersion: number, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('referrals')
        .set((eb) => ({ status: 'withdrawn', withdrawal_reason: reason, version: eb('version', '+', 1), updated_at: clock.now().toISOString() }))
        .where('id', '=', referralId)
        .where('version', '=', expectedVersion)
        .where('status', '!=', 'withdrawn')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type MinuteRepository = ReturnType<typeof createMinuteRepository>;
