// A key decision called in, from an empty database through the workspace alone, in Chromium (axe on every page): published on the forward plan, taken by Cabinet on the agenda item that takes it, called in by councillors (first refused for too few), accepted, heard by scrutiny, referred back and reconsidered; after each step an anonymous visitor checks what the public sees on the meeting page, the forward-plan entry and /call-ins.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason } from '../support/browser.ts';
import { workspaceJourney } from '../support/workspace-journey.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const DAY = 24 * 60 * 60 * 1000;
const COUNCILLORS = ['Amelia Ashworth', 'Bilal Brook', 'Chris Read'];

describe.skipIf(browserSkipReason !== undefined)('a key decision published, taken, called in and reconsidered, through the workspace alone', () => {
  const { app, newContext, navigated, follow, press, home, fillDate, choose, banner, publicText, base } = workspaceJourney({
    axe: 'each-page-state',
    // An empty database; the first user and the council's call-in rule are set as the command line sets them
    // (`scrutineer user add`, `scrutineer settings set call-in.councillors 3`).
    setUp: async (app) => {
      await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
      await app.services.settings.set('call-in.councillors', '3');
    },
  });

  async function addBody(page: Page, name: string, kind: string): Promise<void> {
    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, 'Create a body');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await press(page, 'Create body');
  }

  async function addCouncillor(page: Page, name: string, body: string): Promise<void> {
    await home(page);
    await follow(page, 'People and their roles');
    await follow(page, 'Create a person');
    await page.getByLabel('Title', { exact: true }).fill('Councillor');
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Councillor', { exact: true }).check();
    await press(page, 'Create person');
    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, body);
    await follow(page, 'Add a member');
    await choose(page.getByLabel('Person', { exact: true }), name);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Member' });
    await press(page, 'Add membership');
  }

  async function schedule(page: Page, body: string, iso: string): Promise<void> {
    await home(page);
    await follow(page, 'Meetings, agendas and minutes');
    await follow(page, 'Schedule a meeting');
    await page.getByLabel('Body').selectOption({ label: body });
    await fillDate(page, 'meetingDate', iso);
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('Location').fill('Town Hall, Moorgate Street');
    await press(page, 'Schedule meeting');
    expect(await banner(page)).toContain('Meeting scheduled');
  }

  async function openMeeting(page: Page, body: string, date: string): Promise<void> {
    await home(page);
    await follow(page, 'Meetings, agendas and minutes');
    await follow(page, date, page.locator('main tr', { hasText: body }).filter({ hasText: date }));
  }

  async function openCallIn(page: Page): Promise<void> {
    await home(page);
    await follow(page, 'Call-ins of executive decisions');
    await follow(page, 'Cabinet, Minute 1: Closure of Riverside Library');
  }

  /** Signs the officer in (again after the clock moves on days: a session does not last that long). */
  async function signIn(): Promise<void> {
    await navigated(page, () => page.goto(`${base()}${paths.signIn()}`));
    await page.getByLabel('Email address').fill(CLERK.email);
    await page.getByLabel('Password', { exact: true }).fill(CLERK.password);
    await press(page, 'Sign in');
  }

  let page: Page;
  let cabinetPath = '';
  let entryPath = '';
  let seen = '';
  const STEP = { timeout: 600_000 };
  let broken = false;
  beforeEach((context) => {
    if (broken) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') broken = true;
  });

  it('sets up the Cabinet, the scrutiny board and three councillors who sit on it', STEP, async () => {
    page = await (await newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await signIn();
    await addBody(page, 'Cabinet', 'Executive (Cabinet)');
    await addBody(page, 'Overview and Scrutiny Board', 'Scrutiny committee');
    for (const name of COUNCILLORS) await addCouncillor(page, name, 'Overview and Scrutiny Board');
    await schedule(page, 'Cabinet', '2026-11-24');
    await schedule(page, 'Overview and Scrutiny Board', '2026-12-03');
  });

  it('publishes the key decision on the forward plan, and the Cabinet’s agenda item takes it', STEP, async () => {
    await home(page);
    await follow(page, 'Forward plan of key decisions');
    await follow(page, 'Add a key decision');
    await page.getByLabel('Decision to be taken').fill('Closure of Riverside Library');
    await page.getByLabel('Forward plan of').selectOption({ label: 'Cabinet (Executive (Cabinet))' });
    await page.getByLabel('Cabinet', { exact: true }).check();
    await page.getByLabel('Spending or savings at or over the council’s threshold').check();
    await page.getByLabel('Spending or savings in pounds').fill('1,250,000');
    await fillDate(page, 'firstPublishedOn', '2026-10-20');
    await fillDate(page, 'intendedDate', '2026-11-24');
    await press(page, 'Publish entry');
    const visitor = await (await newContext()).newPage();
    await visitor.goto(`${base()}${paths.forwardPlan()}`);
    await Promise.all([visitor.waitForNavigation(), visitor.locator('main').getByRole('link', { name: 'Closure of Riverside Library' }).first().click()]);
    entryPath = new URL(visitor.url()).pathname;
    seen = await publicText(entryPath);
    expect(seen).toContain('Closure of Riverside Library');

    await openMeeting(page, 'Cabinet', '24 November 2026');
    await follow(page, 'Add an agenda item');
    await page.getByLabel('Title', { exact: true }).fill('Closure of Riverside Library');
    await press(page, 'Add item');
    // The item, once on the agenda, is linked to the key decision it takes.
    await follow(page, /^Edit item 1: Closure of Riverside Library$/);
    await choose(page.getByLabel('Forward plan entry'), 'Closure of Riverside Library');
    await press(page, 'Save item');
    // Two days before the meeting the agenda is late: published with the chair's reason for urgency (LGA 1972 s.100B(4)(b)).
    await page.getByLabel('Reason for urgency').fill('The library survey arrived late; the chair agreed.');
    await press(page, 'Publish the agenda today');
    expect(await banner(page)).toContain('Agenda published');
  });

  it('minutes the Cabinet’s executive decision; the public sees when it may be implemented', STEP, async () => {
    app().advance(2 * DAY);
    await signIn();
    await openMeeting(page, 'Cabinet', '24 November 2026');
    await follow(page, 'Add a minute');
    await choose(page.getByLabel('Agenda item'), 'Closure of Riverside Library');
    await page.getByLabel('Title', { exact: true }).fill('Closure of Riverside Library');
    await page.locator('#limb1Verb').selectOption({ label: 'Approved' });
    await page.locator('#limb1Text').fill('That Riverside Library close on 1 June 2027.');
    await press(page, 'Save minute');
    expect(await banner(page)).toContain('Minute saved');
    cabinetPath = (await page.locator('main').getByRole('link', { name: 'View the public page' }).getAttribute('href')) ?? '';
    seen = await publicText(cabinetPath);
    expect(seen).toContain('(executive decision)');
    // Published Tue 24 November 2026: five working days end on Tue 1 December.
    expect(seen).toContain('1 December 2026');
  });

  it('records the councillors’ call-in notice, refusing one signed by too few', STEP, async () => {
    await openMeeting(page, 'Cabinet', '24 November 2026');
    await follow(page, /Record a call-in/);
    expect(await page.locator('main').textContent()).toContain('Call-in period ends 1 December 2026');
    await fillDate(page, 'receivedOn', '2026-11-24');
    await page.getByLabel('Councillor Amelia Ashworth').check();
    await page.getByLabel('Councillor Bilal Brook').check();
    await page.getByLabel('Grounds of the call-in').fill('The library users were not consulted.');
    await press(page, 'Record the call-in notice');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('A call-in needs 3 councillors under the council’s rules; this notice has 2');
    await page.getByLabel('Councillor Chris Read').check();
    await press(page, 'Record the call-in notice');
    expect(await banner(page)).toContain('Call-in notice recorded');
    seen = await publicText(cabinetPath);
    expect(seen).toContain('Call-in: Notice received: validity being checked');
  });

  it('accepts the call-in: the decision is held everywhere it is shown', STEP, async () => {
    await openCallIn(page);
    await page.getByLabel('Accept: the call-in is valid and the decision is held').check();
    await page.getByLabel('Reason').fill('Signed by three councillors within the call-in period.');
    await press(page, 'Save the check');
    expect(await banner(page)).toContain('Call-in checked');
    seen = await publicText(cabinetPath);
    expect(seen).toContain('This decision has been called in: it may not be implemented');
    seen = await publicText(entryPath);
    expect(seen).toContain('Called in on 24 November 2026 — implementation held until the scrutiny committee has considered it.');
    seen = await publicText(paths.home());
    expect(seen).toContain('Call-ins');
    seen = await publicText(paths.callIns());
    expect(seen).toContain('Accepted by the proper officer');
    expect(seen).toContain('Councillor Chris Read');
  });

  it('puts the call-in on the scrutiny board’s agenda and records the referral back', STEP, async () => {
    await openCallIn(page);
    await page.getByLabel('Meeting that will hear the call-in').selectOption({ label: 'Overview and Scrutiny Board, 3 December 2026' });
    await press(page, 'Add to the agenda');
    expect(await banner(page)).toContain('Call-in put on the scrutiny committee’s agenda');
    await openMeeting(page, 'Overview and Scrutiny Board', '3 December 2026');
    expect(await page.locator('main').textContent()).toContain('Call-in: Closure of Riverside Library');
    app().advance(9 * DAY);
    await signIn();
    await openCallIn(page);
    await page.getByLabel('Referred back to the decision maker with recommendations').check();
    await page.getByLabel('The committee’s recommendations or concerns').fill('Consult library users before deciding.');
    await press(page, 'Save the outcome');
    expect(await banner(page)).toContain('Outcome recorded');
    seen = await publicText(paths.callIns());
    expect(seen).toContain('Outcome: Referred back to the decision maker with recommendations');
    expect(seen).toContain('Consult library users before deciding.');
    expect(seen).toContain('Overview and Scrutiny Board meeting on 3 December 2026');
  });

  it('records the Cabinet’s reconsideration, which closes the call-in', STEP, async () => {
    app().advance(2 * DAY);
    await signIn();
    await openCallIn(page);
    await page.getByLabel('Decision modified').check();
    await page.getByLabel('Reasons').fill('Closure deferred until library users have been consulted.');
    await press(page, 'Save the reconsideration');
    expect(await banner(page)).toContain('Reconsideration recorded');
    seen = await publicText(paths.callIns());
    expect(seen).toContain('Reconsidered: Decision modified');
    expect(seen).toContain('The call-in is closed');
    seen = await publicText(cabinetPath);
    expect(seen).toContain('Call-in: Closed');
    expect(seen).toContain('reconsidered on 5 December 2026: Decision modified');
    seen = await publicText(entryPath);
    expect(seen).toContain('Referred back to the decision maker with recommendations; reconsidered on 5 December 2026: Decision modified.');
  });
});
