// Following by email under attack, on both engines: links in confirmation emails come only from BASE_URL, never a forged Host; confirmations to one address are de-duplicated and rate-limited.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices } from '../../src/services/index.ts';
import { MAX_FOLLOW_CONFIRMATIONS_PER_DAY } from '../../src/services/notification-service.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, workspaceClient } from '../support/workspace-client.ts';

const MAIL = { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' };

describe.each(testDialects())('following by email on %s', (dialect) => {
  let database: TestDb;
  let app: FastifyInstance;
  let unconfigured: FastifyInstance;
  let targets: { entityType: string; entityId: string }[];
  const savedBaseUrl = process.env['BASE_URL'];

  beforeAll(async () => {
    database = await createTestDb(dialect);
    const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services, mail: MAIL });
    // As a server started without BASE_URL.
    delete process.env['BASE_URL'];
    unconfigured = await buildApp({ services });
    const reviews = await database.db.selectFrom('scrutiny_reviews').select('id').orderBy('id').execute();
    const recommendations = await database.db.selectFrom('recommendations').select('id').orderBy('id').execute();
    targets = [
      ...reviews.map((r) => ({ entityType: 'review', entityId: String(r.id) })),
      ...recommendations.map((r) => ({ entityType: 'recommendation', entityId: String(r.id) })),
    ];
  }, 120_000);
  afterAll(async () => {
    if (savedBaseUrl !== undefined) process.env['BASE_URL'] = savedBaseUrl;
    await app?.close();
    await unconfigured?.close();
    await database?.destroy();
  });

  /** The n-th followable record (round the list). */
  const target = (n: number) => {
    const found = targets[n % targets.length];
    if (!found) throw new Error('the demo has nothing to follow');
    return found;
  };
  const first = () => target(0);

  const confirmationsTo = (email: string) =>
    database.db.selectFrom('outbox').select(['body']).where('recipient', '=', email).where('kind', '=', 'follow.confirm').execute();

  /** The form's token and cookie, then one POST with a forged Host header. */
  async function followWithHost(server: FastifyInstance, host: string, fields: Record<string, string>) {
    const visitor = workspaceClient(server);
    const form = await visitor.get(paths.follow());
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const token = form.statusCode === 200 ? csrfTokenIn(form.body) : '';
    return server.inject({
      method: 'POST',
      url: paths.follow(),
      headers: { host, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  }

  it('links only to the configured address, whatever Host the request names', async () => {
    const response = await followWithHost(app, 'attacker.example', { ...first(), email: 'host@example.org' });
    expect(response.statusCode).toBe(200);
    const [message, ...more] = await confirmationsTo('host@example.org');
    expect(more).toEqual([]);
    expect(message?.body).toContain(`${MAIL.baseUrl}/follow/confirm/`);
    expect(message?.body).not.toContain('attacker.example');
  });

  it('queues nothing when the site has no BASE_URL, and says following is not available', async () => {
    const review = await database.db.selectFrom('scrutiny_reviews').select('slug').orderBy('id').executeTakeFirstOrThrow();
    const reviewPage = await unconfigured.inject({ url: paths.review(review.slug) });
    expect(reviewPage.body).not.toContain('Get emails when this changes');
    expect((await app.inject({ url: paths.review(review.slug), headers: { cookie: 'fresh=1' } })).body).toContain('Get emails when this changes');
    const page = await unconfigured.inject({ url: paths.follow() });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Emails about changes are not available');
    // With no form there is no CSRF token either: refused one way or the other, and nothing queued.
    const response = await followWithHost(unconfigured, 'attacker.example', { ...first(), email: 'nobase@example.org' });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(await confirmationsTo('nobase@example.org')).toEqual([]);
    expect(await database.db.selectFrom('followers').select('id').where('email', '=', 'nobase@example.org').execute()).toEqual([]);
  });

  it('sends one confirmation per address and record, and a few a day to one address, however fast the requests come', async () => {
    const email = 'victim@example.org';
    // 25 requests at once: the same record again and again, then every record there is.
    const fields = Array.from({ length: 25 }, (_, i) => ({ ...target(i < 10 ? 0 : i), email }));
    const responses = await Promise.all(fields.map((f) => followWithHost(app, 'localhost', f)));
    expect(responses.map((r) => r.statusCode)).toEqual(fields.map(() => 200));
    const queued = await confirmationsTo(email);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.length).toBeLessThanOrEqual(MAX_FOLLOW_CONFIRMATIONS_PER_DAY);

    // One at a time: asking again to follow a record already asked for sends nothing more.
    const calm = 'calm@example.org';
    for (let i = 0; i < 3; i += 1) await followWithHost(app, 'localhost', { ...first(), email: calm });
    expect(await confirmationsTo(calm)).toHaveLength(1);
  });
});
