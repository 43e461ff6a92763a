// An officer builds a review's parts in Chromium (terms of reference, a criterion, an evidence session, a member), axe on every page, and the public review page shows them.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';

const OFFICER = { email: 'officer@example.org', password: 'officer password 1' };

describe.skipIf(browserSkipReason !== undefined)('a review’s parts in Chromium', () => {
  let session: DemoInBrowser;

  beforeAll(async () => {
    session = await startDemoInBrowser();
    await session.demo.services.auth.addUser('system', { ...OFFICER, name: 'Olive Officer', role: 'democratic_services' });
  });
  afterAll(async () => session?.close());

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${session.server.url}${path}`);
    await expectNoAxeViolations(page);
  }

  /** Follows a link or button-styled link to a form page, and checks it with axe. */
  async function follow(page: Page, name: string, role: 'link' | 'button' = 'button'): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: true }).first().click()]);
    await expectNoAxeViolations(page);
  }

  /** Submits with a button; the answer (a 303 to the review, or a 400 page) is one navigation. */
  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
    await expectNoAxeViolations(page);
  }

  it('adds terms (and reorders them), a criterion, an evidence session and the chair, and the public page shows them', { timeout: 300_000 }, async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(OFFICER.email);
    await page.getByLabel('Password', { exact: true }).fill(OFFICER.password);
    await submit(page, 'Sign in');

    await visit(page, '/admin/reviews/new');
    await page.getByLabel('Title').fill('Home to school transport');
    await page.getByLabel('Committee').selectOption({ label: 'Improving Lives Select Commission' });
    await submit(page, 'Create review');
    const reviewPath = new URL(page.url()).pathname;
    expect(reviewPath).toMatch(/^\/admin\/reviews\/\d+$/);

    // Terms of reference: two, then the second moved above the first (their numbers follow).
    await follow(page, 'Add a term of reference');
    await page.getByLabel('Text of the term').fill('To understand why eligibility decisions take so long.');
    await submit(page, 'Save term of reference');
    await follow(page, 'Add a term of reference');
    await page.getByLabel('Text of the term').fill('To learn what families need from the service.');
    await submit(page, 'Save term of reference');
    // The order buttons return to the terms on the review page (#terms).
    await Promise.all([page.waitForURL(/#terms$/), page.getByRole('button', { name: 'Move up term 2', exact: true }).click()]);
    await page.waitForLoadState('load');
    await expectNoAxeViolations(page);
    const terms = page.locator('#terms-list > li');
    await expect(terms.first().textContent()).resolves.toContain('1 To learn what families need from the service.');

    // A criterion.
    await follow(page, 'Add a criterion');
    await page.getByLabel('Number (optional)').fill('2.1');
    await page.getByLabel('Criterion', { exact: true }).fill('Every eligible child has a place by the first day of term.');
    await submit(page, 'Save criterion');

    // Someone else saves the review while the criterion's form is open: saving answers 409 with both versions.
    await follow(page, 'Change criterion 2.1', 'link');
    await page.getByLabel('Criterion', { exact: true }).fill('Every eligible child has a place on the first day of term.');
    const reviewId = Number(reviewPath.split('/').pop());
    const other = await session.demo.services.auth.addUser('system', {
      email: 'other@example.org',
      name: 'Other Officer',
      role: 'democratic_services',
      password: 'other password 12',
    });
    const otherActor = { userId: other.id, email: other.email, name: other.name, role: 'democratic_services' as const, personId: null };
    const { review } = await session.demo.services.scrutinyWorkspace.review(otherActor, reviewId);
    await session.demo.services.scrutinyWorkspace.addCriterion(otherActor, reviewId, {
      number: '2.2',
      title: 'Journeys under 45 minutes.',
      version: String(review.version),
    });
    await submit(page, 'Save criterion');
    await expect(page.locator('#their-version').textContent()).resolves.toContain('Every eligible child has a place by the first day of term.');
    await expect(page.getByLabel('Criterion', { exact: true }).inputValue()).resolves.toBe('Every eligible child has a place on the first day of term.');
    await submit(page, 'Save criterion');
    expect(new URL(page.url()).pathname).toBe(reviewPath);

    // An evidence session: first without a subject (refused, the answers kept), then complete.
    await follow(page, 'Add evidence');
    await page.getByLabel('Kind of evidence').selectOption({ label: 'Witness session' });
    await page.getByLabel('How it was taken').selectOption({ label: 'In person' });
    await page.getByLabel('Name of the organisation').fill('Parent Carer Forum');
    await page.getByRole('group', { name: 'Date (optional)' }).getByLabel('Day').fill('4/3/2026');
    await submit(page, 'Save evidence');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter what the evidence was about');
    await expect(page.getByLabel('Name of the organisation').inputValue()).resolves.toBe('Parent Carer Forum');
    await page.getByLabel('Subject').fill('What families told us about applying');
    await submit(page, 'Save evidence');
    expect(new URL(page.url()).pathname).toBe(reviewPath);

    // A member: the chair, which creates the review group.
    const councillor = await session.demo.database.db
      .selectFrom('people')
      .select('name')
      .where('kind', '=', 'councillor')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    await follow(page, 'Add a member');
    await page.getByLabel('Person').selectOption({ label: councillor.name });
    await page.getByLabel('Chair', { exact: true }).check();
    await submit(page, 'Add member');
    await expect(page.locator('#members-list').textContent()).resolves.toContain(`${councillor.name} (Chair)`);

    // The public page shows all of it, in order.
    await follow(page, 'View the public page', 'link');
    const main = page.locator('main');
    const text = (await main.textContent()) ?? '';
    for (const expected of [
      'To learn what families need from the service.',
      'To understand why eligibility decisions take so long.',
      'Every eligible child has a place on the first day of term.',
      'Journeys under 45 minutes.',
      'Parent Carer Forum',
      'What families told us about applying',
      councillor.name,
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text.indexOf('To learn what families need')).toBeLessThan(text.indexOf('To understand why eligibility'));
    expect(text).toContain('(Chair)');
    await context.close();
  });
});
