// `scrutineer user unlock` run as an administrator runs it: a real process lifts the lock that guessing put on an account.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { runCli } from '../support/cli-process.ts';

// Each test starts a real process (tsx compiles on start), slow on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let dir: string;
let env: NodeJS.ProcessEnv;
let at = Date.parse('2026-03-02T09:00:00Z');
const clock: Clock = { now: () => new Date(at) };

/** Services over the command's database file, opened only while the test uses them. */
async function withServices<T>(use: (services: Services) => Promise<T>): Promise<T> {
  const database = await createDb(String(env.DATABASE_URL));
  try {
    await migrateToLatest(database.db);
    return await use(createServices({ database, clock }));
  } finally {
    await database.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-cli-unlock-'));
  env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db') };
  delete env.CI_FORCE_COLOR;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer user unlock', () => {
  it('lets a locked-out account sign in again at once, records who unlocked it, and refuses an unknown email', async () => {
    await withServices(async (services) => {
      await services.auth.addUser('system', { email: 'locked@example.org', name: 'Locked', role: 'democratic_services', password: 'the real password' });
      for (let i = 0; i < 5; i++) {
        await services.auth.signIn('locked@example.org', `guess ${i}`, '203.0.113.5');
        at += 10_000;
      }
      expect(await services.auth.signIn('locked@example.org', 'the real password', '203.0.113.5')).toMatchObject({ ok: false, reason: 'locked' });
    });

    const unlocked = await runCli(['user', 'unlock', 'Locked@Example.org'], env);
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('Unlocked locked@example.org');
    const unknown = await runCli(['user', 'unlock', 'nobody@example.org'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No user with the email address nobody@example.org');

    await withServices(async (services) => {
      expect((await services.auth.signIn('locked@example.org', 'the real password', '203.0.113.5')).ok).toBe(true);
      const { stdout } = await runCli(['audit', '--since', '2000-01-01'], env);
      expect(stdout.split('\n').some((line) => /\tsystem\tunlock\tuser/.test(line))).toBe(true);
      expect(stdout).toContain('lock_out');
    });
  });
});
