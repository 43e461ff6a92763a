// The search index: writing public records into it and full-text queries over it, on SQLite FTS5 or PostgreSQL text search.
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toFts5Match, toWebsearch, type SearchQuery } from '../domain/search-query.ts';
import { toCount, type RepositoryContext } from './repository-context.ts';

/** One findable record, as the index service derives it from public data only. */
export interface SearchDocument {
  kind: string;
  record_id: number;
  title: string;
  body_text: string;
  organisation_id: number | null;
  date: string | null;
  url_key: string;
}

export interface SearchFilter {
  kinds?: readonly string[];
  organisationId?: number;
  /** Inclusive 'YYYY-MM-DD' bounds on the record's date; records without a date fall outside any range. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface SearchHit extends SearchDocument {
  id: number;
  organisation_name: string | null;
  organisation_slug: string | null;
}

/**
 * How many of the most recent matches are ranked. A common word matches a large share of a 20-year
 * archive (one in five records for "budget"), and scoring every match took over a second; the
 * newest matches are found cheaply (ids follow dates: migration 0010), so ranking them bounds the
 * work of any search. Records without a date (people, committees, issues) have the highest ids and
 * so are always ranked.
 */
export const SEARCH_RANK_POOL = 2000;

export interface SearchResult {
  /** Matches found, counted up to SEARCH_RANK_POOL: `pooled` says whether there were more. */
  total: number;
  /** True when more records match than were ranked: `total` is then a lower bound. */
  pooled: boolean;
  hits: SearchHit[];
}

export interface SearchRepository {
  /** Replaces what the index holds for one record; `null` removes it (deleted, or no longer public). */
  replace(kind: string, recordId: number, document: SearchDocument | null): Promise<void>;
  /** Removes what the index holds for these records of one kind (before their fresh rows go in). */
  removeMany(kind: string, recordIds: readonly number[]): Promise<void>;
  /** Empties the index, or one kind of it, before a rebuild. */
  clear(kind?: string): Promise<void>;
  /** How many rows the index holds of each kind. */
  countsByKind(): Promise<Map<string, number>>;
  insertMany(documents: readonly SearchDocument[]): Promise<void>;
  /**
   * The matches, best first: the SEARCH_RANK_POOL most recent matches are ranked (by bm25 or
   * ts_rank, titles weighing more; ties to the newer), and the page `limit`/`offset` of them returned.
   */
  search(query: SearchQuery, filter: SearchFilter): Promise<SearchResult>;
  count(): Promise<number>;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** PostgreSQL's first look at the newest ids, widened until it holds a full pool or the whole index. */
const FIRST_WINDOW = 20_000;

/**
 * PostgreSQL's id buckets: ids `n << SEARCH_BUCKET_BITS` to `((n + 1) << SEARCH_BUCKET_BITS) - 1`
 * make bucket n. Must equal the shift in migration 0011's index expression `array[id >> 12]`, or
 * the planner cannot use that index for a bucket condition.
 */
export const SEARCH_BUCKET_BITS = 12;

/**
 * The most buckets one query names. A GIN scan reads every named bucket's entries whole, so past
 * this many (a rare query, whose window is most of the archive) the text condition alone is cheaper.
 */
const MAX_BUCKETS = 32;

export function createSearchRepository({ db, clock }: RepositoryContext): SearchRepository {
  const postgres = isPostgres(db);

  /** The filters other than the text match, as one SQL condition over alias `d`. */
  function filters(filter: SearchFilter): Expression<SqlBool> {
    const parts = [sql<SqlBool>`1 = 1`];
    if (filter.kinds && filter.kinds.length > 0) {
      parts.push(sql<SqlBool>`d.kind in (${sql.join(filter.kinds.map((k) => sql`${k}`))})`);
    }
    if (filter.organisationId !== undefined) parts.push(sql<SqlBool>`d.organisation_id = ${filter.organisationId}`);
    if (filter.from) parts.push(sql<SqlBool>`d.date >= ${filter.from}`);
    if (filter.to) parts.push(sql<SqlBool>`d.date <= ${filter.to}`);
    return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
  }

  function filtered(filter: SearchFilter): boolean {
    return (
      (filter.kinds !== undefined && filter.kinds.length > 0) || filter.organisationId !== undefined || filter.from !== undefined || filter.to !== undefined
    );
  }

  /**
   * The ranked ids of the pool, best first: records whose titles hold every word first, then the
   * rest, newest first within each. Not bm25: FTS5's bm25 counts, for every search, all the rows
   * holding each word (its inverse document frequency), which on a 20-year archive costs tens of
   * milliseconds per common word however few rows are ranked. Both reads here stop after the pool.
   */
  async function rankSqlite(query: SearchQuery, filter: SearchFilter): Promise<number[]> {
    const match = toFts5Match(query);
    // Only join the index rows when a filter needs their columns: FTS5 alone walks its own index.
    const join = filtered(filter) ? sql`join search_documents d on d.id = f.rowid` : sql``;
    const and = filtered(filter) ? sql` and ${filters(filter)}` : sql``;
    // FTS5 reads matches in descending rowid order (newest first: migration 0010) and stops at the limit.
    const newest = (text: string) =>
      sql<{ id: number }>`select f.rowid as id from search_documents_fts f ${join}
      where search_documents_fts match ${text}${and} order by f.rowid desc limit ${SEARCH_RANK_POOL}`.execute(db);
    const inTitles = await newest(`{title} : (${match})`);
    const anywhere = await newest(match);
    const ids = inTitles.rows.map((r) => Number(r.id));
    const seen = new Set(ids);
    for (const r of anywhere.rows) if (!seen.has(Number(r.id))) ids.push(Number(r.id));
    return ids.slice(0, SEARCH_RANK_POOL);
  }

  /**
   * The pool, newest first, from a window of the highest ids, then ranked. The window is named as
   * buckets of ids (migration 0011 indexes each row's bucket beside its words in one GIN index), so
   * the GIN scan skips through common words' entries to the window instead of reading them whole,
   * and only the window's matches are read from the table. A window with too few matches is
   * followed by the buckets below it, as many as its density of matches says a full pool needs:
   * each bucket is searched once.
   */
  async function rankPostgres(query: SearchQuery, filter: SearchFilter): Promise<number[]> {
    const tsquery = sql`websearch_to_tsquery('english', ${toWebsearch(query)})`;
    const top = await sql<{ n: unknown }>`select max(id) as n from search_documents`.execute(db);
    const highest = toCount(top.rows[0]?.n);
    const pool: { id: number; rank: number }[] = [];
    let next = highest >> SEARCH_BUCKET_BITS;
    let span = Math.ceil(FIRST_WINDOW / 2 ** SEARCH_BUCKET_BITS);
    for (;;) {
      const lowest = next - span + 1;
      const rest = lowest <= 0 || span > MAX_BUCKETS;
      const buckets = Array.from({ length: Math.min(span, next + 1) }, (_, i) => next - i);
      // Below the buckets already searched: all of them, or the named ones (`array[id >> 12]` is the index's expression).
      const window = rest
        ? next === highest >> SEARCH_BUCKET_BITS
          ? sql``
          : sql` and d.id < ${(next + 1) * 2 ** SEARCH_BUCKET_BITS}`
        : sql` and array[d.id >> 12] && ${sql.raw(`'{${buckets.join(',')}}'::int[]`)}`;
      // Ranked as each match is read, so the sort handles ids and ranks rather than whole text
      // vectors (twice as fast as ranking the kept rows after the sort, for a few more rankings:
      // the window holds little more than the pool).
      const found = await sql<{ id: unknown; rank: unknown }>`select d.id, ts_rank(d.search_vector, ${tsquery})::float8 as rank
        from search_documents d
        where d.search_vector @@ ${tsquery} and ${filters(filter)}${window}
        order by d.id desc limit ${SEARCH_RANK_POOL - pool.length}`.execute(db);
      for (const r of found.rows) pool.push({ id: Number(r.id), rank: Number(r.rank) });
      if (rest || pool.length >= SEARCH_RANK_POOL) break;
      const covered = highest - lowest * 2 ** SEARCH_BUCKET_BITS + 1;
      // Enough ids for the rest of the pool at the density seen so far, and a fifth more; none seen: all
      // the rest. Every match in the window is read from the table, so a wider margin costs more than
      // the occasional further step it saves (on the 20-year archive, 1.2 beat 1.5 by 5-10 ms at p50).
      const wanted = pool.length === 0 ? Infinity : (((SEARCH_RANK_POOL - pool.length) * covered) / pool.length) * 1.2;
      span = Math.max(1, Math.ceil(wanted / 2 ** SEARCH_BUCKET_BITS));
      next = lowest - 1;
    }
    // ts_rank's order, ties to the newer (ts_rank is float4: as float8 its order is kept exactly).
    pool.sort((x, y) => y.rank - x.rank || y.id - x.id);
    return pool.map((r) => r.id);
  }

  /** The page's rows, with their bodies' names, in the order of `ids`. */
  async function rows(ids: readonly number[]): Promise<SearchHit[]> {
    if (ids.length === 0) return [];
    const found = await sql<SearchHit>`select d.id, d.kind, d.record_id, d.title, d.body_text, d.organisation_id, d.date, d.url_key,
        o.name as organisation_name, o.slug as organisation_slug
      from search_documents d left join organisations o on o.id = d.organisation_id
      where d.id in (${sql.join(ids.map((id) => sql`${id}`))})`.execute(db);
    const byId = new Map(found.rows.map((h) => [Number(h.id), h]));
    return ids.map((id) => byId.get(id)).filter((h): h is SearchHit => h !== undefined);
  }

  return {
    async replace(kind, recordId, document) {
      await this.removeMany(kind, [recordId]);
      if (document) await this.insertMany([document]);
    },

    async removeMany(kind, recordIds) {
      // Two saves of one record at once on PostgreSQL (read committed) would each delete nothing and both
      // insert its row again, and the second would fail on the unique key: each waits here, until the
      // other has committed, for the records it is about to put back (in one order, so that two saves
      // of several records cannot each wait for the other). Not an upsert: a row put back takes a new
      // id, which is what makes an edited record count as recent (migration 0010).
      if (postgres && recordIds.length > 0) {
        const ids = [...new Set(recordIds)].sort((a, b) => a - b);
        await sql`select pg_advisory_xact_lock(hashtext(${`search_documents:${kind}`}), id) from unnest(${ids}::int[]) as t(id)`.execute(db);
      }
      for (let i = 0; i < recordIds.length; i += 5000) {
        await db
          .deleteFrom('search_documents')
          .where('kind', '=', kind)
          .where('record_id', 'in', recordIds.slice(i, i + 5000))
          .execute();
      }
    },

    async countsByKind() {
      const rows = await db
        .selectFrom('search_documents')
        .select((eb) => ['kind', eb.fn.countAll().as('n')])
        .groupBy('kind')
        .execute();
      return new Map(rows.map((row) => [row.kind, Number(row.n)]));
    },

    async clear(kind) {
      let q = db.deleteFrom('search_documents');
      if (kind !== undefined) q = q.where('kind', '=', kind);
      await q.execute();
    },

    async insertMany(documents) {
      const indexedAt = clock.now().toISOString();
      // Batches keep each statement well under both engines' limits on bound parameters.
      for (let i = 0; i < documents.length; i += 100) {
        const batch = documents.slice(i, i + 100).map((d) => ({ ...d, indexed_at: indexedAt }));
        await db.insertInto('search_documents').values(batch).execute();
      }
    },

    async search(query, filter) {
      if (query.parts.length === 0) return { total: 0, pooled: false, hits: [] };
      const ranked = postgres ? await rankPostgres(query, filter) : await rankSqlite(query, filter);
      // Snippets are made from body_text, so only the page's rows are read.
      const hits = await rows(ranked.slice(filter.offset, filter.offset + filter.limit));
      return {
        total: ranked.length,
        pooled: ranked.length >= SEARCH_RANK_POOL,
        hits: hits.map((h) => ({ ...h, id: Number(h.id), record_id: Number(h.record_id) })),
      };
    },

    async count() {
      const row = await db
        .selectFrom('search_documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },
  };
}
