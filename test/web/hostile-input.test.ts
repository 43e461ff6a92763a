// Hostile addresses and form fields on both engines: ids past 32 bits, NUL characters, far dates, undecodable and very long paths get a 404 or a 400 naming the field, never a 500.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { DEADLINE_RULES, FIRST_DEADLINE_DATE, LAST_DEADLINE_DATE } from '../../src/domain/deadlines.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { encodeCursor } from '../../src/web/routes/api/api-routes.ts';
import { listOf, Problem, Review } from '../../src/web/api-schemas.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { jsonOf } from '../support/json.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { workspaceClient } from '../support/workspace-client.ts';

describe.each(testDialects())('hostile input on %s', (dialect) => {
  let database: TestDb;
  let app: FastifyInstance;
  let reviewId: number;

  beforeAll(async () => {
    database = await createTestDb(dialect);
    const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services, mail: { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' } });
    const reviews = await app.inject({ url: paths.api.collection('reviews') });
    reviewId = jsonOf(reviews, listOf(Review)).data[0]?.id ?? 0;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('answers an API id past the largest integer with 404, and such a filter or cursor with a 400 naming it', async () => {
    for (const url of ['/api/v1/meetings/2147483648', '/api/v1/reviews/9007199254740993', '/api/v1/recommendations/2147483648']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const filters: [string, string][] = [
      ['/api/v1/meetings?body=2147483648', 'body'],
      ['/api/v1/memberships?person=99999999999', 'person'],
      ['/api/v1/recommendations?review=2147483648', 'review'],
      [`/api/v1/meetings?cursor=${encodeCursor(2147483648)}`, 'cursor'],
    ];
    for (const [url, field] of filters) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(
        (jsonOf(response, Problem).errors ?? []).map((e) => e.field),
        url,
      ).toContain(field);
    }
    // The largest id itself is simply one we do not have.
    expect((await app.inject({ url: '/api/v1/meetings/2147483647' })).statusCode).toBe(404);
  });

  it('refuses a NUL character in a query parameter with a 400 naming it, and in a path with 404', async () => {
    for (const [url, field] of [
      ['/search?q=a%00b', 'q'],
      ['/tracker?committee=%00', 'committee'],
      ['/api/v1/meetings?updated_since=%00', 'updated_since'],
    ] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toContain(field);
    }
    for (const url of ['/follow/confirm/abc%00def', '/unsubscribe/abc%00', '/meetings/a%00b', '/reviews/x%00/recommendations/1']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('Page not found');
    }
  });

  it('refuses a NUL character in any form field with a 400 naming the field', async () => {
    const visitor = workspaceClient(app);
    const signIn = await visitor.submit(paths.signIn(), { email: 'clerk\u0000@example.org', password: 'whatever password' });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.body).toContain('email must not contain a NUL character');
    const follow = await visitor.submit(paths.follow(), { entityType: 'review', entityId: String(reviewId), email: 'reader@example.org', note: 'x\u0000' });
    expect(follow.statusCode).toBe(400);
    expect(follow.body).toContain('note must not contain a NUL character');
    const farTarget = await visitor.submit(paths.follow(), { entityType: 'review', entityId: '2147483648', email: 'reader@example.org' });
    expect([400, 404]).toContain(farTarget.statusCode);
  });

  it('answers a deadline from a date outside the calendar with a 400 naming the range, and computes every rule at both ends of it', async () => {
    for (const rule of DEADLINE_RULES) {
      for (const date of ['9999-12-31', '9990-01-01', '0001-01-01', '1979-12-31']) {
        const response = await app.inject({ url: paths.api.deadline(rule, date) });
        expect(response.statusCode, `${rule} ${date}`).toBe(400);
        const problem = jsonOf(response, Problem);
        expect(problem.errors?.map((e) => e.field)).toEqual(['date']);
        expect(problem.errors?.[0]?.message).toContain('from 1 January 1980 to 31 December 9989');
      }
      for (const date of [FIRST_DEADLINE_DATE, LAST_DEADLINE_DATE]) {
        expect((await app.inject({ url: paths.api.deadline(rule, date) })).statusCode, `${rule} ${date}`).toBe(200);
      }
    }
  });

  it('answers an undecodable or very long path with the helpful 404 page', async () => {
    for (const url of ['/meetings/%ff', `/meetings/${'a'.repeat(600)}`, `/reviews/${'b'.repeat(5000)}/response`, '/committees/%c3%28']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url.slice(0, 40)).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('Page not found');
      // The page went through every hook: it carries the security headers.
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const api = await app.inject({ url: '/api/v1/meetings/%ff' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
