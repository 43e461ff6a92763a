// Opens the shell's pages in Chromium: axe finds no WCAG 2.2 A/AA violations, assets load, and the CSP blocks nothing of ours.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import type { RunningServer } from '../support/server.ts';

describe.skipIf(browserSkipReason !== undefined)('web shell in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  let session: DemoInBrowser | undefined;

  beforeAll(async () => {
    session = await startDemoInBrowser();
    ({ server, browser } = session);
  });

  afterAll(async () => session?.close());

  /** Opens a page, collecting console errors (CSP violations are reported there) and failed requests. */
  async function open(path: string): Promise<{ page: Page; status: number | undefined; problems: string[] }> {
    // A page of its own context: axe opens a second page in the same context (browser.newPage() forbids that).
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // HTTP errors are caught with their URL below (this one also fires for the 404 page's own status).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url() !== `${server.url}${path}`) {
        problems.push(`${response.status()}: ${response.url()}`);
      }
    });
    const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    return { page, status: response?.status(), problems };
  }

  async function expectShell(page: Page, problems: string[]): Promise<void> {
    expect(await page.locator('a.govuk-skip-link[href="#main-content"]').count()).toBe(1);
    expect(await page.locator('main#main-content h1').count()).toBe(1);
    // GOV.UK Frontend's JavaScript ran: the inline script (allowed by its CSP hash) and the module both loaded.
    expect(await page.locator('body').getAttribute('class')).toContain('govuk-frontend-supported');
    // The stylesheet applied (the skip link is visually hidden until focused).
    expect(await page.locator('.govuk-skip-link').evaluate((element) => getComputedStyle(element).position)).toBe('absolute');
    // GOV.UK Frontend's fonts, which its CSS asks for by absolute /assets/ URLs, loaded.
    const fonts = await page.evaluate(() => [...document.fonts].map((font) => font.status));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((status) => status === 'loaded')).toBe(true);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  }

  it('home page', async () => {
    const { page, status, problems } = await open(paths.home());
    expect(status).toBe(200);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Scrutineer');
    await expectShell(page, problems);
    await page.context().close();
  });

  it('page not found', async () => {
    const { page, status, problems } = await open('/no/such/page');
    expect(status).toBe(404);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Page not found');
    await expectShell(page, problems);
    await page.context().close();
  });
});
