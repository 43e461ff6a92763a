// The withdraw and restore pages, and the one-time submission key of every workspace form, in-process: what an officer and the public see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let c: LifecycleCase;
let clerk: WorkspaceClient;

const keyIn = (html: string) => /name="_submission" value="([^"]+)"/.exec(html)?.[1] ?? '';
const recommendationCount = async () => (await services.scrutinyWorkspace.review(c.officer, c.reviewId)).recommendations.length;

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock('2026-06-15T09:00:00Z') });
  c = await createLifecycleCase(services);
  app = await buildApp({ services, signInRateLimit: 1000 });
  clerk = await signedIn(app, 'clerk@example.org', 'a long password here');
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('one-time submission keys', () => {
  it('creates one recommendation from a form sent twice, and sends the second where the first went', async () => {
    const form = await clerk.get(paths.admin.newRecommendation(c.reviewId));
    const fields = { _csrf: csrfTokenIn(form.body), _submission: keyIn(form.body), text: 'That the discharge lounge has a named lead.' };
    expect(fields._submission).not.toBe('');
    const before = await recommendationCount();
    const first = await clerk.post(paths.admin.newRecommendation(c.reviewId), fields);
    expect(first.statusCode).toBe(303);
    const again = await clerk.post(paths.admin.newRecommendation(c.reviewId), fields);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await recommendationCount()).toBe(before + 1);
    // Each showing of a form has its own key.
    expect(keyIn((await clerk.get(paths.admin.newRecommendation(c.reviewId))).body)).not.toBe(fields._submission);
  });

  it('keeps the key of a refused form usable, so the corrected form saves', async () => {
    const form = await clerk.get(paths.admin.newRecommendation(c.reviewId));
    const key = keyIn(form.body);
    const before = await recommendationCount();
    const refused = await clerk.post(paths.admin.newRecommendation(c.reviewId), { _csrf: csrfTokenIn(form.body), _submission: key, text: '' });
    expect(refused.statusCode).toBe(400);
    const saved = await clerk.post(paths.admin.newRecommendation(c.reviewId), {
      _csrf: csrfTokenIn(refused.body),
      _submission: key,
      text: 'That carers get a leaflet.',
    });
    expect(saved.statusCode).toBe(303);
    expect(await recommendationCount()).toBe(before + 1);
  });
});

describe('identical duplicates', () => {
  it('re-renders the form with 400 and a link to the recommendation that has the same text', async () => {
    const response = await clerk.submit(paths.admin.newRecommendation(c.reviewId), { text: 'That carers are told before discharge.' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Recommendation 3 of this review already has this text');
    expect(response.body).toContain(`href="${paths.admin.recommendation(c.recommendations[2] ?? 0)}">See the existing recommendation</a>`);
  });
});

describe('withdrawing a recommendation', () => {
  it('refuses a withdrawal without a reason with 400 and the error summary naming the field', async () => {
    const [, second] = c.recommendations as [number, number, number];
    const response = await clerk.submit(paths.admin.withdraw('recommendation', second), { reason: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Withdraw this recommendation');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#reason"');
    expect(response.body).toContain('Enter why this recommendation is being withdrawn');
    expect((await app.inject(paths.recommendation(c.reviewSlug, 2))).statusCode).toBe(200);
  });

  it('takes it off the public pages at once, shows who, when and why, and restores it', async () => {
    const [, second] = c.recommendations as [number, number, number];
    const anonymous = workspaceClient(app);
    const withdrawn = await clerk.submit(paths.admin.withdraw('recommendation', second), { reason: 'Typed in twice' });
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe(paths.admin.withdraw('recommendation', second));
    const page = await clerk.get(paths.admin.withdraw('recommendation', second));
    expect(page.body).toContain('govuk-notification-banner--success');
    expect(page.body).toContain('Withdrawn: Recommendation 2 of Hospital discharge is no longer public.');
    expect(page.body).toContain('Typed in twice');
    expect(page.body).toContain('15 June 2026');
    const gone = await anonymous.get(paths.recommendation(c.reviewSlug, 2));
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('govuk-heading-l');
    expect((await anonymous.get(paths.review(c.reviewSlug))).body).not.toContain('weekends');
    expect((await anonymous.get(paths.tracker())).body).not.toContain('weekends');
    expect((await anonymous.get(paths.search({ q: 'weekends' }))).body).not.toContain('discharge lounge opens at weekends');
    expect((await clerk.get(paths.admin.recommendation(second))).body).toContain('Withdrawn by clerk@example.org: Typed in twice');

    // A second withdrawal, from a page opened before the first, is a conflict: the page shows where it stands.
    const twice = await clerk.post(paths.admin.withdraw('recommendation', second), { _csrf: csrfTokenIn(page.body), reason: 'Typed in twice again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('<title>Error: This recommendation is withdrawn');
    expect(twice.body).toContain('This recommendation was withdrawn already. The page now shows where it stands.');

    const restored = await clerk.submit(paths.admin.withdraw('recommendation', second), {}, paths.admin.restore('recommendation', second));
    expect(restored.statusCode).toBe(303);
    expect((await clerk.get(String(restored.headers.location))).body).toContain('Restored: Recommendation 2 of Hospital discharge is public again.');
    const again = await clerk.post(paths.admin.restore('recommendation', second), { _csrf: csrfTokenIn(page.body) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This recommendation is not withdrawn. The page now shows where it stands.');
    expect((await anonymous.get(paths.recommendation(c.reviewSlug, 2))).statusCode).toBe(200);
    expect((await anonymous.get(paths.review(c.reviewSlug))).body).toContain('weekends');
  });

  it('answers 404 for a kind that cannot be withdrawn or a record that does not exist', async () => {
    expect((await clerk.get('/admin/withdraw/minute/1')).statusCode).toBe(404);
    expect((await clerk.get(paths.admin.withdraw('recommendation', 999999))).statusCode).toBe(404);
  });
});

describe('renaming an issue', () => {
  it('renames it (audited, address kept), and its page lists every agenda item linked to it', async () => {
    const repos = createRepositories({ db: database.db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const issue = await repos.issues.create({ slug: 't', title: 't', summary: null });
    for (const meetingId of [c.cabinetMeetingId, c.committeeMeetingId]) {
      const item = await services.meetingWorkspace.addAgendaItem(c.officer, meetingId, { title: `Discharge lounge ${meetingId}` });
      await repos.workspace.setAgendaItemIssue(item.id, issue.id);
      const version = (await services.meetingWorkspace.meeting(c.officer, meetingId)).meeting.version;
      await services.meetingWorkspace.publishAgenda(c.officer, meetingId, { version: String(version), urgencyReason: 'Held already' });
    }
    const page = await app.inject(paths.issue('t'));
    expect(page.body).not.toContain('No meeting has considered this issue yet');
    expect(page.body).toContain(`Discharge lounge ${c.cabinetMeetingId}`);
    expect(page.body).toContain(`Discharge lounge ${c.committeeMeetingId}`);

    const refused = await clerk.submit(paths.admin.issue(issue.id), { title: '', version: '1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<title>Error: Rename the issue: t');
    expect(refused.body).toContain('href="#title"');
    expect(refused.body).toContain('Enter the name of the issue');
    const saved = await clerk.submit(paths.admin.issue(issue.id), { title: 'Weekend discharge', version: '1' });
    expect(saved.statusCode).toBe(303);
    expect((await clerk.get(String(saved.headers.location))).body).toContain('Issue renamed: Weekend discharge');
    expect((await app.inject(paths.issue('t'))).body).toContain('Weekend discharge');
    expect((await services.audit.history('issue', issue.id)).map((h) => h.action)).toContain('issue.renamed');
    const stale = await clerk.submit(paths.admin.issue(issue.id), { title: 'Another name', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this issue after you opened it. Check the name, then save again.');
    // What was typed is kept, with the version now stored so that saving again is deliberate.
    expect(stale.body).toContain('value="Another name"');
    expect(stale.body).toContain('name="version" value="2"');
  });
});
