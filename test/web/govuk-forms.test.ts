// Workspace forms in the GOV.UK patterns: date inputs (typed as people type them), a success banner shown once after a save, and no banner that was not ours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { FLASH_COOKIE } from '../../src/web/flash.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainText } from '../support/page-text.ts';
import { signedIn } from '../support/workspace-client.ts';

let demo: DemoApp;
let committeeId: number;
beforeAll(async () => {
  demo = await buildDemoApp();
  await demo.services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  committeeId = (
    await demo.database.db.selectFrom('organisations').select('id').where('name', '=', 'Improving Lives Select Commission').executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => demo.close());

describe('dates and the success banner', () => {
  it('offers day, month and year boxes, reads "5/3/2026" typed in the day box, shows the saved date split into boxes, and says what was saved once', async () => {
    const officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const form = await officer.get(paths.admin.newReview());
    for (const name of ['startedOn', 'reportDate', 'receivedOn']) {
      for (const part of ['day', 'month', 'year']) expect(form.body).toContain(`name="${name}-${part}"`);
    }
    expect(form.body).not.toMatch(/YYYY-MM-DD|For example, \d{4}-/);

    const created = await officer.submit(paths.admin.newReview(), {
      title: 'Winter gritting routes',
      organisationId: String(committeeId),
      'startedOn-day': '5/3/2026',
      'startedOn-month': '',
      'startedOn-year': '',
      'reportDate-day': '',
      'reportDate-month': '',
      'reportDate-year': '',
      'receivedOn-day': '',
      'receivedOn-month': '',
      'receivedOn-year': '',
      summary: '',
    });
    expect(created.statusCode).toBe(303);
    const review = await demo.database.db
      .selectFrom('scrutiny_reviews')
      .select(['id', 'started_on'])
      .where('title', '=', 'Winter gritting routes')
      .executeTakeFirstOrThrow();
    expect(review.started_on).toBe('2026-03-05');

    const landed = await officer.get(created.headers.location as string);
    expect(landed.body).toMatch(/<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"/);
    expect(mainText(landed.body)).toContain('Success Review “Winter gritting routes” created');
    expect(landed.body).toMatch(/name="startedOn-day"[^>]*value="5"|value="5"[^>]*name="startedOn-day"/);
    expect(landed.body).toMatch(/name="startedOn-year"[^>]*value="2026"|value="2026"[^>]*name="startedOn-year"/);
    // Shown once: reloading the page does not say it again.
    expect((await officer.get(created.headers.location as string)).body).not.toContain('govuk-notification-banner--success');
  });

  it('shows no banner from a cookie it did not sign', async () => {
    const officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    officer.cookies.set(FLASH_COOKIE, `${Buffer.from('Your account is locked: call 0800 000 000').toString('base64url')}.forged`);
    const page = await officer.get(paths.admin.reviews());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('0800 000 000');
  });

  it('names the missing part of a date in the Design System’s words and marks only that box', async () => {
    const officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const refused = await officer.submit(paths.admin.newReview(), {
      title: 'Street lighting',
      organisationId: String(committeeId),
      'startedOn-day': '12',
      'startedOn-month': '',
      'startedOn-year': '2026',
    });
    expect(refused.statusCode).toBe(400);
    expect(mainText(refused.body)).toContain('The date the review started must include a month');
    expect(refused.body).toContain('href="#startedOn-month"');
    expect(refused.body).toMatch(/class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="startedOn-month"/);
    expect(refused.body).not.toMatch(/govuk-input--error" id="startedOn-day"/);
  });
});
