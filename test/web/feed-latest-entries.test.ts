// The Atom feeds over an archive with more entries than a feed carries: the newest entries exactly as sorting the whole record gives them, withheld decisions left out, on both engines.
import { parseFeed } from '@rowanmanning/feed-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { groupBy } from '../../src/domain/group-by.ts';
import { serialiseAtom } from '../../src/export/atom.ts';
import { createRepositories, type Repositories } from '../../src/repositories/index.ts';
import { createArchiveGenerator } from '../../src/services/archive-generator.ts';
import { FEED_ENTRY_LIMIT } from '../../src/services/feed-service.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { presentDecisionsFeed, presentProgressFeed, type Site } from '../../src/web/presenters/feed-presenter.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const NOW = '2025-04-01T10:00:00Z';
const HOST = 'democracy.example.gov.uk';

/**
 * The feed's entries as reading every recommendation with all its progress gives them: each response
 * and progress update, newest date first, then the latest change; equal ones in the order of the
 * recommendations (review report date, newest first, then review and number), responses before
 * progress, progress in the order it was recorded.
 */
async function everyProgressEvent(r: Repositories, reviewId?: number) {
  const recommendations = await r.openData.allRecommendations(reviewId);
  const progressOf = groupBy(await r.openData.progress(recommendations.map((x) => x.id)), (p) => p.recommendation_id);
  const rows = recommendations.map((x) => ({ ...x, progress: progressOf.get(x.id) ?? [] }));
  return [
    ...rows
      .filter((x) => x.response_id !== null)
      .map((x) => ({
        type: 'response' as const,
        id: x.response_id!,
        recommendation: x,
        date: x.responded_on,
        updatedAt: x.response_updated_at!,
      })),
    ...rows.flatMap((x) =>
      x.progress.map((p) => ({
        type: 'progress' as const,
        id: p.id,
        recommendation: x,
        date: p.update_date,
        updatedAt: p.created_at,
        update: p,
      })),
    ),
  ].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.updatedAt.localeCompare(a.updatedAt));
}

const key = (e: { date: string | null; updatedAt: string }) => `${e.date} ${e.updatedAt}`;

describe.each(testDialects())('feeds over a generated archive on %s', (dialect) => {
  let database: TestDb;
  let services: Services;
  let repos: Repositories;
  let app: FastifyInstance;
  let site: Site;
  /** Resolutions among the newest that were made withheld, one for each way an item is withheld. */
  let withheld: number[];
  /** A review whose response was recorded without a date, and the recommendation it was to. */
  let undated: { slug: string; id: number; recommendationId: number };

  beforeAll(async () => {
    database = await createTestDb(dialect);
    await createArchiveGenerator({ db: database.db }).generate({ years: 2, seed: 5 });
    const db = database.db;

    // What real records hold and the generator does not.
    const newest = await db
      .selectFrom('executive_responses as er')
      .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
      .select(['rec.review_id', 'er.responded_on'])
      .orderBy('er.responded_on', 'desc')
      .orderBy('rec.review_id')
      .limit(60)
      .execute();
    const reviewIds = [...new Set(newest.map((x) => x.review_id))];
    expect(reviewIds.length).toBeGreaterThan(3);

    // A response recorded without a date: last in its review's feed.
    const response = await db
      .selectFrom('executive_responses as er')
      .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
      .innerJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
      .select(['er.id', 'rec.id as recommendation_id', 'rv.slug', 'rv.id as review_id'])
      .where('rec.review_id', '=', reviewIds[1]!)
      .orderBy('rec.number')
      .executeTakeFirstOrThrow();
    await db.updateTable('executive_responses').set({ responded_on: null }).where('id', '=', response.id).execute();
    undated = { slug: response.slug, id: response.review_id, recommendationId: response.recommendation_id };

    // Responses of three reviews recorded on the day and at the moment of the newest progress update,
    // and a progress update of each at that moment, two for one of them: ties at the top of the feed
    // that only the record's order settles.
    const top = await db
      .selectFrom('progress_updates')
      .select(['update_date', 'created_at'])
      .orderBy('update_date', 'desc')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const answered = await db
      .selectFrom('executive_responses as er')
      .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
      .select(['er.id', 'er.recommendation_id', 'rec.review_id'])
      .where('er.responded_on', 'is not', null)
      .orderBy('er.responded_on', 'desc')
      .orderBy('er.id')
      .limit(60)
      .execute();
    const tied = [...new Map(answered.map((x) => [x.review_id, x])).values()].slice(0, 3);
    expect(tied).toHaveLength(3);
    await db
      .updateTable('executive_responses')
      .set({ responded_on: top.update_date, updated_at: top.created_at })
      .where(
        'id',
        'in',
        tied.map((x) => x.id),
      )
      .execute();
    const tie = {
      update_date: top.update_date,
      status: 'on_track',
      rag: 'green',
      previous_target_date: null,
      new_target_date: null,
      slip_reason: null,
      author_name: null,
      created_at: top.created_at,
    };
    for (const x of tied) await make.progressUpdate(database, { ...tie, recommendation_id: x.recommendation_id, narrative: 'Work has begun.' });
    await make.progressUpdate(database, { ...tie, recommendation_id: tied[0]!.recommendation_id, narrative: 'A lead officer has been named.' });

    // A review without a report date among reviews whose entries in the feed are equal in date and time:
    // equal entries follow the recommendations' order, report date first, and each engine places a
    // missing one where it places nulls.
    repos = createRepositories({ db, clock: fixedClock(NOW) });
    const groups = groupBy((await everyProgressEvent(repos)).slice(0, FEED_ENTRY_LIMIT), key);
    const shared = [...groups.values()]
      .map((g) => [...new Set(g.filter((e) => e.type === 'response').map((e) => e.recommendation.review_id))])
      .find((ids) => ids.length >= 3);
    expect(shared).toBeDefined();
    await db.updateTable('scrutiny_reviews').set({ report_date: null }).where('id', '=', shared![1]!).execute();

    // Decisions among the newest made withheld: an exempt item, a confidential one, a restricted one.
    const recent = await db
      .selectFrom('resolutions as r')
      .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
      .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
      .innerJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
      .select(['r.id', 'ai.id as item_id'])
      .where('ai.exempt_paragraph', 'is', null)
      .where('ai.is_confidential', '=', 0)
      .where('ai.is_restricted', '=', 0)
      .orderBy('m.meeting_date', 'desc')
      .orderBy('r.id', 'desc')
      .limit(30)
      .execute();
    const [exempt, confidential, restricted] = [recent[3]!, recent[11]!, recent[25]!];
    await db.updateTable('agenda_items').set({ exempt_paragraph: 3 }).where('id', '=', exempt.item_id).execute();
    await db.updateTable('agenda_items').set({ is_confidential: 1 }).where('id', '=', confidential.item_id).execute();
    await db.updateTable('agenda_items').set({ is_restricted: 1 }).where('id', '=', restricted.item_id).execute();
    withheld = [exempt.id, confidential.id, restricted.id];

    services = createServices({ database, clock: fixedClock(NOW) });
    app = await buildApp({ services });
    site = { origin: `http://${HOST}`, hostname: HOST, councilName: services.councilName };
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const get = async (url: string) => {
    const response = await app.inject({ url, headers: { host: HOST } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('carries the newest hundred responses and progress updates of the whole archive, as sorting all of them gives', async () => {
    const every = await everyProgressEvent(repos);
    expect(every.length).toBeGreaterThan(FEED_ENTRY_LIMIT * 5);
    // Entries equal in date and time run across the hundredth, so which of them make the feed is decided by their order.
    expect(key(every[FEED_ENTRY_LIMIT - 1]!)).toBe(key(every[FEED_ENTRY_LIMIT]!));
    const events = every.slice(0, FEED_ENTRY_LIMIT);
    expect(events.some((e) => e.type === 'response') && events.some((e) => e.type === 'progress')).toBe(true);

    const body = await get('/recommendations.atom');
    expect(body).toBe(serialiseAtom(presentProgressFeed(site, { review: null, events }, NOW)));
    const feed = parseFeed(body);
    expect(feed.items).toHaveLength(FEED_ENTRY_LIMIT);
    expect(feed.items[0]!.title).toMatch(/^Response to recommendation \d+ of .+: /);
  });

  it('carries every response and progress update of one review, the undated response last', async () => {
    const review = await repos.openData.reviewBySlug(undated.slug);
    const events = await everyProgressEvent(repos, undated.id);
    expect(events.length).toBeGreaterThan(3);
    expect(events.length).toBeLessThan(FEED_ENTRY_LIMIT);
    expect(events.at(-1)).toMatchObject({ type: 'response', date: null });

    const body = await get(`/reviews/${undated.slug}/progress.atom`);
    expect(body).toBe(serialiseAtom(presentProgressFeed(site, { review: review!, events }, NOW)));
    const feed = parseFeed(body);
    expect(feed.items).toHaveLength(events.length);
    expect(feed.items.at(-1)!.title).toContain(`Response to recommendation ${events.at(-1)!.recommendation.number} of`);
  });

  it('leaves an undated response out of the site-wide feed, where a hundred dated entries come before it', async () => {
    const body = await get('/recommendations.atom');
    const response = await database.db
      .selectFrom('executive_responses')
      .select('id')
      .where('recommendation_id', '=', undated.recommendationId)
      .executeTakeFirstOrThrow();
    expect(body).not.toContain(`:response/${response.id}<`);
  });

  it('carries the newest hundred public decisions, as the full list of decisions gives them, never a withheld one', async () => {
    const all = await services.feeds.decisions();
    const body = await get('/decisions.atom');
    expect(body).toBe(serialiseAtom(presentDecisionsFeed(site, all.slice(0, FEED_ENTRY_LIMIT), NOW)));
    const ids = parseFeed(body).items.map((i) => Number(/decision\/(\d+)$/.exec(i.id ?? '')![1]));
    expect(ids).toHaveLength(FEED_ENTRY_LIMIT);
    for (const id of withheld) expect(ids).not.toContain(id);
    // Newest meeting first, and the withheld ones were among the newest.
    const dates = all.slice(0, FEED_ENTRY_LIMIT).map((d) => d.meeting_date);
    expect(dates).toEqual([...dates].sort().reverse());
    const withheldDates = await database.db
      .selectFrom('resolutions as r')
      .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
      .innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
      .select('m.meeting_date')
      .where('r.id', 'in', withheld)
      .execute();
    for (const { meeting_date } of withheldDates) expect(meeting_date >= dates.at(-1)!).toBe(true);
  });
});
