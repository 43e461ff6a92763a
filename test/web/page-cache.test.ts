// The in-process page cache: reuses a rendered page until a write (here or by another connection) and never for a visitor with cookies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, DATA_VERSION_MS, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-page-cache-'));
const file = path.join(dir, 'cache.db');
let database: DatabaseHandle;
let other: DatabaseHandle;
let app: FastifyInstance;
let renders = 0;
let slowRenders = 0;
/** Requests Fastify itself handled (its onResponse hooks run for every request it sees). */
let reachedFastify = 0;
/**
 * The clock the services, the database handles and the page cache read: the tests move it forward
 * (never back) instead of waiting, so nothing depends on how busy the machine is.
 */
let now = new Date('2024-05-01T10:00:00Z');
const clock = { now: () => new Date(now) };
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
/** The slow page waits on this, so that requests arrive while it renders. */
let slowGate: Promise<void> = Promise.resolve();
/** Requests the HTTP server has received (counted as they arrive, before anything answers them). */
let arrived = 0;

beforeAll(async () => {
  database = await createDb(file, { clock });
  await migrateToLatest(database.db);
  other = await createDb(file, { clock });
  app = await buildApp({
    services: createServices({ database, clock }),
    mail: { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' },
  });
  // A page that counts its renderings and shows what the database holds.
  app.get('/test/issues', async (_request, reply) => {
    renders += 1;
    const count = await createRepositories({ db: database.db, clock }).issues.count();
    return reply.view({ raw: '{% extends "layout.njk" %}{% block content %}<p>{{ n }} issues</p>{% endblock %}' } as never, { n: count });
  });
  // A page that takes a while to render, so that requests for it arrive while it renders.
  app.get('/test/slow', async (_request, reply) => {
    slowRenders += 1;
    await slowGate;
    return reply.view({ raw: '{% extends "layout.njk" %}{% block content %}<p>slow {{ n }}</p>{% endblock %}' } as never, { n: slowRenders });
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    reachedFastify += 1;
    done();
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await other.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Past the second in which a write's transaction may still be open (page-cache.ts SETTLE_MS). */
const settle = () => advance(1100);
/** Another connection's commit is seen once the server reads SQLite's data_version again. */
const seen = () => advance(DATA_VERSION_MS + 1);

describe('page cache', () => {
  it('renders a page once, then reuses the same bytes, headers and tag, and answers 304 from the stored tag', async () => {
    settle();
    const first = await app.inject({ method: 'GET', url: '/test/issues' });
    const second = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(renders).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.body).toContain('0 issues');
    for (const name of ['content-type', 'content-length', 'content-security-policy', 'x-frame-options', 'cache-control', 'vary', 'etag']) {
      expect(second.headers[name], name).toBe(first.headers[name]);
    }
    const revalidated = await app.inject({ method: 'GET', url: '/test/issues', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(first.headers.etag);
    expect(revalidated.headers['content-type']).toBeUndefined();
    const head = await app.inject({ method: 'HEAD', url: '/test/issues' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
    expect(renders).toBe(1);
  });

  it('keeps a page per host, since pages may carry the address they were asked at', async () => {
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    await app.inject({ method: 'GET', url: '/test/issues', headers: { host: 'other.example' } });
    expect(renders).toBe(before + 1);
  });

  it('never keeps a page with a CSRF token, which is tied to the cookie it sets', async () => {
    const first = await app.inject({ method: 'GET', url: '/follow?type=review&id=1' });
    const second = await app.inject({ method: 'GET', url: '/follow?type=review&id=1' });
    const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    expect(token(first.body)).toBeTruthy();
    expect(token(second.body)).not.toBe(token(first.body));
    expect(second.headers['set-cookie']).toBeTruthy();
    expect(first.headers['cache-control']).toBe('private, no-store');
  });

  it('lets go of a page as soon as this process writes', async () => {
    const before = renders;
    await createRepositories({ db: database.db, clock }).issues.create({ slug: 'one', title: 'One', summary: null });
    const response = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(response.body).toContain('1 issues');
    expect(renders).toBe(before + 1);
  });

  it('lets go of a page when another connection commits to the same SQLite file, within DATA_VERSION_MS', async () => {
    settle();
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    await app.inject({ method: 'GET', url: '/test/issues' });
    expect(renders).toBe(before);
    await createRepositories({ db: other.db, clock }).issues.create({ slug: 'two', title: 'Two', summary: null });
    seen();
    const response = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(response.body).toContain('2 issues');
    expect(renders).toBe(before + 1);
  });

  it('lets go of a page at midnight in London, when deadlines and lateness are counted from a new day', async () => {
    now = new Date('2024-05-01T22:59:50Z');
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    // 23:59:58 British Summer Time: the same day, the stored page is answered.
    now = new Date('2024-05-01T22:59:58Z');
    await app.inject({ method: 'GET', url: '/test/issues' });
    expect(renders).toBe(before);
    // Two seconds later it is 2 May in London (still 1 May in UTC): rendered again.
    now = new Date('2024-05-01T23:00:00Z');
    await app.inject({ method: 'GET', url: '/test/issues' });
    expect(renders).toBe(before + 1);
    await app.inject({ method: 'GET', url: '/test/issues' });
    expect(renders).toBe(before + 1);
  });

  it('never serves or keeps a page for a visitor who sends cookies', async () => {
    settle();
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    await app.inject({ method: 'GET', url: '/test/issues', headers: { cookie: 'csrf=abc' } });
    await app.inject({ method: 'GET', url: '/test/issues', headers: { cookie: 'scrutineer_session=xyz' } });
    expect(renders).toBe(before + 2);
  });
});

describe('page cache in front of Fastify', () => {
  // Closed with the app in afterAll.
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(app);
    app.server.on('request', () => {
      arrived += 1;
    });
  });

  it('renders a page once for requests that arrive while it renders, and a HEAD first still stores the whole page', async () => {
    const head = await fetch(`${server.url}/test/slow`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(slowRenders).toBe(1);
    const afterHead = await fetch(`${server.url}/test/slow`);
    expect(await afterHead.text()).toContain('slow 1');
    expect(slowRenders).toBe(1);
    // A write lets go of every page; the next requests for it all wait for one rendering.
    await createRepositories({ db: other.db, clock }).issues.create({ slug: 'four', title: 'Four', summary: null });
    seen();
    let open = () => undefined as void;
    slowGate = new Promise((resolve) => {
      open = resolve;
    });
    const from = arrived;
    const pending = Promise.all(Array.from({ length: 6 }, () => fetch(`${server.url}/test/slow`).then((r) => r.text())));
    // The rendering is held until all six have reached the server: five wait for the first.
    await vi.waitFor(() => expect(arrived - from).toBe(6));
    open();
    const bodies = await pending;
    expect(slowRenders).toBe(2);
    for (const body of bodies) expect(body).toContain('slow 2');
  });

  it('answers a stored page from the HTTP server, and renders again after a write or for a visitor with cookies', async () => {
    settle();
    {
      const get = async (headers: Record<string, string> = {}) => {
        const response = await fetch(`${server.url}/test/issues`, { headers });
        return {
          status: response.status,
          body: await response.text(),
          etag: response.headers.get('etag'),
          csp: response.headers.get('content-security-policy'),
        };
      };
      const first = await get();
      const before = renders;
      const handled = reachedFastify;
      const second = await get();
      expect(renders).toBe(before);
      // The HTTP server answered it: no routing, hooks or reply object.
      expect(reachedFastify).toBe(handled);
      expect(second).toEqual(first);
      expect(first.csp).toContain("frame-ancestors 'none'");
      expect((await get({ 'if-none-match': String(first.etag) })).status).toBe(304);
      await get({ cookie: 'scrutineer_session=xyz' });
      expect(renders).toBe(before + 1);
      await createRepositories({ db: other.db, clock }).issues.create({ slug: 'three', title: 'Three', summary: null });
      seen();
      expect((await get()).body).toContain('4 issues');
      expect(renders).toBe(before + 2);
    }
  });
});
