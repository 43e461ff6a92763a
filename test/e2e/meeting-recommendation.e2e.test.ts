// A scrutiny committee meeting's recommendation to Cabinet, from an empty database through the workspace alone, in Chromium (axe on every page): minuted and tracked in one save, on the public tracker with its reference and origin, Cabinet's response on the one form, progress, and the committee's sign-off.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason } from '../support/browser.ts';
import { workspaceJourney } from '../support/workspace-journey.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const RECOMMENDS = 'That Cabinet commission an independent review of home care rates.';
// The demo clock stands at Sunday 22 November 2026: municipal year 2026/27, its first recommendation.
const REFERENCE = '2026/27-001';

describe.skipIf(browserSkipReason !== undefined)('a committee meeting’s recommendation to Cabinet, tracked to sign-off through the workspace alone', () => {
  let page: Page;
  const { newContext, navigated, follow, press, home, fillDate, banner, publicText, fetchedAnonymously, base } = workspaceJourney({
    axe: 'each-page-state',
    setUp: async (app) => {
      await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
    },
  });

  async function createBody(name: string, kind: string): Promise<void> {
    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, 'Create a body');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await press(page, 'Create body');
  }
  async function scheduleMeeting(body: string, iso: string): Promise<void> {
    await home(page);
    await follow(page, 'Meetings, agendas and minutes');
    await follow(page, 'Schedule a meeting');
    await page.getByLabel('Body').selectOption({ label: body });
    await fillDate(page, 'meetingDate', iso);
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
    const csv = await fetchedAnonymously(paths.trackerCsv());
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
    await fillDate(page, 'actionByDate', '2027-03-31');
    await fillDate(page, 'respondedOn', '2026-11-19');
    await press(page, 'Save response');
    expect(await banner(page)).toContain('response');
    await follow(page, 'Add a progress update');
    await fillDate(page, 'updateDate', '2026-11-20');
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
    expect(await banner(page)).toContain('1 recommendation signed off');
    expect(await publicText(paths.tracker())).not.toContain(REFERENCE);
  });
});
