// The officer workspace in Chromium, axe on every page: the scrutiny chain from review to referral, a lead officer's bulk update, two editors in conflict, and what the public cannot reach.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from '../support/browser.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import * as make from '../support/factories.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const OFFICER = { email: 'officer@example.org', password: 'officer password 1' };
const LEAD = { email: 'lead@example.org', password: 'lead officer password' };
const EXEMPT_TEXT = 'Commercially sensitive bid prices from Provider Z';

describe.skipIf(browserSkipReason !== undefined)('officer workspace journeys in Chromium', () => {
  let database: TestDb;
  let services: Services;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    database = await createTestDb('sqlite');
    services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    await services.auth.addUser('system', { ...OFFICER, name: 'Olive Officer', role: 'democratic_services' });
    const lead = await database.db
      .selectFrom('executive_responses as er')
      .innerJoin('people as p', 'p.id', 'er.responsible_person_id')
      .innerJoin('recommendations as rec', 'rec.id', 'er.recommendation_id')
      .select('p.slug')
      .where('rec.status', 'in', ['open', 'awaiting_response'])
      .executeTakeFirstOrThrow();
    await services.auth.addUser('system', { ...LEAD, name: 'Lee Lead', role: 'lead_officer', person: lead.slug });
    server = await startServer(await buildApp({ services, signInRateLimit: 1000 }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  /** Goes to a page and checks it with axe. */
  async function visit(page: Page, path: string): Promise<number | undefined> {
    const response = await page.goto(`${server.url}${path}`);
    await expectNoAxeViolations(page);
    return response?.status();
  }

  /** Clicks a form's submit button, waits for the next page, and checks it with axe. */
  async function submit(page: Page, button: string): Promise<void> {
    // A form POST answers with a page (400/409) or a redirect to one: either way, one navigation.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
    await expectNoAxeViolations(page);
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await submit(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect(page.getByRole('link', { name: 'Sign out' }).count()).resolves.toBe(1);
  }

  it(
    'an officer creates a review, adds recommendations, records the response, and minutes a referral that lands on the target meeting',
    { timeout: 300_000 },
    async () => {
      const page = await newPage();
      await signIn(page, OFFICER);

      await visit(page, '/admin/reviews');
      await page.getByRole('button', { name: 'Create a review' }).click();
      await page.waitForURL('**/admin/reviews/new');
      await expectNoAxeViolations(page);
      // A missing title is refused with the error summary, the other answers kept.
      await page.getByLabel('Committee').selectOption({ label: 'Improving Lives Select Commission' });
      await submit(page, 'Create review');
      await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the title of the review');
      await page.getByLabel('Title').fill('Home to school transport');
      await page.getByRole('group', { name: 'Date the executive received the report' }).getByLabel('Day').fill('1/10/2026');
      await submit(page, 'Create review');
      expect(page.url()).toMatch(/\/admin\/reviews\/\d+$/);

      for (const text of ['That the Council publishes its transport policy in plain English.', 'That eligibility decisions are made within 20 working days.']) {
        await page.getByRole('button', { name: 'Add a recommendation' }).click();
        await page.waitForURL('**/recommendations/new');
        await expectNoAxeViolations(page);
        await page.getByLabel('Recommendation').fill(text);
        await submit(page, 'Add recommendation');
      }
      await page.getByRole('link', { name: 'Recommendation 1' }).click();
      await page.waitForURL(/\/admin\/recommendations\/\d+$/);
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Record the response' }).click();
      await page.waitForURL('**/response');
      await expectNoAxeViolations(page);
      await page.getByLabel('Accepted', { exact: true }).check();
      await page.getByLabel('Response', { exact: true }).fill('Agreed: the policy will be rewritten with parents.');
      await page.getByLabel('Proposed action').fill('Rewrite and publish the policy.');
      await page.getByLabel('Responsible officer or cabinet member, as recorded').fill('Head of Transport');
      await page.getByRole('group', { name: 'Action by date' }).getByLabel('Day').fill('31/3/2027');
      await page.getByRole('group', { name: 'Date of the response' }).getByLabel('Day').fill('20/11/2026');
      await submit(page, 'Save response');
      await expect(page.locator('main').textContent()).resolves.toContain('Agreed: the policy will be rewritten with parents.');

      // The select commission's next meeting, then the cabinet meeting that agrees the response and refers it on.
      await visit(page, '/admin/meetings/new');
      await page.getByLabel('Body').selectOption({ label: 'Improving Lives Select Commission' });
      await page.getByLabel('Day').fill('12');
      await page.getByLabel('Month').fill('1');
      await page.getByLabel('Year').fill('2027');
      await submit(page, 'Schedule meeting');
      const targetUrl = page.url();
      await visit(page, '/admin/meetings/new');
      await page.getByLabel('Body').selectOption({ label: 'Cabinet and Commissioners’ Decision Making Meeting' });
      await page.getByLabel('Day').fill('14');
      await page.getByLabel('Month').fill('12');
      await page.getByLabel('Year').fill('2026');
      await submit(page, 'Schedule meeting');
      await page.getByRole('button', { name: 'Add an agenda item' }).click();
      await page.waitForURL('**/items/new');
      await expectNoAxeViolations(page);
      await page.getByLabel('Title').fill('Response to the home to school transport review');
      await submit(page, 'Add item');
      await submit(page, 'Publish the agenda today');
      await expect(page.locator('main').textContent()).resolves.toContain('The agenda was published on 22 November 2026');
      await page.getByRole('button', { name: 'Add a minute' }).click();
      await page.waitForURL('**/minutes/new');
      await expectNoAxeViolations(page);
      await page.getByLabel('Agenda item').selectOption({ label: '1. Response to the home to school transport review' });
      await page.getByLabel('Title').fill('Home to school transport: response');
      await page.getByLabel('Moved by').fill('Councillor Watson');
      await page.getByLabel('Seconded by').fill('Commissioner Bradwell');
      await page.locator('#limb1Verb').selectOption('agreed');
      await page.locator('#limb1Text').fill('That the response to the review be agreed.');
      await page.locator('#limb2Verb').selectOption('referred');
      await page.locator('#limb2Text').fill('That the response be referred to the Improving Lives Select Commission.');
      await page.locator('#limb2TargetOrganisationId').selectOption({ label: 'Improving Lives Select Commission' });
      await submit(page, 'Save minute');
      await expect(page.locator('main').textContent()).resolves.toContain('Moved by Councillor Watson, seconded by Commissioner Bradwell.');

      await visit(page, new URL(targetUrl).pathname);
      const pending = page.locator('#pending-items');
      await expect(pending.textContent()).resolves.toContain('That the response be referred to the Improving Lives Select Commission.');
      await expect(pending.textContent()).resolves.toMatch(
        /Further to Minute No\. \d+ of the meeting of Cabinet and Commissioners’ Decision Making Meeting held on 14 December 2026/,
      );
      await pending.getByRole('link', { name: /Add to the agenda/ }).click();
      await page.waitForURL('**/items/new?referral=*');
      await expectNoAxeViolations(page);
      await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Home to school transport: response');
      await submit(page, 'Add item');
      await expect(page.locator('main').textContent()).resolves.toContain('1. Home to school transport: response');
      expect(await page.locator('#pending-items').count()).toBe(0);
    },
  );

  it('a lead officer updates everything assigned to them in one submission', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, LEAD);
    await page.getByRole('link', { name: /Recommendations assigned to you/ }).click();
    await page.waitForURL('**/admin/assigned');
    await expectNoAxeViolations(page);
    const selects = page.locator('select[name^="status-"]');
    const count = await selects.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const name = await selects.nth(i).getAttribute('name');
      const id = name!.replace('status-', '');
      await selects.nth(i).selectOption('on_track');
      await page.locator(`textarea[name="narrative-${id}"]`).fill(`Work continues on item ${id}.`);
    }
    await submit(page, 'Save updates');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(`${count} progress update`);
  });

  it('two officers edit one recommendation: the second sees the conflict with both versions and keeps their text', { timeout: 120_000 }, async () => {
    const first = await newPage();
    const second = await newPage();
    await signIn(first, OFFICER);
    await signIn(second, OFFICER);
    const rec = await database.db.selectFrom('recommendations').select('id').where('text', 'like', 'That eligibility decisions%').executeTakeFirstOrThrow();
    const url = `/admin/recommendations/${rec.id}`;
    await visit(first, url);
    await visit(second, url);
    await first.getByLabel('Text of the recommendation').fill('That eligibility decisions are made within 15 working days.');
    await submit(first, 'Save recommendation');
    await second.getByLabel('Text of the recommendation').fill('That eligibility decisions are made within 10 working days.');
    await submit(second, 'Save recommendation');
    await expect(second.locator('.govuk-error-summary').textContent()).resolves.toContain('Someone else changed this recommendation after you opened it');
    await expect(second.locator('#their-version').textContent()).resolves.toContain('within 15 working days');
    await expect(second.getByLabel('Text of the recommendation').inputValue()).resolves.toBe('That eligibility decisions are made within 10 working days.');
  });

  it('the public reaches no admin page and no exempt document or text', { timeout: 120_000 }, async () => {
    const now = DEMO_NOW;
    const meeting = await database.db.selectFrom('meetings').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
    await make.agendaItem(database, {
      meeting_id: meeting.id,
      position: 99,
      number: '99',
      title: 'Contract award',
      description: EXEMPT_TEXT,
      exempt_paragraph: 3,
      created_at: now,
      updated_at: now,
    });
    await make.document(database, {
      slug: 'exempt-bid-appendix',
      title: 'Appendix B: bid prices',
      kind: 'appendix',
      meeting_id: meeting.id,
      exempt_paragraph: 3,
      text_content: EXEMPT_TEXT,
      created_at: now,
      updated_at: now,
    });

    const page = await newPage();
    for (const path of ['/admin', '/admin/reviews', '/admin/meetings', '/admin/assigned', '/admin/recommendations/1', '/admin/review/1/history']) {
      await page.goto(`${server.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/sign-in');
    }
    await expectNoAxeViolations(page);
    const direct = await page.request.post(`${server.url}/admin/reviews/new`, { form: { title: 'x', organisationId: '1' }, maxRedirects: 0 });
    expect([303, 403]).toContain(direct.status());

    expect(await visit(page, '/documents/exempt-bid-appendix')).toBe(404);
    await visit(page, `/meetings/${meeting.slug}`);
    expect(await page.locator('body').textContent()).not.toContain(EXEMPT_TEXT);
    const search = await page.goto(`${server.url}/search?q=${encodeURIComponent('bid prices Provider')}`);
    if (search?.status() === 200) expect(await page.locator('body').textContent()).not.toContain(EXEMPT_TEXT);
  });
});
