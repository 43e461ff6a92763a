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

export interface SearchRepository {
  /** Replaces what the index holds for one record; `null` removes it (deleted, or no longer public). */
  replace(kind: string, recordId: number, document: SearchDocument | null): Promise<void>;
  /** Empties the index, or one kind of it, before a rebuild. */
  clear(kind?: string): Promise<void>;
  insertMany(documents: readonly SearchDocument[]): Promise<void>;
  search(query: SearchQuery, filter: SearchFilter): Promise<{ total: number; hits: SearchHit[] }>;
  count(): Promise<number>;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

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

  const columns = sql`d.id, d.kind, d.record_id, d.title, d.body_text, d.organisation_id, d.date, d.url_key,
    o.name as organisation_name, o.slug as organisation_slug`;

  async function searchSqlite(query: SearchQuery, filter: SearchFilter) {
    const match = toFts5Match(query);
    const where = sql`search_documents_fts match ${match} and ${filters(filter)}`;
    // bm25 is smaller for better matches; a title match counts ten times a body match.
    const rows = await sql<SearchHit>`select ${columns}
      from search_documents_fts f
      join search_documents d on d.id = f.rowid
      left join organisations o on o.id = d.organisation_id
      where ${where}
      order by bm25(search_documents_fts, 10.0, 1.0), d.date desc, d.id
      limit ${filter.limit} offset ${filter.offset}`.execute(db);
    const total = await sql<{ n: unknown }>`select count(*) as n
      from search_documents_fts f join search_documents d on d.id = f.rowid where ${where}`.execute(db);
    return { total: toCount(total.rows[0]?.n), hits: rows.rows };
  }

  async function searchPostgres(query: SearchQuery, filter: SearchFilter) {
    const tsquery = sql`websearch_to_tsquery('english', ${toWebsearch(query)})`;
    const where = sql`d.search_vector @@ ${tsquery} and ${filters(filter)}`;
    const rows = await sql<SearchHit>`select ${columns}
      from search_documents d
      left join organisations o on o.id = d.organisation_id
      where ${where}
      order by ts_rank(d.search_vector, ${tsquery}) desc, d.date desc nulls last, d.id
      limit ${filter.limit} offset ${filter.offset}`.execute(db);
    const total = await sql<{ n: unknown }>`select count(*) as n from search_documents d where ${where}`.execute(db);
    return { total: toCount(total.rows[0]?.n), hits: rows.rows };
  }

  return {
    async replace(kind, recordId, document) {
      await db.deleteFrom('search_documents').where('kind', '=', kind).where('record_id', '=', recordId).execute();
      if (document) await this.insertMany([document]);
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
      if (query.parts.length === 0) return { total: 0, hits: [] };
      const result = postgres ? await searchPostgres(query, filter) : await searchSqlite(query, filter);
      return { total: result.total, hits: result.hits.map((h) => ({ ...h, id: Number(h.id), record_id: Number(h.record_id) })) };
    },

    async count() {
      const row = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toCount(row.n);
    },
  };
}
