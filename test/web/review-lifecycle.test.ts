// The review-lifecycle forms in-process, from a database built through the workspace alone: where the report was received and the response agreed, sign-off at a committee meeting, reopening; with 400, 409 and 403 answers and what the public then sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let c: LifecycleCase;
let clerk: WorkspaceClient;
let lead: WorkspaceClient;

const versionIn = (html: string, name = 'version') => new RegExp(`name="${name}" value="(\\d+)"`).exec(html)?.[1] ?? '';

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock('2026-06-15T09:00:00Z') });
  c = await createLifecycleCase(services);
  app = await buildApp({ services, signInRateLimit: 1000 });
  clerk = await signedIn(app, 'clerk@example.org', 'a long password here');
  lead = await signedIn(app, 'lead@example.org', 'a long password here');
});
afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('where the report was received and the response agreed', () => {
  it('is for editors only', async () => {
    expect((await lead.get(paths.admin.reviewReportAndResponse(c.reviewId))).statusCode).toBe(403);
    const before = await services.reviews.bySlug(c.reviewSlug);
    expect((await lead.post(paths.admin.reviewReportAndResponse(c.reviewId), { reportAgendaItem: String(c.councilItemId), version: '1' })).statusCode).toBe(
      403,
    );
    expect((await services.reviews.bySlug(c.reviewSlug)).review.report_agenda_item_id).toBe(before.review.report_agenda_item_id);
  });

  it('refuses a response agreed before receipt with 400, the error summary and the choices kept', async () => {
    const form = await clerk.get(paths.admin.reviewReportAndResponse(c.reviewId));
    expect(form.statusCode).toBe(200);
    const response = await clerk.submit(paths.admin.reviewReportAndResponse(c.reviewId), {
      reportAgendaItem: String(c.councilItemId),
      responseMinute: String(c.earlyMinuteId),
      version: versionIn(form.body),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#responseMinute"');
    expect(response.body).toContain('The response cannot be agreed before the report was received on 20 January 2026');
    expect(response.body).toMatch(new RegExp(`value="${c.councilItemId}" selected`));
    expect((await services.reviews.bySlug(c.reviewSlug)).review.report_agenda_item_id).toBeNull();
  });

  it('answers a stale save with 409 and both versions, then saves and shows the banner; the public clock runs from receipt', async () => {
    const stale = await clerk.submit(paths.admin.reviewReportAndResponse(c.reviewId), { reportAgendaItem: String(c.councilItemId), version: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('The version saved by someone else');
    expect(stale.body).toContain('<title>Error: Report and response: ');
    expect(stale.body).toContain('Someone else changed');
    expect(stale.body).toContain('href="#reportAgendaItem"');
    // What was typed stays chosen, beside the version now stored.
    expect(stale.body).toMatch(new RegExp(`value="${c.councilItemId}" selected`));
    const form = await clerk.get(paths.admin.reviewReportAndResponse(c.reviewId));
    const saved = await clerk.submit(paths.admin.reviewReportAndResponse(c.reviewId), {
      reportAgendaItem: String(c.councilItemId),
      version: versionIn(form.body),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(paths.admin.reviewReportAndResponse(c.reviewId));
    const banner = await clerk.get(String(saved.headers.location));
    expect(banner.body).toContain('govuk-notification-banner--success');
    expect(banner.body).toContain('The meetings that received the report and agreed the response have been saved.');
    // The banner is shown once.
    expect((await clerk.get(String(saved.headers.location))).body).not.toContain('govuk-notification-banner--success');
    const page = await workspaceClient(app).get(paths.review(c.reviewSlug));
    expect(page.body).toContain('Overdue by 88 days');
    expect(page.body).toContain('Response due');
  });

  it('shows the public clock stopped, with the date and how late, once the responses are in', async () => {
    for (const id of c.recommendations) {
      await services.scrutinyWorkspace.recordResponse(c.officer, id, {
        decision: 'accepted',
        responseText: 'Agreed.',
        proposedAction: 'Do it.',
        responsibleName: 'Director of Adult Care',
        actionByDate: '2026-12-31',
        respondedOn: '2026-03-30',
      });
    }
    const page = await workspaceClient(app).get(paths.review(c.reviewSlug));
    expect(page.body).toContain('30 March 2026');
    expect(page.body).toContain('Late by 11 days');
    expect(page.body).not.toContain('Overdue by');
  });
});

describe('sign-off by the committee', () => {
  const url = () => paths.admin.meetingSignOff(c.committeeMeetingId);

  it('is for editors only', async () => {
    expect((await lead.get(url())).statusCode).toBe(403);
    const [r1] = c.recommendations;
    expect(
      (
        await lead.post(url(), {
          [`signOff-${r1}`]: 'yes',
          [`outcome-${r1}`]: 'achieved',
          [`minute-${r1}`]: String(c.committeeMinuteId),
          [`version-${r1}`]: '1',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a ticked row without its outcome with 400, naming the recommendation as officers know it', async () => {
    const [r1] = c.recommendations;
    const form = await clerk.get(url());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Sign off or close Recommendation 1 of Hospital discharge');
    const response = await clerk.submit(url(), {
      [`signOff-${r1}`]: 'yes',
      [`minute-${r1}`]: String(c.committeeMinuteId),
      [`version-${r1}`]: versionIn(form.body, `version-${r1}`),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Sign off recommendations: ');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain(`href="#outcome-${r1}"`);
    expect(response.body).toMatch(new RegExp(`value="${c.committeeMinuteId}" selected`));
    expect(response.body).toContain('Recommendation 1 of Hospital discharge: choose the outcome the committee decided');
    expect(response.body).toMatch(new RegExp(`id="signOff-${r1}" name="signOff-${r1}" type="checkbox" value="yes" checked`));
  });

  it('answers a stale row with 409, signing nothing off', async () => {
    const [r1] = c.recommendations;
    const response = await clerk.submit(url(), {
      [`signOff-${r1}`]: 'yes',
      [`outcome-${r1}`]: 'achieved',
      [`minute-${r1}`]: String(c.committeeMinuteId),
      [`version-${r1}`]: '0',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Someone else changed Recommendation 1 of Hospital discharge');
    expect(response.body).toContain('Nothing was signed off: check the list, then sign off again.');
    // The row now carries the version it has, so ticking it again is a deliberate choice.
    expect(response.body).not.toContain(`name="version-${r1}" value="0"`);
    expect((await services.tracker.tracker({})).rows.map((r) => r.number)).toEqual([1, 2, 3]);
  });

  it('signs one off: the banner, the tracker and the recommendation’s public page say so', async () => {
    const [r1] = c.recommendations;
    const form = await clerk.get(url());
    const response = await clerk.submit(url(), {
      [`signOff-${r1}`]: 'yes',
      [`outcome-${r1}`]: 'achieved',
      [`minute-${r1}`]: String(c.committeeMinuteId),
      [`version-${r1}`]: versionIn(form.body, `version-${r1}`),
    });
    expect(response.statusCode).toBe(303);
    const after = await clerk.get(String(response.headers.location));
    expect(after.body).toContain('1 recommendation signed off or closed at this meeting.');
    const visitor = workspaceClient(app);
    const tracker = await visitor.get(paths.tracker());
    expect(tracker.body).not.toContain(`href="${paths.recommendation(c.reviewSlug, 1)}"`);
    expect(tracker.body).toContain(`href="${paths.recommendation(c.reviewSlug, 2)}"`);
    const csv = await visitor.get(paths.trackerCsv());
    expect(csv.body).not.toContain('discharge letters');
    const page = await visitor.get(paths.recommendation(c.reviewSlug, 1));
    expect(page.body).toContain('Signed off: Achieved');
    expect(page.body).toContain('10 June 2026');
    expect(page.body).toContain('(Minute 1)');
    expect(page.body).toMatch(/href="\/meetings\/[^"]+">Health Select Commission<\/a>/);
  });

  it('reopens it with a reason (400 without one), back on the tracker, with a banner', async () => {
    const [r1 = 0] = c.recommendations;
    const blank = await clerk.submit(paths.admin.reopenRecommendation(r1), {
      reason: '',
      version: versionIn((await clerk.get(paths.admin.reopenRecommendation(r1))).body),
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter the reason the committee reopened the recommendation');
    expect(blank.body).toContain('href="#reason"');
    const stale = await clerk.submit(paths.admin.reopenRecommendation(r1), { reason: 'Typed before the other change', version: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Check the page, then reopen it again.');
    expect(stale.body).toContain('Typed before the other change');
    const form = await clerk.get(paths.admin.reopenRecommendation(r1));
    const done = await clerk.submit(paths.admin.reopenRecommendation(r1), { reason: 'Letters still late (Minute 9)', version: versionIn(form.body) });
    expect(done.statusCode).toBe(303);
    expect((await clerk.get(String(done.headers.location))).body).toContain('has been reopened');
    expect((await workspaceClient(app).get(paths.tracker())).body).toContain(`href="${paths.recommendation(c.reviewSlug, 1)}"`);
    expect((await clerk.get(paths.admin.reopenRecommendation(r1))).statusCode).toBe(404);
  });
});
