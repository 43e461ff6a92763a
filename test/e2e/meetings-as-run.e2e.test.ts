// Meetings as they really run, in Chromium from an empty database through the workspace alone (axe on every page): schedule a Cabinet meeting, add a public and an exempt item, publish late with a reason, minute it with a limb referring the matter to the committee's next meeting, cancel another meeting, and check what an anonymous visitor sees.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import type { Browser } from 'playwright-core';

const OFFICER = { email: 'clerk@example.org', password: 'clerk password 12' };
const EXEMPT_WORDS = 'Tender prices from Provider Z';

describe.skipIf(browserSkipReason !== undefined)('meetings as they really run, from an empty database', () => {
  let app: DemoApp | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await buildDemoApp({ loadDemo: false });
    server = await startServer(app.app);
    browser = await launchBrowser();
    await app.services.auth.addUser('system', { ...OFFICER, name: 'Clara Clerk', role: 'democratic_services' });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await app?.database.destroy();
  });

  async function newPage(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${server?.url ?? ''}${path}`);
    await expectNoAxeViolations(page);
  }

  async function follow(page: Page, action: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForNavigation(), action()]);
    await expectNoAxeViolations(page);
  }

  async function addBody(page: Page, name: string, kind: string) {
    await visit(page, paths.admin.newBody());
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await follow(page, () => page.getByRole('button', { name: 'Create body' }).click());
  }

  /** Schedules a meeting with the GOV.UK date input and returns its workspace path. */
  async function schedule(page: Page, body: string, day: string, month: string, year: string): Promise<string> {
    await visit(page, paths.admin.newMeeting());
    await page.getByLabel('Body').selectOption({ label: body });
    await page.getByLabel('Day').fill(day);
    await page.getByLabel('Month').fill(month);
    await page.getByLabel('Year').fill(year);
    await follow(page, () => page.getByRole('button', { name: 'Schedule meeting' }).click());
    await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Meeting scheduled');
    return new URL(page.url()).pathname;
  }

  it('schedules, drafts, publishes late, minutes a referral, cancels, and the public sees exactly what it should', { timeout: 600_000 }, async () => {
    const page = await newPage();
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(OFFICER.email);
    await page.getByLabel('Password', { exact: true }).fill(OFFICER.password);
    await follow(page, () => page.getByRole('button', { name: 'Sign in' }).click());

    await addBody(page, 'Cabinet', 'Executive (Cabinet)');
    await addBody(page, 'Improving Lives Select Commission', 'Scrutiny committee');

    // The demo clock is 22 November 2026: a Cabinet meeting on 24 November is too soon for 5 clear days.
    const cabinet = await schedule(page, 'Cabinet', '24', '11', '2026');
    const commission = await schedule(page, 'Improving Lives Select Commission', '8', '12', '2026');
    const doomed = await schedule(page, 'Improving Lives Select Commission', '1', '12', '2026');

    await visit(page, cabinet);
    await follow(page, () => page.getByRole('button', { name: 'Add an agenda item' }).click());
    await page.getByLabel('Title').fill('Children’s services: new arrangements');
    await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
    await follow(page, () => page.getByRole('button', { name: 'Add an agenda item' }).click());
    await page.getByLabel('Title').fill('Contract award');
    await page.getByLabel('Description').fill(EXEMPT_WORDS);
    await page.locator('#exemptParagraph').selectOption('3');
    await follow(page, () => page.getByRole('button', { name: 'Add item' }).click());
    await expect(page.locator('main').textContent()).resolves.toContain('Draft');

    // Before publication the public page has neither item.
    let visitor = await newPage();
    const cabinetSlug = (await app?.database.db.selectFrom('meetings').select('slug').where('organisation_id', '=', 1).executeTakeFirstOrThrow())?.slug ?? '';
    await visit(visitor, paths.meeting(cabinetSlug));
    await expect(visitor.locator('main').textContent()).resolves.not.toContain('Children’s services: new arrangements');

    // Published late: the reason for urgency is asked for and recorded.
    await visit(page, cabinet);
    await follow(page, () => page.getByRole('button', { name: 'Publish the agenda today' }).click());
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('enter the reason for urgency');
    await page.getByLabel('Reason for urgency').fill('The report was delayed by the auditors; the chair agreed.');
    await follow(page, () => page.getByRole('button', { name: 'Publish the agenda today' }).click());
    await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Agenda published');

    // Minuted, with a limb referring the matter to the commission's next meeting.
    await follow(page, () => page.getByRole('button', { name: 'Add a minute' }).click());
    await page.getByLabel('Title').fill('Children’s services: new arrangements');
    await page.locator('#agendaItemId').selectOption({ index: 1 });
    await page.locator('#moverName').fill('Councillor Read');
    await page.locator('#seconderName').fill('Councillor Watson');
    await page.locator('#limb1Verb').selectOption('approved');
    await page.locator('#limb1Text').fill('That the new arrangements be approved.');
    await page.locator('#limb2Verb').selectOption('referred');
    await page.locator('#limb2Text').fill('That the arrangements be referred to the Improving Lives Select Commission for monitoring.');
    await page.locator('#limb2TargetOrganisationId').selectOption({ label: 'Improving Lives Select Commission' });
    await follow(page, () => page.getByRole('button', { name: 'Save minute' }).click());
    await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Minute saved');

    // Cancelled, with the reason.
    await visit(page, doomed);
    await follow(page, () => page.getByRole('link', { name: 'Cancel the meeting' }).click());
    await page.getByLabel('Why is the meeting cancelled?').fill('Not enough business to transact.');
    await follow(page, () => page.getByRole('button', { name: 'Cancel the meeting' }).click());
    await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Meeting cancelled');

    // What the public sees, as a new visitor: a browser keeps a public page it has seen for up to
    // a minute (Cache-Control: max-age=60), so the earlier visitor could be shown its old copy.
    visitor = await newPage();
    await visit(visitor, paths.meeting(cabinetSlug));
    const cabinetText = (await visitor.locator('main').textContent()) ?? '';
    expect(cabinetText).toContain('Held');
    expect(cabinetText).toContain('Minute 1: Children’s services: new arrangements');
    expect(cabinetText).toContain('That the new arrangements be approved.');
    expect(cabinetText).toContain('Councillor Read');
    expect(cabinetText).toContain('Contract award');
    expect(cabinetText).toContain('Record of the decision');
    await visitor.screenshot({ path: join(tmpdir(), 'meetings-as-run-held.png'), fullPage: true });

    const meetings = (await app?.database.db.selectFrom('meetings').select(['id', 'slug']).orderBy('id').execute()) ?? [];
    const commissionSlug = meetings[1]?.slug ?? '';
    const doomedSlug = meetings[2]?.slug ?? '';
    expect(commission.endsWith(String(meetings[1]?.id))).toBe(true);
    await visit(visitor, paths.meeting(commissionSlug));
    await expect(visitor.locator('main').textContent()).resolves.toContain('Referred by Cabinet, Minute 1');
    await follow(visitor, () => visitor.getByRole('link', { name: 'Referred by Cabinet, Minute 1' }).click());
    expect(new URL(visitor.url()).hash).toBe('#minute-1');

    await visit(visitor, paths.meeting(doomedSlug));
    const doomedText = (await visitor.locator('main').textContent()) ?? '';
    expect(doomedText).toContain('This meeting is cancelled');
    expect(doomedText).toContain('Not enough business to transact.');
    await visitor.screenshot({ path: join(tmpdir(), 'meetings-as-run-cancelled.png'), fullPage: true });
    const ics = await (await visitor.request.get(`${server?.url ?? ''}${paths.meetingsCalendar()}`)).text();
    const event =
      ics
        .replace(/\r\n /g, '')
        .split('BEGIN:VEVENT')
        .find((e) => e.includes(`meeting-${meetings[2]?.id ?? 0}@`)) ?? '';
    expect(event).toContain('STATUS:CANCELLED');

    // No exempt text anywhere public: pages, search, calendar, feeds and the API.
    for (const path of [
      paths.meeting(cabinetSlug),
      paths.search({ q: 'Provider' }),
      paths.meetingsCalendar(),
      paths.decisionsFeed(),
      paths.api.item('meetings', meetings[0]?.id ?? 0),
    ]) {
      const body = await (await visitor.request.get(`${server?.url ?? ''}${path}`)).text();
      expect(body).not.toContain(EXEMPT_WORDS);
    }
  });
});
