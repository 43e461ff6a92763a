// The forward plan from an empty database in Chromium (axe on every page): an officer publishes a key decision, the public finds it from the home page and in the notice of key decisions; short notice is refused until the general exception is recorded; a special urgency decision appears in the urgency report.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason } from '../support/browser.ts';
import { workspaceJourney } from '../support/workspace-journey.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };

describe.skipIf(browserSkipReason !== undefined)('the forward plan from an empty database, through the workspace alone', () => {
  const { newPage, navigated, follow, press, fillDate, base } = workspaceJourney({
    // An empty database: no demo. The clock stands at 22 November 2026 (test/support/demo-app.ts).
    setUp: async (app) => {
      await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
    },
  });

  /** The form for a key decision by Cabinet, filled as an officer would. */
  async function fillEntry(page: Page, title: string, published: string, intended: string): Promise<void> {
    await page.getByLabel('Decision to be taken').fill(title);
    await page.getByLabel('Forward plan of').selectOption({ label: 'Cabinet (Executive (Cabinet))' });
    await page.getByLabel('Cabinet', { exact: true }).check();
    await page.getByLabel('Spending or savings at or over the council’s threshold').check();
    await page.getByLabel('Spending or savings in pounds').fill('1,250,000');
    await fillDate(page, 'firstPublishedOn', published);
    await fillDate(page, 'intendedDate', intended);
  }

  it(
    'an officer publishes key decisions and the public sees them, with short notice refused until an exception is recorded',
    { timeout: 600_000 },
    async () => {
      const page = await newPage();
      await navigated(page, () => page.goto(`${base()}${paths.signIn()}`));
      await page.getByLabel('Email address').fill(CLERK.email);
      await page.getByLabel('Password', { exact: true }).fill(CLERK.password);
      await press(page, 'Sign in');

      // The decision-making body, made in the workspace.
      await follow(page, 'Bodies and their members');
      await follow(page, 'Create a body');
      await page.getByLabel('Name', { exact: true }).fill('Cabinet');
      await page.getByLabel('Kind of body').selectOption({ label: 'Executive (Cabinet)' });
      await press(page, 'Create body');

      // A key decision with 28 clear days' notice.
      await navigated(page, () => page.goto(`${base()}${paths.admin.home()}`));
      await follow(page, 'Forward plan of key decisions');
      await follow(page, 'Add a key decision');
      await fillEntry(page, 'Award of the home to school transport contract', '2026-11-23', '2027-01-11');
      await page.getByLabel('Scrutiny engagement planned').fill('Pre-decision scrutiny by the Overview and Scrutiny Management Board on 16 December 2026');
      await press(page, 'Publish entry');
      await expect(page.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Entry published on the forward plan');

      // Too little notice: refused, naming the field, until the general exception is recorded.
      await navigated(page, () => page.goto(`${base()}${paths.admin.forwardPlan()}`));
      await follow(page, 'Add a key decision');
      await fillEntry(page, 'Emergency repairs to the civic centre roof', '2026-11-23', '2026-12-10');
      await press(page, 'Publish entry');
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('record the general exception or special urgency');
      await expect(page.getByLabel('Decision to be taken').inputValue()).resolves.toBe('Emergency repairs to the civic centre roof');
      await page.getByLabel('General exception', { exact: true }).check();
      await fillDate(page, 'chairInformedOn', '2026-11-23');
      await fillDate(page, 'exceptionNoticeOn', '2026-11-23');
      await press(page, 'Publish entry');
      await expect(page.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Entry published on the forward plan');

      // A decision under special urgency, with the chair's agreement.
      await navigated(page, () => page.goto(`${base()}${paths.admin.forwardPlan()}`));
      await follow(page, 'Add a key decision');
      await fillEntry(page, 'Winter shelter grant', '2026-11-20', '2026-11-21');
      await page.getByLabel('Special urgency', { exact: true }).check();
      await fillDate(page, 'exceptionNoticeOn', '2026-11-20');
      await page.getByLabel('Special urgency: agreed by').fill('Councillor Clark, Chair of the Overview and Scrutiny Management Board');
      await page.getByLabel('Why the decision cannot wait').fill('The grant must be accepted before the cold weather begins.');
      await press(page, 'Publish entry');
      await expect(page.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Entry published on the forward plan');

      // The public, not signed in, from the home page.
      const visitor = await newPage();
      await navigated(visitor, () => visitor.goto(`${base()}${paths.home()}`));
      await follow(visitor, 'Forward plan');
      const plan = (await visitor.locator('main').textContent()) ?? '';
      expect(plan).toContain('Award of the home to school transport contract');
      expect(plan).toContain('Emergency repairs to the civic centre roof');
      await follow(visitor, 'Award of the home to school transport contract');
      await expect(visitor.locator('main').textContent()).resolves.toContain('Pre-decision scrutiny by the Overview and Scrutiny Management Board');

      // The notice of key decisions of Cabinet, from its committee page.
      await navigated(visitor, () => visitor.goto(`${base()}${paths.committee('cabinet')}`));
      await navigated(visitor, () => visitor.goto(`${base()}${paths.papers.forwardPlan('cabinet', 'print')}`));
      const notice = (await visitor.locator('body').textContent()) ?? '';
      expect(notice).toContain('Award of the home to school transport contract');
      expect(notice).toContain('Key decision: spending or savings of £1,250,000.');

      // The urgency report, from the forward plan page.
      await navigated(visitor, () => visitor.goto(`${base()}${paths.forwardPlan()}`));
      await navigated(visitor, () =>
        visitor.locator('main').getByRole('link', { name: 'Decisions taken under special urgency or the general exception, last three months' }).click(),
      );
      const report = (await visitor.locator('body').textContent()) ?? '';
      expect(report).toContain('Winter shelter grant');
      expect(report).toContain('Councillor Clark, Chair of the Overview and Scrutiny Management Board');

      // The feed of the plan, linked from its page: newest first by first publication.
      await navigated(visitor, () => visitor.goto(`${base()}${paths.forwardPlan()}`));
      const feedHref = await visitor.locator('main').getByRole('link', { name: 'New entries as they are published (Atom feed)' }).getAttribute('href');
      expect(feedHref).toBe(paths.forwardPlanFeed());
      expect(await visitor.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(paths.forwardPlanFeed());
      const feed = await visitor.evaluate(async (href) => (await fetch(href)).text(), paths.forwardPlanFeed());
      expect(feed.indexOf('Award of the home to school transport contract')).toBeGreaterThan(0);
      expect(feed.indexOf('Award of the home to school transport contract')).toBeLessThan(feed.indexOf('Winter shelter grant'));
    },
  );
});
