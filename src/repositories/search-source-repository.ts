// Reads the public text of every kind of findable record, for the search index to copy.
//
// Exempt, confidential or restricted agenda items and documents are filtered out here, in SQL, and so is
// everything hanging from a withheld item (its minute, resolution and documents): exempt text
// never reaches the index (RULES.md rule 9; LGA 1972 s.100A and Schedule 12A).
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { RepositoryContext } from './repository-context.ts';
import { isPublicBusiness, isWithheldBusiness, notWithdrawn } from './withheld-expression.ts';

/** `ids` narrows a read to some records (reindexing one); absent, every record is read. */
type Ids = readonly number[] | undefined;

/** The number a `count(*) as n` query answers (PostgreSQL's bigint count comes back as a string). */
async function count(q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }): Promise<number> {
  return Number((await q.executeTakeFirstOrThrow()).n);
}

function only<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, column: string, ids: Ids): SelectQueryBuilder<DB, TB, O> {
  if (ids === undefined) return q;
  if (ids.length === 0) return q.where(sql<SqlBool>`1 = 0`);
  return q.where(sql.ref(column), 'in', ids as never);
}

/**
 * SQLite binds at most 32,766 parameters in one statement, and a full rebuild of a large archive
 * passes every meeting's or resolution's id: such reads go a few thousand ids at a time.
 */
const IDS_PER_READ = 5000;

async function chunked<T>(ids: readonly number[], read: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    for (const row of await read(ids.slice(i, i + IDS_PER_READ))) rows.push(row);
  }
  return rows;
}

export function createSearchSourceRepository({ db }: RepositoryContext) {
  return {
    async meetings(ids: Ids) {
      return only(
        db
          .selectFrom('meetings as m')
          .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
          .select(['m.id', 'm.slug', 'm.title', 'm.meeting_date', 'm.location', 'm.status', 'm.organisation_id', 'o.name as organisation_name']),
        'm.id',
        ids,
      )
        .orderBy('m.id')
        .execute();
    },

    /** Titles of the public items on these meetings' agendas. */
    async publicItemTitles(meetingIds: readonly number[]) {
      if (meetingIds.length === 0) return [];
      return chunked(meetingIds, (part) =>
        db
          .selectFrom('agenda_items')
          .select(['meeting_id', 'title'])
          // A draft item is the workspace's until the agenda is published (migration 0021).
          .where('meeting_id', 'in', part)
          .where(isPublicBusiness('agenda_items'))
          .where(notWithdrawn('agenda_items'))
          .where('is_draft', '=', 0)
          .orderBy('meeting_id')
          .orderBy('position')
          .execute(),
      );
    },

    async agendaItems(ids: Ids) {
      return only(
        db
          .selectFrom('agenda_items as ai')
          .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
          .select(['ai.id', 'ai.number', 'ai.title', 'ai.description', 'ai.report_of', 'm.slug as meeting_slug', 'm.meeting_date', 'm.organisation_id'])
          .where(isPublicBusiness('ai'))
          .where(notWithdrawn('ai'))
          .where('ai.is_draft', '=', 0),
        'ai.id',
        ids,
      )
        .orderBy('ai.id')
        .execute();
    },

    async minutes(ids: Ids) {
      return only(
        db
          .selectFrom('minutes as mi')
          .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
          .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
          .select(['mi.id', 'mi.number', 'mi.title', 'mi.body', 'm.slug as meeting_slug', 'm.meeting_date', 'mi.organisation_id'])
          .where(isPublicBusiness({ optional: 'ai' })),
        'mi.id',
        ids,
      )
        .orderBy('mi.id')
        .execute();
    },

    async resolutions(ids: Ids) {
      return only(
        db
          .selectFrom('resolutions as r')
          .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
          .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
          .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
          .select([
            'r.id',
            'r.mover_name',
            'r.seconder_name',
            'r.reasons',
            'r.alternatives',
            'mi.number as minute_number',
            'mi.title as minute_title',
            'm.slug as meeting_slug',
            'm.meeting_date',
            'mi.organisation_id',
          ])
          .where(isPublicBusiness({ optional: 'ai' })),
        'r.id',
        ids,
      )
        .orderBy('r.id')
        .execute();
    },

    async limbs(resolutionIds: readonly number[]) {
      if (resolutionIds.length === 0) return [];
      return chunked(resolutionIds, (part) =>
        db
          .selectFrom('resolution_limbs')
          .select(['resolution_id', 'number', 'text'])
          .where('resolution_id', 'in', part)
          .where('withdrawn_on', 'is', null)
          .orderBy('resolution_id')
          .orderBy('number')
          .execute(),
      );
    },

    async reviews(ids: Ids) {
      return only(
        db
          .selectFrom('scrutiny_reviews as r')
          .select(['r.id', 'r.slug', 'r.title', 'r.short_title', 'r.summary', 'r.scope', 'r.criteria_heading', 'r.report_date', 'r.organisation_id'])
          .where(notWithdrawn('r')),
        'r.id',
        ids,
      )
        .orderBy('r.id')
        .execute();
    },

    /** Terms of reference, recommendations and criteria of reviews, as text, for the reviews' bodies. */
    async reviewTexts(reviewIds: readonly number[]) {
      if (reviewIds.length === 0) return [];
      const terms = await chunked(reviewIds, (part) =>
        db.selectFrom('review_terms').select(['review_id', 'text']).where('review_id', 'in', part).orderBy('review_id').orderBy('position').execute(),
      );
      const criteria = await chunked(reviewIds, (part) =>
        db
          .selectFrom('review_criteria')
          .select(['review_id', 'title', 'text'])
          .where('review_id', 'in', part)
          .orderBy('review_id')
          .orderBy('position')
          .execute(),
      );
      const recommendations = await chunked(reviewIds, (part) =>
        db
          .selectFrom('recommendations')
          .select(['review_id', 'text'])
          .where('review_id', 'in', part)
          .where(notWithdrawn('recommendations'))
          .orderBy('review_id')
          .orderBy('number')
          .execute(),
      );
      return [
        ...terms.map((t) => ({ review_id: t.review_id, text: t.text })),
        ...recommendations.map((x) => ({ review_id: x.review_id, text: x.text })),
        ...criteria.map((c) => ({ review_id: c.review_id, text: [c.title, c.text].filter(Boolean).join(' ') })),
      ];
    },

    async recommendations(ids: Ids) {
      return only(
        db
          .selectFrom('recommendations as rec')
          .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
          .select([
            'rec.id',
            'rec.number',
            'rec.text',
            'r.slug as review_slug',
            'r.short_title as review_short_title',
            'r.title as review_title',
            'r.report_date',
            'r.organisation_id',
          ])
          .where(notWithdrawn('rec', 'r')),
        'rec.id',
        ids,
      )
        .orderBy('rec.id')
        .execute();
    },

    async recommendationPoints(recommendationIds: readonly number[]) {
      if (recommendationIds.length === 0) return [];
      return chunked(recommendationIds, (part) =>
        db
          .selectFrom('recommendation_points')
          .select(['recommendation_id', 'text'])
          .where('recommendation_id', 'in', part)
          .orderBy('recommendation_id')
          .orderBy('position')
          .execute(),
      );
    },

    async responses(ids: Ids) {
      return only(
        db
          .selectFrom('executive_responses as er')
          .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
          .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
          .leftJoin('meetings as m', 'm.id', 'er.agreed_meeting_id')
          .select([
            'er.id',
            'er.decision',
            'er.response_text',
            'er.proposed_action',
            'er.reason',
            'er.responsible_name',
            'er.action_by_date',
            'er.action_by_text',
            'er.responded_on',
            'rec.number',
            'r.slug as review_slug',
            'r.short_title as review_short_title',
            'r.title as review_title',
            'm.organisation_id',
          ])
          .where(notWithdrawn('rec', 'r')),
        'er.id',
        ids,
      )
        .orderBy('er.id')
        .execute();
    },

    async people(ids: Ids) {
      return only(db.selectFrom('people').select(['id', 'slug', 'name', 'honorific', 'kind', 'job_title', 'party', 'ward']), 'id', ids)
        .orderBy('id')
        .execute();
    },

    async documents(ids: Ids) {
      return only(
        db
          .selectFrom('documents as d')
          .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
          .leftJoin('meetings as m', 'm.id', 'd.meeting_id')
          .leftJoin('scrutiny_reviews as r', 'r.id', 'd.review_id')
          .select([
            'd.id',
            'd.slug',
            'd.title',
            'd.kind',
            'd.text_content',
            'd.published_on',
            'm.meeting_date',
            'm.organisation_id as meeting_organisation_id',
            'r.organisation_id as review_organisation_id',
          ])
          .where(isPublicBusiness('d', { optional: 'ai' }))
          .where(notWithdrawn('d', { optional: 'ai' }, { optional: 'r' })),
        'd.id',
        ids,
      )
        .orderBy('d.id')
        .execute();
    },

    async issues(ids: Ids) {
      return only(db.selectFrom('issues').select(['id', 'slug', 'title', 'summary']), 'id', ids)
        .orderBy('id')
        .execute();
    },

    /**
     * What hangs from these meetings and is indexed with them: their agenda items, documents,
     * minutes and resolutions. A change to an item's exemption changes what all of these may show.
     */
    async meetingBusiness(meetingIds: readonly number[]) {
      if (meetingIds.length === 0) return { items: [], documents: [], minutes: [], resolutions: [] };
      const ids = (rows: { id: number }[]) => rows.map((row) => row.id);
      const items = await chunked(meetingIds, (part) => db.selectFrom('agenda_items').select('id').where('meeting_id', 'in', part).execute());
      const documents = await chunked(meetingIds, (part) => db.selectFrom('documents').select('id').where('meeting_id', 'in', part).execute());
      const minutes = await chunked(meetingIds, (part) => db.selectFrom('minutes').select('id').where('meeting_id', 'in', part).execute());
      const resolutions = await chunked(ids(minutes), (part) => db.selectFrom('resolutions').select('id').where('minute_id', 'in', part).execute());
      return { items: ids(items), documents: ids(documents), minutes: ids(minutes), resolutions: ids(resolutions) };
    },

    /** The meetings these agenda items, minutes or documents belong to. */
    async meetingsOf(table: 'agenda_items' | 'minutes' | 'documents', ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await chunked(ids, (part) => db.selectFrom(table).select('meeting_id').where('id', 'in', part).execute());
      return [...new Set(rows.map((row) => row.meeting_id).filter((id): id is number => id !== null))];
    },

    /**
     * How many rows each kind should have in the index: the same filters as the reads above, as
     * counts, so a start-up check can compare them with the index without reading any text.
     */
    async expectedCounts(): Promise<Record<string, number>> {
      return {
        meeting: await count(db.selectFrom('meetings').select((eb) => eb.fn.countAll().as('n'))),
        agenda_item: await count(
          db
            .selectFrom('agenda_items as ai')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(isPublicBusiness('ai'))
            .where(notWithdrawn('ai'))
            .where('ai.is_draft', '=', 0),
        ),
        minute: await count(
          db
            .selectFrom('minutes as mi')
            .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(isPublicBusiness({ optional: 'ai' })),
        ),
        resolution: await count(
          db
            .selectFrom('resolutions as r')
            .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
            .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(isPublicBusiness({ optional: 'ai' })),
        ),
        review: await count(
          db
            .selectFrom('scrutiny_reviews')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(notWithdrawn('scrutiny_reviews')),
        ),
        recommendation: await count(
          db
            .selectFrom('recommendations as rec')
            .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(notWithdrawn('rec', 'r')),
        ),
        response: await count(
          db
            .selectFrom('executive_responses as er')
            .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
            .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(notWithdrawn('rec', 'r')),
        ),
        document: await count(
          db
            .selectFrom('documents as d')
            .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
            .leftJoin('scrutiny_reviews as r', 'r.id', 'd.review_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(isPublicBusiness('d', { optional: 'ai' }))
            .where(notWithdrawn('d', { optional: 'ai' }, { optional: 'r' })),
        ),
        issue: await count(db.selectFrom('issues').select((eb) => eb.fn.countAll().as('n'))),
        person: await count(db.selectFrom('people').select((eb) => eb.fn.countAll().as('n'))),
        body: await count(
          db
            .selectFrom('organisations')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', 'not in', ['external', 'council']),
        ),
      };
    },

    /**
     * How many index rows belong to withheld business (an item, paper, minute or resolution that is
     * withheld, or hangs from a withheld item): any at all is text the public must not find.
     */
    async withheldIndexed(): Promise<number> {
      const items = await count(
        db
          .selectFrom('search_documents as s')
          .innerJoin('agenda_items as ai', 'ai.id', 's.record_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('s.kind', '=', 'agenda_item')
          .where(isWithheldBusiness('ai')),
      );
      const documents = await count(
        db
          .selectFrom('search_documents as s')
          .innerJoin('documents as d', 'd.id', 's.record_id')
          .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('s.kind', '=', 'document')
          .where(isWithheldBusiness('d', { optional: 'ai' })),
      );
      const minutes = await count(
        db
          .selectFrom('search_documents as s')
          .innerJoin('minutes as mi', 'mi.id', 's.record_id')
          .innerJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('s.kind', '=', 'minute')
          .where(isWithheldBusiness('ai')),
      );
      const resolutions = await count(
        db
          .selectFrom('search_documents as s')
          .innerJoin('resolutions as r', 'r.id', 's.record_id')
          .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
          .innerJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('s.kind', '=', 'resolution')
          .where(isWithheldBusiness('ai')),
      );
      return items + documents + minutes + resolutions;
    },

    /** The council's own bodies (committees, cabinet, council); outside organisations have no page. */
    async bodies(ids: Ids) {
      return only(
        db.selectFrom('organisations').select(['id', 'slug', 'name', 'kind', 'description']).where('kind', 'not in', ['external', 'council']),
        'id',
        ids,
      )
        .orderBy('id')
        .execute();
    },
  };
}

export type SearchSourceRepository = ReturnType<typeof createSearchSourceRepository>;
