// BASE_URL from the command line: serve and notify refuse to start with a malformed one, and notify sends nothing without one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli-process.ts';

// Each test starts a real process (tsx compiles on start), slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-mail-'));
  env = { ...process.env, DATABASE_URL: path.join(dir, 'mail.db'), SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'noreply@example.gov.uk' };
  delete env['BASE_URL'];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BASE_URL', () => {
  it('stops serve with exit code 2 and one line naming it when it is not the site’s address', async () => {
    const { code, stderr } = await runCli(['serve', '--port', '0'], { ...env, BASE_URL: 'javascript:alert(1)' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid environment variable BASE_URL/);
  });

  it('stops notify with exit code 2 when it is not set, before anything is queued', async () => {
    const { code, stderr } = await runCli(['notify', '--queue-only'], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/BASE_URL/);
  });
});
