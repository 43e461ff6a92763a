// A write lets go of only the stored pages that showed what it changed: another meeting's page stays stored, the written meeting's page, the tracker and the feeds go, and a record made exempt leaves every page that showed it at once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { agendaItem, body, meeting } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

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
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dee Ess',
      role: 'democratic_services',
      password: 'officer password 1',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
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

  it('a minute of meeting A lets go of A, the tracker and the feeds, and leaves meeting B stored', async () => {
    const { a, b, pages } = await twoMeetings();
    await stored(...pages);
    const before = new Map(pages.map((url) => [url, renders(url)]));

    await services.meetingWorkspace.addMinute(officer, a.id, { number: '12', title: 'Apologies', body: 'Apologies were received from Councillor Jones.' });
    const after = await visit(...pages);
    expect(after.get(paths.meeting(a.slug))).toContain('Apologies were received from Councillor Jones.');
    expect(renders(paths.meeting(a.slug))).toBe(before.get(paths.meeting(a.slug))! + 1);
    expect(renders(paths.tracker())).toBe(before.get(paths.tracker())! + 1);
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
});
