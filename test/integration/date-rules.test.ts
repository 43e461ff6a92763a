// Dates in their order, on both engines through the workspace forms: a refusal is a 400 naming the field (GOV.UK wording), and nothing is written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { mainText } from '../support/page-text.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { signedIn, type WorkspaceClient } from '../support/workspace-client.ts';

describe.each(testDialects())('cross-field date rules on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let client: WorkspaceClient;
  let officer: Actor;
  let bodyId: number;
  let reviewId: number;
  let recId: number;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    app = await buildApp({ services, signInRateLimit: 1000 });
    bodyId = (await make.body(db, { slug: 'osmb', name: 'Overview and Scrutiny Management Board', kind: 'scrutiny_committee' })).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dee Ess',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
    const review = await services.scrutinyWorkspace.createReview(officer, {
      title: 'Home to school transport',
      organisationId: String(bodyId),
      startedOn: '2026-01-10',
      reportDate: '2026-03-01',
      receivedOn: '2026-03-05',
    });
    reviewId = review.id;
    client = await signedIn(app, 'dso@example.org', 'a long password here');
  });
  // Each test answers a recommendation of its own: a response one test saves never meets another.
  // (A review refuses the same words twice, so each recommendation is numbered in its text.)
  let recommendations = 0;
  beforeEach(async () => {
    recommendations += 1;
    const text = `That routes are reviewed each year (${recommendations}).`;
    recId = (await services.scrutinyWorkspace.addRecommendation(officer, reviewId, { text })).id;
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  const responses = () => db.db.selectFrom('executive_responses').select('id').where('recommendation_id', '=', recId).execute();
  const box = (name: string, day: string, month: string, year: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year });
  const response = (extra: Record<string, string>) => ({
    decision: 'accepted',
    responseText: 'Agreed.',
    proposedAction: 'Review the routes.',
    responsibleName: 'Head of Transport',
    ...extra,
  });

  it('refuses a response dated before the executive received the report, naming the date', async () => {
    const refused = await client.submit(
      paths.admin.response(recId),
      response({ ...box('respondedOn', '4', '3', '2026'), ...box('actionByDate', '30', '9', '2026') }),
    );
    expect(refused.statusCode).toBe(400);
    expect(mainText(refused.body)).toContain('The date of the response must be the same as or after 5 March 2026, when the executive received the report');
    expect(refused.body).toContain('href="#respondedOn-day"');
    // What was typed stays in the boxes.
    expect(refused.body).toMatch(/name="respondedOn-day"[^>]*value="4"|value="4"[^>]*name="respondedOn-day"/);
    expect(await responses()).toHaveLength(0);
  });

  it('refuses an action-by date before the response, and a response in the future', async () => {
    const early = await client.submit(
      paths.admin.response(recId),
      response({ ...box('respondedOn', '20', '4', '2026'), ...box('actionByDate', '19', '4', '2026') }),
    );
    expect(early.statusCode).toBe(400);
    expect(mainText(early.body)).toContain('The action by date must be the same as or after 20 April 2026, the date of the response');
    const future = await client.submit(
      paths.admin.response(recId),
      response({ ...box('respondedOn', '16', '6', '2026'), ...box('actionByDate', '30', '9', '2026') }),
    );
    expect(future.statusCode).toBe(400);
    expect(mainText(future.body)).toContain('The date of the response must be today or in the past');
    expect(await responses()).toHaveLength(0);
  });

  it('takes a response typed as 20/4/2026 in the day box, then refuses progress dated before it', async () => {
    const saved = await client.submit(
      paths.admin.response(recId),
      response({ 'respondedOn-day': '20/4/2026', 'respondedOn-month': '', 'respondedOn-year': '', ...box('actionByDate', '30', '9', '2026') }),
    );
    expect(saved.statusCode).toBe(303);
    expect(
      await db.db.selectFrom('executive_responses').select(['responded_on', 'action_by_date']).where('recommendation_id', '=', recId).executeTakeFirstOrThrow(),
    ).toEqual({ responded_on: '2026-04-20', action_by_date: '2026-09-30' });
    const before = await client.submit(paths.admin.progress(recId), { ...box('updateDate', '19', '4', '2026'), status: 'on_track', narrative: 'Started.' });
    expect(before.statusCode).toBe(400);
    expect(mainText(before.body)).toContain('The date of the update must be the same as or after 20 April 2026, the date of the executive’s response');
    const missingMonth = await client.submit(paths.admin.progress(recId), { ...box('updateDate', '1', '', '2026'), status: 'on_track', narrative: 'Started.' });
    expect(missingMonth.statusCode).toBe(400);
    expect(mainText(missingMonth.body)).toContain('The date of the update must include a month');
    expect(missingMonth.body).toContain('href="#updateDate-month"');
    expect(await db.db.selectFrom('progress_updates').select('id').where('recommendation_id', '=', recId).execute()).toHaveLength(0);
  });

  it('refuses a review whose report comes before the review began, naming the field', async () => {
    const before = await db.db.selectFrom('scrutiny_reviews').select('id').execute();
    const refused = await client.submit(paths.admin.newReview(), {
      title: 'Libraries',
      organisationId: String(bodyId),
      ...box('startedOn', '1', '5', '2026'),
      ...box('reportDate', '30', '4', '2026'),
      ...box('receivedOn', '', '', ''),
      summary: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(mainText(refused.body)).toContain('The date of the report must be the same as or after 1 May 2026, when the review started');
    expect(refused.body).toContain('href="#reportDate-day"');
    expect(await db.db.selectFrom('scrutiny_reviews').select('id').execute()).toHaveLength(before.length);
  });
});
