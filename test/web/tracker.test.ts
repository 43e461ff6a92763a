// The tracker page and CSV, and the deadlines API, in-process over the demo and over records the test creates.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/web/paths.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';

let demo: DemoApp;
let fixture: Awaited<ReturnType<typeof createTestReview>>;

function csvRows(body: string): Record<string, string>[] {
  return parse<Record<string, string>>(body.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true });
}

beforeAll(async () => {
  demo = await buildDemoApp();
  fixture = await createTestReview(demo.database, 'test-review-of-parks');
  const s = demo.services.recommendations;
  await s.respond(
    fixture.review.slug,
    1,
    {
      decision: 'accepted',
      responseText: 'Agreed.',
      proposedAction: '=HYPERLINK("http://evil.example","click")',
      responsiblePerson: fixture.officer.slug,
      actionByDate: '2026-06-30',
      agreedMeeting: fixture.responseMeeting.slug,
    },
    'system',
  );
  await s.respond(
    fixture.review.slug,
    2,
    {
      decision: 'accepted',
      responseText: 'Agreed.',
      proposedAction: 'Pilot',
      responsibleName: '@Cabinet Member',
      actionByDate: '2026-08-31',
      agreedMeeting: fixture.responseMeeting.slug,
    },
    'system',
  );
  await s.addProgress(
    fixture.review.slug,
    2,
    {
      updateDate: '2026-08-01',
      status: 'slipped',
      rag: 'amber',
      narrative: 'Waiting for funding',
      newTargetDate: '2027-01-31',
      slipReason: 'Budget not yet agreed',
    },
    'system',
  );
});
afterAll(async () => demo?.close());

describe('the tracker page', () => {
  it('lists the five demo recommendations as open, with Ian Thomas and “Annual Participation”', async () => {
    const response = await demo.app.inject(paths.tracker({ committee: 'improving-lives-select-commission' }));
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<h1 class="govuk-heading-xl">Recommendation tracker</h1>');
    expect(body).toContain('5 open recommendations');
    for (const n of [1, 2, 3, 4, 5]) {
      expect(body).toContain(`href="${paths.recommendation('alternative-management-arrangements-for-childrens-services', n)}"`);
    }
    expect(body.match(/>Ian Thomas<\/a>/g)).toHaveLength(4);
    expect(body).toContain('Annual Participation');
    expect(body).toContain('Not accepted (no longer relevant)');
  });

  it('shows the summary, the overdue days and the slipped target with its old date', async () => {
    const response = await demo.app.inject(paths.tracker({ committee: `${fixture.review.slug}-committee` }));
    const body = response.body;
    expect(body).toContain('3 open recommendations');
    // Target 30 June 2026, today 22 November 2026: 145 days overdue.
    expect(body).toContain('<strong class="govuk-tag govuk-tag--red">145</strong>');
    expect(body).toMatch(/31 January 2027\s*<br><span class="govuk-body-s">was 31 August 2026<\/span>/);
    const summary = [...body.matchAll(/<dt[^>]*>(\w+)<\/dt>\s*<dd[^>]*>(\d+)<\/dd>/g)].map((m) => [m[1], Number(m[2])]);
    expect(summary).toEqual([
      ['Due', 1],
      ['Overdue', 1],
      ['Slipped', 1],
      ['Achieved', 0],
    ]);
  });

  it('filters by officer, status and year with a GET form that keeps the choices', async () => {
    const byStatus = await demo.app.inject(paths.tracker({ status: 'slipped' }));
    expect(byStatus.body).toContain('1 open recommendation<');
    expect(byStatus.body).toContain('<option value="slipped" selected>Slipped</option>');
    const byOfficer = await demo.app.inject(paths.tracker({ officer: 'Ian Thomas' }));
    expect(byOfficer.body).toContain('4 open recommendations');
    const byYear = await demo.app.inject(paths.tracker({ year: '2017' }));
    expect(byYear.body).toContain('5 open recommendations');
    const none = await demo.app.inject(paths.tracker({ year: '1999' }));
    expect(none.body).toContain('No open recommendations match these filters.');
    const all = await demo.app.inject('/tracker?committee=&officer=&status=&year=');
    expect(all.body).toContain('8 open recommendations');
  });

  it('refuses a status that is not on the list with a 400 page', async () => {
    const response = await demo.app.inject('/tracker?status=finished');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a status from the list');
  });

  it('is linked from the service navigation and the home page', async () => {
    const home = await demo.app.inject(paths.home());
    expect(home.body.match(/href="\/tracker"/g)!.length).toBeGreaterThanOrEqual(2);
    const page = await demo.app.inject(paths.tracker());
    expect(page.body).toMatch(/<a class="govuk-service-navigation__link" href="\/tracker" aria-current="true">/);
  });
});

describe('the tracker CSV', () => {
  it('holds one row per open recommendation, parseable, with formula cells made inert', async () => {
    const response = await demo.app.inject(paths.trackerCsv());
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('recommendation-tracker-2026-11-22.csv');
    const rows = csvRows(response.body);
    expect(rows).toHaveLength(8);
    const demoRows = rows.filter((r) => r.Committee === 'Improving Lives Select Commission');
    expect(demoRows.map((r) => r.Recommendation)).toEqual(['1', '2', '3', '4', '5']);
    expect(demoRows[2]).toMatchObject({
      Officer: 'Ian Thomas',
      'Target (as agreed)': 'Annual Participation',
      'Response decision': 'Not accepted',
      'Latest status': 'No update yet',
    });
    const mine = rows.filter((r) => r.Review === 'Review of library opening hours');
    expect(mine[0]).toMatchObject({ 'Target date': '2026-06-30', 'Days overdue': '145', Officer: 'Jo Bloggs' });
    expect(mine[1]).toMatchObject({
      Officer: "'@Cabinet Member",
      'Target date': '2027-01-31',
      'Original target date': '2026-08-31',
      'Latest status': 'Slipped',
      RAG: 'Amber',
    });
    expect(mine[0]!.Address).toMatch(/^http:\/\/[^/]+\/reviews\/test-review-of-parks\/recommendations\/1$/);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('follows the page’s filters', async () => {
    const response = await demo.app.inject(paths.trackerCsv({ officer: 'Ian Thomas' }));
    expect(csvRows(response.body).map((r) => r.Recommendation)).toEqual(['1', '3', '4', '5']);
  });
});

describe('GET /api/v1/deadlines/<rule>', () => {
  it('returns the deadline as the CLI’s --json prints it', async () => {
    const response = await demo.app.inject(paths.api.deadline('response', '2017-10-18'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      rule: 'response',
      from: '2017-10-18',
      latest: '2017-12-17',
      latestWorkingDay: '2017-12-15',
      citation: expect.stringContaining('s.9FE') as unknown,
    });
    const agenda = await demo.app.inject(paths.api.deadline('agenda', '2025-12-10'));
    expect(agenda.json()).toMatchObject({ latest: '2025-12-02' });
  });

  it.each([
    ['/api/v1/deadlines/sometime?date=2026-01-05', 'rule', /Unknown deadline rule/],
    ['/api/v1/deadlines/agenda?date=2026-02-30', 'date', /February 2026 has no day 30/],
    ['/api/v1/deadlines/agenda', 'date', /Give the date/],
    ['/api/v1/deadlines/agenda?date=2026-01-05&dat=2026-01-06', 'dat', /Unknown query parameter "dat"/],
  ])('%s is a 400 problem naming %s', async (url, field, message) => {
    const response = await demo.app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ errors: { field: string; message: string }[] }>();
    expect(problem.errors).toContainEqual({ field, message: expect.stringMatching(message) as unknown });
  });
});

describe('the clocks on the public pages', () => {
  const REVIEW = 'alternative-management-arrangements-for-childrens-services';

  it('shows the demo review’s response as due 17 December 2017, given 19 February 2018, late by 64 days', async () => {
    const response = await demo.app.inject(paths.review(REVIEW));
    expect(response.statusCode).toBe(200);
    const text = response.body.replace(/\s+/g, ' ');
    expect(text).toMatch(/Report received<\/dt> <dd class="govuk-summary-list__value">18 October 2017/);
    expect(text).toMatch(/Response due<\/dt> <dd class="govuk-summary-list__value"> 17 December 2017 \(not a working day: in practice by 15 December 2017\)/);
    expect(text).toMatch(/Response given<\/dt> <dd class="govuk-summary-list__value"> 19 February 2018, at <a/);
    expect(text).toContain('Late by 64 days');
    expect(text).toContain('19 August 2018');
  });

  it('shows the Cabinet meeting’s agenda deadline and its executive decision', async () => {
    const review = await demo.services.reviews.bySlug(REVIEW);
    const response = await demo.app.inject(paths.meeting(review.responseMeeting!.slug));
    const text = response.body.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Agenda to be published by</dt> <dd class="govuk-summary-list__value"> Sunday 11 February 2018 (not a working day: in practice by Friday 9 February 2018)',
    );
    expect(text).toContain('Minute 109: call-in');
    expect(text).toContain('The date this decision was published is not recorded');
  });

  it('shows each recommendation’s timeline: made, responded, every update', async () => {
    const demoPage = (await demo.app.inject(paths.recommendation(REVIEW, 3))).body.replace(/\s+/g, ' ');
    expect(demoPage).toContain('18 October 2017: Recommendation made');
    expect(demoPage).toContain('19 February 2018: Executive response: Not accepted');
    expect(demoPage).toContain('Annual Participation');

    const mine = (await demo.app.inject(paths.recommendation(fixture.review.slug, 2))).body.replace(/\s+/g, ' ');
    expect(mine).toContain('1 August 2026: Progress update: Slipped (Amber)');
    expect(mine).toContain('Originally 31 August 2026');
    expect(mine).toContain('Target date moved from 31 August 2026 to 31 January 2027: Budget not yet agreed');
    const overdue = (await demo.app.inject(paths.recommendation(fixture.review.slug, 1))).body;
    expect(overdue).toContain('Overdue by 145 days');
  });
});

// Last: it adds 130 recommendations to the shared database, which the counts above do not expect.
describe('the tracker page on a long list', () => {
  it('shows 100 recommendations a page with GOV.UK pagination that keeps the filters; the CSV holds them all', async () => {
    const many = await createTestReview(demo.database, 'test-review-of-many-things');
    const repos = createRepositories({ db: demo.database.db, clock: fixedClock('2026-11-22T12:00:00Z') });
    for (let n = 4; n <= 130; n += 1) {
      await repos.recommendations.create({
        review_id: many.review.id,
        number: n,
        text: `Recommendation ${n} of many`,
        status: 'open',
        signed_off_on: null,
        signed_off_meeting_id: null,
      });
    }
    // Written around the write pipeline, so the tracker's standing entries are brought into line here.
    await repos.tracker.refreshEntries('all');
    const committee = `${many.review.slug}-committee`;
    const first = await demo.app.inject(paths.tracker({ committee }));
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('130 open recommendations');
    expect(first.body).toContain('Showing 1 to 100 of 130');
    expect(first.body.match(/<tr class="govuk-table__row">/g)!.length).toBe(101);
    expect(first.body).toContain(`href="${paths.tracker({ committee, page: 2 }).replace(/&/g, '&amp;')}"`);
    const second = await demo.app.inject(paths.tracker({ committee, page: 2 }));
    expect(second.body).toContain('Showing 101 to 130 of 130');
    expect(second.body.match(/<tr class="govuk-table__row">/g)!.length).toBe(31);
    expect((await demo.app.inject(paths.tracker({ committee, page: 3 }))).statusCode).toBe(404);
    expect((await demo.app.inject('/tracker?page=abc')).statusCode).toBe(404);
    expect(csvRows((await demo.app.inject(paths.trackerCsv({ committee }))).body)).toHaveLength(130);
  });
});
