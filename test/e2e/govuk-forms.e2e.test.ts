// An officer in Chromium, axe on every page: types dates as people do ("5/3/2026"), sees each save confirmed in a success banner, and a recommendation's sub-points become a list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startOfficerInBrowser, type OfficerInBrowser } from '../support/officer-browser.ts';

describe.skipIf(browserSkipReason !== undefined)('GOV.UK form patterns in Chromium', () => {
  let officer: OfficerInBrowser;

  beforeAll(async () => {
    officer = await startOfficerInBrowser();
  });

  afterAll(async () => officer?.close());

  it('takes a date typed as 5/3/2026, confirms the save in a banner, and keeps sub-points as a list', { timeout: 300_000 }, async () => {
    const { visit, submit } = officer;
    const page = await officer.signIn();

    await visit(page, '/admin/reviews/new');
    await page.getByLabel('Title', { exact: true }).fill('Winter gritting routes');
    await page.getByLabel('Committee').selectOption({ label: 'Improving Lives Select Commission' });
    // A month left out is named, and only the month box is marked.
    await page.getByRole('group', { name: 'Date of the report' }).getByLabel('Day').fill('12');
    await page.getByRole('group', { name: 'Date of the report' }).getByLabel('Year').fill('2026');
    await submit(page, 'Create review');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('The date of the report must include a month');
    await page.getByRole('group', { name: 'Date of the report' }).getByLabel('Month').fill('3');
    // The whole date typed into the day box, as people type it.
    await page.getByRole('group', { name: 'Date the review started' }).getByLabel('Day').fill('5/3/2026');
    await submit(page, 'Create review');
    expect(page.url()).toMatch(/\/admin\/reviews\/\d+$/);
    const banner = page.getByRole('alert');
    await expect(banner.textContent()).resolves.toContain('Review “Winter gritting routes” created');
    await expect(page.getByRole('group', { name: 'Date the review started' }).getByLabel('Day').inputValue()).resolves.toBe('5');
    await expect(page.getByRole('group', { name: 'Date the review started' }).getByLabel('Month').inputValue()).resolves.toBe('3');
    await expect(page.getByRole('group', { name: 'Date the review started' }).getByLabel('Year').inputValue()).resolves.toBe('2026');

    // A recommendation with sub-points: the banner names it, and its page shows the points as a list.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add a recommendation' }).click()]);
    await expectNoAxeViolations(page);
    await page.getByLabel('Recommendation', { exact: true }).fill('That the Council:\n(a) publishes the routes;\n(b) reviews them each autumn.');
    await submit(page, 'Add recommendation');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Recommendation 1 added');
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: 'Recommendation 1', exact: true }).click()]);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: 'Record the response' }).click()]);
    await expectNoAxeViolations(page);
    const points = page.locator('main .govuk-inset-text li');
    await expect(points.allTextContents()).resolves.toEqual(['(a) publishes the routes;', '(b) reviews them each autumn.']);
  });
});
