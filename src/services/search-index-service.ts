// Keeps the public search index in step with the record: rebuild it all, or refresh one record after a change.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import type { SearchDocument } from '../repositories/search-repository.ts';
import { ValidationError } from './errors.ts';
import { present } from '../domain/present.ts';

/** Every kind of record the public can find, in the order the filters list them. */
export const SEARCH_KINDS = [
  'meeting',
  'agenda_item',
  'minute',
  'resolution',
  'review',
  'recommendation',
  'response',
  'document',
  'issue',
  'person',
  'body',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export function isSearchKind(value: string): value is SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value);
}

const DECISION_WORDS: Record<string, string> = {
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  accepted_in_principle: 'Accepted in principle',
  not_accepted: 'Not accepted',
  deferred: 'Deferred',
};

function text(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n');
}

function group<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

type Builder = (r: Repositories, ids: readonly number[] | undefined) => Promise<SearchDocument[]>;

// Each builder reads only public records (search-source-repository filters out exempt and
// confidential material) and turns them into index rows. `url_key` is what the web layer needs to
// link the hit: a slug, or "review-slug/number" for recommendations and responses.
const BUILDERS: Record<SearchKind, Builder> = {
  async meeting(r, ids) {
    const meetings = await r.searchSources.meetings(ids);
    const items = group(await r.searchSources.publicItemTitles(meetings.map((m) => m.id)), (i) => i.meeting_id);
    return meetings.map((m) => ({
      kind: 'meeting',
      record_id: m.id,
      title: m.title ?? `${m.organisation_name}`,
      body_text: text(m.location, m.status === 'cancelled' ? 'Cancelled' : null, ...(items.get(m.id) ?? []).map((i) => i.title)),
      organisation_id: m.organisation_id,
      date: m.meeting_date,
      url_key: m.slug,
    }));
  },
  async agenda_item(r, ids) {
    return (await r.searchSources.agendaItems(ids)).map((i) => ({
      kind: 'agenda_item',
      record_id: i.id,
      title: i.title,
      body_text: text(i.description, i.report_of ? `Report of ${i.report_of}` : null),
      organisation_id: i.organisation_id,
      date: i.meeting_date,
      url_key: i.meeting_slug,
    }));
  },
  async minute(r, ids) {
    return (await r.searchSources.minutes(ids)).map((m) => ({
      kind: 'minute',
      record_id: m.id,
      title: m.number === null ? m.title : `Minute ${m.number}: ${m.title}`,
      body_text: text(m.body),
      organisation_id: m.organisation_id,
      date: m.meeting_date,
      url_key: m.meeting_slug,
    }));
  },
  async resolution(r, ids) {
    const resolutions = await r.searchSources.resolutions(ids);
    const limbs = group(await r.searchSources.limbs(resolutions.map((x) => x.id)), (l) => l.resolution_id);
    return resolutions.map((x) => ({
      kind: 'resolution',
      record_id: x.id,
      title: x.minute_number === null ? `Resolution: ${x.minute_title}` : `Resolution, Minute ${x.minute_number}: ${x.minute_title}`,
      body_text: text(
        ...(limbs.get(x.id) ?? []).map((l) => `(${l.number}) ${l.text}`),
        x.mover_name ? `Moved by ${x.mover_name}` : null,
        x.seconder_name ? `Seconded by ${x.seconder_name}` : null,
        x.reasons,
        x.alternatives,
      ),
      organisation_id: x.organisation_id,
      date: x.meeting_date,
      url_key: x.meeting_slug,
    }));
  },
  async review(r, ids) {
    const reviews = await r.searchSources.reviews(ids);
    const texts = group(await r.searchSources.reviewTexts(reviews.map((x) => x.id)), (t) => t.review_id);
    return reviews.map((x) => ({
      kind: 'review',
      record_id: x.id,
      title: x.title,
      body_text: text(x.short_title, x.summary, x.scope, x.criteria_heading, ...(texts.get(x.id) ?? []).map((t) => t.text)),
      organisation_id: x.organisation_id,
      date: x.report_date,
      url_key: x.slug,
    }));
  },
  async recommendation(r, ids) {
    const recs = await r.searchSources.recommendations(ids);
    const points = group(await r.searchSources.recommendationPoints(recs.map((x) => x.id)), (p) => p.recommendation_id);
    return recs.map((x) => ({
      kind: 'recommendation',
      record_id: x.id,
      title: `Recommendation ${x.number}: ${x.review_short_title ?? x.review_title}`,
      body_text: text(x.text, ...(points.get(x.id) ?? []).map((p) => p.text)),
      organisation_id: x.organisation_id,
      date: x.report_date,
      url_key: `${x.review_slug}/${x.number}`,
    }));
  },
  async response(r, ids) {
    return (await r.searchSources.responses(ids)).map((x) => ({
      kind: 'response',
      record_id: x.id,
      title: `Response to recommendation ${x.number}: ${x.review_short_title ?? x.review_title}`,
      body_text: text(
        DECISION_WORDS[x.decision] ?? x.decision,
        x.response_text,
        x.proposed_action,
        x.reason,
        x.responsible_name ? `Responsible: ${x.responsible_name}` : null,
        x.action_by_text ? `Action by: ${x.action_by_text}` : x.action_by_date ? `Action by: ${x.action_by_date}` : null,
      ),
      organisation_id: x.organisation_id,
      date: x.responded_on,
      url_key: `${x.review_slug}/${x.number}`,
    }));
  },
  async document(r, ids) {
    return (await r.searchSources.documents(ids)).map((d) => ({
      kind: 'document',
      record_id: d.id,
      title: d.title,
      body_text: text(d.text_content),
      organisation_id: d.meeting_organisation_id ?? d.review_organisation_id,
      date: d.published_on ?? d.meeting_date,
      url_key: d.slug,
    }));
  },
  async issue(r, ids) {
    return (await r.searchSources.issues(ids)).map((i) => ({
      kind: 'issue',
      record_id: i.id,
      title: i.title,
      body_text: text(i.summary),
      organisation_id: null,
      date: null,
      url_key: i.slug,
    }));
  },
  async person(r, ids) {
    return (await r.searchSources.people(ids)).map((p) => ({
      kind: 'person',
      record_id: p.id,
      title: [p.honorific, p.name].filter(Boolean).join(' '),
      body_text: text(p.job_title, p.party, p.ward ? `${p.ward} ward` : null),
      organisation_id: null,
      date: null,
      url_key: p.slug,
    }));
  },
  async body(r, ids) {
    return (await r.searchSources.bodies(ids)).map((b) => ({
      kind: 'body',
      record_id: b.id,
      title: b.name,
      body_text: text(b.description),
      organisation_id: b.id,
      date: null,
      url_key: b.slug,
    }));
  },
};

/**
 * The order a fresh index is written in, the same as migration 0010's: by date, undated records
 * last. Ids then follow dates, which is what lets a search rank the newest matches cheaply
 * (SEARCH_RANK_POOL in src/repositories/search-repository.ts).
 */
function byDate(a: SearchDocument, b: SearchDocument): number {
  if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1;
  if (a.date !== b.date) return present(a.date, 'a.date') < present(b.date, 'b.date') ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.record_id - b.record_id;
}

/** Rebuilds the whole index through the given repositories (inside the caller's transaction). */
export async function rebuildSearchIndex(r: Repositories): Promise<number> {
  await r.search.clear();
  const documents: SearchDocument[] = [];
  for (const kind of SEARCH_KINDS) {
    for (const document of await BUILDERS[kind](r, undefined)) documents.push(document);
  }
  documents.sort(byDate);
  await r.search.insertMany(documents);
  return documents.length;
}

/**
 * The records a write changed, whose index rows are refreshed with the same transaction's
 * repositories before it commits (DESIGN.md "How we write code" 9: the change and its search-index
 * rows in one transaction, so a crash at any instant leaves data and search consistent, and text
 * just made exempt is never left findable). A meeting carries its agenda items, papers, minutes and
 * resolutions with it, and an agenda item its meeting: an item's exemption changes what all of them
 * may show.
 */
export class TouchedRecords {
  private readonly ids = new Map<SearchKind, Set<number>>();

  add(kind: SearchKind, ...ids: readonly number[]): void {
    const set = this.ids.get(kind) ?? new Set<number>();
    for (const id of ids) set.add(id);
    this.ids.set(kind, set);
  }

  get size(): number {
    let n = 0;
    for (const set of this.ids.values()) n += set.size;
    return n;
  }

  /** Rewrites the index rows of every touched record: current public text, or no row when gone or withheld. */
  async refresh(r: Repositories): Promise<void> {
    const of = (kind: SearchKind) => [...(this.ids.get(kind) ?? [])];
    const meetings = new Set([
      ...of('meeting'),
      ...(await r.searchSources.meetingsOf('agenda_items', of('agenda_item'))),
      ...(await r.searchSources.meetingsOf('minutes', of('minute'))),
    ]);
    const business = await r.searchSources.meetingBusiness([...meetings]);
    this.add('meeting', ...meetings);
    this.add('agenda_item', ...business.items);
    this.add('document', ...business.documents);
    this.add('minute', ...business.minutes);
    this.add('resolution', ...business.resolutions);
    for (const kind of SEARCH_KINDS) {
      const ids = of(kind);
      if (ids.length === 0) continue;
      await r.search.removeMany(kind, ids);
      await r.search.insertMany(await BUILDERS[kind](r, ids));
    }
    this.ids.clear();
  }
}

/** What the start-up check found: the index agreed with the record, or was rebuilt, and why. */
export type IndexCheck = { readonly repaired: false } | { readonly repaired: true; readonly reason: string; readonly indexed: number };

/** Rebuilds the index rows of whole kinds through the given repositories (inside the caller's transaction). */
export async function rebuildSearchKinds(r: Repositories, kinds: readonly SearchKind[]): Promise<void> {
  for (const kind of kinds) {
    await r.search.clear(kind);
    await r.search.insertMany((await BUILDERS[kind](r, undefined)).sort(byDate));
  }
}

export function createSearchIndexService(deps: { db: Kysely<Database>; clock: Clock }) {
  const inTransaction = <T>(work: (r: Repositories) => Promise<T>) =>
    deps.db.transaction().execute((trx) => work(createRepositories({ db: trx, clock: deps.clock })));

  return {
    /** Empties and refills the index in one transaction: searches see the old index or the new, never half. */
    async reindexAll(): Promise<{ indexed: number }> {
      return { indexed: await inTransaction(rebuildSearchIndex) };
    },

    /**
     * The start-up check: a cheap comparison of the index with the record (rows of each kind
     * against the public records of that kind, and any row of withheld business at all) that
     * rebuilds the index when they disagree. An index left behind by a crash of an older version,
     * or by a write outside the pipeline, is repaired before the first visitor searches it.
     */
    async checkAndRepair(): Promise<IndexCheck> {
      const r = createRepositories({ db: deps.db, clock: deps.clock });
      const withheld = await r.searchSources.withheldIndexed();
      let reason: string | null = withheld > 0 ? `${withheld} withheld ${withheld === 1 ? 'record was' : 'records were'} in the index` : null;
      if (reason === null) {
        const [expected, held] = await Promise.all([r.searchSources.expectedCounts(), r.search.countsByKind()]);
        const wrong = SEARCH_KINDS.filter((kind) => (expected[kind] ?? 0) !== (held.get(kind) ?? 0));
        if (wrong.length > 0)
          reason = `the index disagreed with the record on ${wrong.map((kind) => `${kind} (${held.get(kind) ?? 0} rows for ${expected[kind] ?? 0} records)`).join(', ')}`;
      }
      if (reason === null) return { repaired: false };
      return { repaired: true, reason, indexed: await inTransaction(rebuildSearchIndex) };
    },

    /**
     * Refreshes one record after it changed: it leaves the index when it is gone or no longer
     * public (made exempt or confidential), and comes back with its current text otherwise.
     */
    async reindex(kind: string, id: number): Promise<{ indexed: boolean }> {
      if (!isSearchKind(kind)) throw new ValidationError([{ field: 'kind', message: `Kind must be one of ${SEARCH_KINDS.join(', ')}` }]);
      return inTransaction(async (r) => {
        const [document] = await BUILDERS[kind](r, [id]);
        await r.search.replace(kind, id, document ?? null);
        return { indexed: document !== undefined };
      });
    },
  };
}

export type SearchIndexService = ReturnType<typeof createSearchIndexService>;
