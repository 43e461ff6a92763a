// Planner statistics after a bulk load, as routine maintenance would leave them: a freshly loaded PostgreSQL database has none.
import { sql } from 'kysely';
import type { DatabaseHandle } from './create-db.ts';

/**
 * PostgreSQL: VACUUM (ANALYZE) the whole database, so the planner knows the tables' sizes and
 * values, the visibility map allows index-only scans, and the search index's pending entries
 * (rows added after the GIN index was built) are merged into it rather than read in full by every
 * search. Autovacuum would get there in time; after `generate`, `reindex` or `restore` the first
 * visitors would otherwise meet plans made for empty tables. SQLite is left as it is: its planner
 * is not given statistics anywhere else either.
 */
export async function refreshStatistics(database: DatabaseHandle): Promise<boolean> {
  if (database.dialect !== 'postgres') return false;
  await sql`vacuum (analyze)`.execute(database.db);
  return true;
}
