// A topic suggested by a member of the public, from an empty database, through the workspace alone, in Chromium (axe on every page): moderated, agreed, planned for a meeting, put on its agenda and heard; then a key decision suggested from the forward plan; after each step an anonymous visitor checks the public work programme, which never shows the suggester's email.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason } from '../support/browser.ts';
import { workspaceJourney } from '../support/workspace-journey.ts';

const CLERK = { email: 'clerk@example.org', password: 'clerk password 12', name: 'Clara Clerk' };
const COMMITTEE = 'Health and Wellbeing Scrutiny Committee';
const TOPIC = 'Waiting times for GP appointments';
const SUGGESTER_EMAIL = 'sam.resident@example.com';
const DAY = 24 * 60 * 60 * 1000;
/** Each step's time limit: generous, for a browser on a shared 2-core machine (no step waits on time). */
const STEP = 600_000;

describe.skipIf(browserSkipReason !== undefined)('a topic suggested by the public, agreed, scheduled and heard, from an empty database', () => {
  let officer: Page;
  const { app, newPage, follow, press, visit, banner } = workspaceJourney({
    setUp: async (app) => {
      await app.services.auth.addUser('system', { ...CLERK, role: 'democratic_services' });
    },
    setUpMs: STEP,
  });

  /** A new anonymous visitor's view of the committee's work programme, reached from the home page. */
  async function publicProgramme(): Promise<Page> {
    const page = await newPage();
    await visit(page, paths.home());
    await follow(page, COMMITTEE);
    await follow(page, 'Work programme: what this committee plans to scrutinise');
    expect(await page.locator('main').textContent()).not.toContain(SUGGESTER_EMAIL);
    return page;
  }

  async function signIn(): Promise<void> {
    await visit(officer, paths.signIn());
    await officer.getByLabel('Email address').fill(CLERK.email);
    await officer.getByLabel('Password', { exact: true }).fill(CLERK.password);
    await press(officer, 'Sign in');
  }

  /** The officer opens the topic from the workspace's front page. */
  async function openTopic(): Promise<void> {
    await visit(officer, paths.admin.home());
    await follow(officer, 'Work programmes and suggested topics');
    await follow(officer, COMMITTEE);
    await follow(officer, TOPIC);
  }

  it(
    'lets the officer create the committee and its next meeting',
    async () => {
      officer = await newPage();
      await visit(officer, paths.signIn());
      await officer.getByLabel('Email address').fill(CLERK.email);
      await officer.getByLabel('Password', { exact: true }).fill(CLERK.password);
      await press(officer, 'Sign in');
      await follow(officer, 'Bodies and their members');
      await follow(officer, 'Create a body');
      await officer.getByLabel('Name', { exact: true }).fill(COMMITTEE);
      await officer.getByLabel('Kind of body').selectOption({ label: 'Scrutiny committee' });
      await press(officer, 'Create body');
      await visit(officer, paths.admin.home());
      await follow(officer, 'Meetings, agendas and minutes');
      await follow(officer, 'Schedule a meeting');
      await officer.getByLabel('Body').selectOption({ label: COMMITTEE });
      await officer.locator('[id="meetingDate-day"]').fill('10');
      await officer.locator('[id="meetingDate-month"]').fill('12');
      await officer.locator('[id="meetingDate-year"]').fill('2026');
      await press(officer, 'Schedule meeting');
      expect(await banner(officer)).toContain('Meeting scheduled');
    },
    STEP,
  );

  it(
    'takes a suggestion from a member of the public, refusing a bad email first, and keeps it off the public page until read',
    async () => {
      const visitor = await newPage();
      await visit(visitor, paths.home());
      await follow(visitor, 'Suggest a topic for scrutiny');
      await visitor.locator('#organisationId').selectOption({ label: COMMITTEE });
      await visitor.getByLabel('Topic', { exact: true }).fill(TOPIC);
      await visitor.getByLabel('Why should the committee look at it?').fill('People wait three weeks for a routine appointment.');
      await visitor.getByLabel('Your name (optional)').fill('Sam Resident');
      await visitor.getByLabel('Email address (optional)').fill('sam.resident');
      await press(visitor, 'Send suggestion');
      expect(await visitor.locator('.govuk-error-summary').textContent()).toContain('Enter an email address in the correct format');
      await visitor.getByLabel('Email address (optional)').fill(SUGGESTER_EMAIL);
      await press(visitor, 'Send suggestion');
      expect(await visitor.locator('h1').textContent()).toContain('Suggestion sent');
      expect(await (await publicProgramme()).locator('main').textContent()).not.toContain(TOPIC);
    },
    STEP,
  );

  it(
    'is accepted for consideration and agreed by the officer, and then shown in public',
    async () => {
      await visit(officer, paths.admin.home());
      await follow(officer, 'Work programmes and suggested topics');
      await follow(officer, TOPIC, officer.locator('main ul', { hasText: TOPIC }));
      expect(await officer.locator('main').textContent()).toContain(SUGGESTER_EMAIL);
      await follow(officer, 'Accept this suggestion for consideration');
      await press(officer, 'Accept for consideration');
      expect(await banner(officer)).toContain('Suggestion accepted for consideration');
      await follow(officer, 'Agree this topic');
      await press(officer, 'Agree topic');
      expect(await banner(officer)).toContain('Topic agreed');
      // The committee's reasons and the method are the officer's to record.
      await officer.getByLabel('Public interest').check();
      await officer.getByLabel('Timeliness').check();
      await press(officer, 'Save topic');
      expect(await banner(officer)).toContain('Topic saved');
      const programme = await publicProgramme();
      const text = (await programme.locator('main').textContent()) ?? '';
      expect(text).toContain(TOPIC);
      expect(text).toContain('Public interest, Timeliness');
      expect(text).toContain('Sam Resident');
    },
    STEP,
  );

  it(
    'is planned for the meeting (the choice refused until made) and put on its agenda in one step',
    async () => {
      await openTopic();
      await follow(officer, 'Plan this topic for a meeting');
      await press(officer, 'Plan for this meeting');
      expect(await officer.locator('.govuk-error-summary').textContent()).toContain('Choose the meeting the topic is planned for');
      await officer.getByLabel('Meeting').selectOption({ label: '10 December 2026' });
      await press(officer, 'Plan for this meeting');
      expect(await banner(officer)).toContain('Topic planned for the meeting');
      await follow(officer, 'Put this topic on the meeting’s agenda');
      await press(officer, 'Add to the agenda');
      expect(await banner(officer)).toContain('Topic added to the meeting’s agenda');
      expect(await officer.locator('#topic-state').textContent()).toContain('Scheduled');
      expect(await officer.locator('main').textContent()).toContain('Item 1');
      const programme = await publicProgramme();
      const planned = programme.locator('main table', { hasText: 'Planned' });
      expect(await planned.textContent()).toContain(TOPIC);
      expect(await planned.textContent()).toContain('10 December 2026');
      const calendar = await programme.evaluate(async (href) => (await fetch(href)).text(), paths.workProgrammeCalendar(await committeeSlug(), 2026));
      expect(calendar.replace(/\r\n /g, '')).toContain(`SUMMARY:${COMMITTEE}: ${TOPIC}`);
    },
    STEP,
  );

  it(
    'is marked heard once the meeting has taken place, and the public page and CSV say so',
    async () => {
      await openTopic();
      expect(await officer.locator('#topic-actions').textContent()).not.toContain('Mark this topic as heard');
      app().advance(20 * DAY);
      // Twenty days on, the officer's session has ended: they sign in again.
      await signIn();
      await openTopic();
      await follow(officer, 'Mark this topic as heard');
      await press(officer, 'Mark as heard');
      expect(await banner(officer)).toContain('Topic marked as heard');
      const programme = await publicProgramme();
      expect(await programme.locator('main table', { hasText: 'Heard' }).textContent()).toContain(TOPIC);
      const csv = await programme.evaluate(async (href) => (await fetch(href)).text(), paths.workProgrammeCsv(await committeeSlug(), 2026));
      expect(csv).toContain(TOPIC);
      expect(csv).toContain('Heard');
      expect(csv).not.toContain(SUGGESTER_EMAIL);
    },
    STEP,
  );

  it(
    'takes a key decision from the forward plan into the work programme in one step, refused a second time, and links the two in public',
    async () => {
      const DECISION = 'Closure of the Riverside day centre';
      await visit(officer, paths.admin.home());
      await follow(officer, 'Bodies and their members');
      await follow(officer, 'Create a body');
      await officer.getByLabel('Name', { exact: true }).fill('Cabinet');
      await officer.getByLabel('Kind of body').selectOption({ label: 'Executive (Cabinet)' });
      await press(officer, 'Create body');
      await visit(officer, paths.admin.home());
      await follow(officer, 'Forward plan of key decisions');
      await follow(officer, 'Add a key decision');
      await officer.getByLabel('Decision to be taken').fill(DECISION);
      await officer.getByLabel('Forward plan of').selectOption({ label: 'Cabinet (Executive (Cabinet))' });
      await officer.getByLabel('Cabinet', { exact: true }).check();
      await officer.getByLabel('Spending or savings at or over the council’s threshold').check();
      await officer.getByLabel('Spending or savings in pounds').fill('1,250,000');
      for (const [field, day, month, year] of [
        ['firstPublishedOn', '14', '12', '2026'],
        ['intendedDate', '1', '2', '2027'],
      ] as const) {
        await officer.locator(`[id="${field}-day"]`).fill(day);
        await officer.locator(`[id="${field}-month"]`).fill(month);
        await officer.locator(`[id="${field}-year"]`).fill(year);
      }
      await press(officer, 'Publish entry');
      expect(await banner(officer)).toContain('Entry published on the forward plan');
      await follow(officer, 'Suggest for a work programme');
      await officer.getByLabel('Scrutiny committee').selectOption({ label: COMMITTEE });
      await press(officer, 'Suggest the decision');
      expect(await banner(officer)).toContain('Decision suggested for the work programme');
      expect(await officer.locator('main').textContent()).toContain('Pre-decision scrutiny');
      await visit(officer, paths.admin.home());
      await follow(officer, 'Forward plan of key decisions');
      await follow(officer, DECISION);
      await follow(officer, 'Suggest for a work programme');
      await officer.getByLabel('Scrutiny committee').selectOption({ label: COMMITTEE });
      await press(officer, 'Suggest the decision');
      expect(await officer.locator('.govuk-error-summary').textContent()).toContain(`is already in the ${COMMITTEE} work programme for 2026 to 2027`);

      const programme = await publicProgramme();
      await follow(programme, `Forward plan: ${DECISION}`);
      expect(await programme.locator('h1').textContent()).toContain(DECISION);
      await follow(programme, `${COMMITTEE}: work programme 2026 to 2027`);
      expect(await programme.locator('main').textContent()).toContain(DECISION);
    },
    STEP,
  );

  async function committeeSlug(): Promise<string> {
    const bodies = (await app().services.workProgramme.suggestionChoices()) ?? [];
    return bodies.find((b) => b.name === COMMITTEE)?.slug ?? '';
  }
});
