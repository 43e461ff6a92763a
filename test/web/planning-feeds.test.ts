// The forward plan's and the work programmes' Atom feeds read back by a feed parser: newest first, a private decision only said to be private, topics once agreed, nothing withheld or unmoderated; each linked from its page with <link rel="alternate">.
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { body, forwardPlanEntry, topic } from '../support/factories.ts';
import { paths } from '../../src/web/paths.ts';

let demo: DemoApp;
let committeeSlug = '';
const SECRET = 'Offer from Quillon Estates';

beforeAll(async () => {
  demo = await buildDemoApp();
  const cabinet = await body(demo.database, { name: 'Feed Cabinet', kind: 'executive' });
  await forwardPlanEntry(demo.database, {
    organisation_id: cabinet.id,
    title: 'Older decision',
    first_published_on: '2026-09-01',
    intended_date: '2026-11-02',
  });
  await forwardPlanEntry(demo.database, {
    organisation_id: cabinet.id,
    title: 'Sale of the old library',
    description: SECRET,
    exempt_paragraph: 3,
    first_published_on: '2026-10-15',
    intended_date: '2026-12-14',
  });
  await forwardPlanEntry(demo.database, {
    organisation_id: cabinet.id,
    title: 'Middle decision',
    first_published_on: '2026-10-01',
    intended_date: '2026-12-01',
  });
  const committee = await body(demo.database, { name: 'Feed Scrutiny Committee', kind: 'scrutiny_committee' });
  committeeSlug = committee.slug;
  const add = (title: string, values: Parameters<typeof topic>[1]) => topic(demo.database, { ...values, title });
  await add('Agreed topic', { organisation_id: committee.id, state: 'agreed', updated_at: '2026-10-01T09:00:00Z' });
  await add('Dropped topic', { organisation_id: committee.id, state: 'dropped', dropped_reason: 'Covered elsewhere', updated_at: '2026-10-03T09:00:00Z' });
  await add('Heard topic', { organisation_id: committee.id, state: 'done', done_on: '2026-10-02', updated_at: '2026-10-02T09:00:00Z' });
  await add('Only suggested topic', { organisation_id: committee.id, state: 'suggested' });
  await add('Exempt topic', { organisation_id: committee.id, state: 'agreed', exempt_paragraph: 3 });
  await add('Unmoderated topic', { organisation_id: committee.id, state: 'agreed', source: 'public', accepted_on: null });
});
afterAll(async () => demo?.close());

describe('the forward plan feed', () => {
  it('lists entries newest first by first publication, a private one only as private', async () => {
    const response = await demo.app.inject({ url: paths.forwardPlanFeed() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.body).not.toContain('Quillon');
    const feed = parseFeed(response.body);
    const titles = feed.items.map((i) => i.title);
    expect(titles.indexOf('Sale of the old library')).toBeLessThan(titles.indexOf('Middle decision'));
    expect(titles.indexOf('Middle decision')).toBeLessThan(titles.indexOf('Older decision'));
    const privateOne = feed.items.find((i) => i.title === 'Sale of the old library');
    expect(privateOne?.content).toContain('This decision will be taken in private');
    expect(privateOne?.url).toMatch(/\/forward-plan\/[^/]+$/);
  });

  it('is linked from the forward plan page', async () => {
    const page = await demo.app.inject({ url: paths.forwardPlan() });
    expect(page.body).toContain(`<link rel="alternate" type="application/atom+xml" href="${paths.forwardPlanFeed()}"`);
  });
});

describe('a work programme feed', () => {
  it('lists topics agreed, heard and dropped, latest changed first, never a suggestion, a withheld or an unmoderated topic', async () => {
    const response = await demo.app.inject({ url: paths.workProgrammeFeed(committeeSlug) });
    expect(response.statusCode).toBe(200);
    const feed = parseFeed(response.body);
    expect(feed.title).toContain('Feed Scrutiny Committee work programme');
    expect(feed.items.map((i) => i.title)).toEqual(['Dropped: Dropped topic', 'Heard: Heard topic', 'Agreed: Agreed topic']);
    expect(feed.items[0]?.content).toContain('Covered elsewhere');
    expect(feed.items[0]?.url).toContain(`${paths.workProgramme(committeeSlug, 2025)}#topic-`);
    expect((await demo.app.inject({ url: paths.workProgrammeFeed('no-such-committee') })).statusCode).toBe(404);
  });

  it('is linked from the committee’s work programme page, for any year', async () => {
    for (const url of [paths.workProgramme(committeeSlug), paths.workProgramme(committeeSlug, 2025)]) {
      const page = await demo.app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<link rel="alternate" type="application/atom+xml" href="${paths.workProgrammeFeed(committeeSlug)}"`);
    }
  });
});
