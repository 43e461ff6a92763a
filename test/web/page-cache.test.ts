// The in-process page cache: reuses a rendered page until a write (here or by another connection) and never for a visitor with cookies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-page-cache-'));
const file = path.join(dir, 'cache.db');
let database: DatabaseHandle;
let other: DatabaseHandle;
let app: FastifyInstance;
let renders = 0;
const clock = fixedClock('2024-05-01T10:00:00Z');

beforeAll(async () => {
  database = await createDb(file);
  await migrateToLatest(database.db);
  other = await createDb(file);
  app = await buildApp({ services: createServices({ database, clock }) });
  // A page that counts its renderings and shows what the database holds.
  app.get('/test/issues', async (_request, reply) => {
    renders += 1;
    const count = await createRepositories({ db: database.db, clock }).issues.count();
    return reply.view({ raw: '{% extends "layout.njk" %}{% block content %}<p>{{ n }} issues</p>{% endblock %}' } as never, { n: count });
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await other.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('page cache', () => {
  it('renders a page once, then reuses it with a fresh CSP nonce on every response', async () => {
    await settle();
    const first = await app.inject({ method: 'GET', url: '/test/issues' });
    const second = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(renders).toBe(1);
    expect(second.body).toContain('0 issues');
    const nonce = /'nonce-([^']+)'/.exec(String(second.headers['content-security-policy']))?.[1];
    const firstNonce = /'nonce-([^']+)'/.exec(String(first.headers['content-security-policy']))?.[1];
    expect(nonce).not.toBe(firstNonce);
    expect(second.body).toContain(`nonce="${nonce}"`);
    expect(second.body).not.toContain(String(firstNonce));
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it('lets go of a page as soon as this process writes', async () => {
    const before = renders;
    await createRepositories({ db: database.db, clock }).issues.create({ slug: 'one', title: 'One', summary: null });
    const response = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(response.body).toContain('1 issues');
    expect(renders).toBe(before + 1);
  });

  it('lets go of a page when another connection commits to the same SQLite file', async () => {
    await settle();
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    await app.inject({ method: 'GET', url: '/test/issues' });
    expect(renders).toBe(before);
    await createRepositories({ db: other.db, clock }).issues.create({ slug: 'two', title: 'Two', summary: null });
    const response = await app.inject({ method: 'GET', url: '/test/issues' });
    expect(response.body).toContain('2 issues');
    expect(renders).toBe(before + 1);
  });

  it('never serves or keeps a page for a visitor who sends cookies', async () => {
    await settle();
    await app.inject({ method: 'GET', url: '/test/issues' });
    const before = renders;
    await app.inject({ method: 'GET', url: '/test/issues', headers: { cookie: 'csrf=abc' } });
    await app.inject({ method: 'GET', url: '/test/issues', headers: { cookie: 'scrutineer_session=xyz' } });
    expect(renders).toBe(before + 2);
  });
});
