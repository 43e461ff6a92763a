// `scrutineer audit --since` names imports as actors, and `scrutineer settings` sets the reminder window: real processes, their output and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli-process.ts';

// Each test starts real processes (tsx compiles on start), slow on a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let dir: string;
let env: NodeJS.ProcessEnv;

const scrutineer = (...args: string[]) => runCli(args, env);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-cli-audit-'));
  env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db') };
  delete env.CI_FORCE_COLOR;
  expect((await scrutineer('demo')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer audit', () => {
  it('lists the demo load and a tracker import with the import as the actor and what each created', async () => {
    const csv = path.join(dir, 'tracker.csv');
    writeFileSync(
      csv,
      'Reference,Review or origin,Date agreed,Recommendation,Response,Lead officer,Target date,Status,Latest update\n' +
        '1,Fly-tipping,03/03/2025,That enforcement results are reported quarterly.,Accepted.,Ahmed Khan,31/03/2026,On track,Begun.\n',
    );
    expect((await scrutineer('import', 'tracker', csv, '--body', 'Improving Lives Select Commission')).code).toBe(0);
    const { code, stdout } = await scrutineer('audit', '--since', '2000-01-01');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.some((l) => /\timport:demo\timport\timport$/.test(l))).toBe(true);
    expect(lines.some((l) => /\timport:tracker\timport\timport$/.test(l))).toBe(true);
    expect(stdout).toContain(`file: "" → ${JSON.stringify(csv)}`);
    expect(stdout).toContain('rows: "" → "1"');
    expect(stdout).toContain('\\"reviews\\":1');
  });
});

describe('scrutineer settings notifications.reminder-days', () => {
  it('refuses a window outside 1 to 90 days with exit code 2 and lists one it accepts', async () => {
    const refused = await scrutineer('settings', 'set', 'notifications.reminder-days', '120');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('notifications.reminder-days: must be a whole number of days from 1 to 90');
    expect((await scrutineer('settings', 'set', 'notifications.reminder-days', '21')).code).toBe(0);
    const { stdout } = await scrutineer('settings');
    expect(stdout).toMatch(/notifications\.reminder-days\s+21\s+Days before/);
  });
});
