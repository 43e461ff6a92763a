// An officer keeps a meeting's record in Chromium, axe on every page: uploads a PDF, records attendance and a declaration, edits an agenda item, and the public meeting page shows them.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';

const OFFICER = { email: 'clerk@example.org', password: 'clerk password 12' };

describe.skipIf(browserSkipReason !== undefined)('keeping a meeting record in Chromium', () => {
  let session: DemoInBrowser | undefined;
  const contexts: BrowserContext[] = [];
  let meeting: { id: number; slug: string };
  let item: { id: number; title: string; number: string | null };

  beforeAll(async () => {
    session = await startDemoInBrowser();
    const { services, database } = session.demo;
    await services.auth.addUser('system', { ...OFFICER, name: 'Clara Clerk', role: 'democratic_services' });
    const first = await database.db
      .selectFrom('agenda_items as ai')
      .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
      .select(['m.id as meetingId', 'm.slug', 'ai.id', 'ai.title', 'ai.number'])
      .where('ai.exempt_paragraph', 'is', null)
      .orderBy('m.meeting_date')
      .orderBy('ai.position')
      .executeTakeFirstOrThrow();
    meeting = { id: first.meetingId, slug: first.slug };
    item = { id: first.id, title: first.title, number: first.number };
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await session?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await session!.browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(`${session!.server.url}${path}`);
    await expectNoAxeViolations(page);
  }

  /** Clicks a button or link that leads to another page, waits for it, and checks it with axe. */
  async function follow(page: Page, action: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForNavigation(), action()]);
    await expectNoAxeViolations(page);
  }

  it('uploads a PDF, records attendance and a declaration, edits an item, and the public page shows them', { timeout: 300_000 }, async () => {
    const page = await newPage();
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(OFFICER.email);
    await page.getByLabel('Password', { exact: true }).fill(OFFICER.password);
    await follow(page, () => page.getByRole('button', { name: 'Sign in' }).click());

    await visit(page, paths.admin.meeting(meeting.id));
    await follow(page, () => page.getByRole('button', { name: 'Add a document' }).click());

    // A title left out is refused, naming the field; the file is chosen again as browsers require.
    const pdf = await tinyPdf(['Budget monitoring report', 'Spending is forecast within budget: pangolin.']);
    const file = { name: 'budget-monitoring.pdf', mimeType: 'application/pdf', buffer: pdf };
    await page.setInputFiles('#file', file);
    await page.getByLabel('Type of document').selectOption({ label: 'Report' });
    await follow(page, () => page.getByRole('button', { name: 'Upload document' }).click());
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the title of the document');
    await page.setInputFiles('#file', file);
    await page.getByLabel('Title').fill('Budget monitoring report');
    await page.getByLabel('Agenda item').selectOption(String(item.id));
    await follow(page, () => page.getByRole('button', { name: 'Upload document' }).click());
    expect(new URL(page.url()).pathname).toBe(paths.admin.meeting(meeting.id));
    await expect(page.locator('#documents + ul').textContent()).resolves.toContain('Budget monitoring report (budget-monitoring.pdf)');

    await follow(page, () => page.getByRole('link', { name: 'Record attendance' }).click());
    await page.getByLabel('Person').selectOption({ label: 'Leon Allcock' });
    await page.getByLabel('Present', { exact: true }).check();
    await page.getByLabel('Role (optional)').fill('Chair');
    await follow(page, () => page.getByRole('button', { name: 'Add to attendance' }).click());
    await page.getByLabel('Name as recorded').fill('Councillor Short');
    await page.getByLabel('Apologies', { exact: true }).check();
    await follow(page, () => page.getByRole('button', { name: 'Add to attendance' }).click());
    await expect(page.getByRole('table').textContent()).resolves.toContain('Councillor Short');
    await follow(page, () => page.getByRole('link', { name: 'Back to the meeting' }).click());

    await follow(page, () => page.getByRole('link', { name: 'Record declarations of interest' }).click());
    await page.getByLabel('Person').selectOption({ label: 'Leon Allcock' });
    await page.getByLabel('Agenda item').selectOption(String(item.id));
    await page.getByLabel('Kind of interest').selectOption({ label: 'Other registrable interest' });
    await page.getByLabel('Interest declared').fill('Governor of a school named in the report');
    await follow(page, () => page.getByRole('button', { name: 'Add declaration' }).click());
    await expect(page.locator('main').textContent()).resolves.toContain('Governor of a school named in the report');
    await follow(page, () => page.getByRole('link', { name: 'Back to the meeting' }).click());

    await follow(page, () => page.locator(`a[href="${paths.admin.agendaItem(item.id)}"]`).click());
    await page.getByLabel('Title').fill(`${item.title}: budget update`);
    await page.getByLabel('Named as').first().selectOption({ label: 'Presenting' });
    await page.getByLabel('Name as printed').first().fill('Judith Badger');
    await follow(page, () => page.getByRole('button', { name: 'Save item' }).click());
    expect(new URL(page.url()).pathname).toBe(paths.admin.meeting(meeting.id));

    // The public sees the paper, the attendance, the declaration and the corrected item.
    const visitor = await newPage();
    await visit(visitor, paths.meeting(meeting.slug));
    const text = await visitor.locator('main').textContent();
    expect(text).toContain(`${item.title}: budget update`);
    expect(text).toContain('Judith Badger');
    expect(text).toContain('Budget monitoring report');
    expect(text).toMatch(/Leon Allcock, Chair: Present/);
    expect(text).toContain('Councillor Short: Apologies');
    expect(text).toContain('Leon Allcock (Other registrable interest): Governor of a school named in the report');
    const link = visitor.getByRole('link', { name: 'Budget monitoring report' });
    await follow(visitor, () => link.click());
    expect(await visitor.locator('h1').textContent()).toContain('Budget monitoring report');
  });
});
