// The options appraisal in-process: the demo review's page prints the matrix with its headers scoped, the API document carries it, and the judgement form answers 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { z } from 'zod';
import { ReviewDetail } from '../../src/web/api-schemas.ts';
import { buildApp } from '../../src/web/app.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { jsonOf } from '../support/json.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { signedIn, type WorkspaceClient } from '../support/workspace-client.ts';

const REVIEW = '/reviews/alternative-management-arrangements-for-childrens-services';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let officer: WorkspaceClient;
let reviewId: number;

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  await services.demo.loadIfAbsent();
  app = await buildApp({ services, signInRateLimit: 1000 });
  await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  officer = await signedIn(app, 'dso@example.org', 'officer password 1');
  reviewId = (await database.db.selectFrom('scrutiny_reviews').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('the options appraisal', () => {
  it('prints the demo review’s matrix: a caption, a column header per option and a row header per test', async () => {
    const page = await app.inject({ url: REVIEW });
    expect(page.statusCode).toBe(200);
    const table = /<table class="govuk-table app-appraisal">[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    expect(table).toContain('How each option meets each criterion</caption>');
    expect(table.match(/<th scope="col"/g)).toHaveLength(8);
    expect(table.match(/<th scope="row"/g)).toHaveLength(7);
    expect(page.body).toContain('The review group has recorded no judgement of an option against a criterion');
    expect(page.body).toContain('<th scope="col" class="govuk-table__header">Option it illustrates</th>');
    expect(page.body).toContain('<td class="govuk-table__cell">Sector Led Improvement</td>');
  });

  it('gives the options, each visit’s option and the matrix in the API', async () => {
    const response = await app.inject({ url: `/api/v1/reviews/${reviewId}` });
    const review = jsonOf(response, z.object({ data: ReviewDetail })).data;
    expect(review.options).toHaveLength(7);
    const trust = review.options.find((o) => o.name === 'DfE Trust');
    expect(review.evidence.filter((e) => e.option_id === trust?.id).map((e) => e.organisation)).toEqual([
      'Slough Borough Council',
      'Doncaster Council and Doncaster Children’s Trust',
    ]);
    expect(review.appraisal).toHaveLength(7);
    expect(review.appraisal.every((row) => row.judgements.every((j) => j.judgement === 'not_assessed' && !j.recorded))).toBe(true);
  });

  it('refuses a judgement with no answer, naming the field, and records a complete one', async () => {
    const url = `/admin/reviews/${reviewId}/judgements/new`;
    const parts = await services.scrutinyWorkspace.reviewParts({ userId: 0, email: '', name: '', role: 'democratic_services', personId: null }, reviewId);
    const [criterion] = parts.criteria;
    const [option] = parts.options;
    const version = /name="version" value="(\d+)"/.exec((await officer.get(url)).body)?.[1] ?? '';
    const refused = await officer.submit(url, { criterionId: String(criterion?.id), optionId: String(option?.id), version });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose the judgement');
    const saved = await officer.submit(url, {
      criterionId: String(criterion?.id),
      optionId: String(option?.id),
      judgement: 'meets',
      rationale: 'Officers and members agree.',
      version,
    });
    expect(saved.statusCode).toBe(303);
    const page = await app.inject({ url: REVIEW });
    expect(page.body).toContain('Officers and members agree.');
  });
});
