// The change log (migration 0035): each committed write's page tags, read by every serving process to let go of the pages that showed them.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { CHANGE_LOG_KEPT, CHANGE_LOG_LOOKBACK, joinTags, splitTags } from '../domain/page-tags.ts';
import type { RepositoryContext } from './repository-context.ts';

export interface LoggedChange {
  readonly id: number;
  readonly tags: readonly string[];
}

/** Records a write's tags inside its transaction; every CHANGE_LOG_KEPT rows the oldest go. */
export async function recordChange(db: Kysely<Database>, clock: Clock, tags: Iterable<string>): Promise<number> {
  const row = await db
    .insertInto('change_log')
    .values({ tags: joinTags(tags), recorded_at: clock.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (row.id % 1000 === 0)
    await db
      .deleteFrom('change_log')
      .where('id', '<=', row.id - CHANGE_LOG_KEPT)
      .execute();
  return row.id;
}

export function createChangeLogRepository({ db, clock }: RepositoryContext) {
  return {
    record: (tags: Iterable<string>) => recordChange(db, clock, tags),

    /** The newest id, and the rows after `after - CHANGE_LOG_LOOKBACK` (the caller skips those it has seen). */
    async since(after: number): Promise<{ newest: number; changes: LoggedChange[] }> {
      const [rows, newest] = await Promise.all([
        db
          .selectFrom('change_log')
          .select(['id', 'tags'])
          .where('id', '>', after - CHANGE_LOG_LOOKBACK)
          .orderBy('id')
          .limit(CHANGE_LOG_KEPT)
          .execute(),
        db
          .selectFrom('change_log')
          .select((eb) => eb.fn.max('id').as('newest'))
          .executeTakeFirst(),
      ]);
      return { newest: Number(newest?.newest ?? 0), changes: rows.map((row) => ({ id: row.id, tags: splitTags(row.tags) })) };
    },
  };
}

export type ChangeLogRepository = ReturnType<typeof createChangeLogRepository>;
