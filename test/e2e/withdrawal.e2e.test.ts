// An officer in Chromium, axe on every page, withdraws a recommendation created in error and restores it; an anonymous visitor in a fresh browser each time finds it gone from the review page, the tracker, search and the API, then back.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const TEXT = 'That a discharge lounge opens at weekends.';

describe.skipIf(browserSkipReason !== undefined)('withdrawing a recommendation created in error, in Chromium', () => {
  let demo: DemoApp;
  let server: RunningServer;
  let browser: Browser;
  let officer: BrowserContext;
  let c: LifecycleCase;

  beforeAll(async () => {
    // An empty database with one review of three recommendations, made through the services the forms use.
    demo = await buildDemoApp({ loadDemo: false });
    c = await createLifecycleCase(demo.services);
    server = await startServer(demo.app);
    browser = await launchBrowser();
    officer = await browser.newContext();
  });

  afterAll(async () => {
    await officer?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await demo?.database.destroy();
  });

  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
    await expectNoAxeViolations(page);
  }

  /**
   * What the public sees, in a fresh browser context each time: public pages may be kept by the
   * browser for a minute (Cache-Control: public, max-age=60), and the next member of the public
   * comes as if for the first time.
   */
  async function publicView(): Promise<{ review: string; tracker: string; search: string; recommendationStatus: number; apiStatus: number }> {
    const visitor = await browser.newContext();
    try {
      const page = await visitor.newPage();
      const open = async (path: string) => {
        const response = await page.goto(`${server.url}${path}`);
        await expectNoAxeViolations(page);
        return { status: response?.status() ?? 0, text: await page.locator('main').innerText() };
      };
      const review = await open(`/reviews/${c.reviewSlug}`);
      const tracker = await open('/tracker');
      const search = await open('/search?q=weekends');
      const recommendation = await open(`/reviews/${c.reviewSlug}/recommendations/2`);
      const api = await visitor.request.get(`${server.url}/api/v1/recommendations/${c.recommendations[1]}`);
      return { review: review.text, tracker: tracker.text, search: search.text, recommendationStatus: recommendation.status, apiStatus: api.status() };
    } finally {
      await visitor.close();
    }
  }

  it('is gone from every public page at once, and back once restored', { timeout: 900_000 }, async () => {
    const before = await publicView();
    expect(before.review).toContain(TEXT);
    // The tracker lists each open recommendation by its number.
    expect(before.tracker).toContain('3 open recommendations');
    expect(before.tracker).toContain('Recommendation 2');
    expect(before.search).toContain('weekends');
    expect(before.recommendationStatus).toBe(200);
    expect(before.apiStatus).toBe(200);

    const page = await officer.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email address').fill('clerk@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a long password here');
    await submit(page, 'Sign in');

    await page.goto(`${server.url}/admin/recommendations/${c.recommendations[1]}`);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Withdraw this recommendation' }).click()]);
    await expectNoAxeViolations(page);
    // The reason is required: the error summary names the field.
    await submit(page, 'Withdraw this recommendation');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why this recommendation is being withdrawn');
    await page.getByLabel('Why is it being withdrawn?').fill('Typed in twice by mistake');
    await submit(page, 'Withdraw this recommendation');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Recommendation 2 of Hospital discharge is no longer public');
    await expect(page.locator('#withdrawal').innerText()).resolves.toContain('Typed in twice by mistake');

    const gone = await publicView();
    expect(gone.review).not.toContain(TEXT);
    expect(gone.tracker).toContain('2 open recommendations');
    expect(gone.tracker).not.toContain('Recommendation 2');
    expect(gone.search).not.toContain('discharge lounge');
    expect(gone.recommendationStatus).toBe(404);
    expect(gone.apiStatus).toBe(404);

    // The workspace still shows it, marked as withdrawn.
    await page.goto(`${server.url}/admin/reviews/${c.reviewId}`);
    await expectNoAxeViolations(page);
    await expect(page.locator('main').innerText()).resolves.toMatch(/Recommendation 2\s*Withdrawn/);

    await page.goto(`${server.url}/admin/withdraw/recommendation/${c.recommendations[1]}`);
    await submit(page, 'Restore this recommendation');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('is public again');

    const back = await publicView();
    expect(back.review).toContain(TEXT);
    expect(back.tracker).toContain('3 open recommendations');
    expect(back.tracker).toContain('Recommendation 2');
    expect(back.search).toContain('weekends');
    expect(back.recommendationStatus).toBe(200);
    expect(back.apiStatus).toBe(200);
  });
});
