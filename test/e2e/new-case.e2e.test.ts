// A new case carried from an empty database to sign-off through the workspace alone, in Chromium (axe on every page): an officer who has never seen it finds everything by links and labels from /admin, and after each step an anonymous visitor checks what the public sees.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason } from '../support/browser.ts';
import { workspaceJourney } from '../support/workspace-journey.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const LEAD = { email: 'dana.director@example.org', password: 'lead officer password', name: 'Dana Director' };
const TEMPORARY_PASSWORD = 'temporary password from the clerk';
const EXEMPT_WORDS = 'Tender prices from Provider Zephyr';
const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(browserSkipReason !== undefined)('a new case from an empty database to sign-off, through the workspace alone', () => {
  const journey = workspaceJourney({
    axe: 'each-page-state',
    // An empty database: no demo. The first account, an administrator's, is made as `scrutineer user add` makes it;
    // every other account is made in the workspace.
    setUp: async (app) => {
      await app.services.auth.addUser('system', { ...CLERK, role: 'administrator' });
    },
  });
  const { app, newContext, navigated, follow, press, home, fillDate, choose, banner, anonymous, publicText, fetchedAnonymously, base } = journey;

  /** Signs in through the form, landing on the workspace's front page. */
  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await journey.signIn(page, who);
    expect(new URL(page.url()).pathname).toBe(paths.admin.home());
  }

  /** The public page a workspace page links to ("View the public page"), as a path. */
  async function publicPathOf(page: Page): Promise<string> {
    const href = await page.locator('main').getByRole('link', { name: 'View the public page' }).getAttribute('href');
    if (href === null) throw new Error(`no public page linked from ${page.url()}`);
    return href;
  }

  /** Nothing public holds the exempt words: the pages seen, search, the API, feeds and the calendar. */
  async function expectNoExemptText(pages: readonly string[]): Promise<void> {
    const everywhere = [
      ...pages,
      paths.search({ q: 'Zephyr' }),
      paths.search({ q: 'Tender prices' }),
      paths.meetingsCalendar(),
      paths.meetingsCsv(),
      paths.decisionsFeed(),
      paths.decisionsCsv(),
      paths.recommendationsFeed(),
      paths.api.collection('meetings'),
      paths.api.collection('decisions'),
      paths.api.item('meetings', cabinetId),
    ];
    for (const path of everywhere) expect(await fetchedAnonymously(path), path).not.toContain(EXEMPT_WORDS);
  }

  /** The recommendations the public tracker lists, as the addresses of their pages. */
  async function trackerLinks(): Promise<string[]> {
    const tracker = await anonymous(paths.tracker());
    const hrefs = await tracker.locator('main a[href*="/recommendations/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    return [...new Set(hrefs)].sort();
  }

  async function addBody(page: Page, name: string, kind: string): Promise<void> {
    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, 'Create a body');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of body').selectOption({ label: kind });
    await press(page, 'Create body');
  }

  async function addPerson(page: Page, person: { title?: string; name: string; kind: string; jobTitle?: string; party?: string }): Promise<void> {
    await home(page);
    await follow(page, 'People and their roles');
    await follow(page, 'Create a person');
    if (person.title) await page.getByLabel('Title', { exact: true }).fill(person.title);
    await page.getByLabel('Full name').fill(person.name);
    await page.getByLabel(person.kind, { exact: true }).check();
    if (person.jobTitle) await page.getByLabel('Job title').fill(person.jobTitle);
    if (person.party) await page.getByLabel('Party').fill(person.party);
    await press(page, 'Create person');
  }

  async function addMember(page: Page, body: string, person: string, role: string): Promise<void> {
    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, body);
    await follow(page, 'Add a member');
    await choose(page.getByLabel('Person', { exact: true }), person);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
    await press(page, 'Add membership');
  }

  async function openMeeting(page: Page, body: string, date: string): Promise<void> {
    await home(page);
    await follow(page, 'Meetings, agendas and minutes');
    // The list gives each meeting's date as its link, with the body beside it.
    await follow(page, date, page.locator('main tr', { hasText: body }).filter({ hasText: date }));
  }

  async function schedule(page: Page, body: string, iso: string): Promise<void> {
    await home(page);
    await follow(page, 'Meetings, agendas and minutes');
    await follow(page, 'Schedule a meeting');
    await page.getByLabel('Body').selectOption({ label: body });
    await fillDate(page, 'meetingDate', iso);
    await page.getByLabel('Start time').fill('14:00');
    await page.getByLabel('Location').fill('Town Hall, Moorgate Street');
    await press(page, 'Schedule meeting');
    expect(await banner(page)).toContain('Meeting scheduled');
  }

  async function openReview(page: Page): Promise<void> {
    await home(page);
    await follow(page, 'Scrutiny reviews and recommendations');
    await follow(page, 'Hospital discharge');
  }

  // The steps run in order on one server and one officer's browser, each building on the one before
  // (vitest runs a file's tests in sequence): a step that fails leaves the later ones failing too.
  let page: Page;
  let reviewPath = '';
  let cabinetPath = '';
  let cabinetId = 0;
  let commissionMeetingPath = '';
  let seen = '';
  const STEP = { timeout: 600_000 };
  // Once a step fails the rest cannot run as a user would (they build on it): they are skipped, so
  // the report names the step that broke rather than every step after it.
  let broken = false;
  beforeEach((context) => {
    if (broken) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') broken = true;
  });

  it('signs in as the first officer', STEP, async () => {
    page = await (await newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, CLERK);
  });

  it('creates the bodies, the people and their memberships; the public sees the committee’s members', STEP, async () => {
    await addBody(page, 'Health Select Commission', 'Scrutiny committee');
    await addBody(page, 'Cabinet', 'Executive (Cabinet)');
    await addPerson(page, { title: 'Councillor', name: 'Amelia Ashworth', kind: 'Councillor', party: 'Labour' });
    await addPerson(page, { title: 'Councillor', name: 'Bilal Brook', kind: 'Councillor', party: 'Liberal Democrat' });
    await addPerson(page, { title: 'Councillor', name: 'Chris Read', kind: 'Councillor', party: 'Labour' });
    await addPerson(page, { name: LEAD.name, kind: 'Officer', jobTitle: 'Director of Adult Care' });
    await addMember(page, 'Health Select Commission', 'Amelia Ashworth', 'Chair');
    await addMember(page, 'Health Select Commission', 'Bilal Brook', 'Member');
    await addMember(page, 'Cabinet', 'Chris Read', 'Cabinet member');
    await addMember(page, 'Cabinet', LEAD.name, 'Lead officer');

    await home(page);
    await follow(page, 'Bodies and their members');
    await follow(page, 'Health Select Commission');
    const commissionPage = await publicPathOf(page);
    seen = await publicText(commissionPage);
    expect(seen).toContain('Amelia Ashworth');
    expect(seen).toContain('Bilal Brook');
  });

  it('creates a review with its terms of reference, evidence, members and recommendations; the public sees it and search finds it at once', STEP, async () => {
    await home(page);
    await follow(page, 'Scrutiny reviews and recommendations');
    await follow(page, 'Create a review');
    await page.getByLabel('Title', { exact: true }).fill('Hospital discharge');
    await page.getByLabel('Committee').selectOption({ label: 'Health Select Commission' });
    await fillDate(page, 'startedOn', '2026-03-02');
    await fillDate(page, 'reportDate', '2026-09-01');
    await fillDate(page, 'receivedOn', '2026-09-15');
    await page.getByLabel('Summary').fill('How patients leave hospital for home or care, and what delays them.');
    await press(page, 'Create review');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/reviews\/\d+$/);

    await follow(page, 'Add a term of reference');
    await page.getByLabel('Text of the term').fill('To understand why medically fit patients wait for discharge.');
    await press(page, 'Save term of reference');
    await follow(page, 'Add evidence');
    await page.getByLabel('Kind of evidence').selectOption({ label: 'Witness session' });
    await page.getByLabel('How it was taken').selectOption({ label: 'In person' });
    await page.getByLabel('Name of the organisation').fill('Rotherham Hospital Trust');
    await fillDate(page, 'occurredOn', '2026-05-12');
    await page.getByLabel('Subject').fill('Ward discharge coordinators');
    await press(page, 'Save evidence');
    await follow(page, 'Add a member');
    await choose(page.getByLabel('Person', { exact: true }), 'Amelia Ashworth');
    await page.getByLabel('Chair', { exact: true }).check();
    await press(page, 'Add member');
    await follow(page, 'Add a member');
    await choose(page.getByLabel('Person', { exact: true }), 'Bilal Brook');
    await page.getByLabel('Member', { exact: true }).check();
    await press(page, 'Add member');

    const recommendations = [
      'That discharge letters reach GPs within one working day.',
      'That the Council and the Trust improve weekend discharge:\n(a) a discharge lounge opens on Saturdays and Sundays;\n(b) pharmacy staff are rostered at weekends.',
    ];
    for (const text of recommendations) {
      await follow(page, 'Add a recommendation');
      await page.getByLabel('Recommendation', { exact: true }).fill(text);
      await press(page, 'Add recommendation');
    }
    reviewPath = await publicPathOf(page);

    seen = await publicText(reviewPath);
    expect(seen).toContain('To understand why medically fit patients wait for discharge.');
    expect(seen).toContain('Rotherham Hospital Trust');
    expect(seen).toContain('Amelia Ashworth');
    expect(seen).toContain('Overdue by');
    // Search finds the new words at once, without a reindex.
    seen = await publicText(paths.search({ q: 'pharmacy rostered' }));
    expect(seen).toContain('Hospital discharge');
  });

  it('shows the sub-points of recommendation 2 as a list on the public page, each its own item', STEP, async () => {
    const visitor = await anonymous(reviewPath);
    await expect(visitor.locator('main li:not(:has(li))', { hasText: 'a discharge lounge opens on Saturdays and Sundays' }).count()).resolves.toBe(1);
    await expect(visitor.locator('main li:not(:has(li))', { hasText: 'pharmacy staff are rostered at weekends' }).count()).resolves.toBe(1);
    await expect(visitor.locator('main p', { hasText: 'improve weekend discharge' }).textContent()).resolves.not.toContain('(a)');
  });

  it('schedules a Cabinet meeting with a public and an exempt item, kept as drafts, then published late with a reason', STEP, async () => {
    // The clock stands at 22 November 2026: a meeting on the 24th is too soon for five clear days.
    await schedule(page, 'Cabinet', '2026-11-24');
    await schedule(page, 'Health Select Commission', '2026-12-08');
    await schedule(page, 'Health Select Commission', '2027-01-12');
    await openMeeting(page, 'Cabinet', '24 November 2026');
    cabinetPath = await publicPathOf(page);
    cabinetId = Number(/\/admin\/meetings\/(\d+)/.exec(page.url())?.[1]);
    await follow(page, 'Add an agenda item');
    await page.getByLabel('Title', { exact: true }).fill('Hospital discharge: the executive’s response to the scrutiny review');
    await page.getByLabel('Report of', { exact: true }).fill('Director of Adult Care');
    await press(page, 'Add item');
    await follow(page, 'Add an agenda item');
    await page.getByLabel('Title', { exact: true }).fill('Home care contract award');
    await page.getByLabel('Description', { exact: true }).fill(EXEMPT_WORDS);
    await page.locator('#exemptParagraph').selectOption('3');
    await press(page, 'Add item');
    await expect(page.locator('main').textContent()).resolves.toContain('Draft');

    // Drafts are not public.
    seen = await publicText(cabinetPath);
    expect(seen).not.toContain('the executive’s response to the scrutiny review');
    expect(seen).not.toContain('Home care contract award');

    await press(page, 'Publish the agenda today');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('reason for urgency');
    await page.getByLabel('Reason for urgency').fill('The Trust’s figures arrived late; the chair agreed the item is urgent.');
    await press(page, 'Publish the agenda today');
    expect(await banner(page)).toContain('Agenda published');

    seen = await publicText(cabinetPath);
    expect(seen).toContain('Hospital discharge: the executive’s response to the scrutiny review');
    expect(seen).toContain('Home care contract award');
    expect(seen).toContain('The Trust’s figures arrived late');
    seen = await publicText(paths.search({ q: 'executive’s response scrutiny review discharge' }));
    expect(seen).toContain('24 November 2026');
    await expectNoExemptText([cabinetPath]);
  });

  it('records the executive’s responses, naming the lead officer', STEP, async () => {
    // The meeting is held: two days later.
    app().advance(3 * DAY);
    // A session lasts a working day: the officer signs in again on the new day.
    await signIn(page, CLERK);
    for (const number of [1, 2]) {
      await openReview(page);
      await follow(page, `Recommendation ${number}`);
      await follow(page, 'Record the response');
      await page.getByLabel('Accepted', { exact: true }).check();
      await page.getByLabel('Response', { exact: true }).fill(number === 1 ? 'Agreed: letters go electronically.' : 'Agreed: weekend rotas from April.');
      await page.getByLabel('Proposed action').fill(number === 1 ? 'Switch to electronic discharge letters.' : 'Open the lounge and roster pharmacists.');
      await choose(page.getByLabel('Responsible officer (linked person)'), LEAD.name);
      await fillDate(page, 'actionByDate', '2027-03-31');
      await fillDate(page, 'respondedOn', '2026-11-24');
      await press(page, 'Save response');
      expect(new URL(page.url()).pathname).toMatch(/^\/admin\/recommendations\/\d+$/);
    }
  });

  it('minutes the Cabinet meeting: the response agreed, and the matter referred to the commission’s next meeting', STEP, async () => {
    await openMeeting(page, 'Cabinet', '24 November 2026');
    await follow(page, 'Add a minute');
    await page.getByLabel('Agenda item').selectOption({ label: '1. Hospital discharge: the executive’s response to the scrutiny review' });
    await page.getByLabel('Title', { exact: true }).fill('Hospital discharge: response to the scrutiny review');
    await page.getByLabel('Moved by').fill('Councillor Chris Read');
    await page.getByLabel('Seconded by').fill('Councillor Amelia Ashworth');
    await page.getByLabel('Votes for').fill('8');
    await page.getByLabel('Votes against').fill('0');
    await page.locator('#limb1Verb').selectOption({ label: 'Agreed' });
    await page.locator('#limb1Text').fill('That the response to the Hospital discharge review be agreed.');
    await page.locator('#limb2Verb').selectOption({ label: 'Referred' });
    await page.locator('#limb2Text').fill('That progress on weekend discharge be referred to the Health Select Commission.');
    await page.locator('#limb2TargetOrganisationId').selectOption({ label: 'Health Select Commission' });
    await press(page, 'Save minute');
    expect(await banner(page)).toContain('Minute saved');
    // A second minute on the exempt item, its words withheld from the public.
    await follow(page, 'Add a minute');
    await page.getByLabel('Agenda item').selectOption({ label: '2. Home care contract award' });
    await page.getByLabel('Title', { exact: true }).fill('Home care contract award');
    await page.getByLabel('Minute', { exact: true }).fill(`The Cabinet considered ${EXEMPT_WORDS}.`);
    await page.locator('#limb1Verb').selectOption({ label: 'Approved' });
    await page.locator('#limb1Text').fill('That the contract be awarded as set out in the exempt report.');
    await press(page, 'Save minute');
    expect(await banner(page)).toContain('Minute saved');

    seen = await publicText(cabinetPath);
    expect(seen).toContain('Held');
    expect(seen).toContain('Minute 1: Hospital discharge: response to the scrutiny review');
    expect(seen).toContain('That the response to the Hospital discharge review be agreed.');
    expect(seen).toContain('That progress on weekend discharge be referred to the Health Select Commission.');
    expect(seen).toContain('Councillor Chris Read');
    expect(seen).toContain('Councillor Amelia Ashworth');
    expect(seen).toContain('Minute 2');
    await expectNoExemptText([cabinetPath]);

    // The commission's next meeting shows the referral, and the officer puts it on that agenda.
    await openMeeting(page, 'Health Select Commission', '8 December 2026');
    commissionMeetingPath = await publicPathOf(page);
    seen = await publicText(commissionMeetingPath);
    expect(seen).toContain('Referred by Cabinet, Minute 1');
    await follow(page, /Add to the agenda/, page.locator('#pending-items'));
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Hospital discharge: response to the scrutiny review');
    await press(page, 'Add item');
    await follow(page, 'Add an agenda item');
    await page.getByLabel('Title', { exact: true }).fill('Recommendation tracker');
    await press(page, 'Add item');
    await press(page, 'Publish the agenda today');
    expect(await banner(page)).toContain('Agenda published');
  });

  it('records the minute that agreed the response: the public clock stops and the tracker lists the recommendations', STEP, async () => {
    await openReview(page);
    await follow(page, 'Record where the report was received and the response agreed');
    await page
      .getByLabel('Minute that agreed the executive’s response')
      .selectOption({ label: (await page.locator('#responseMinute option', { hasText: 'Cabinet' }).first().textContent())?.trim() ?? '' });
    await press(page, 'Save');
    await expect(page.locator('main').textContent()).resolves.toContain('have been saved');

    const clock = (await (await anonymous(reviewPath)).locator('.app-review-clock').textContent()) ?? '';
    expect(clock).toContain('24 November 2026');
    expect(clock).toContain('Late by');
    expect(clock).not.toContain('Overdue');
    // The tracker names each recommendation by its number, linked to its page.
    expect(await trackerLinks()).toEqual([`${reviewPath}/recommendations/1`, `${reviewPath}/recommendations/2`]);
    seen = await publicText(paths.search({ q: 'electronic discharge letters' }));
    expect(seen).toContain('Hospital discharge');
  });

  it('a lead officer slips a target date with a reason; the public sees the new date and the reason', STEP, async () => {
    // The clerk, an administrator, makes their account in the workspace with a temporary password.
    await home(page);
    if (new URL(page.url()).pathname === paths.signIn()) await signIn(page, CLERK);
    await follow(page, 'Accounts: who can sign in to the workspace');
    await follow(page, 'Add an account');
    await page.getByLabel('Full name').fill(LEAD.name);
    await page.getByLabel('Email address').fill(LEAD.email);
    await page.getByLabel('Lead officer', { exact: true }).check();
    await choose(page.getByLabel('Person', { exact: true }), LEAD.name);
    await page.getByLabel('Temporary password').fill(TEMPORARY_PASSWORD);
    await press(page, 'Add account');
    expect(await banner(page)).toContain('Account added');

    // They sign in with it and must choose their own before anything else.
    const lead = await (await newContext()).newPage();
    lead.setDefaultTimeout(15_000);
    await navigated(lead, () => lead.goto(`${base()}${paths.signIn()}`));
    await lead.getByLabel('Email address').fill(LEAD.email);
    await lead.getByLabel('Password', { exact: true }).fill(TEMPORARY_PASSWORD);
    await press(lead, 'Sign in');
    expect(new URL(lead.url()).pathname).toBe(paths.admin.password());
    await lead.getByLabel('Current password', { exact: true }).fill(TEMPORARY_PASSWORD);
    await lead.getByLabel('New password', { exact: true }).fill(LEAD.password);
    await lead.getByLabel('Confirm new password', { exact: true }).fill(LEAD.password);
    await press(lead, 'Change password');
    expect(new URL(lead.url()).pathname).toBe(paths.admin.home());
    await follow(lead, /Recommendations assigned to you/);
    const rows = lead.locator('select[name^="status-"]');
    await expect(rows.count()).resolves.toBe(2);
    const secondId = ((await rows.nth(1).getAttribute('name')) ?? '').replace('status-', '');
    await rows.nth(0).selectOption({ label: 'On track' });
    await lead
      .locator(`textarea[name="narrative-${((await rows.nth(0).getAttribute('name')) ?? '').replace('status-', '')}"]`)
      .fill('Electronic letters are live on two wards.');
    await rows.nth(1).selectOption({ label: 'Slipped' });
    await lead.locator(`textarea[name="narrative-${secondId}"]`).fill('Pharmacy recruitment has not finished.');
    await fillDate(lead, 'updateDate', '2026-11-25');
    await fillDate(lead, `newTargetDate-${secondId}`, '2027-06-30');
    await lead.locator(`[name="slipReason-${secondId}"]`).fill('Two pharmacist posts are still vacant.');
    await press(lead, 'Save updates');
    expect(await banner(lead)).toContain('2 progress update');

    seen = await publicText(`${reviewPath}/recommendations/2`);
    expect(seen).toContain('Slipped');
    expect(seen).toContain('30 June 2027');
    expect(seen).toContain('Two pharmacist posts are still vacant.');
    seen = await publicText(paths.search({ q: 'pharmacist posts vacant' }));
    expect(seen).toContain('Hospital discharge');
  });

  it('the committee signs recommendation 1 off at its meeting; it leaves the public tracker', STEP, async () => {
    app().advance(14 * DAY);
    await signIn(page, CLERK);
    await openMeeting(page, 'Health Select Commission', '8 December 2026');
    await follow(page, 'Add a minute');
    await page.getByLabel('Agenda item').selectOption({ label: '2. Recommendation tracker' });
    await page.getByLabel('Title', { exact: true }).fill('Recommendation tracker');
    await page.getByLabel('Moved by').fill('Councillor Amelia Ashworth');
    await page.getByLabel('Seconded by').fill('Councillor Bilal Brook');
    await page.locator('#limb1Verb').selectOption({ label: 'Agreed' });
    await page.locator('#limb1Text').fill('That recommendation 1 of the Hospital discharge review be signed off as achieved.');
    await press(page, 'Save minute');
    await follow(page, 'Sign off recommendations at this meeting');
    const signOff = page.locator('main fieldset', { hasText: 'That discharge letters reach GPs' }).first();
    await signOff.locator('input[type="checkbox"]').check();
    await signOff.locator('select[name^="outcome-"]').selectOption({ label: 'Achieved' });
    await signOff.locator('select[name^="minute-"]').selectOption({ index: 1 });
    await press(page, 'Sign off the ticked recommendations');
    expect(await banner(page)).toContain('1 recommendation signed off');

    expect(await trackerLinks()).toEqual([`${reviewPath}/recommendations/2`]);
    seen = await publicText(`${reviewPath}/recommendations/1`);
    expect(seen).toContain('Signed off');
    expect(seen).toContain('8 December 2026');
    seen = await publicText(commissionMeetingPath);
    expect(seen).toContain('That recommendation 1 of the Hospital discharge review be signed off as achieved.');
    expect(seen).toContain('Bilal Brook');
  });

  it(
    'withdraws a recommendation added in error, with a reason: it leaves the review page, the tracker, search and the API at once, and stays in the history',
    STEP,
    async () => {
      await openReview(page);
      await follow(page, 'Add a recommendation');
      await page.getByLabel('Recommendation', { exact: true }).fill('That the Trust buys a helicopter for weekend discharges.');
      await press(page, 'Add recommendation');
      expect(await publicText(reviewPath)).toContain('helicopter');
      await follow(page, 'Recommendation 3');
      await follow(page, /^Withdraw\b/);
      await page.getByLabel('Why is it being withdrawn?').fill('Added to the wrong review by mistake.');
      await press(page, 'Withdraw this recommendation');
      expect(await banner(page)).toMatch(/withdrawn/i);
      for (const path of [reviewPath, paths.tracker(), paths.recommendationsFeed(), paths.api.collection('recommendations')]) {
        expect(await fetchedAnonymously(path), path).not.toContain('helicopter');
      }
      // The search page repeats the words searched for; what must be gone is the result.
      expect(await fetchedAnonymously(paths.search({ q: 'helicopter' }))).not.toContain(`${reviewPath}/recommendations/3`);
      await follow(page, 'History of changes');
      await expect(page.locator('main').textContent()).resolves.toContain('Added to the wrong review by mistake.');
    },
  );

  it('cancels a meeting: the public page says so and the calendar marks it STATUS:CANCELLED', STEP, async () => {
    await openMeeting(page, 'Health Select Commission', '12 January 2027');
    const cancelledPath = await publicPathOf(page);
    await follow(page, 'Cancel the meeting');
    await page.getByLabel('Why is the meeting cancelled?').fill('Not enough business to transact.');
    await press(page, 'Cancel the meeting');
    expect(await banner(page)).toContain('Meeting cancelled');

    seen = await publicText(cancelledPath);
    expect(seen).toContain('This meeting is cancelled');
    expect(seen).toContain('Not enough business to transact.');
    const calendar = (await fetchedAnonymously(paths.meetingsCalendar())).replace(/\r\n /g, '');
    const cancelledEvent = calendar.split('BEGIN:VEVENT').filter((event) => event.includes('STATUS:CANCELLED'));
    expect(cancelledEvent).toHaveLength(1);
    expect(cancelledEvent[0]).toContain('20270112');
  });

  it('leaves no exempt text anywhere public: pages, search, the API, feeds and the calendar', STEP, async () => {
    await expectNoExemptText([cabinetPath, commissionMeetingPath, reviewPath, paths.tracker()]);
  });
});
