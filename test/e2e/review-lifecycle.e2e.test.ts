// An officer in Chromium, axe on every page, from an empty database: bodies, meetings and minutes, a review with its recommendations and responses, where the report was received and the response agreed, and the committee's sign-off; then what an anonymous visitor sees.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import type { Browser } from 'playwright-core';

const OFFICER = { email: 'clerk@example.org', password: 'officer password 1' };
const SCREENSHOTS = process.env.SCREENSHOT_DIR;

describe.skipIf(browserSkipReason !== undefined)('a review carried to sign-off through the workspace alone, in Chromium', () => {
  let demo: DemoApp;
  let server: RunningServer;
  let browser: Browser;
  let officer: BrowserContext;
  let visitor: BrowserContext;

  beforeAll(async () => {
    // No demo: everything below is created through the forms.
    demo = await buildDemoApp({ loadDemo: false });
    server = await startServer(demo.app);
    browser = await launchBrowser();
    await demo.services.auth.addUser('system', { ...OFFICER, name: 'Clara Clerk', role: 'democratic_services' });
    officer = await browser.newContext();
    visitor = await browser.newContext();
  });

  afterAll(async () => {
    await officer?.close().catch(() => undefined);
    await visitor?.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await demo?.database.destroy();
  });

  // Axe runs on every distinct page (by its address with ids taken out, and whether it shows errors
  // or a banner): the same empty form filled three times is checked once, on a machine of 2 cores.
  const checked = new Set<string>();
  async function check(page: Page): Promise<void> {
    const state = await page.locator('.govuk-error-summary, .govuk-notification-banner').count();
    const key = `${new URL(page.url()).pathname.replace(/\d+/g, ':id')} ${state}`;
    if (checked.has(key)) return;
    checked.add(key);
    await expectNoAxeViolations(page);
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await check(page);
  }

  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
    await check(page);
  }

  /**
   * An anonymous visitor's look at a public page, in a fresh browser context: public pages may be
   * kept by the browser for a minute (Cache-Control: public, max-age=60), and this visitor comes
   * back as if for the first time, as the next member of the public would.
   */
  async function anonymous(path: string): Promise<Page> {
    await visitor.close();
    visitor = await browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`${server.url}${path}`);
    await expectNoAxeViolations(page);
    return page;
  }

  const idIn = (url: string) => Number(/\/(\d+)(?:[/?#]|$)/.exec(new URL(url).pathname + '/')?.[1]);

  async function createBody(page: Page, name: string, kind: string): Promise<void> {
    await visit(page, '/admin/bodies/new');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await submit(page, 'Create body');
  }

  /** Schedules a meeting with one item and its minute; returns the meeting's workspace id. */
  async function meetingWithMinute(page: Page, body: string, date: string, title: string): Promise<number> {
    await visit(page, '/admin/meetings/new');
    await page.getByLabel('Body', { exact: true }).selectOption({ label: body });
    // The GOV.UK date input: day, month and year.
    const [year = '', month = '', day = ''] = date.split('-');
    await page.getByLabel('Day').fill(String(Number(day)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year);
    await submit(page, 'Schedule meeting');
    const id = idIn(page.url());
    await visit(page, `/admin/meetings/${id}/items/new`);
    await page.getByLabel('Title', { exact: true }).fill(title);
    await submit(page, 'Add item');
    await visit(page, `/admin/meetings/${id}/minutes/new`);
    await page.getByLabel('Agenda item').selectOption({ index: 1 });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await submit(page, 'Save minute');
    return id;
  }

  it('records where the report went and the response was agreed, signs one recommendation off, and the public sees it', { timeout: 900_000 }, async () => {
    const page = await officer.newPage();
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(OFFICER.email);
    await page.getByLabel('Password', { exact: true }).fill(OFFICER.password);
    await submit(page, 'Sign in');

    await createBody(page, 'Health Select Commission', 'Scrutiny committee');
    await createBody(page, 'Cabinet', 'Executive (Cabinet)');
    await createBody(page, 'Council', 'Full Council');
    await meetingWithMinute(page, 'Council', '2026-01-20', 'Review of hospital discharge: final report');
    await meetingWithMinute(page, 'Cabinet', '2026-04-01', 'Review of hospital discharge: response');
    const committeeMeeting = await meetingWithMinute(page, 'Health Select Commission', '2026-06-10', 'Recommendation tracker');

    // The review and its two recommendations.
    await visit(page, '/admin/reviews/new');
    await page.getByLabel('Title', { exact: true }).fill('Hospital discharge');
    await page.getByLabel('Committee').selectOption({ label: 'Health Select Commission' });
    await page.locator('[name="reportDate-day"]').fill('10/1/2026');
    await submit(page, 'Create review');
    const reviewId = idIn(page.url());
    await expect(page.locator('#review-status').textContent()).resolves.toBe('Reported');
    const recommendations: number[] = [];
    for (const text of ['That discharge letters reach GPs within a day.', 'That a discharge lounge opens at weekends.']) {
      await visit(page, `/admin/reviews/${reviewId}/recommendations/new`);
      await page.getByLabel('Recommendation').fill(text);
      await submit(page, 'Add recommendation');
    }
    for (const link of await page.locator('main a[href^="/admin/recommendations/"]').all()) {
      recommendations.push(idIn(`${server.url}${await link.getAttribute('href')}`));
    }
    expect(recommendations).toHaveLength(2);

    // Where the report was received, refused once with the response before receipt.
    await visit(page, `/admin/reviews/${reviewId}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Record where the report was received and the response agreed' }).click()]);
    await check(page);
    const reportItem = await page.locator('#reportAgendaItem option', { hasText: 'Council' }).getAttribute('value');
    await page.getByLabel('Agenda item at which the report was received').selectOption(reportItem ?? '');
    await submit(page, 'Save');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('have been saved');

    // Anonymous: the clock runs from 20 January and is overdue.
    let publicPage = await anonymous('/reviews/hospital-discharge');
    await expect(publicPage.locator('main').textContent()).resolves.toContain('Overdue by');

    // The executive's responses, then the meeting that agreed them.
    for (const id of recommendations) {
      await visit(page, `/admin/recommendations/${id}/response`);
      await page.getByLabel('Accepted', { exact: true }).check();
      await page.getByLabel('Response', { exact: true }).fill('Agreed.');
      await page.getByLabel('Proposed action').fill('Do it.');
      await page.getByLabel('Responsible officer or cabinet member, as recorded').fill('Director of Adult Care');
      await page.locator('[name="actionByDate-day"]').fill('31/12/2026');
      await page.locator('[name="respondedOn-day"]').fill('1/4/2026');
      await submit(page, 'Save response');
      expect(new URL(page.url()).pathname, (await page.locator('main').textContent()) ?? '').toBe(`/admin/recommendations/${id}`);
    }
    await visit(page, `/admin/reviews/${reviewId}/report-and-response`);
    const responseMinute = await page.locator('#responseMinute option', { hasText: 'Cabinet' }).getAttribute('value');
    await page.getByLabel('Minute that agreed the executive’s response').selectOption(responseMinute ?? '');
    await submit(page, 'Save');
    await expect(page.locator('main').textContent()).resolves.toContain('have been saved');

    // Anonymous: the clock has stopped, with the date, where, and how late (due 19 March 2026).
    publicPage = await anonymous('/reviews/hospital-discharge');
    const clock = await publicPage.locator('.app-review-clock').textContent();
    expect(clock).toContain('1 April 2026');
    expect(clock).toContain('Late by 13 days');
    expect(clock).not.toContain('Overdue');
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await publicPage.screenshot({ path: `${SCREENSHOTS}/review-clock.png`, fullPage: true });
    }

    // The committee signs recommendation 1 off at its meeting; refused once without the outcome.
    await visit(page, `/admin/meetings/${committeeMeeting}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Sign off recommendations at this meeting' }).click()]);
    await check(page);
    const first = recommendations[0] ?? 0;
    await page.locator(`#signOff-${first}`).check();
    await page.locator(`#minute-${first}`).selectOption({ index: 1 });
    await submit(page, 'Sign off the ticked recommendations');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Recommendation 1 of Hospital discharge: choose the outcome');
    await expect(page.locator(`#signOff-${first}`).isChecked()).resolves.toBe(true);
    await page.locator(`#outcome-${first}`).selectOption({ label: 'Achieved' });
    await submit(page, 'Sign off the ticked recommendations');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('1 recommendation signed off or closed');

    // Anonymous: the tracker no longer lists it, and its page says when and where.
    publicPage = await anonymous('/tracker');
    await expect(publicPage.locator('a[href="/reviews/hospital-discharge/recommendations/1"]').count()).resolves.toBe(0);
    await expect(publicPage.locator('a[href="/reviews/hospital-discharge/recommendations/2"]').count()).resolves.toBe(1);
    publicPage = await anonymous('/reviews/hospital-discharge/recommendations/1');
    const signedOff = await publicPage.locator('#signed-off').textContent();
    expect(signedOff).toContain('Signed off: Achieved');
    expect(signedOff).toContain('10 June 2026');
    expect(signedOff).toContain('Health Select Commission');
    expect(signedOff).toContain('(Minute 1)');
    if (SCREENSHOTS) await publicPage.screenshot({ path: `${SCREENSHOTS}/recommendation-signed-off.png`, fullPage: true });
  });
});
