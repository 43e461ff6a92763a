// The options appraisal in Chromium, axe on every page: the demo's review shows its matrix of the seven tests against the delivery models seen, and an officer on an empty database adds options, links a visit and records a judgement through the workspace alone, then an anonymous visitor sees it on the review page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const DEMO_REVIEW = '/reviews/alternative-management-arrangements-for-childrens-services';

describe.skipIf(browserSkipReason !== undefined)('the options appraisal in Chromium', () => {
  let browser: Browser | undefined;
  const running: { app: DemoApp; server: RunningServer }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const { app, server } of running) {
      await server.close();
      await app.database.destroy();
    }
  });

  async function serve(loadDemo: boolean): Promise<string> {
    const app = await buildDemoApp({ loadDemo });
    const server = await startServer(app.app);
    running.push({ app, server });
    await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
    return server.url;
  }

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    return (await browser.newContext()).newPage();
  }

  async function go(page: Page, action: () => Promise<unknown>): Promise<void> {
    const [response] = await Promise.all([page.waitForNavigation(), action()]);
    expect(response?.status() ?? 0, page.url()).toBeLessThan(500);
    await expectNoAxeViolations(page);
  }
  // A link, or a link styled as a button (GOV.UK "start" and secondary buttons made with href).
  const follow = (page: Page, name: string) =>
    go(page, () => {
      const main = page.locator('main');
      return main
        .getByRole('link', { name, exact: true })
        .or(main.getByRole('button', { name, exact: true }))
        .first()
        .click();
    });
  const press = (page: Page, name: string) => go(page, () => page.getByRole('button', { name, exact: true }).click());

  /** The matrix as a screen reader meets it: each row's header, then each cell under its column header. */
  async function matrix(page: Page) {
    const table = page.getByRole('table', { name: 'How each option meets each criterion' });
    const columns = await table.locator('thead th[scope="col"]').allTextContents();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th[scope="row"]')?.textContent?.trim() ?? '',
          ...[...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
        ]),
      );
    return { columns: columns.map((c) => c.trim()), rows };
  }

  it('shows the demo review’s options, the visits to each and the matrix of the seven tests', { timeout: 300_000 }, async () => {
    const url = await serve(true);
    const page = await newPage();
    await go(page, () => page.goto(`${url}${DEMO_REVIEW}`));
    await expect(page.getByRole('region', { name: 'Options appraisal: each option judged against each criterion' }).getAttribute('tabindex')).resolves.toBe(
      '0',
    );
    const { columns, rows } = await matrix(page);
    expect(columns).toEqual([
      'Criterion',
      'Practice Partner model',
      'Community Interest Company',
      'DfE Trust',
      'Agency Arrangement',
      'Wholly owned company',
      'Sector Led Improvement',
      'Intervention (Commissioner)',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows[0]?.[0]).toContain('Well-functioning corporate services');
    // The seeds give no judgement per test and option: none is invented.
    expect(new Set(rows.flatMap((r) => r.slice(1)))).toEqual(new Set(['Not assessed']));
    const options = (await page.locator('.app-appraisal-options').textContent()) ?? '';
    expect(options).toContain(
      'Seen at: London Borough of Richmond upon Thames; Royal Borough of Windsor and Maidenhead; London Borough of Kingston upon Thames',
    );
    expect(options).toContain('Seen at: Slough Borough Council; Doncaster Council and Doncaster Children’s Trust');
    // On a phone the matrix scrolls inside its own region, never the page.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
  });

  it('lets an officer on an empty database build an appraisal through the workspace, and the public review page shows it', { timeout: 300_000 }, async () => {
    const url = await serve(false);
    const page = await newPage();
    await go(page, () => page.goto(`${url}/sign-in`));
    await page.getByLabel('Email address').fill(CLERK.email);
    await page.getByLabel('Password', { exact: true }).fill(CLERK.password);
    await press(page, 'Sign in');

    await go(page, () => page.goto(`${url}${paths.admin.home()}`));
    await follow(page, 'Bodies and their members');
    await follow(page, 'Create a body');
    await page.getByLabel('Name', { exact: true }).fill('Improving Lives Select Commission');
    await page.getByLabel('Kind of body').selectOption({ label: 'Scrutiny committee' });
    await press(page, 'Create body');

    await go(page, () => page.goto(`${url}${paths.admin.home()}`));
    await follow(page, 'Scrutiny reviews and recommendations');
    await follow(page, 'Create a review');
    await page.getByLabel('Title', { exact: true }).fill('Children’s services delivery');
    await page.getByLabel('Committee').selectOption({ label: 'Improving Lives Select Commission' });
    await press(page, 'Create review');

    await follow(page, 'Add a criterion');
    await page.getByLabel('Number (optional)').fill('2.5');
    await page.getByLabel('Criterion', { exact: true }).fill('Robust financial management.');
    await press(page, 'Save criterion');

    for (const name of ['Practice Partner model', 'DfE Trust']) {
      await follow(page, 'Add an option');
      await page.getByLabel('Name of the option').fill(name);
      await press(page, 'Save option');
    }

    await follow(page, 'Add evidence');
    await page.getByLabel('Kind of evidence').selectOption({ label: 'Visit' });
    await page.getByLabel('How it was taken').selectOption({ label: 'In person' });
    await page.getByLabel('Name of the organisation').fill('Doncaster Council and Doncaster Children’s Trust');
    await page.getByLabel('Subject').fill('Neighbouring Authority – DfE trust');
    await page.getByLabel('Option it illustrates (optional)').selectOption({ label: 'DfE Trust' });
    await press(page, 'Save evidence');

    // A judgement without its answer is refused with the field named; then recorded.
    await follow(page, 'Record a judgement');
    await page.getByLabel('Criterion', { exact: true }).selectOption({ label: '2.5 Robust financial management.' });
    await page.getByLabel('Option', { exact: true }).selectOption({ label: 'DfE Trust' });
    await press(page, 'Save judgement');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Choose the judgement');
    await page.getByLabel('Partly meets').check();
    await page.getByLabel('Rationale (optional)').fill('Costs rose in the trust’s first two years.');
    await press(page, 'Save judgement');
    await expect(page.locator('#judgements-list').textContent()).resolves.toContain('Partly meets');

    // An anonymous visitor sees the appraisal on the review's public page.
    const publicPath = await page.getByRole('link', { name: 'View the public page', exact: true }).getAttribute('href');
    const visitor = await newPage();
    await go(visitor, () => visitor.goto(`${url}${publicPath ?? ''}`));
    const { columns, rows } = await matrix(visitor);
    expect(columns).toEqual(['Criterion', 'Practice Partner model', 'DfE Trust']);
    expect(rows).toEqual([['2.5 Robust financial management.', 'Not assessed', 'Partly meets Costs rose in the trust’s first two years.']]);
    const visits = visitor.getByRole('table', { name: 'Visits and tele-conferences with other authorities' });
    await expect(visits.locator('tbody tr').first().locator('td').last().textContent()).resolves.toBe('DfE Trust');
  });
});
