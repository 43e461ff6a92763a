// A resident's journey in Chromium, by clicking links from the home page: the review, its response, a recommendation, a member, the Cabinet meeting; axe on every page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';
import type { RunningServer } from '../support/server.ts';

const REVIEW_TITLE = 'Alternative Management Arrangements for Children and Young People’s Services in Rotherham';

describe.skipIf(browserSkipReason !== undefined)('journey from the home page to a recommendation and back, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  let session: DemoInBrowser | undefined;

  beforeAll(async () => {
    session = await startDemoInBrowser();
    ({ server, browser } = session);
  });

  afterAll(async () => session?.close());

  async function h1(page: Page): Promise<string> {
    return ((await page.locator('main h1').textContent()) ?? '').trim();
  }

  /** Clicks a link in the main content and waits for the page it opens, then checks that page with axe. */
  async function follow(page: Page, name: string | RegExp, options: { exact?: boolean } = {}): Promise<void> {
    const before = page.url();
    await Promise.all([
      page.waitForURL((url) => url.toString() !== before),
      page
        .locator('main')
        .getByRole('link', { name, exact: options.exact ?? false })
        .first()
        .click(),
    ]);
    await page.waitForLoadState('load');
    await expectNoAxeViolations(page);
  }

  it('reaches the review, its response, recommendation 3, a member and the Cabinet meeting by clicking', async () => {
    const context: BrowserContext = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${server.url}${paths.home()}`);
    expect(await h1(page)).toBe('Scrutineer');
    await expectNoAxeViolations(page);

    // Home → Reviews (the section link in the page content).
    await follow(page, 'Reviews', { exact: true });
    expect(await h1(page)).toBe('Scrutiny reviews');

    // Reviews → the review.
    await follow(page, REVIEW_TITLE, { exact: true });
    expect(await h1(page)).toBe(REVIEW_TITLE);
    await expect.poll(() => page.locator('main').getByText('Councillor Maggi Clark').count()).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).toContain('Thursday 9 February 2017');

    // The review → its executive response.
    await follow(page, /^Cabinet’s Response to Scrutiny Review/);
    expect(page.url()).toBe(`${server.url}${paths.reviewResponse('alternative-management-arrangements-for-childrens-services')}`);
    expect(await page.locator('main table tbody tr').count()).toBe(5);

    // The response → recommendation 3.
    await follow(page, 'Recommendation 3', { exact: true });
    expect(await h1(page)).toBe('Recommendation 3');
    expect(await page.locator('main').textContent()).toContain('Annual Participation');

    // Recommendation 3 → back to the review (the link in the content, not the browser's back button).
    await follow(page, REVIEW_TITLE, { exact: true });
    expect(await h1(page)).toBe(REVIEW_TITLE);

    // The review → a member's page.
    await follow(page, 'Councillor Maggi Clark', { exact: true });
    expect(await h1(page)).toBe('Councillor Maggi Clark');
    expect(await page.locator('main').textContent()).toContain('(Chair)');

    // The member → the review she chaired → the Cabinet meeting that agreed the response.
    await follow(page, REVIEW_TITLE, { exact: true });
    await follow(page, 'Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018', { exact: true });
    expect(await h1(page)).toBe('Cabinet and Commissioners’ Decision Making Meeting');
    const minutes = (await page.locator('main').textContent()) ?? '';
    expect(minutes).toContain('Minute 109');
    expect(minutes).toContain('Further to Minute No. 83 of the meeting of Council held on 18 October 2017');

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000); // nine pages, each checked by axe, on a shared machine

  it('lays the response out for a 375px phone without sideways scrolling, and still passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${paths.reviewResponse('alternative-management-arrangements-for-childrens-services')}`);
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    // On a phone each recommendation is a summary card, and every one is visible.
    expect(await page.locator('.govuk-summary-card').filter({ visible: true }).count()).toBe(5);
    expect(await page.locator('main table').isVisible()).toBe(false);
    await expectNoAxeViolations(page);

    // The review and meeting pages fit too.
    for (const url of [
      paths.review('alternative-management-arrangements-for-childrens-services'),
      paths.meeting('cabinet-and-commissioners-decision-making-meeting-2018-02-19'),
    ]) {
      await page.goto(`${server.url}${url}`);
      const fit = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      expect(fit, url).toBe(true);
      await expectNoAxeViolations(page);
    }
    await context.close();
  }, 120_000);
});
