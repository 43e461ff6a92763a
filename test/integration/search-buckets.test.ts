// Search over an index whose matches lie far apart in ids, on both engines: the ranked pool is exactly the newest matches, however PostgreSQL splits its ids into buckets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { parseSearchQuery } from '../../src/domain/search-query.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { SEARCH_BUCKET_BITS, SEARCH_RANK_POOL, type SearchRepository } from '../../src/repositories/search-repository.ts';

const BUCKET = 2 ** SEARCH_BUCKET_BITS;

/** A row with an explicit id: the index is written as a long archive would leave it, matches spread over many buckets. */
function row(id: number, title: string, body: string) {
  return {
    id,
    kind: 'issue',
    record_id: id,
    title,
    body_text: body,
    organisation_id: null,
    date: null,
    url_key: `row-${id}`,
    indexed_at: '2026-01-01T00:00:00.000Z',
  };
}

describe.each(testDialects())('search across id buckets on %s', (dialect) => {
  let handle: TestDb;
  let search: SearchRepository;
  // "wombat" in every 50th id up to 150,000 (3,000 matches over 37 buckets, more than a pool);
  // "platypus" in a few of the newest ids and a few of the oldest, nothing between.
  const wombats: number[] = [];
  const titled = new Set([149_950, 100_000, 120_000, 60_000]);
  const platypuses = [1_001, 1_051, 1_101, 149_991, 149_996, 149_999];

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    search = createRepositories({ db: handle.db, clock: fixedClock('2026-01-01T12:00:00Z') }).search;
    const rows = [];
    for (let id = 50; id <= 150_000; id += 50) {
      wombats.push(id);
      rows.push(row(id, titled.has(id) ? 'Wombat survey' : 'Survey note', 'Notes on the wombat count.'));
    }
    for (const id of platypuses) rows.push(row(id, 'Sighting', 'A platypus was seen.'));
    await make.searchDocuments(handle, rows);
  });
  afterAll(async () => handle?.destroy());

  it('ranks exactly the newest matches across buckets: title matches first, then newest first', async () => {
    const result = await search.search(parseSearchQuery('wombat'), { limit: SEARCH_RANK_POOL, offset: 0 });
    expect(result.total).toBe(SEARCH_RANK_POOL);
    expect(result.pooled).toBe(true);
    const newest = [...wombats].sort((a, b) => b - a).slice(0, SEARCH_RANK_POOL);
    // The pool spans many buckets, and its oldest match sits inside one, not at its edge.
    expect(Math.floor(newest[0]! / BUCKET) - Math.floor(newest.at(-1)! / BUCKET)).toBeGreaterThan(10);
    expect(newest.at(-1)! % BUCKET).not.toBe(0);
    const pooledTitles = newest.filter((id) => titled.has(id));
    expect(pooledTitles).toEqual([149_950, 120_000, 100_000, 60_000]);
    expect(result.hits.map((h) => h.id)).toEqual([...pooledTitles, ...newest.filter((id) => !titled.has(id))]);
  });

  it('finds rare matches at both ends of the archive, with nothing between', async () => {
    const result = await search.search(parseSearchQuery('platypus'), { limit: 20, offset: 0 });
    expect(result.pooled).toBe(false);
    expect(result.hits.map((h) => h.id)).toEqual([...platypuses].sort((a, b) => b - a));
  });

  it('pages through the pool across bucket boundaries without repeats or gaps', async () => {
    const all = await search.search(parseSearchQuery('wombat'), { limit: SEARCH_RANK_POOL, offset: 0 });
    const paged: number[] = [];
    for (let offset = 0; offset < SEARCH_RANK_POOL; offset += 500) {
      const page = await search.search(parseSearchQuery('wombat'), { limit: 500, offset });
      paged.push(...page.hits.map((h) => h.id));
    }
    expect(paged).toEqual(all.hits.map((h) => h.id));
  });

  it('never matches a bucket: searching for bucket numbers finds only records whose text holds them', async () => {
    const highest = Math.floor(150_000 / BUCKET);
    for (const n of [0, 1, highest, highest - 1]) {
      const result = await search.search(parseSearchQuery(String(n)), { limit: 20, offset: 0 });
      expect(result.hits).toEqual([]);
    }
    await make.searchDocuments(handle, [row(150_050, 'Bucket 36 note', 'Item 36 of the list.')]);
    const found = await search.search(parseSearchQuery(String(highest)), { limit: 20, offset: 0 });
    expect(found.hits.map((h) => h.id)).toEqual([150_050]);
    await handle.db.deleteFrom('search_documents').where('id', '=', 150_050).execute();
  });
});
