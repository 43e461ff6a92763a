// The `scrutineer deadline` and `scrutineer tracker` commands, run as a user runs them: a real process, its output and its exit code.
import { mkdtempSync, rmSync } from 'node:fs';
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
  dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-cli-'));
  env = { ...process.env, DATABASE_URL: path.join(dir, 'cli.db') };
  delete env.CI_FORCE_COLOR;
  expect((await scrutineer('demo')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer deadline', () => {
  it('prints a sentence an officer can paste', async () => {
    const { code, stdout } = await scrutineer('deadline', 'response', '2017-10-18');
    expect(code).toBe(0);
    expect(stdout).toContain('by Sunday 17 December 2017, which is not a working day, so in practice by Friday 15 December 2017');
    expect(stdout).toContain('Local Government Act 2000 s.9FE');
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await scrutineer('deadline', 'call-in', '2025-12-19', '--json');
    expect(code).toBe(0);
    const deadline: unknown = JSON.parse(stdout);
    expect(deadline).toMatchObject({ rule: 'call-in', from: '2025-12-19', windowEnds: '2025-12-30', implementableFrom: '2025-12-31' });
    expect(deadline).toHaveProperty('citation', expect.stringContaining('s.9F(4)'));
  });

  it.each([
    [['deadline', 'sometime', '2026-01-05'], /Unknown deadline rule “sometime”/],
    [['deadline', 'agenda', '2026-02-30'], /February 2026 has no day 30/],
    [['deadline', 'agenda', '5/1/2026'], /expected the form 'YYYY-MM-DD'/],
    [['deadline', 'response', '9999-12-31'], /from 1 January 1980 to 31 December 9989/],
    [['deadline', 'minutes-retention', '0001-01-01'], /from 1 January 1980 to 31 December 9989/],
  ])('refuses %j with exit code 2 and one line naming the problem', async (args, message) => {
    const { code, stdout, stderr } = await scrutineer(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('lists the rules in --help', async () => {
    const { code, stdout } = await scrutineer('deadline', '--help');
    expect(code).toBe(0);
    for (const rule of [
      'response',
      'agenda',
      'key-decision',
      'general-exception',
      'private-meeting',
      'call-in',
      'dpi-notification',
      'minutes-retention',
      'background-papers-retention',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${rule} `, 'm'));
    }
  });
});

describe('scrutineer tracker', () => {
  it('prints what is overdue as JSON for a scheduled job', async () => {
    const { code, stdout } = await scrutineer('tracker', '--days', '10', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { days: number; overdue: { kind: string; dueOn: string; reviewSlug: string }[] };
    expect(report.days).toBe(10);
    // The demo records no monitoring report since the response of 19 February 2018.
    expect(report.overdue).toContainEqual(
      expect.objectContaining({
        kind: 'monitoring-report',
        dueOn: '2018-08-19',
        reviewSlug: 'alternative-management-arrangements-for-childrens-services',
      }),
    );
  });

  it('prints a table by default', async () => {
    const { code, stdout } = await scrutineer('tracker');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Overdue on \w+day \d+ \w+ \d{4}: 1$/m);
    expect(stdout).toContain('19 August 2018');
    expect(stdout).toMatch(/^Due in the next 30 days/m);
  });

  it('refuses a --days that is not a number with exit code 2', async () => {
    const { code, stderr } = await scrutineer('tracker', '--days', 'soon');
    expect(code).toBe(2);
    expect(stderr).toContain('--days must be a whole number');
  });
});

describe('scrutineer settings', () => {
  it('refuses a period the law does not allow with exit code 2, and the deadline follows a setting it accepts', async () => {
    const refused = await scrutineer('settings', 'set', 'deadline.response.length', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('must be at most 2');
    expect((await scrutineer('settings', 'set', 'deadline.response.unit', 'weeks')).code).toBe(0);
    expect((await scrutineer('settings', 'set', 'deadline.response.length', '8')).code).toBe(0);
    const { stdout } = await scrutineer('deadline', 'response', '2017-10-18', '--json');
    // Eight weeks beginning with 18 October 2017 end on 12 December 2017.
    expect(JSON.parse(stdout)).toMatchObject({ unit: 'weeks', length: 8, latest: '2017-12-12' });
  });
});
