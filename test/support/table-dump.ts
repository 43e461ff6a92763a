// Reads every table of a database in a stable order, to compare two databases row for row.
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../../src/db/create-db.ts';

/** Names of the tables the migrations created (the migrator's own bookkeeping included). */
export async function tableNames(database: DatabaseHandle): Promise<string[]> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const rows =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
          db,
        );
  return rows.rows.map((r) => r.name).filter((name) => name !== 'schema_migrations_lock');
}

/** table name -> every row, ordered by its key, as JSON text (so that engines' number types compare equal). */
export async function dumpTables(database: DatabaseHandle): Promise<Record<string, string>> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const result: Record<string, string> = {};
  for (const table of await tableNames(database)) {
    const rows = await db.selectFrom(table).selectAll().execute();
    const key = (row: Record<string, unknown>) => {
      const named = row.id ?? row.key ?? row.name;
      return (typeof named === 'string' || typeof named === 'number' ? String(named) : JSON.stringify(row)).padStart(12, '0');
    };
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    result[table] = JSON.stringify(rows);
  }
  return result;
}

/** table name -> number of rows. */
export async function countTables(database: DatabaseHandle): Promise<Record<string, number>> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const result: Record<string, number> = {};
  for (const table of await tableNames(database)) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}
