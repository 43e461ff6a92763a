// The annual scrutiny report in-process: the committee page and the workspace's reviews link it, and its print view, Word and PDF answer for a municipal year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { signedIn } from '../support/workspace-client.ts';

const COMMITTEE = 'improving-lives-select-commission';

let app: FastifyInstance;
let database: TestDb;

beforeAll(async () => {
  database = await createTestDb('sqlite');
  const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  await services.demo.loadIfAbsent();
  app = await buildApp({ services, signInRateLimit: 1000 });
  await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('the annual scrutiny report', () => {
  it('is linked from the committee page and answers in every format', async () => {
    const committee = await app.inject({ url: paths.committee(COMMITTEE) });
    expect(committee.body).toContain(paths.papers.annualReport(COMMITTEE, 'pdf'));
    const print = await app.inject({ url: paths.papers.annualReport(COMMITTEE, 'print', 2017) });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('Annual scrutiny report 2017/18: Improving Lives Select Commission');
    expect(print.body).toContain('Accepted in any form');
    // Each recommendation with its reference, then the call-ins and the work programme of the year.
    expect(print.body).toContain('2017/18-001');
    expect(print.body).toContain('<h2>Call-ins</h2>');
    expect(print.body).toContain('<h2>Work programme</h2>');
    const pdf = await app.inject({ url: paths.papers.annualReport(COMMITTEE, 'pdf', 2017) });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const docx = await app.inject({ url: paths.papers.annualReport(COMMITTEE, 'docx', 2017) });
    expect(docx.statusCode).toBe(200);
    expect((await app.inject({ url: paths.papers.annualReport('no-such-committee', 'print', 2017) })).statusCode).toBe(404);
  });

  it('has a council-wide edition, by committee, linked from the committees page', async () => {
    const committees = await app.inject({ url: paths.committees() });
    expect(committees.body).toContain(paths.papers.councilAnnualReport('pdf'));
    const print = await app.inject({ url: paths.papers.councilAnnualReport('print', 2017) });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('Annual scrutiny report 2017/18');
    expect(print.body).toContain('<h2>Improving Lives Select Commission</h2>');
    expect(print.body).toContain('<h3>Call-ins</h3>');
    expect((await app.inject({ url: paths.papers.councilAnnualReport('pdf', 2017) })).headers['content-type']).toContain('application/pdf');
    expect((await app.inject({ url: paths.papers.councilAnnualReport('docx', 2017) })).statusCode).toBe(200);
  });

  it('is linked from the workspace’s reviews for each year a committee’s review reported', async () => {
    const officer = await signedIn(app, 'dso@example.org', 'officer password 1');
    const page = await officer.get(paths.admin.reviews());
    expect(page.body).toContain('Improving Lives Select Commission, 2017/18 (PDF)');
    expect(page.body).toContain(paths.papers.annualReport(COMMITTEE, 'pdf', 2017));
  });
});
