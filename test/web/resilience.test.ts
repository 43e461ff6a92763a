// Health and readiness, HTTP caching of public pages, security headers and request size limits.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { inlineScriptHashes, scriptSources } from '../support/csp.ts';

let database: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDb('sqlite');
  const services = createServices({ database });
  app = await buildApp({ services, bodyLimit: 64 * 1024 });
  app.post('/test/echo', (request) => ({ received: JSON.stringify(request.body).length }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('health', () => {
  it('reports liveness and readiness, never cached', async () => {
    const live = await app.inject({ method: 'GET', url: paths.healthz() });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    expect(live.headers['cache-control']).toBe('no-store');
    const ready = await app.inject({ method: 'GET', url: paths.readyz() });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('says 503 with a problem document when the database does not answer, while liveness still holds', async () => {
    const broken = await createTestDb('sqlite');
    const brokenApp = await buildApp({ services: createServices({ database: broken }) });
    await broken.destroy();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const ready = await brokenApp.inject({ method: 'GET', url: paths.readyz() });
    // The operator's log says why (the probe's answer never does: the database's text may name hosts).
    await vi.waitFor(() => expect(warnings.join('\n')).toMatch(/readiness: the database is not answering: .+/));
    process.off('warning', onWarning);
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.json()).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'The database is not answering.' });
    expect((await brokenApp.inject({ method: 'GET', url: paths.healthz() })).statusCode).toBe(200);
    await brokenApp.close();
  });
});

describe('HTTP caching of public pages', () => {
  it('sends an ETag and a public Cache-Control, and answers 304 when the page is unchanged', async () => {
    const first = await app.inject({ method: 'GET', url: paths.home() });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(first.headers.vary).toMatch(/Cookie/);

    // A second rendering (a cookie keeps the page cache out of it) has the same tag: the content did not change.
    const second = await app.inject({ method: 'GET', url: paths.home(), headers: { cookie: 'theme=dark' } });
    expect(second.headers.etag).toBe(etag);

    const revalidated = await app.inject({ method: 'GET', url: paths.home(), headers: { 'if-none-match': `"x", ${etag}` } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    // No content, so no content metadata; the policy is the stored page's own (it has no per-request nonce).
    expect(revalidated.headers['content-type']).toBeUndefined();
    expect(revalidated.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(revalidated.headers.etag).toBe(etag);

    const stale = await app.inject({ method: 'GET', url: paths.home(), headers: { 'if-none-match': 'W/"something-else"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toContain('<html');
  });

  it('never lets a cache keep a page shown to a signed-in user', async () => {
    const first = await app.inject({ method: 'GET', url: paths.home() });
    const response = await app.inject({
      method: 'GET',
      url: paths.home(),
      headers: { cookie: 'theme=dark; scrutineer_session=abc123', 'if-none-match': String(first.headers.etag) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('does not cache error pages', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['cache-control'] ?? '').not.toMatch(/public/);
  });
});

describe('security headers', () => {
  it('sends a CSP without unsafe-inline that forbids framing, nosniff and a referrer policy', async () => {
    const response = await app.inject({ method: 'GET', url: paths.home() });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    // The hash in the header is that of the page's one inline script.
    expect(scriptSources(csp)).toEqual(["'self'", ...inlineScriptHashes(response.body)]);
  });
});

describe('request size limits', () => {
  it('accepts a body under the limit and refuses one over it with 413', async () => {
    const small = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'x'.repeat(1000) } });
    expect(small.statusCode).toBe(200);
    const big = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'x'.repeat(100 * 1024) } });
    expect(big.statusCode).toBe(413);
    const form = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `text=${'y'.repeat(100 * 1024)}`,
    });
    expect(form.statusCode).toBe(413);
  });
});
