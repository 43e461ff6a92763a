// The search page in-process: results with highlighted, escaped snippets; filters; errors in the GOV.UK pattern; the empty state; search boxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createRepositories } from '../../src/repositories/index.ts';

let demo: DemoApp;

beforeAll(async () => {
  demo = await buildDemoApp();
  const r = createRepositories({ db: demo.database.db, clock: demo.services.clock });
  const issue = await r.issues.create({ slug: 'escaping', title: 'Quokka <em>issue</em>', summary: 'Says <script>alert("quokka")</script> here' });
  await demo.services.searchIndex.reindex('issue', issue.id);
});
afterAll(async () => demo?.close());

describe('GET /search', () => {
  it('finds the review and links each hit to its page', async () => {
    const response = await demo.app.inject({ url: '/search?q=practice+partner' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<title>Search results for “practice partner”/);
    expect(response.body).toContain('href="/reviews/alternative-management-arrangements-for-childrens-services"');
    expect(response.body).toContain('href="/reviews/alternative-management-arrangements-for-childrens-services/recommendations/1"');
    expect(response.body).toContain('<mark>Practice</mark> <mark>Partner</mark>');
  });

  it('escapes stored HTML in titles and snippets', async () => {
    const response = await demo.app.inject({ url: '/search?q=quokka' });
    expect(response.body).toContain('Quokka &lt;em&gt;issue&lt;/em&gt;');
    expect(response.body).toContain('Says &lt;script&gt;alert(&quot;<mark>quokka</mark>&quot;)&lt;/script&gt; here');
    expect(response.body).not.toContain('<script>alert');
  });

  it('filters by type and body, keeping the choices in the form and the page links', async () => {
    const response = await demo.app.inject({ url: '/search?q=response&type=minute&body=council' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<input class="govuk-checkboxes__input" id="search-type-3" name="type" type="checkbox" value="minute" checked>/);
    expect(response.body).toContain('<option value="council" selected>Council</option>');
    expect(response.body).toContain('1 result');
  });

  it('shows an error summary for an impossible date', async () => {
    const response = await demo.app.inject({ url: '/search?q=partner&from=31%2F02%2F2026' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('href="#search-from"');
    expect(response.body).toContain('The from date must be a real date, for example 18/10/2017');
  });

  it('helps when nothing matches', async () => {
    const response = await demo.app.inject({ url: '/search?q=partner+wombat' });
    expect(response.body).toContain('There are no results for “partner wombat”');
    expect(response.body).toContain('href="/search?q=partner"');
    const filtered = await demo.app.inject({ url: '/search?q=partner&type=person' });
    expect(filtered.body).toContain('removing the filters');
  });

  it('offers a search box in the navigation, on the home page and on the "Page not found" page', async () => {
    const home = await demo.app.inject({ url: '/' });
    expect(home.body).toContain('action="/search"');
    const missing = await demo.app.inject({ url: '/no-such-page' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('action="/search"');
    expect(missing.body).toContain('href="/search"');
  });
});
