// Builds the web app over a fresh in-memory SQLite database holding the demo (the reference case), for web and browser tests.
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { createTestDb, type TestDb } from './test-db.ts';

/** After the reference case, so nothing in the demo is "upcoming" and nothing depends on the real date. */
export const DEMO_NOW = '2026-11-22T12:00:00Z';

export interface DemoApp {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly database: TestDb;
  close(): Promise<void>;
}

export async function buildDemoApp(options: { loadDemo?: boolean } = {}): Promise<DemoApp> {
  const database = await createTestDb('sqlite');
  const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  if (options.loadDemo ?? true) await services.demo.loadIfAbsent();
  const app = await buildApp({ services });
  return {
    app,
    services,
    database,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
