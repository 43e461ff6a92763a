// The tracker and the clocks in Chromium: filtering with the GET form, and axe finds no WCAG 2.2 A/AA violations on any page opened.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import type { DemoApp } from '../support/demo-app.ts';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';

describe.skipIf(browserSkipReason !== undefined)('tracker in Chromium', () => {
  let server: RunningServer;
  let demo: DemoApp;
  let browser: Browser;

  let session: DemoInBrowser | undefined;

  beforeAll(async () => {
    session = await startDemoInBrowser();
    ({ demo, server, browser } = session);
  });

  afterAll(async () => session?.close());

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    await expectNoAxeViolations(page);
    return page;
  }

  it('filters the tracker by officer with the form, and the filtered page passes axe', async () => {
    const page = await open(paths.tracker());
    expect(await page.getByRole('table').getByRole('row').count()).toBe(6);
    await page.getByLabel('Officer').selectOption('Ian Thomas');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/officer=Ian\+Thomas/);
    await expectNoAxeViolations(page);
    expect(await page.getByRole('table').getByRole('row').count()).toBe(5);
    expect(await page.getByRole('link', { name: 'Clear filters' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows the review’s clock, the meeting’s deadlines and a recommendation’s timeline without accessibility faults', async () => {
    const review = await open(paths.review(REVIEW));
    expect(await review.getByText('Late by 64 days').isVisible()).toBe(true);
    await review.context().close();
    const slug = (await demo.services.reviews.bySlug(REVIEW)).responseMeeting!.slug;
    const meeting = await open(paths.meeting(slug));
    expect(await meeting.getByText('Minute 109: call-in').isVisible()).toBe(true);
    await meeting.context().close();
    const recommendation = await open(paths.recommendation(REVIEW, 1));
    expect(await recommendation.getByRole('heading', { name: 'Timeline' }).isVisible()).toBe(true);
    await recommendation.context().close();
  });
});
