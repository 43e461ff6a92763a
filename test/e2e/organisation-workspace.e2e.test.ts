// An officer in Chromium, axe on every page: creates a body and a person, makes the person its chair, and finds them on the public committee page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startOfficerInBrowser, type OfficerInBrowser } from '../support/officer-browser.ts';

describe.skipIf(browserSkipReason !== undefined)('bodies, people and memberships in Chromium', () => {
  let officer: OfficerInBrowser;

  beforeAll(async () => {
    officer = await startOfficerInBrowser();
  });

  afterAll(async () => officer?.close());

  it('an officer creates a body and a person, makes them chair, and the public committee page shows it', { timeout: 300_000 }, async () => {
    const { visit, follow, submit, running } = officer;
    const page = await officer.signIn();
    expect(new URL(page.url()).pathname).toBe('/admin');

    // The body, refused once without a name (the error summary names the field, the rest is kept).
    await follow(page, 'link', 'Bodies and their members');
    await follow(page, 'button', 'Create a body');
    await page.getByLabel('Kind of body').selectOption({ label: 'Committee' });
    await page.getByLabel('Description').fill('Hears appeals against the council’s decisions on school transport.');
    await submit(page, 'Create body');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the name of the body');
    await expect(page.getByLabel('Description').inputValue()).resolves.toBe('Hears appeals against the council’s decisions on school transport.');
    await page.getByLabel('Name', { exact: true }).fill('School Transport Appeals Panel');
    await submit(page, 'Create body');
    expect(page.url()).toMatch(/\/admin\/bodies\/\d+$/);
    const bodyUrl = page.url();
    await expect(page.locator('main').textContent()).resolves.toContain('No members yet.');

    // The person.
    await visit(page, '/admin');
    await follow(page, 'link', 'People and their roles');
    await follow(page, 'button', 'Create a person');
    await page.getByLabel('Title', { exact: true }).fill('Councillor');
    await page.getByLabel('Full name').fill('Rowan Ashby');
    await page.getByLabel('Councillor', { exact: true }).check();
    await page.getByLabel('Party').fill('Labour');
    await page.getByLabel('Ward').fill('Wath');
    await submit(page, 'Create person');
    expect(page.url()).toMatch(/\/admin\/people\/\d+$/);

    // The membership, added from the body's page with the body already chosen.
    await page.goto(bodyUrl);
    await expectNoAxeViolations(page);
    await follow(page, 'button', 'Add a member');
    await expect(page.getByLabel('Body', { exact: true }).locator('option:checked').textContent()).resolves.toBe('School Transport Appeals Panel (Committee)');
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Councillor Rowan Ashby' });
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Chair' });
    await page.getByRole('group', { name: 'Starts on (optional)' }).getByLabel('Day').fill('20/5/2026');
    await submit(page, 'Add membership');
    expect(page.url()).toBe(bodyUrl);
    const members = page.locator('table', { hasText: 'Rowan Ashby' });
    await expect(members.textContent()).resolves.toContain('Chair');

    // The public page, as anyone sees it.
    await follow(page, 'link', 'View the public page');
    expect(new URL(page.url()).pathname).toBe('/committees/school-transport-appeals-panel');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('School Transport Appeals Panel');
    const row = page.getByRole('row', { name: /Councillor Rowan Ashby/ });
    await expect(row.getByRole('cell').first().textContent()).resolves.toBe('Chair');
    await expect(page.locator('main').textContent()).resolves.toContain('Hears appeals against the council’s decisions on school transport.');

    // The person's public page says the same from their side.
    await follow(page, 'link', 'Councillor Rowan Ashby');
    await expect(page.locator('main').textContent()).resolves.toMatch(/Chair,\s*School Transport Appeals Panel/);

    // And a visitor who is not signed in sees it too.
    const visitor = await running.browser.newContext();
    try {
      const anonymous = await visitor.newPage();
      await anonymous.goto(`${running.server.url}/committees/school-transport-appeals-panel`);
      await expectNoAxeViolations(anonymous);
      await expect(anonymous.getByRole('row', { name: /Councillor Rowan Ashby/ }).textContent()).resolves.toContain('Chair');
    } finally {
      await visitor.close();
    }
  });
});
