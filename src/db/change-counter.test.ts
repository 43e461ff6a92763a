// Which statements the change counter takes for writes: a page cache lets go of every page on each one.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ChangeCounter } from './change-counter.ts';

async function countAfter(run: (db: Kysely<{ t: { id: number } }>) => Promise<unknown>): Promise<number> {
  const counter = new ChangeCounter();
  const db = new Kysely<{ t: { id: number } }>({ dialect: new SqliteDialect({ database: new Database(':memory:') }), plugins: [counter] });
  await sql`create table t (id integer primary key)`.execute(db);
  const before = counter.count;
  await run(db);
  await db.destroy();
  return counter.count - before;
}

describe('ChangeCounter', () => {
  it.each([
    ['a query builder select', (db: Kysely<{ t: { id: number } }>) => db.selectFrom('t').selectAll().execute(), 0],
    ['a raw select', (db: Kysely<{ t: { id: number } }>) => sql`select id from t where id = ${'update'}`.execute(db), 0],
    [
      'a raw WITH that only reads (the search pool)',
      (db: Kysely<{ t: { id: number } }>) => sql`with pool as (select id from t) select id from pool`.execute(db),
      0,
    ],
  ])('does not count %s', async (_name, run, expected) => {
    expect(await countAfter(run)).toBe(expected);
  });

  it.each([
    ['an insert', (db: Kysely<{ t: { id: number } }>) => db.insertInto('t').values({ id: 1 }).execute()],
    ['a raw WITH that writes', (db: Kysely<{ t: { id: number } }>) => sql`with gone as (select 1) delete from t`.execute(db)],
    ['a raw statement of another kind', (db: Kysely<{ t: { id: number } }>) => sql`pragma user_version = 3`.execute(db)],
  ])('counts %s', async (_name, run) => {
    expect(await countAfter(run)).toBeGreaterThan(0);
  });
});
