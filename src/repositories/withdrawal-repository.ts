// Withdrawing a record created in error, and restoring it: the marks on the row, and what the workspace and search need to know about it.
import { sql } from 'kysely';
import type { WithdrawableKind } from '../domain/withdrawal.ts';
import type { RepositoryContext } from './repository-context.ts';

/** The table of each withdrawable kind, and whether its rows carry a version (an edit form's check). */
const TABLES: Readonly<Record<WithdrawableKind, { table: string; versioned: boolean }>> = {
  review: { table: 'scrutiny_reviews', versioned: true },
  recommendation: { table: 'recommendations', versioned: true },
  membership: { table: 'memberships', versioned: true },
  agenda_item: { table: 'agenda_items', versioned: true },
  document: { table: 'documents', versioned: true },
  progress_update: { table: 'progress_updates', versioned: false },
  attendance: { table: 'attendance', versioned: false },
};

/** A withdrawable record as the workspace names it, with the records it hangs from. */
export interface WithdrawableRecord {
  readonly kind: WithdrawableKind;
  readonly id: number;
  /** Words officers know it by, never an id ("Recommendation 2 of …"). */
  readonly name: string;
  readonly withdrawnAt: string | null;
  readonly withdrawnBy: string | null;
  readonly withdrawnReason: string | null;
  readonly reviewId: number | null;
  readonly recommendationId: number | null;
  readonly meetingId: number | null;
  readonly organisationId: number | null;
  readonly personId: number | null;
  /** Search rows whose text this record is part of: refreshed when it is withdrawn or restored. */
  readonly search: {
    readonly reviews: readonly number[];
    readonly recommendations: readonly number[];
    readonly responses: readonly number[];
    readonly documents: readonly number[];
    readonly meetings: readonly number[];
    readonly agendaItems: readonly number[];
    readonly minutes: readonly number[];
    readonly resolutions: readonly number[];
    readonly people: readonly number[];
    readonly bodies: readonly number[];
  };
}

interface Marks {
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

const NONE = {
  reviews: [],
  recommendations: [],
  responses: [],
  documents: [],
  meetings: [],
  agendaItems: [],
  minutes: [],
  resolutions: [],
  people: [],
  bodies: [],
};

export function createWithdrawalRepository({ db, clock }: RepositoryContext) {
  const marks = (row: Marks) => ({ withdrawnAt: row.withdrawn_at, withdrawnBy: row.withdrawn_by, withdrawnReason: row.withdrawn_reason });
  const parents = { reviewId: null, recommendationId: null, meetingId: null, organisationId: null, personId: null };

  async function responsesOf(recommendationIds: readonly number[]): Promise<number[]> {
    if (recommendationIds.length === 0) return [];
    const rows = await db
      .selectFrom('executive_responses')
      .select('id')
      .where('recommendation_id', 'in', [...recommendationIds])
      .execute();
    return rows.map((r) => r.id);
  }

  /** An item's minutes and their resolutions: public only while the item is (withheld-expression.ts). */
  async function minutesOf(agendaItemId: number): Promise<{ minutes: number[]; resolutions: number[] }> {
    const rows = await db
      .selectFrom('minutes as mi')
      .leftJoin('resolutions as r', 'r.minute_id', 'mi.id')
      .select(['mi.id as minute_id', 'r.id as resolution_id'])
      .where('mi.agenda_item_id', '=', agendaItemId)
      .execute();
    return {
      minutes: [...new Set(rows.map((row) => row.minute_id))],
      resolutions: rows.map((row) => row.resolution_id).filter((id): id is number => id !== null),
    };
  }

  const meetingName = (m: { organisation_name: string; meeting_date: string }) => `${m.organisation_name}, ${m.meeting_date}`;

  return {
    /** The record of a kind by id, withdrawn or not; undefined when there is none. */
    async find(kind: WithdrawableKind, id: number): Promise<WithdrawableRecord | undefined> {
      switch (kind) {
        case 'review': {
          const r = await db.selectFrom('scrutiny_reviews').selectAll().where('id', '=', id).executeTakeFirst();
          if (!r) return undefined;
          const recs = (await db.selectFrom('recommendations').select('id').where('review_id', '=', id).execute()).map((x) => x.id);
          const docs = (await db.selectFrom('documents').select('id').where('review_id', '=', id).execute()).map((x) => x.id);
          return {
            kind,
            id,
            name: r.title,
            ...marks(r),
            ...parents,
            reviewId: id,
            organisationId: r.organisation_id,
            search: { ...NONE, reviews: [id], recommendations: recs, responses: await responsesOf(recs), documents: docs },
          };
        }
        case 'recommendation': {
          const r = await db
            .selectFrom('recommendations as rec')
            .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
            .selectAll('rec')
            .select(['r.title as review_title', 'r.short_title as review_short_title'])
            .where('rec.id', '=', id)
            .executeTakeFirst();
          if (!r) return undefined;
          return {
            kind,
            id,
            name: `Recommendation ${r.number} of ${r.review_short_title ?? r.review_title}`,
            ...marks(r),
            ...parents,
            reviewId: r.review_id,
            recommendationId: id,
            search: { ...NONE, reviews: r.review_id === null ? [] : [r.review_id], recommendations: [id], responses: await responsesOf([id]) },
          };
        }
        case 'progress_update': {
          const r = await db
            .selectFrom('progress_updates as p')
            .innerJoin('recommendations as rec', 'rec.id', 'p.recommendation_id')
            .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
            .selectAll('p')
            .select(['rec.number', 'rec.review_id', 'r.title as review_title', 'r.short_title as review_short_title'])
            .where('p.id', '=', id)
            .executeTakeFirst();
          if (!r) return undefined;
          return {
            kind,
            id,
            name: `Progress update of ${r.update_date} on recommendation ${r.number} of ${r.review_short_title ?? r.review_title}`,
            ...marks(r),
            ...parents,
            reviewId: r.review_id,
            recommendationId: r.recommendation_id,
            search: { ...NONE, recommendations: [r.recommendation_id] },
          };
        }
        case 'membership': {
          const r = await db
            .selectFrom('memberships as ms')
            .innerJoin('people as p', 'p.id', 'ms.person_id')
            .innerJoin('organisations as o', 'o.id', 'ms.organisation_id')
            .selectAll('ms')
            .select(['p.name as person_name', 'o.name as organisation_name'])
            .where('ms.id', '=', id)
            .executeTakeFirst();
          if (!r) return undefined;
          const review = await db.selectFrom('scrutiny_reviews').select('id').where('group_organisation_id', '=', r.organisation_id).executeTakeFirst();
          return {
            kind,
            id,
            name: `${r.person_name} on ${r.organisation_name}`,
            ...marks(r),
            ...parents,
            reviewId: review?.id ?? null,
            organisationId: r.organisation_id,
            personId: r.person_id,
            search: { ...NONE, people: [r.person_id], bodies: [r.organisation_id] },
          };
        }
        case 'agenda_item': {
          const r = await db
            .selectFrom('agenda_items as ai')
            .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
            .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
            .selectAll('ai')
            .select(['m.meeting_date', 'o.name as organisation_name'])
            .where('ai.id', '=', id)
            .executeTakeFirst();
          if (!r) return undefined;
          return {
            kind,
            id,
            name: `${r.number ? `Item ${r.number}: ` : ''}${r.title} (${meetingName(r)})`,
            ...marks(r),
            ...parents,
            meetingId: r.meeting_id,
            search: { ...NONE, meetings: [r.meeting_id], agendaItems: [id], ...(await minutesOf(id)) },
          };
        }
        case 'document': {
          const r = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
          if (!r) return undefined;
          return { kind, id, name: r.title, ...marks(r), ...parents, meetingId: r.meeting_id, reviewId: r.review_id, search: { ...NONE, documents: [id] } };
        }
        case 'attendance': {
          const r = await db
            .selectFrom('attendance as a')
            .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
            .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
            .selectAll('a')
            .select(['m.meeting_date', 'o.name as organisation_name'])
            .where('a.id', '=', id)
            .executeTakeFirst();
          if (!r) return undefined;
          return { kind, id, name: `${r.name} at ${meetingName(r)}`, ...marks(r), ...parents, meetingId: r.meeting_id, personId: r.person_id, search: NONE };
        }
      }
    },

    /** Marks a live record withdrawn; false when it was withdrawn already (another officer was first). */
    async withdraw(kind: WithdrawableKind, id: number, values: { by: string; reason: string }): Promise<boolean> {
      const { table, versioned } = TABLES[kind];
      const now = clock.now().toISOString();
      // Withdrawing changes the record, so a form opened on it before is stale (its version moves on).
      const bump = versioned ? sql`, version = version + 1, updated_at = ${now}` : sql``;
      const result = await sql`update ${sql.table(table)} set withdrawn_at = ${now}, withdrawn_by = ${values.by}, withdrawn_reason = ${values.reason}${bump}
        where id = ${id} and withdrawn_at is null`.execute(db);
      return Number(result.numAffectedRows ?? 0n) === 1;
    },

    /** Restores a withdrawn record; false when it was not withdrawn (restored already). */
    async restore(kind: WithdrawableKind, id: number): Promise<boolean> {
      const { table, versioned } = TABLES[kind];
      const bump = versioned ? sql`, version = version + 1, updated_at = ${clock.now().toISOString()}` : sql``;
      const result = await sql`update ${sql.table(table)} set withdrawn_at = null, withdrawn_by = null, withdrawn_reason = null${bump}
        where id = ${id} and withdrawn_at is not null`.execute(db);
      return Number(result.numAffectedRows ?? 0n) === 1;
    },
  };
}

export type WithdrawalRepository = ReturnType<typeof createWithdrawalRepository>;
