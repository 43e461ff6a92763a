// Search over the demo on both engines: ranking finds the right records, filters narrow, snippets are safe, exempt text is never indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { ValidationError } from '../../src/services/errors.ts';
import { SEARCH_RANK_POOL } from '../../src/repositories/search-repository.ts';
import { SEARCH_RESULT_LIMIT } from '../../src/services/search-service.ts';

const MARKER = 'EXEMPT-MARKER-7731';

describe.each(testDialects())('search on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    const clock = fixedClock('2026-11-22T12:00:00Z');
    services = createServices({ database: handle, clock });
    await services.demo.loadIfAbsent();
  });
  afterAll(async () => handle?.destroy());

  it('indexes the demo when it loads', async () => {
    const r = createRepositories({ db: handle.db, clock: services.clock });
    expect(await r.search.count()).toBeGreaterThan(30);
  });

  it('finds the review by "practice partner", best match first', async () => {
    const result = await services.search.search({ q: 'practice partner' });
    expect(result.total).toBeGreaterThan(0);
    const kinds = result.hits.map((h) => h.kind);
    expect(kinds).toContain('recommendation');
    expect(result.hits.some((h) => h.kind === 'minute' && h.title.includes('Minute 109'))).toBe(true);
    const rec = result.hits.find((h) => h.kind === 'recommendation')!;
    expect(rec.urlKey).toMatch(/^alternative-management-arrangements-for-childrens-services\/\d$/);
    expect(rec.snippetHtml).toMatch(/<mark>Practice<\/mark> <mark>Partner<\/mark>/);

    const reviews = await services.search.search({ q: 'practice partner', type: 'review' });
    expect(reviews.hits.map((h) => h.title)).toEqual(['Alternative Management Arrangements for Children and Young People’s Services in Rotherham']);
  });

  it('finds a person by name and a response by "Annual Participation"', async () => {
    const people = await services.search.search({ q: 'Maggi Clark' });
    expect(people.hits[0]).toMatchObject({ kind: 'person', title: 'Councillor Maggi Clark', urlKey: 'councillor-maggi-clark' });

    const responses = await services.search.search({ q: '"Annual Participation"' });
    expect(responses.hits.map((h) => [h.kind, h.title])).toEqual([
      ['response', 'Response to recommendation 3: Alternative Management Arrangements for Children’s Services'],
    ]);
    expect(responses.hits[0]!.snippetHtml).toContain('<mark>Annual</mark> <mark>Participation</mark>');
  });

  it('filters by type, body and date range', async () => {
    const all = await services.search.search({ q: 'response' });
    const council = await services.search.search({ q: 'response', body: 'council' });
    expect(council.total).toBeGreaterThan(0);
    expect(council.total).toBeLessThan(all.total);
    expect(council.hits.every((h) => h.organisationName === 'Council')).toBe(true);

    const cabinetDay = await services.search.search({ q: 'response', from: '19/02/2018', to: '2018-02-19' });
    expect(cabinetDay.hits.length).toBeGreaterThan(0);
    expect(cabinetDay.hits.every((h) => h.date === '2018-02-19')).toBe(true);

    const minutes = await services.search.search({ q: 'response', type: ['minute', 'resolution'] });
    expect(new Set(minutes.hits.map((h) => h.kind))).toEqual(new Set(['minute', 'resolution']));
  });

  it('refuses impossible dates, unknown types and unknown bodies', async () => {
    await expect(services.search.search({ q: 'x', from: '31/02/2026' })).rejects.toBeInstanceOf(ValidationError);
    await expect(services.search.search({ q: 'x', type: 'spells' })).rejects.toBeInstanceOf(ValidationError);
    await expect(services.search.search({ q: 'x', body: 'no-such-body' })).rejects.toBeInstanceOf(ValidationError);
    await expect(services.search.search({ q: 'x', from: '2018-03-01', to: '2018-02-01' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('takes any typed punctuation without error and suggests what to try when nothing matches', async () => {
    const odd = await services.search.search({ q: 'NEAR( "partner" OR * -: ^ \' & | ! < >' });
    expect(odd.total).toBeGreaterThanOrEqual(0);

    const none = await services.search.search({ q: 'partner zebra' });
    expect(none.total).toBe(0);
    expect(none.suggestions.perWord).toEqual([expect.objectContaining({ text: 'partner' })]);

    const filtered = await services.search.search({ q: 'partner', type: 'person' });
    expect(filtered.total).toBe(0);
    expect(filtered.suggestions.withoutFilters).toBeGreaterThan(0);
  });

  it('escapes stored HTML in snippets, then marks matches', async () => {
    const r = createRepositories({ db: handle.db, clock: services.clock });
    const issue = await r.issues.create({ slug: 'script-test', title: 'Scripted <b>issue</b>', summary: 'A note with <script>alert("zebra")</script> in it' });
    expect(await services.searchIndex.reindex('issue', issue.id)).toEqual({ indexed: true });
    const result = await services.search.search({ q: 'zebra' });
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]!.snippetHtml).toBe('A note with &lt;script&gt;alert(&quot;<mark>zebra</mark>&quot;)&lt;/script&gt; in it');
    expect(result.hits[0]!.title).toBe('Scripted <b>issue</b>');
  });

  it('pages through results', async () => {
    const first = await services.search.search({ q: 'services' });
    expect(first.total).toBeGreaterThan(20);
    const second = await services.search.search({ q: 'services', page: '2' });
    expect(second.page).toBe(2);
    const ids = new Set(first.hits.map((h) => `${h.kind}:${h.recordId}`));
    expect(second.hits.some((h) => ids.has(`${h.kind}:${h.recordId}`))).toBe(false);
  });

  it('writes a rebuilt index in date order, undated records last, so the newest matches have the highest ids', async () => {
    await services.searchIndex.reindexAll();
    const rows = await handle.db.selectFrom('search_documents').select(['id', 'date']).orderBy('id').execute();
    const dates = rows.map((r) => r.date);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(dates.indexOf(null)).toBe(dated.length);
  });

  it('says "more than 1,000" for a common word, pages through the first 1,000, and ranks title matches first, newest first', async () => {
    const r = createRepositories({ db: handle.db, clock: services.clock });
    // More matches than are ranked: the newest of them are ranked, and every title match among them comes first.
    const count = SEARCH_RANK_POOL + 100;
    const documents = Array.from({ length: count }, (_, i) => {
      const date = `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      return {
        kind: 'issue',
        record_id: 900_000 + i,
        organisation_id: null,
        date,
        url_key: `kookaburra-${i}`,
        title: i % 500 === 0 ? `Kookaburra report ${i}` : `Item ${i}`,
        body_text: `Notes on the kookaburra survey number ${i}.`,
      };
    }).sort((a, b) => (a.date < b.date ? -1 : 1));
    await r.search.insertMany(documents);

    const first = await services.search.search({ q: 'kookaburra' });
    expect(first.more).toBe(true);
    expect(first.total).toBe(SEARCH_RESULT_LIMIT);
    expect(first.pageCount).toBe(SEARCH_RESULT_LIMIT / 20);
    const titled = first.hits.filter((h) => h.title.startsWith('Kookaburra'));
    expect(first.hits.slice(0, titled.length)).toEqual(titled);
    expect(titled.length).toBeGreaterThan(0);
    const rest = first.hits.slice(titled.length).map((h) => h.date!);
    expect(rest).toEqual([...rest].sort().reverse());

    const last = await services.search.search({ q: 'kookaburra', page: String(first.pageCount) });
    expect(last.hits).toHaveLength(20);
    const past = await services.search.search({ q: 'kookaburra', page: String(first.pageCount + 1) });
    expect(past.hits).toEqual([]);

    const narrow = await services.search.search({ q: 'kookaburra report' });
    expect(narrow.more).toBe(false);
    expect(narrow.total).toBe(Math.ceil(count / 500));
    await r.search.clear('issue');
    await services.searchIndex.reindexAll();
  });

  it('never indexes exempt or confidential items, their minutes or documents', async () => {
    const r = createRepositories({ db: handle.db, clock: services.clock });
    const meeting = (await r.meetings.list({ limit: 1, offset: 0 }))[0]!;
    const exempt = await r.meetings.createAgendaItem({
      meeting_id: meeting.id,
      position: 99,
      number: '99',
      title: `Exempt item ${MARKER}`,
      description: `Details ${MARKER}`,
      report_of: null,
      exempt_paragraph: 3,
      urgency_reason: null,
      issue_id: null,
      source_system: null,
      source_id: null,
    });
    const confidential = await r.meetings.createAgendaItem({
      meeting_id: meeting.id,
      position: 100,
      number: '100',
      title: `Confidential ${MARKER}`,
      description: null,
      report_of: null,
      exempt_paragraph: null,
      is_confidential: 1,
      urgency_reason: null,
      issue_id: null,
      source_system: null,
      source_id: null,
    });
    await r.minutes.createMinute({
      organisation_id: meeting.organisation_id,
      meeting_id: meeting.id,
      agenda_item_id: exempt.id,
      number: 999,
      municipal_year: 2017,
      title: `Minute ${MARKER}`,
      body: MARKER,
      further_to_minute_id: null,
    });
    const doc = {
      title: `Report ${MARKER}`,
      kind: 'report',
      meeting_id: meeting.id,
      review_id: null,
      url: null,
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: null,
      storage_key: null,
      text_content: `Body ${MARKER}`,
      published_on: null,
      source_system: null,
      source_id: null,
    };
    await r.documents.create({ ...doc, slug: 'exempt-doc', agenda_item_id: null, exempt_paragraph: 1 });
    await r.documents.create({ ...doc, slug: 'public-doc-on-exempt-item', agenda_item_id: exempt.id, exempt_paragraph: null });
    await r.documents.create({ ...doc, slug: 'confidential-doc', agenda_item_id: null, exempt_paragraph: null, is_confidential: 1 });

    await services.searchIndex.reindexAll();
    expect(await services.searchIndex.reindex('agenda_item', exempt.id)).toEqual({ indexed: false });
    expect(await services.searchIndex.reindex('agenda_item', confidential.id)).toEqual({ indexed: false });
    await services.searchIndex.reindex('meeting', meeting.id);
    for (const q of [MARKER, 'marker', '7731', 'exempt']) {
      const result = await services.search.search({ q });
      expect(JSON.stringify(result.hits)).not.toContain('7731');
    }
    const rows = await handle.db.selectFrom('search_documents').select(['title', 'body_text']).execute();
    expect(JSON.stringify(rows)).not.toContain('7731');
  });
});
