// A visitor downloads the demo meeting's agenda pack from its page in Chromium: the link shows size and pages, and the file holds the meeting's papers in order.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { browserSkipReason, expectNoAxeViolations } from '../support/browser.ts';
import { startDemoInBrowser, type DemoInBrowser } from '../support/demo-browser.ts';
import { pdfInfo, pdfText, wording } from '../support/papers.ts';

const CABINET = 'cabinet-and-commissioners-decision-making-meeting-2018-02-19';

describe.skipIf(browserSkipReason !== undefined)('the agenda pack in Chromium', () => {
  let session: DemoInBrowser | undefined;

  beforeAll(async () => {
    session = await startDemoInBrowser();
    // The demo is loaded in bulk: its meetings are queued and built as `scrutineer serve --demo` does in the background.
    await session.demo.services.packs.requestAll();
    let result = await session.demo.services.packs.work();
    while (result.requests > 0) result = await session.demo.services.packs.work();
  }, 120_000);
  afterAll(async () => session?.close());

  it('downloads the pack from the meeting page, with its size and page count beside the link', async () => {
    if (!session) throw new Error('no browser session');
    const context = await session.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${paths.meeting(CABINET)}`, { waitUntil: 'networkidle' });
    await expectNoAxeViolations(page);
    const link = page.getByRole('link', { name: 'Agenda pack', exact: true });
    const item = page.locator('li', { has: link });
    const meta = await item.locator('.app-meta').innerText();
    const match = /\(PDF, \d+ KB, (\d+) pages?\)/.exec(meta);
    expect(match).not.toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`agenda-pack-${CABINET}.pdf`);
    const file = await download.path();
    const pdf = readFileSync(file);
    expect(pdfInfo(pdf).get('Pages')).toBe(match?.[1]);
    expect(pdfInfo(pdf).get('Tagged')).toBe('yes');
    const text = wording(pdfText(pdf));
    // The front sheet, then the executive response the meeting considered, generated from the record.
    const front = text.indexOf(wording('Agenda pack: Cabinet and Commissioners’ Decision Making Meeting'));
    const response = text.indexOf(wording('Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements'));
    expect(front).toBeGreaterThanOrEqual(0);
    expect(response).toBeGreaterThan(front);
    await context.close();
  }, 120_000);
});
