// SIGTERM lets a request in flight finish, then the server stops with exit code 0.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCli } from '../support/cli-process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer serve on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = await serveCli(path.join(dir, 'shutdown.db'));
    try {
      // A slow client: the request's body arrives in two halves, with SIGTERM in between.
      const refused: boolean[] = [];
      const body = JSON.stringify({ text: 'x'.repeat(2000) });
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${server.url}/healthz`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        request.on('error', reject);
        request.write(body.slice(0, 1000));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => {
            // A newcomer while the old request drains is turned away at the door.
            http.get(`${server.url}/healthz`, () => refused.push(false)).on('error', () => refused.push(true));
          }, 250);
          setTimeout(() => request.end(body.slice(1000)), 600);
        }, 300);
      });

      const answered = await response;
      // The request was answered in full (no POST route at /healthz: a complete 404 page, not a reset).
      expect(answered.status).toBe(404);
      expect(answered.body).toContain('</html>');
      expect(refused).toEqual([true]);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
