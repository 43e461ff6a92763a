// Minutes, their resolutions with numbered limbs, and the referrals those limbs make.
import type { Insertable, Kysely } from 'kysely';
import type { Database, MinuteTable, ReferralTable, ResolutionLimbTable, ResolutionTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';

export type NewMinute = Omit<Insertable<MinuteTable>, 'created_at' | 'updated_at'>;
export type NewResolution = Omit<Insertable<ResolutionTable>, 'created_at' | 'updated_at'>;
export type NewReferral = Omit<Insertable<ReferralTable>, 'created_at' | 'updated_at'>;

/**
 * Referrals joined to where they came from: the limb, its resolution, the minute, the meeting and
 * the body that made them ("Further to Minute No. 109 of ..."). Callers choose columns and filters.
 */
export function referralsWithSource(db: Kysely<Database>) {
  return db.selectFrom('referrals as rf')
    .innerJoin('resolution_limbs as l', 'l.id', 'rf.limb_id')
    .innerJoin('resolutions as r', 'r.id', 'l.resolution_id')
    .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
    .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id');
}

export function createMinuteRepository({ db, clock }: RepositoryContext) {
  return {
    async createMinute(values: NewMinute) {
      return db.insertInto('minutes').values({ ...values, ...timestamps(clock) }).returningAll().executeTakeFirstOrThrow();
    },

    async createResolution(values: NewResolution) {
      return db.insertInto('resolutions').values({ ...values, ...timestamps(clock) }).returningAll().executeTakeFirstOrThrow();
    },

    async createLimb(values: Insertable<ResolutionLimbTable>) {
      return db.insertInto('resolution_limbs').values(values).returningAll().executeTakeFirstOrThrow();
    },

    async createReferral(values: NewReferral) {
      return db.insertInto('referrals').values({ ...values, ...timestamps(clock) }).returningAll().executeTakeFirstOrThrow();
    },

    async forMeeting(meetingId: number) {
      return db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId)
        .orderBy('number').orderBy('id').execute();
    },

    /** Minute references for "Further to Minute No. 83 of the meeting of Council held on ...". */
    async references(minuteIds: number[]) {
      if (minuteIds.length === 0) return [];
      return db.selectFrom('minutes as mi')
        .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'mi.organisation_id')
        .select(['mi.id', 'mi.number', 'mi.title', 'm.slug as meeting_slug', 'm.meeting_date', 'o.name as organisation_name'])
        .where('mi.id', 'in', minuteIds).execute();
    },

    async resolutionsFor(minuteIds: number[]) {
      if (minuteIds.length === 0) return [];
      return db.selectFrom('resolutions as r')
        .leftJoin('people as mover', 'mover.id', 'r.mover_person_id')
        .leftJoin('people as seconder', 'seconder.id', 'r.seconder_person_id')
        .selectAll('r').select(['mover.slug as mover_slug', 'seconder.slug as seconder_slug'])
        .where('r.minute_id', 'in', minuteIds).orderBy('r.id').execute();
    },

    async limbsFor(resolutionIds: number[]) {
      if (resolutionIds.length === 0) return [];
      return db.selectFrom('resolution_limbs').selectAll()
        .where('resolution_id', 'in', resolutionIds).orderBy('resolution_id').orderBy('number').execute();
    },

    /** Referrals made by the given limbs, with the body and meeting they go to. */
    async referralsFrom(limbIds: number[]) {
      if (limbIds.length === 0) return [];
      return db.selectFrom('referrals as rf')
        .leftJoin('organisations as o', 'o.id', 'rf.target_organisation_id')
        .leftJoin('meetings as m', 'm.id', 'rf.target_meeting_id')
        .selectAll('rf')
        .select(['o.slug as target_organisation_slug', 'o.name as target_organisation_name',
          'm.slug as target_meeting_slug', 'm.meeting_date as target_meeting_date'])
        .where('rf.limb_id', 'in', limbIds).orderBy('rf.id').execute();
    },

    /** Referrals that arrive at a meeting, with the minute and meeting they came from. */
    async referralsTo(meetingId: number) {
      return referralsWithSource(db)
        .select(['rf.id', 'rf.status', 'rf.agenda_item_id', 'l.number as limb_number', 'mi.number as minute_number',
          'm.slug as source_meeting_slug', 'm.meeting_date as source_meeting_date', 'o.name as source_organisation_name'])
        .where('rf.target_meeting_id', '=', meetingId).orderBy('m.meeting_date').execute();
    },
  };
}

export type MinuteRepository = ReturnType<typeof createMinuteRepository>;
