// The search rate limit in-process: past the limit one address gets 429 with Retry-After and a GOV.UK page; other addresses and a limit of 0 are not held up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/web/app.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';

let demo: DemoApp;
beforeAll(async () => {
  demo = await buildDemoApp();
});
afterAll(async () => demo?.close());

async function withApp(searchRateLimit: number, use: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = await buildApp({ services: demo.services, searchRateLimit });
  try {
    await use(app);
  } finally {
    await app.close();
  }
}

// Each search is a different query, as a person's would be: none can be answered from the page cache.
const search = (app: FastifyInstance, n: number, remoteAddress = '203.0.113.7') => app.inject({ url: `/search?q=partner+${n}`, remoteAddress });

describe('search rate limit', () => {
  it('answers 429 with Retry-After and a page saying what to do, once one address passes the limit', async () => {
    await withApp(3, async (app) => {
      const statuses = [];
      for (let n = 0; n < 3; n += 1) statuses.push((await search(app, n)).statusCode);
      expect(statuses).toEqual([200, 200, 200]);

      const refused = await search(app, 3);
      expect(refused.statusCode).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.body).toContain('<title>Sorry, you have made too many requests');
      expect(refused.body).toContain('Wait a minute, then go back and try again.');
      expect(refused.body).toContain('href="/meetings.csv"');

      // Another address has its own allowance.
      expect((await search(app, 4, '198.51.100.9')).statusCode).toBe(200);
      // Other pages are not limited.
      expect((await app.inject({ url: '/', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    });
  });

  it('limits by the default of 120 a minute, and not at all when set to 0', async () => {
    await withApp(0, async (app) => {
      for (let n = 0; n < 130; n += 1) {
        const response = await search(app, n);
        if (response.statusCode !== 200) throw new Error(`search ${n} answered ${response.statusCode}`);
      }
    });
    const app = await buildApp({ services: demo.services });
    try {
      const statuses = new Set<number>();
      for (let n = 0; n < 121; n += 1) statuses.add((await search(app, n)).statusCode);
      expect([...statuses]).toEqual([200, 429]);
      expect((await search(app, 200)).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
