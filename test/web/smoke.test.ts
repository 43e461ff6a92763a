// Requests every public route for every demo record (found in the database, not listed by hand), then every link those pages carry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDateWithWeekday, parseIsoDate } from '../../src/domain/iso-date.ts';
import { isWithheld } from '../../src/domain/withheld.ts';
import { paths } from '../../src/web/paths.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { h1Of, internalLinks, mainText, titleOf } from '../support/page-text.ts';

interface Route {
  readonly url: string;
  /** Text the page must show: the record's own title or name (a meeting: its body and its date). */
  readonly expect: string | readonly string[];
}

let demo: DemoApp;
let routes: Route[];

beforeAll(async () => {
  demo = await buildDemoApp();
  const db = demo.database.db;
  const bodies = await db.selectFrom('organisations').select(['slug', 'name']).where('kind', '!=', 'external').execute();
  const meetings = await db
    .selectFrom('meetings as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.slug', 'm.meeting_date', 'o.name'])
    .execute();
  const issues = await db.selectFrom('issues').select(['slug', 'title']).execute();
  const reviews = await db.selectFrom('scrutiny_reviews').select(['id', 'slug', 'title', 'response_title']).execute();
  const recommendations = await db.selectFrom('recommendations').select(['review_id', 'number', 'text']).execute();
  const people = await db.selectFrom('people').select(['slug', 'name', 'honorific']).execute();
  const documents = await db.selectFrom('documents').select(['slug', 'title', 'exempt_paragraph', 'is_confidential']).execute();

  routes = [
    { url: paths.home(), expect: 'Scrutineer' },
    { url: paths.committees(), expect: 'Committees' },
    { url: paths.meetings(), expect: 'Meetings' },
    { url: paths.issues(), expect: 'Issues' },
    { url: paths.reviews(), expect: 'Scrutiny reviews' },
    { url: paths.people(), expect: 'People' },
    ...bodies.map((b) => ({ url: paths.committee(b.slug), expect: b.name })),
    ...meetings.map((m) => ({ url: paths.meeting(m.slug), expect: [m.name, formatLongDateWithWeekday(parseIsoDate(m.meeting_date))] })),
    ...issues.map((i) => ({ url: paths.issue(i.slug), expect: i.title })),
    ...reviews.flatMap((r) => [
      { url: paths.review(r.slug), expect: r.title },
      { url: paths.reviewResponse(r.slug), expect: r.response_title ?? r.title },
      ...recommendations.filter((rec) => rec.review_id === r.id).map((rec) => ({ url: paths.recommendation(r.slug, rec.number), expect: rec.text })),
    ]),
    ...people.map((p) => ({ url: paths.person(p.slug), expect: [p.honorific, p.name].filter(Boolean).join(' ') })),
    ...documents.filter((d) => !isWithheld(d)).map((d) => ({ url: paths.document(d.slug), expect: d.title })),
  ];
});
afterAll(async () => demo?.close());

describe('every route for every demo record', () => {
  it('covers every kind of record the demo holds', () => {
    const families = new Set(routes.map((r) => r.url.split('/')[1]));
    expect([...families].sort()).toEqual(['', 'committees', 'documents', 'issues', 'meetings', 'people', 'reviews']);
    expect(routes.length).toBeGreaterThan(30);
  });

  it('answers 200 with the record’s title, a page title, one h1 and breadcrumbs', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const response = await demo.app.inject(route.url);
      if (response.statusCode !== 200) {
        failures.push(`${route.url}: status ${response.statusCode}`);
        continue;
      }
      const html = response.body;
      for (const words of typeof route.expect === 'string' ? [route.expect] : route.expect) {
        if (!mainText(html).includes(words)) failures.push(`${route.url}: does not show "${words}"`);
      }
      if (!titleOf(html).endsWith('Scrutineer – Rotherham Metropolitan Borough Council')) failures.push(`${route.url}: title "${titleOf(html)}"`);
      if ((html.match(/<h1[\s>]/g) ?? []).length !== 1 || h1Of(html) === '') failures.push(`${route.url}: not exactly one h1`);
      if (route.url !== paths.home() && !html.includes('class="govuk-breadcrumbs')) failures.push(`${route.url}: no breadcrumbs`);
    }
    expect(failures).toEqual([]);
  });

  // Links in the page's main content: the header and footer belong to the layout and are tested with it.
  it('has no broken links: every internal link in the content of every page answers 200', async () => {
    const seen = new Set<string>();
    const broken: string[] = [];
    const queue = routes.map((r) => r.url);
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await demo.app.inject(url.split('#', 1)[0]!);
      if (response.statusCode !== 200) {
        broken.push(`${url}: ${response.statusCode}`);
        continue;
      }
      if (response.headers['content-type']?.toString().startsWith('text/html')) {
        const main = response.body.match(/<main[\s\S]*?<\/main>/)?.[0] ?? '';
        for (const link of internalLinks(main)) if (!seen.has(link)) queue.push(link);
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(routes.length);
  });
});

describe('addresses that name no record', () => {
  const malformed = ['%00', '..%2F..%2Fetc%2Fpasswd', 'UPPER-CASE', 'a--b', '-', "x'or'1", '%3Cscript%3E', 'x'.repeat(300), 'no-such-record'];
  const families = [paths.committee, paths.meeting, paths.issue, paths.review, paths.reviewResponse, paths.person, paths.document].map(
    (build) => (slug: string) => build('PLACEHOLDER').replace('PLACEHOLDER', slug),
  );

  it('answer 404 with the helpful not-found page, never 500', async () => {
    const failures: string[] = [];
    const urls = [
      ...families.flatMap((build) => malformed.map(build)),
      ...['abc', '0', '-1', '1.5', '99', '%00'].map((n) => `/reviews/${'alternative-management-arrangements-for-childrens-services'}/recommendations/${n}`),
      '/reviews/../x',
      '/meetings?page=x',
      '/issues?page=9',
      '/reviews?page=0',
    ];
    for (const url of urls) {
      const response = await demo.app.inject(url);
      if (response.statusCode !== 404) {
        failures.push(`${url}: ${response.statusCode}`);
        continue;
      }
      const text = mainText(response.body);
      if (!text.includes('Page not found') || !text.includes('If you typed the web address, check it is correct.')) {
        failures.push(`${url}: not the helpful 404 page`);
      }
      if (!response.body.includes(`href="${paths.home()}"`)) failures.push(`${url}: no way home`);
    }
    expect(failures).toEqual([]);
  });
});
