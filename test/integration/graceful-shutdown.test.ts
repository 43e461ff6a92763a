// SIGTERM lets a request in flight finish, then the server (its primary and every worker) stops with exit code 0.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serveCli, waitForOutput } from '../support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer serve on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = await serveCli(path.join(dir, 'shutdown.db'));
    try {
      // A slow client: the request's headers arrive (the server's `100 Continue` says it has them),
      // then SIGTERM, then the body. Each step waits for what the previous one caused, never for time.
      const body = JSON.stringify({ text: 'x'.repeat(2000) });
      let request!: http.ClientRequest;
      const continued = new Promise<void>((resolve) => {
        request = http.request(`${server.url}/healthz`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
        });
        request.once('continue', () => resolve());
      });
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        request.on('response', (res) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (chunk: string) => {
              text += chunk;
            })
            .on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        request.on('error', reject);
      });
      request.flushHeaders();
      await continued;
      request.write(body.slice(0, 1000));
      server.child.kill('SIGTERM');
      await waitForOutput(server, /SIGTERM received/);
      // A newcomer while the old request drains is turned away at the door (once the server has stopped listening).
      // Each attempt is a new connection (no keep-alive). One that reaches the port in the instant the last worker
      // lets go of it is held by the primary, unanswered, until the primary exits (node:cluster hands it back with
      // no worker left to take it): such an attempt is given up after a second and counts as not yet refused.
      const refusedNow = () =>
        new Promise<boolean>((resolve) => {
          const attempt = http
            .get(`${server.url}/healthz`, { agent: false, timeout: 1000 }, (res) => {
              res.resume();
              resolve(false);
            })
            .on('timeout', () => {
              attempt.destroy();
              resolve(false);
            })
            .on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
        });
      await vi.waitFor(async () => expect(await refusedNow()).toBe(true), { timeout: 20_000 });
      expect(server.child.exitCode).toBeNull();
      request.end(body.slice(1000));

      const answered = await response;
      // The request was answered in full (no POST route at /healthz: a complete 404 page, not a reset).
      expect(answered.status).toBe(404);
      expect(answered.body).toContain('</html>');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
    // `serve` starts a process for each core and the primary that supervises them (serve --workers).
  }, 120_000);
});
