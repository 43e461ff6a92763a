// A scrutiny committee meeting's recommendation to Cabinet, from an empty database through the workspace alone, in Chromium (axe on every page): minuted and tracked in one save, on the public tracker with its reference and origin, Cabinet's response on the one form, progress, and the committee's sign-off.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const RECOMMENDS = 'That Cabinet commission an independent review of home care rates.';
// The demo clock stands at Sunday 22 November 2026: municipal year 2026/27, its first recommendation.
const REFERENCE = '2026/27-001';

describe.skipIf(browserSkipReason !== undefined)('a committee meeting’s recommendation to Cabinet, tracked to sign-off through the workspace alone', () => {
  let app: DemoApp | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await buildDemoApp({ loadDemo: false });
    server = await startServer(app.app);
    browser = await launchBrowser();
    await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await app?.database.destroy();
  });

  const base = () => server?.url ?? '';
  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  }

  // Axe on every page visited, once per page in each state (a form with or without an error summary or banner).
  const checked = new Set<string>();
  async function check(p: Page): Promise<void> {
    const { pathname } = new URL(p.url());
    const state = await p.locator('.govuk-error-summary, .govuk-notification-banner').count();
    const key = `${pathname.replace(/\d+/g, ':id')} ${state}`;
    if (checked.has(key)) return;
    checked.add(key);
    await expectNoAxeViolations(p);
  }
  async function navigated(p: Page, action: () => Promise<unknown>): Promise<void> {
    const [response] = await Promise.all([p.waitForNavigation(), action()]);
    expect(response?.status() ?? 0, `${p.url()}: ${await p.locator('main').textContent()}`).toBeLessThan(500);
    await check(p);
  }
  async function follow(p: Page, name: string | RegExp): Promise<void> {
    const scope = p.locator('main');
    const exact = typeof name === 'string';
    await navigated(p, () =>
      scope
        .getByRole('link', { name, exact })
        .or(scope.getByRole('button', { name, exact }).and(p.locator('a')))
        .first()
        .click(),
    );
  }
  async function press(p: Page, button: string): Promise<void> {
    await navigated(p, () => p.locator('main').getByRole('button', { name: button, exact: true }).click());
  }
  async function home(): Promise<void> {
    await navigated(page, () => page.goto(`${base()}${paths.admin.home()}`));
  }
  async function fillDate(field: string, iso: string): Promise<void> {
    const [year = '', month = '', day = ''] = iso.split('-');
    await page.locator(`[id="${field}-day"]`).fill(String(Number(day)));
    await page.locator(`[id="${field}-month"]`).fill(String(Number(month)));
    await page.locator(`[id="${field}-year"]`).fill(year);
  }
  async function banner(): Promise<string> {
    return (await page.locator('.govuk-notification-banner').first().textContent()) ?? '';
  }
  /** A member of the public, arriving for the first time. */
  async function publicText(path: string): Promise<string> {
    const visitor = await (await newContext()).newPage();
    const response = await visitor.goto(`${base()}${path}`);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(visitor);
    return (await visitor.locator('main').textContent()) ?? '';
  }
  async function fetched(path: string): Promise<string> {
    const response = await (await newContext()).request.get(`${base()}${path}`);
    expect(response.status(), path).toBe(200);
    return response.text();
  }

  async function createBody(name: string, kind: string): Promise<void> {
    await home();
    await follow(page, 'Bodies and their members');
    await follow(page, 'Create a body');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await press(page, 'Create body');
  }
  async function scheduleMeeting(body: string, iso: string): Promise<void> {
    await home();
    await follow(page, 'Meetings, agendas and minutes');
    await follow(page, 'Schedule a meeting');
    await page.getByLabel('Body').selectOption({ label: body });
    await fillDate('meetingDate', iso);
    await page.getByLabel('Start time').fill('14:00');
    await page.getByLabel('Location').fill('Town Hall, Moorgate Street');
    await press(page, 'Schedule meeting');
  }
  async function addMinute(title: string, verb: string, text: string, target?: string): Promise<void> {
    await follow(page, 'Add a minute');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.locator('#limb1Verb').selectOption({ label: verb });
    await page.locator('#limb1Text').fill(text);
    if (target) await page.locator('#limb1TargetOrganisationId').selectOption({ label: target });
    await press(page, 'Save minute');
  }

  const STEP = { timeout: 600_000 };
  let broken = false;
  beforeEach((context) => {
    if (broken) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') broken = true;
  });

  it('signs in, creates the committee and Cabinet, and minutes the committee’s recommendation to Cabinet: tracked in the same save', STEP, async () => {
    page = await (await newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await navigated(page, () => page.goto(`${base()}${paths.signIn()}`));
    await page.getByLabel('Email address').fill(CLERK.email);
    await page.getByLabel('Password', { exact: true }).fill(CLERK.password);
    await press(page, 'Sign in');
    await createBody('Health Select Commission', 'Scrutiny committee');
    await createBody('Cabinet', 'Executive (Cabinet)');
    await scheduleMeeting('Health Select Commission', '2026-11-18');
    await addMinute('Home care market', 'Recommended', RECOMMENDS, 'Cabinet');
    const tracked = page.locator('#tracked-recommendations');
    await expect(tracked.textContent()).resolves.toContain(`Recommendation ${REFERENCE}`);
    await expect(tracked.textContent()).resolves.toContain('awaiting the executive’s response');
  });

  it('shows it on the public tracker with its reference and origin, in the CSV and under the origin filter', STEP, async () => {
    const seen = await publicText(paths.tracker());
    expect(seen).toContain(REFERENCE);
    expect(seen).toContain('Committee meeting, to Cabinet');
    expect(seen).toContain('Health Select Commission');
    expect(await publicText(paths.tracker({ origin: 'meeting' }))).toContain(REFERENCE);
    expect(await publicText(paths.tracker({ origin: 'review' }))).not.toContain(REFERENCE);
    const csv = await fetched(paths.trackerCsv());
    expect(csv).toContain(REFERENCE);
    expect(csv).toContain('Committee meeting');
  });

  it('records Cabinet’s response on the one form, then a progress update', STEP, async () => {
    await follow(page, `Recommendation ${REFERENCE}`);
    await follow(page, 'Record the response');
    await page.getByLabel('Accepted', { exact: true }).check();
    await page.getByLabel('Response', { exact: true }).fill('Cabinet agreed to commission the review.');
    await page.getByLabel('Proposed action').fill('Commission an independent review of rates.');
    await page.getByLabel('Responsible officer or cabinet member, as recorded').fill('Strategic Director of Adult Care');
    await fillDate('actionByDate', '2027-03-31');
    await fillDate('respondedOn', '2026-11-19');
    await press(page, 'Save response');
    expect(await banner()).toContain('response');
    await follow(page, 'Add a progress update');
    await fillDate('updateDate', '2026-11-20');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Achieved' });
    await page.getByLabel('What has happened').fill('The independent review has been commissioned.');
    await press(page, 'Save update');
    const seen = await publicText(paths.tracker());
    expect(seen).toContain('Accepted');
    expect(seen).toContain('Strategic Director of Adult Care');
    expect(seen).toContain('Achieved');
  });

  it('the committee signs it off at its next meeting; it leaves the public tracker', STEP, async () => {
    await scheduleMeeting('Health Select Commission', '2026-11-21');
    await addMinute('Recommendations tracker', 'Agreed', `That recommendation ${REFERENCE} be signed off as achieved.`);
    await follow(page, 'Sign off recommendations at this meeting');
    const row = page.locator('main fieldset', { hasText: RECOMMENDS }).first();
    await row.locator('input[type="checkbox"]').check();
    await row.locator('select[name^="outcome-"]').selectOption({ label: 'Achieved' });
    await row.locator('select[name^="minute-"]').selectOption({ index: 1 });
    await press(page, 'Sign off the ticked recommendations');
    expect(await banner()).toContain('1 recommendation signed off');
    expect(await publicText(paths.tracker())).not.toContain(REFERENCE);
  });
});
