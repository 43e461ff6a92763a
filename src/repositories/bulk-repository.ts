// Bulk loading: multi-row inserts of many rows at once, for generated archives and large imports.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isPostgres } from '../db/migrations/0001-initial.ts';
import { toCount, type RepositoryContext } from './repository-context.ts';
import { present } from '../domain/present.ts';

/**
 * Bound parameters per statement: SQLite allows 32,766 and PostgreSQL 65,535, so one statement
 * holds as many rows as fit under the lower limit with room to spare.
 */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 500;

export type TableName = keyof Database;

export function createBulkRepository({ db }: RepositoryContext) {
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  return {
    /**
     * Inserts rows in statements of up to a few hundred rows each. Rows may carry their own ids
     * (so that children can point at parents before either is written); call syncIdSequences after.
     */
    async insert<T extends TableName>(table: T, rows: readonly Insertable<Database[T]>[]): Promise<number> {
      if (rows.length === 0) return 0;
      const columns = Object.keys(present(rows[0], 'rows[0]')).length || 1;
      const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement) as unknown as Record<string, unknown>[];
        await untyped.insertInto(table).values(chunk).execute();
      }
      return rows.length;
    },

    /** The largest id in a table, 0 when it is empty. */
    async maxId(table: TableName): Promise<number> {
      const row = await untyped
        .selectFrom(table)
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst();
      return toCount(row?.m);
    },

    /**
     * After rows were inserted with explicit ids, PostgreSQL's serial sequences still stand where
     * they were: move each to its table's largest id so the next ordinary insert does not collide.
     * (SQLite's AUTOINCREMENT already follows the largest id written.)
     */
    async syncIdSequences(tables: readonly TableName[]): Promise<void> {
      if (!isPostgres(db as unknown as Kysely<unknown>)) return;
      for (const table of tables) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
      }
    },
  };
}

export type BulkRepository = ReturnType<typeof createBulkRepository>;
