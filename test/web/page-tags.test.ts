// A write lets go of only the stored pages that showed what it changed: another meeting's, review's or issue's page and the lists stay stored, the written record's pages and the feeds go, the tracker goes when what it counts changed or a row it lists was written, a record made exempt leaves every page that showed it at once, and a list lets go when a record it prints changes or joins it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { ReviewStatus } from '../../src/domain/vocabulary.ts';
import { addOfficer } from '../support/accounts.ts';
import { agendaItem, body, meeting } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';

describe.each(testDialects())('stored pages let go by what they show, on %s', (dialect) => {
  let database: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let officer: Actor;
  /** Requests that reached a route (a stored page is answered before any route runs), by address. */
  const rendered = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDb(dialect);
    services = createServices({ database, clock: fixedClock('2026-03-02T10:00:00Z') });
    app = await buildApp({ services });
    app.addHook('preHandler', (request, _reply, done) => {
      rendered.set(request.url, (rendered.get(request.url) ?? 0) + 1);
      done();
    });
    await app.ready();
    officer = await addOfficer(services);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** Asks for each page as an anonymous visitor: their bodies by address. */
  async function visit(...urls: string[]): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      bodies.set(url, response.body);
    }
    return bodies;
  }
  const renders = (url: string) => rendered.get(url) ?? 0;

  /**
   * Asks for each page until it is answered from store. A page rendered while the change token
   * moved is not kept, and on PostgreSQL the first reads after a write move it (the server's log
   * position moves as it sets hint bits), so the first rendering may not be the one kept.
   */
  async function stored(...urls: string[]): Promise<void> {
    for (const url of urls) {
      await vi.waitFor(async () => {
        const before = renders(url);
        await visit(url);
        expect(renders(url), url).toBe(before);
      });
    }
  }

  async function twoMeetings() {
    const committee = await body(database, { name: 'Overview and Scrutiny', kind: 'scrutiny_committee' });
    const a = await meeting(database, { organisation_id: committee.id, meeting_date: '2026-02-10' });
    const b = await meeting(database, { organisation_id: committee.id, meeting_date: '2026-02-17' });
    const item = await agendaItem(database, { meeting_id: a.id, title: 'Library opening hours' });
    await agendaItem(database, { meeting_id: b.id, title: 'Parks and open spaces' });
    return { a, b, item, pages: [paths.meeting(a.slug), paths.meeting(b.slug), paths.tracker(), paths.decisionsFeed()] };
  }

  it('a minute of meeting A lets go of A and the feeds, and leaves meeting B and the tracker stored', async () => {
    const { a, b, pages } = await twoMeetings();
    await stored(...pages);
    const before = new Map(pages.map((url) => [url, renders(url)]));

    await services.meetingWorkspace.addMinute(officer, a.id, { number: '12', title: 'Apologies', body: 'Apologies were received from Councillor Jones.' });
    const after = await visit(...pages);
    expect(after.get(paths.meeting(a.slug))).toContain('Apologies were received from Councillor Jones.');
    expect(renders(paths.meeting(a.slug))).toBe(before.get(paths.meeting(a.slug))! + 1);
    // The minute made no recommendation: nothing the tracker lists or counts changed.
    expect(renders(paths.tracker())).toBe(before.get(paths.tracker())!);
    expect(renders(paths.decisionsFeed())).toBe(before.get(paths.decisionsFeed())! + 1);
    expect(renders(paths.meeting(b.slug))).toBe(before.get(paths.meeting(b.slug))!);
  });

  it('an agenda item made exempt leaves the page that showed it at once', async () => {
    const { a, b, item } = await twoMeetings();
    const pageA = paths.meeting(a.slug);
    const description = 'Opening hours at the central library, by branch';
    const opened = (await services.meetingWorkspace.agendaItem(officer, item.id)).item;
    const saved = await services.meetingWorkspace.updateAgendaItem(officer, item.id, { version: String(opened.version), title: item.title, description });
    expect((await visit(pageA)).get(pageA)).toContain(description);
    await stored(pageA, paths.meeting(b.slug));
    const rendersOfB = renders(paths.meeting(b.slug));

    await services.meetingWorkspace.updateAgendaItem(officer, item.id, {
      version: String(saved.version),
      title: item.title,
      description,
      exemptParagraph: '3',
    });
    expect((await visit(pageA)).get(pageA)).not.toContain(description);
    await visit(paths.meeting(b.slug));
    expect(renders(paths.meeting(b.slug))).toBe(rendersOfB);
  });

  /** How many times each page was rendered so far. */
  const rendersOf = (urls: readonly string[]) => new Map(urls.map((url) => [url, renders(url)]));
  const lists = [paths.home(), paths.meetings(), paths.committees(), paths.reviews(), paths.people(), paths.issues()];

  const respond = (slug: string, number: number, agreedMeeting: string) =>
    services.recommendations.respond(
      slug,
      number,
      {
        decision: 'accepted',
        responseText: 'Agreed.',
        proposedAction: 'Pilot at two branches',
        responsibleName: 'Head of Libraries',
        actionByDate: '2026-06-30',
        agreedMeeting,
      },
      'system',
    );

  it('progress on a recommendation lets go of its review and its own page, and leaves another review, the lists and the home page stored', async () => {
    const a = await createTestReview(database, 'tags-progress-a');
    const b = await createTestReview(database, 'tags-progress-b');
    await respond(a.review.slug, 1, a.responseMeeting.slug);
    const progress = (narrative: string) =>
      services.recommendations.addProgress(a.review.slug, 1, { updateDate: '2026-03-02', status: 'on_track', rag: 'green', narrative }, 'system');
    await progress('Work has begun at two branches.');
    const reviewA = paths.review(a.review.slug);
    const recommendationA = paths.recommendation(a.review.slug, 1);
    const others = [paths.review(b.review.slug), paths.recommendation(b.review.slug, 1), ...lists];
    await stored(reviewA, recommendationA, ...others);
    const before = rendersOf([reviewA, recommendationA, ...others]);

    await progress('Opening hours extended at the central library.');
    const after = await visit(reviewA, recommendationA, ...others);
    expect(after.get(recommendationA)).toContain('Opening hours extended at the central library.');
    expect(renders(reviewA)).toBe(before.get(reviewA)! + 1);
    expect(renders(recommendationA)).toBe(before.get(recommendationA)! + 1);
    for (const url of others) expect(renders(url), url).toBe(before.get(url));
  });

  it('a response that changes a review’s status lets go of the reviews list, which prints it', async () => {
    const c = await createTestReview(database, 'tags-status-c');
    const status = async () =>
      (await database.db.selectFrom('scrutiny_reviews').select('status').where('id', '=', c.review.id).executeTakeFirstOrThrow()).status;
    /** The reviews list's row for this review. */
    const row = (page: string) => page.split('<tr').find((tr) => tr.includes(`href="${paths.review(c.review.slug)}"`)) ?? '';
    const first = await status();
    expect(row((await visit(paths.reviews())).get(paths.reviews())!)).toContain(ReviewStatus.label(first));
    await stored(paths.reviews());
    const before = renders(paths.reviews());

    for (const number of [1, 2, 3]) await respond(c.review.slug, number, c.responseMeeting.slug);
    const now = await status();
    expect(now).not.toBe(first);
    expect(row((await visit(paths.reviews())).get(paths.reviews())!)).toContain(ReviewStatus.label(now));
    expect(renders(paths.reviews())).toBe(before + 1);
  });

  async function issueWithItem(name: string, values: { meetingId: number; isDraft: boolean }) {
    const issue = await database.db
      .insertInto('issues')
      .values({
        slug: `tags-${name}`,
        title: `Issue ${name}`,
        summary: null,
        version: 1,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = await agendaItem(database, {
      meeting_id: values.meetingId,
      title: `The ${name} report`,
      issue_id: issue.id,
      is_draft: values.isDraft ? 1 : 0,
    });
    return { issue, item, page: paths.issue(issue.slug) };
  }

  it('an agenda item written lets go of its issue’s page and leaves another issue’s page stored', async () => {
    const committee = await body(database, { name: 'Housing Scrutiny', kind: 'scrutiny_committee' });
    const held = await meeting(database, { organisation_id: committee.id, meeting_date: '2026-02-12' });
    const x = await issueWithItem('rough-sleeping', { meetingId: held.id, isDraft: false });
    const y = await issueWithItem('empty-homes', { meetingId: held.id, isDraft: false });
    await stored(x.page, y.page);
    const before = rendersOf([x.page, y.page]);

    const opened = (await services.meetingWorkspace.agendaItem(officer, x.item.id)).item;
    await services.meetingWorkspace.updateAgendaItem(officer, x.item.id, { version: String(opened.version), title: 'Rough sleeping: the winter shelter' });
    expect((await visit(x.page)).get(x.page)).toContain('Rough sleeping: the winter shelter');
    expect(renders(x.page)).toBe(before.get(x.page)! + 1);
    await visit(y.page);
    expect(renders(y.page)).toBe(before.get(y.page));
  });

  it('publishing an agenda brings its draft item onto the page of the issue it is linked to', async () => {
    const committee = await body(database, { name: 'Environment Scrutiny', kind: 'scrutiny_committee' });
    const coming = await meeting(database, { organisation_id: committee.id, meeting_date: '2026-03-30', status: 'scheduled', agenda_published_on: null });
    const x = await issueWithItem('air-quality', { meetingId: coming.id, isDraft: true });
    expect((await visit(x.page)).get(x.page)).not.toContain('The air-quality report');
    await stored(x.page);

    await services.meetingWorkspace.publishAgenda(officer, coming.id, {
      version: String(coming.version),
      urgencyReason: 'Papers were delayed by the consultation',
    });
    expect((await visit(x.page)).get(x.page)).toContain('The air-quality report');
  });

  it('a new meeting joins the meetings list, the home page and its committee’s page, and leaves a review stored', async () => {
    const committee = await body(database, { name: 'Health Scrutiny', kind: 'scrutiny_committee' });
    const d = await createTestReview(database, 'tags-meeting-d');
    const pages = [paths.meetings(), paths.home(), paths.committee(committee.slug)];
    await stored(...pages, paths.review(d.review.slug));
    const before = rendersOf([...pages, paths.review(d.review.slug)]);

    const created = await services.meetingWorkspace.createMeeting(officer, {
      organisationId: String(committee.id),
      meetingDate: '2026-03-04',
      location: 'Town Hall',
    });
    const after = await visit(...pages, paths.review(d.review.slug));
    for (const url of pages) {
      expect(after.get(url), url).toContain(`href="${paths.meeting(created.slug)}"`);
      expect(renders(url), url).toBe(before.get(url)! + 1);
    }
    expect(renders(paths.review(d.review.slug))).toBe(before.get(paths.review(d.review.slug)));
  });

  it('the tracker goes when what it counts changes or a recommendation it lists is written, and stays otherwise', async () => {
    const e = await createTestReview(database, 'tags-tracker-e');
    const f = await createTestReview(database, 'tags-tracker-f');
    await respond(e.review.slug, 1, e.responseMeeting.slug);
    await respond(f.review.slug, 1, f.responseMeeting.slug);
    const progress = (slug: string, narrative: string) =>
      services.recommendations.addProgress(slug, 1, { updateDate: '2026-03-02', status: 'on_track', rag: 'green', narrative }, 'system');
    const everything = paths.tracker();
    const onlyE = paths.tracker({ committee: e.committee.slug });
    const onlyF = paths.tracker({ committee: f.committee.slug });
    const summary = (url: string) => (async () => (await visit(url)).get(url)!)();

    // F's first progress changes its latest status: every tracker page counts it.
    await stored(everything, onlyE, onlyF);
    let before = rendersOf([everything, onlyE, onlyF]);
    await progress(f.review.slug, 'Consultation with branch staff has begun.');
    await visit(everything, onlyE, onlyF);
    for (const url of [everything, onlyE, onlyF]) expect(renders(url), url).toBe(before.get(url)! + 1);

    // A second update with the same status changes no count: only the pages listing F's recommendation go.
    await stored(everything, onlyE, onlyF);
    before = rendersOf([everything, onlyE, onlyF]);
    await progress(f.review.slug, 'Consultation closes at the end of the month.');
    expect(await summary(onlyF)).toContain('On track');
    expect(renders(onlyF)).toBe(before.get(onlyF)! + 1);
    await visit(everything, onlyE);
    expect(renders(everything)).toBe(before.get(everything)! + 1);
    expect(renders(onlyE)).toBe(before.get(onlyE));
  });
});
