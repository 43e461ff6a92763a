// In-process tests of the web shell: layout, error pages, problem documents, security headers and assets.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { paths } from '../../src/web/paths.ts';
import { inlineScriptHashes, scriptSources } from '../support/csp.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.ts';

const SECRET = 'db password is hunter2';

let app: FastifyInstance;
let demo: DemoApp;

beforeAll(async () => {
  demo = await buildDemoApp();
  app = demo.app;
  // Routes that fail on purpose, one per kind of failure the error handler must map.
  app.get('/test/boom', () => {
    throw new Error(SECRET);
  });
  app.get('/test/forbidden', () => {
    throw new ForbiddenError('Only democratic services officers can see drafts');
  });
  app.get('/test/missing', () => {
    throw new NotFoundError('No such meeting');
  });
  app.get('/test/conflict', () => {
    throw new ConflictError('This recommendation has already been signed off');
  });
  app.get('/test/invalid', () => {
    throw new ValidationError([{ field: 'title', message: 'Enter a title' }]);
  });
  // @fastify/view renders { raw } templates, but its types only admit a file name.
  app.get('/test/date', async (_request, reply) => reply.view({ raw: '<p>{{ d | longDate }}</p>' } as never, { d: '2018-02-19' }));
  app.get('/api/test/boom', () => {
    throw new Error(SECRET);
  });
  app.post('/api/test/invalid', (request) => {
    const parsed = z.object({ title: z.string().min(1, 'Enter a title') }).safeParse(request.body);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error);
    return parsed.data;
  });
  app.get('/api/test/conflict', () => {
    throw new ConflictError('This recommendation has already been signed off');
  });
  await app.ready();
});

afterAll(async () => {
  await demo?.close();
});

describe('pages', () => {
  it('renders the home page in the GOV.UK layout', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<html lang="en-GB"');
    expect(response.body).toContain('<h1 class="govuk-heading-xl">Scrutineer</h1>');
    expect(response.body).toContain('Rotherham Metropolitan Borough Council');
    expect(response.body).toContain('href="#main-content"');
    for (const href of [paths.committees(), paths.meetings(), paths.reviews(), paths.people()]) {
      expect(response.body).toContain(`href="${href}"`);
    }
    expect(response.body).toContain('Open Government Licence v3.0');
  });

  it('marks the section being viewed in the service navigation', async () => {
    const response = await app.inject(paths.committee('cabinet'));
    expect(response.body).toMatch(/<a class="govuk-service-navigation__link" href="\/committees" aria-current="true">/);
    expect(response.body).not.toMatch(/href="\/meetings" aria-current/);
  });

  it('answers HEAD / with the headers and no body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe('');
  });

  it('formats dates with the longDate filter', async () => {
    const response = await app.inject('/test/date');
    expect(response.body).toBe('<p>19 February 2018</p>');
  });

  it('answers /healthz', async () => {
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('error pages', () => {
  it('shows "Page not found" with a way home for an unknown address', async () => {
    const response = await app.inject('/no/such/page');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Page not found');
    expect(response.body).toContain(`href="${paths.home()}"`);
    expect(response.body).toContain('<title>Page not found – Scrutineer');
  });

  it('answers HEAD of an unknown address with 404', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('');
  });

  it('shows the 404 page for a NotFoundError', async () => {
    const response = await app.inject('/test/missing');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
  });

  it('shows a 500 page without the error message or stack for an unexpected error', async () => {
    const response = await app.inject('/test/boom');
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('maps ForbiddenError to 403, ValidationError to 400 and ConflictError to 409', async () => {
    const forbidden = await app.inject('/test/forbidden');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.body).toContain('You do not have permission to see this page');

    const invalid = await app.inject('/test/invalid');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Enter a title');

    const conflict = await app.inject('/test/conflict');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('This recommendation has already been signed off');
  });
});

describe('API errors', () => {
  it('answers an unknown /api/ address with a 404 problem document', async () => {
    const response = await app.inject('/api/anything-unknown');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  it('names the fields of a validation problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/test/invalid', payload: { title: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      errors: [{ field: 'title', message: 'Enter a title' }],
    });
  });

  it('reports Fastify’s own refusals (malformed JSON) as 400 problems', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/invalid',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('maps ConflictError to 409 with its message as the detail', async () => {
    const response = await app.inject('/api/test/conflict');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ status: 409, detail: 'This recommendation has already been signed off' });
  });

  it('hides the cause of an unexpected error', async () => {
    const response = await app.inject('/api/test/boom');
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toContain(SECRET);
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy without unsafe-inline that allows the inline script by its hash', async () => {
    const response = await app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('nonce-');
    const hashes = inlineScriptHashes(response.body);
    expect(hashes).toHaveLength(1);
    expect(scriptSources(csp)).toEqual(["'self'", hashes[0]]);
    expect(response.body).toContain('<script>document.body.className');
  });

  it('sends the same policy and the same bytes on every response, so a stored page still runs its script', async () => {
    const first = await app.inject('/');
    // A cookie keeps the page cache out of it: this is a second rendering.
    const second = await app.inject({ url: '/', headers: { cookie: 'theme=dark' } });
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.body).toBe(first.body);
  });

  it('sends the CSP on error pages too', async () => {
    const response = await app.inject('/no/such/page');
    const csp = String(response.headers['content-security-policy']);
    expect(scriptSources(csp)).toEqual(["'self'", ...inlineScriptHashes(response.body)]);
  });
});

describe('assets', () => {
  it('serves GOV.UK Frontend’s CSS, JS, fonts and images under /assets/', async () => {
    const css = await app.inject(paths.assets('govuk-frontend.min.css'));
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);

    const js = await app.inject(paths.assets('govuk-frontend.min.js'));
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);

    // The precompiled CSS refers to its fonts and images by these absolute URLs.
    for (const url of css.body.match(/url\((\/assets\/[^)]+)\)/g) ?? []) {
      const asset = url.slice('url('.length, -1);
      expect((await app.inject(asset)).statusCode, asset).toBe(200);
    }
    expect((await app.inject(paths.assets('images/favicon.svg'))).statusCode).toBe(200);
    expect((await app.inject(paths.assets('manifest.json'))).statusCode).toBe(200);
  });

  it('does not serve the rest of govuk-frontend (templates, Sass)', async () => {
    expect((await app.inject(paths.assets('template.njk'))).statusCode).toBe(404);
    expect((await app.inject(paths.assets('index.scss'))).statusCode).toBe(404);
  });

  it('serves our own static files under /static/', async () => {
    const response = await app.inject(paths.staticFile('app.css'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/css/);
  });
});

describe('paths', () => {
  it('builds the public URLs', () => {
    expect(paths.committee('overview-and-scrutiny')).toBe('/committees/overview-and-scrutiny');
    expect(paths.meetings()).toBe('/meetings');
    expect(paths.meetings({ page: 1 })).toBe('/meetings');
    expect(paths.meetings({ page: 3 })).toBe('/meetings?page=3');
    expect(paths.reviewResponse('children-services')).toBe('/reviews/children-services/response');
    expect(paths.recommendation('children-services', 5)).toBe('/reviews/children-services/recommendations/5');
  });

  it('percent-encodes slugs so they stay one path segment', () => {
    expect(paths.person('a/b?c#d')).toBe('/people/a%2Fb%3Fc%23d');
    expect(paths.document('minute 83')).toBe('/documents/minute%2083');
  });
});
