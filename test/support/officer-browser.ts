// The demo in Chromium with a democratic services officer's account, and the steps an officer's journey takes (sign in, visit, follow, submit), each page checked with axe.
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations } from './browser.ts';
import { startDemoInBrowser, type DemoInBrowser } from './demo-browser.ts';

export const OFFICER = { email: 'officer@example.org', password: 'officer password 1', name: 'Olive Officer' };

export interface OfficerInBrowser {
  readonly running: DemoInBrowser;
  /** The officer's browser context (its cookies hold the session once `signIn` has run). */
  readonly context: BrowserContext;
  /** A new page in the officer's context, signed in through the sign-in form. */
  readonly signIn: () => Promise<Page>;
  /** Opens a path of the site and checks the page. */
  readonly visit: (page: Page, path: string) => Promise<void>;
  /** Follows a link or a button-styled link in the main content by its name, and checks the page it opens. */
  readonly follow: (page: Page, role: 'link' | 'button', name: string) => Promise<void>;
  /** Presses the button, waits for the next page (a redirect or the form again with errors), and checks it. */
  readonly submit: (page: Page, button: string) => Promise<void>;
  readonly close: () => Promise<void>;
}

export async function startOfficerInBrowser(): Promise<OfficerInBrowser> {
  const running = await startDemoInBrowser();
  await running.demo.services.auth.addUser('system', { email: OFFICER.email, password: OFFICER.password, name: OFFICER.name, role: 'democratic_services' });
  const context = await running.browser.newContext();
  const visit = async (page: Page, path: string) => {
    await page.goto(`${running.server.url}${path}`);
    await expectNoAxeViolations(page);
  };
  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
    await expectNoAxeViolations(page);
  };
  return {
    running,
    context,
    visit,
    submit,
    follow: async (page, role, name) => {
      await Promise.all([page.waitForNavigation(), page.locator('main').getByRole(role, { name, exact: true }).click()]);
      await expectNoAxeViolations(page);
    },
    signIn: async () => {
      const page = await context.newPage();
      await visit(page, '/sign-in');
      await page.getByLabel('Email address').fill(OFFICER.email);
      await page.getByLabel('Password', { exact: true }).fill(OFFICER.password);
      await submit(page, 'Sign in');
      return page;
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await running.close();
    },
  };
}
