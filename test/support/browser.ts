// Launches Debian's Chromium for the end-to-end tests and checks pages with axe against WCAG 2.2 A and AA.
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA (the Public Sector Bodies Accessibility Regulations standard). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Why the browser tests cannot run here, or undefined when they can. On a developer machine
 * without Chromium they are skipped with this reason; in CI (CI set) a missing browser is a
 * failure, so they run and fail at launch.
 */
export const browserSkipReason: string | undefined =
  existsSync(CHROMIUM_PATH) || process.env.CI
    ? undefined
    : `Chromium not found at ${CHROMIUM_PATH}: browser tests SKIPPED. Install Debian's chromium or set CHROMIUM_PATH.`;

if (browserSkipReason !== undefined) console.warn(`\n  ${browserSkipReason}\n`);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * Runs axe on the page as it is now and throws one readable error listing every violation. The
 * page must come from `browser.newContext()` then `context.newPage()`: axe opens a second page in
 * the same context to finish its run, which a page from `browser.newPage()` does not allow.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    - ${node.target.map(String).join(' ')}`).join('\n');
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`${results.violations.length} accessibility violation(s) on ${page.url()}:\n${report}`);
}
