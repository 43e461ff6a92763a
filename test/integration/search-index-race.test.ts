// Two saves of the same record at once each put its search row back: on PostgreSQL (read committed) a delete and insert from each would both insert, and the second save would fail on the index's unique key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createSearchRepository } from '../../src/repositories/search-repository.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('the search row of one record replaced by six saves at once on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.destroy());

  it('commits every save and leaves one row, holding what the last save to commit wrote', async () => {
    const clock = fixedClock('2026-06-15T09:00:00Z');
    const committed: string[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.db.transaction().execute(async (trx) => {
          const title = `Budget monitoring, version ${i + 1}`;
          await createSearchRepository({ db: trx, clock }).replace('meeting', 4242, {
            kind: 'meeting',
            record_id: 4242,
            title,
            body_text: 'Quarter two figures',
            organisation_id: null,
            date: '2026-06-15',
            url_key: 'cabinet-2026-06-15',
          });
          committed.push(title);
        }),
      ),
    );
    expect(committed).toHaveLength(6);
    const rows = await db.db.selectFrom('search_documents').select('title').where('kind', '=', 'meeting').where('record_id', '=', 4242).execute();
    expect(rows.map((r) => r.title)).toEqual([committed.at(-1)]);
  });

  it('does the same when each save refreshes several records, as the write pipeline does, in any order', async () => {
    const clock = fixedClock('2026-06-15T09:00:00Z');
    const ids = [5151, 5152, 5153];
    const committed: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.db.transaction().execute(async (trx) => {
          const search = createSearchRepository({ db: trx, clock });
          const order = i % 2 === 0 ? ids : [...ids].reverse();
          await search.removeMany('minute', order);
          await search.insertMany(
            order.map((id) => ({
              kind: 'minute',
              record_id: id,
              title: `Minute ${id}, save ${i + 1}`,
              body_text: '',
              organisation_id: null,
              date: null,
              url_key: 'm',
            })),
          );
          committed.push(i + 1);
        }),
      ),
    );
    expect(committed).toHaveLength(6);
    const rows = await db.db
      .selectFrom('search_documents')
      .select('title')
      .where('kind', '=', 'minute')
      .where('record_id', 'in', ids)
      .orderBy('record_id')
      .execute();
    expect(rows.map((r) => r.title)).toEqual(ids.map((id) => `Minute ${id}, save ${committed.at(-1)}`));
  });
});
