// Every page a visitor or an officer can reach shows vocabulary values in words ("Partially accepted", "On track"), never the stored code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vocabulary from '../../src/domain/vocabulary.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { internalLinks, mainText } from '../support/page-text.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let demo: DemoApp;
beforeAll(async () => {
  demo = await buildDemoApp();
  await demo.services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
}, 120_000);
afterAll(async () => demo.close());

/** Every stored code that is not already a word: "partially_accepted", "on_track", "vice_chair", … */
const CODES = [
  ...new Set(Object.values(vocabulary).flatMap((v) => (typeof v === 'object' && v !== null && 'values' in v ? (v.values as readonly string[]) : []))),
].filter((code) => code.includes('_'));

/** Pages reached by following links from `start`, a breadth-first walk bounded so the test stays quick. */
async function crawl(client: WorkspaceClient, starts: string[], keep: (href: string) => boolean, limit: number) {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  const pages: { url: string; html: string }[] = [];
  while (queue.length > 0 && pages.length < limit) {
    const url = queue.shift() ?? '';
    const response = await client.get(url);
    if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue;
    pages.push({ url, html: response.body });
    for (const href of internalLinks(response.body)) {
      const path = href.split('#')[0] ?? '';
      if (path === '' || seen.has(path) || !keep(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return pages;
}

/** "<page>: <code>" for every stored code shown as it is. */
function rawCodes(pages: readonly { url: string; html: string }[]): string[] {
  return pages.flatMap((page) => {
    const text = mainText(page.html);
    return CODES.filter((code) => new RegExp(`\\b${code}\\b`).test(text)).map((code) => `${page.url}: ${code}`);
  });
}

const NOT_PAGES = /\.(pdf|docx|csv|ics|json|xml|atom|zip)$|\/(feeds?|api|download|files?|sign-out|follow)\b/;

describe('vocabulary values are shown in words', () => {
  it('on the public pages', async () => {
    const pages = await crawl(
      workspaceClient(demo.app),
      ['/', '/tracker', '/reviews', '/meetings', '/committees', '/people'],
      (href) => !href.startsWith('/admin') && !NOT_PAGES.test(href) && !href.startsWith('/search'),
      160,
    );
    expect(pages.length).toBeGreaterThan(20);
    expect(rawCodes(pages)).toEqual([]);
  }, 300_000);

  it('in the workspace, forms and their summaries included', async () => {
    const officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
    const pages = await crawl(
      officer,
      ['/admin', '/admin/reviews', '/admin/meetings', '/admin/bodies', '/admin/people', '/admin/assigned'],
      (href) => href.startsWith('/admin') && !NOT_PAGES.test(href) && !/\/(history|remove|reopen|end|cancel)\b/.test(href),
      160,
    );
    expect(pages.length).toBeGreaterThan(20);
    expect(rawCodes(pages)).toEqual([]);
  }, 300_000);
});
