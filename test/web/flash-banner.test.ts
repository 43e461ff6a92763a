// The success banner when several processes serve one site: a banner set by one is shown by another built the same way, and a banner made for one officer's session is never shown in another's.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { FLASH_COOKIE } from '../../src/web/flash.ts';
import { paths } from '../../src/web/paths.ts';
import { mainText } from '../support/page-text.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { signedIn } from '../support/workspace-client.ts';

const BANNER = 'govuk-notification-banner--success';

let db: TestDb;
let first: FastifyInstance;
/** A second process: the web modules loaded afresh (their module state is a new process's), over the same database. */
let second: FastifyInstance;

beforeAll(async () => {
  const clock = fixedClock('2026-06-15T09:00:00Z');
  db = await createTestDb('sqlite', { clock });
  const services = createServices({ database: db, clock });
  for (const [email, name] of [
    ['dso@example.org', 'Dee Ess'],
    ['other@example.org', 'Oh Ther'],
  ] as const) {
    await services.auth.addUser('system', { email, name, role: 'democratic_services', password: 'officer password 1' });
  }
  first = await buildApp({ services });
  vi.resetModules();
  const fresh = {
    services: await import('../../src/services/index.ts'),
    app: await import('../../src/web/app.ts'),
  };
  second = await fresh.app.buildApp({ services: fresh.services.createServices({ database: db, clock }) });
}, 120_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
  await db?.destroy();
});

/** Creates a body through the workspace form on `app`, and returns the redirect's address with the banner cookie set. */
async function createBody(app: FastifyInstance, email: string, name: string) {
  const officer = await signedIn(app, email, 'officer password 1');
  const saved = await officer.submit(paths.admin.newBody(), { name, kind: 'committee', isActive: 'yes' });
  expect(saved.statusCode).toBe(303);
  expect(officer.cookies.has(FLASH_COOKIE)).toBe(true);
  return { officer, location: String(saved.headers.location) };
}

describe('the success banner', () => {
  it('is shown by another process serving the site, once', async () => {
    const { officer, location } = await createBody(first, 'dso@example.org', 'Planning Board');
    const cookies = new Map(officer.cookies);
    const landed = await second.inject({ url: location, headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain(BANNER);
    expect(mainText(landed.body)).toContain('Success Body created');
    // Shown once: the landing page clears the cookie.
    expect(landed.cookies.find((c) => c.name === FLASH_COOKIE)?.value).toBe('');
  });

  it('is not shown in another officer’s session, though it was made here', async () => {
    const { officer: maker } = await createBody(first, 'other@example.org', 'Licensing Board');
    const planted = maker.cookies.get(FLASH_COOKIE);
    expect(planted).toBeDefined();
    // In the same process, so that only the session tells the two apart.
    const victim = await signedIn(first, 'dso@example.org', 'officer password 1');
    victim.cookies.set(FLASH_COOKIE, planted ?? '');
    const page = await victim.get(paths.admin.bodies());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(BANNER);
  });
});
