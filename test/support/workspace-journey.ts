// A journey in Chromium over a served database (empty unless the demo is asked for): the browser, the server, and the steps an officer or a visitor takes (visit, follow, press, fill a date, choose), each page checked with axe.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { buildDemoApp, type DemoApp } from './demo-app.ts';
import { startServer, type RunningServer } from './server.ts';

export interface JourneyOptions {
  /** Load the reference case first (default: an empty database, as a council starts). */
  readonly loadDemo?: boolean;
  /**
   * Axe on each visit (default), or once per page and state (a form with or without an error
   * summary or banner; workspace addresses with their ids as one page): long journeys on 2 cores.
   */
  readonly axe?: 'each-visit' | 'each-page-state';
  /** What the command line sets up before the journey (`scrutineer user add`, `scrutineer settings set`). */
  readonly setUp?: (app: DemoApp) => Promise<void>;
  /** The time the set-up may take. */
  readonly setUpMs?: number;
}

/** Registers the journey's set-up and tear-down in the calling `describe` and returns its steps. */
export function workspaceJourney(options: JourneyOptions = {}) {
  let app: DemoApp | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const checked = new Set<string>();
  const shots = process.env.SCREENSHOT_DIR;
  let shot = 0;

  beforeAll(async () => {
    app = await buildDemoApp({ loadDemo: options.loadDemo ?? false });
    server = await startServer(app.app);
    browser = await launchBrowser();
    await options.setUp?.(app);
  }, options.setUpMs ?? 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await app?.database.destroy();
  });

  const base = () => server?.url ?? '';

  function served(): DemoApp {
    if (!app) throw new Error('the journey has not started');
    return app;
  }

  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  }

  /** A page in a browser context of its own: a new person, with no session. Waits are generous, for a shared 2-core machine. */
  async function newPage(): Promise<Page> {
    const page = await (await newContext()).newPage();
    page.setDefaultTimeout(120_000);
    return page;
  }

  async function check(page: Page): Promise<void> {
    if (options.axe === 'each-page-state') {
      const { pathname } = new URL(page.url());
      const state = await page.locator('.govuk-error-summary, .govuk-notification-banner').count();
      const key = `${pathname.startsWith('/admin') ? pathname.replace(/\d+/g, ':id') : pathname} ${state}`;
      if (checked.has(key)) return;
      checked.add(key);
    }
    await expectNoAxeViolations(page);
  }

  /** Runs what navigates, waits for the page it opens (no server error), and checks it. */
  async function navigated(page: Page, action: () => Promise<unknown>): Promise<void> {
    const [response] = await Promise.all([page.waitForNavigation(), action()]);
    expect(response?.status() ?? 0, `${page.url()}: ${await page.locator('main').textContent()}`).toBeLessThan(500);
    await check(page);
  }

  /** Follows a link, or a link styled as a button, by its name in the main content (or `within`). */
  async function follow(page: Page, name: string | RegExp, within?: Locator): Promise<void> {
    const scope = within ?? page.locator('main');
    const exact = typeof name === 'string';
    const target = scope
      .getByRole('link', { name, exact })
      .or(scope.getByRole('button', { name, exact }).and(page.locator('a')))
      .first();
    await navigated(page, () => target.click());
  }

  async function press(page: Page, button: string): Promise<void> {
    await navigated(page, () => page.locator('main').getByRole('button', { name: button, exact: true }).click());
  }

  async function visit(page: Page, path: string): Promise<void> {
    await navigated(page, () => page.goto(`${base()}${path}`));
  }

  /** The workspace's front page, where an officer starts. */
  async function home(page: Page): Promise<void> {
    await visit(page, paths.admin.home());
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await visit(page, paths.signIn());
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await press(page, 'Sign in');
  }

  /** A GOV.UK date input, filled from an ISO date as a person types it (no leading zeros). */
  async function fillDate(page: Page, field: string, iso: string): Promise<void> {
    const [year = '', month = '', day = ''] = iso.split('-');
    await page.locator(`[id="${field}-day"]`).fill(String(Number(day)));
    await page.locator(`[id="${field}-month"]`).fill(String(Number(month)));
    await page.locator(`[id="${field}-year"]`).fill(year);
  }

  /** Chooses the first option whose text contains `text`. */
  async function choose(select: Locator, text: string): Promise<void> {
    const option = select.locator('option', { hasText: text }).first();
    const value = await option.getAttribute('value');
    if (value === null) throw new Error(`no option "${text}"`);
    await select.selectOption(value);
  }

  async function banner(page: Page): Promise<string> {
    return (await page.locator('.govuk-notification-banner').first().textContent()) ?? '';
  }

  /**
   * An anonymous visitor in a fresh browser context: public pages may be kept by a browser for a
   * minute (Cache-Control: public, max-age=60), and this is the next member of the public, arriving
   * for the first time. With SCREENSHOT_DIR set, each such page is saved there.
   */
  async function anonymous(path: string): Promise<Page> {
    const page = await (await newContext()).newPage();
    const response = await page.goto(`${base()}${path}`);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: `${shots}/${String(++shot).padStart(2, '0')}${path.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
    }
    return page;
  }

  /** What an anonymous visitor sees in a page's main content. */
  async function publicText(path: string): Promise<string> {
    return (await (await anonymous(path)).locator('main').textContent()) ?? '';
  }

  /** What any public address (page, feed, calendar, CSV, API document) returns to someone with no session, as text. */
  async function fetchedAnonymously(path: string): Promise<string> {
    const response = await (await newContext()).request.get(`${base()}${path}`);
    expect(response.status(), path).toBe(200);
    return response.text();
  }

  return {
    app: served,
    base,
    newContext,
    newPage,
    check,
    navigated,
    follow,
    press,
    visit,
    home,
    signIn,
    fillDate,
    choose,
    banner,
    anonymous,
    publicText,
    fetchedAnonymously,
  };
}
