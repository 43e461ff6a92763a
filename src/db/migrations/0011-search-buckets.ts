// Indexes each search row's id bucket beside its words, so PostgreSQL finds the newest matches of common words without reading all of them.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

// Why: search ranks only the newest matches (SEARCH_RANK_POOL in src/repositories/search-repository.ts),
// which are the highest ids (migration 0010). A GIN index on the tsvector alone cannot be limited
// to a range of ids: for "adult social care" it read every entry of all three words across 20
// years, and the table rows of every match, to keep the few thousand newest. With the id's bucket
// (4,096 ids: `id >> 12`, the repository's SEARCH_BUCKET_BITS) as a second column of the same GIN
// index, a query naming the newest buckets is answered by skipping through the words' entries to
// those buckets. The bucket is an integer array in its own index column, never a word, so nothing
// typed into the search box can match it. SQLite's FTS5 already reads matches newest first and
// needs nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  // Dropped first, so that the rewrite below does not rebuild it; searches without a bucket (the
  // whole archive) use the new index's first column as they used this one.
  await sql`drop index if exists idx_search_documents_vector`.execute(db);
  // Ranking reads the tsvector of every pooled row (ts_rank). A long record's vector was kept out of
  // line (TOAST), a second index lookup per row that cost more than the ranking itself; 'main' keeps
  // it in the row (its body text goes out of line first). The rewrite applies that to the existing
  // rows and lays them out in id order, so a window of ids is a run of neighbouring pages.
  await sql`alter table search_documents alter column search_vector set storage main`.execute(db);
  await sql`cluster search_documents using search_documents_pkey`.execute(db);
  await sql`create index idx_search_documents_vector_bucket on search_documents using gin (search_vector, (array[id >> 12]))`.execute(db);
  await sql`analyze search_documents`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index if not exists idx_search_documents_vector on search_documents using gin (search_vector)`.execute(db);
  await sql`drop index if exists idx_search_documents_vector_bucket`.execute(db);
  // Rows already in the table stay where they are: 'extended' applies to rows written from now on.
  await sql`alter table search_documents alter column search_vector set storage extended`.execute(db);
}
