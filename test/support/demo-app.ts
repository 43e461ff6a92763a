// Builds the web app over a fresh in-memory SQLite database holding the demo (the reference case), for web and browser tests.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { DEMO_COUNCIL } from '../../src/services/demo/rotherham.ts';
import { createTestDb, type TestDb } from './test-db.ts';

/** After the reference case, so nothing in the demo is "upcoming" and nothing depends on the real date. */
export const DEMO_NOW = '2026-11-22T12:00:00Z';

export interface DemoApp {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly database: TestDb;
  /** Moves the app's clock forward (it stands still otherwise): what time-based behaviour is tested with, never a wait. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A clock that stands at `start` until moved. */
export function movableClock(start: string): Clock & { advance(ms: number): void } {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

export async function buildDemoApp(options: { loadDemo?: boolean } = {}): Promise<DemoApp> {
  const clock = movableClock(DEMO_NOW);
  const database = await createTestDb('sqlite', { clock });
  const services = createServices({ database, clock, councilName: DEMO_COUNCIL.name });
  if (options.loadDemo ?? true) await services.demo.loadIfAbsent();
  const app = await buildApp({ services, council: DEMO_COUNCIL });
  return {
    app,
    services,
    database,
    advance: (ms) => clock.advance(ms),
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
