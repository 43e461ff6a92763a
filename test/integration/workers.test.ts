// `scrutineer serve --workers 2` as a process, on SQLite and PostgreSQL: a save through one worker is on every worker's public pages once answered, saves through both at once all land, a killed worker is replaced, SIGTERM ends all with 0; SQLite's write lock is waited for without blocking; and a database that cannot be opened stops the workers and the command with its reason.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createServices } from '../../src/services/index.ts';
import { serveCli, spawnCli, waitForOutput, type CliChild } from '../support/cli-process.ts';
import { createTestDb, testDialects } from '../support/test-db.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request on a connection of its own (`Connection: close`), so that node:cluster hands each to the next worker. */
function request(url: string, options: { method?: string; cookies?: Map<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: http.OutgoingHttpHeaders = { connection: 'close' };
  if (options.cookies && options.cookies.size > 0) headers.cookie = [...options.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        for (const cookie of res.headers['set-cookie'] ?? []) {
          const [pair = ''] = cookie.split(';');
          const at = pair.indexOf('=');
          options.cookies?.set(pair.slice(0, at), pair.slice(at + 1));
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The hidden fields of the page's form (the CSRF token, the one-time submission key). */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[match[1]!] = match[2]!;
  return fields;
}

/** The worker that answered. */
function workerOf(answer: Answer): number {
  return Number(answer.headers['x-worker']);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reads `url` on new connections until every worker named has answered (bounded), and gives back what each answered. */
async function readFromEach(url: string, count: number, attempts = 40): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < attempts && (answers.length < count || new Set(answers.map(workerOf)).size < 2); i += 1) answers.push(await request(url));
  return answers;
}

async function addOfficer(database: DatabaseHandle): Promise<void> {
  const services = createServices({ database });
  await services.auth.addUser('system', { email: OFFICER.email, name: 'Dee Ess', role: 'democratic_services', password: OFFICER.password });
}

async function serveWithWorkers(databaseUrl: string): Promise<CliChild & { url: string }> {
  return serveCli(databaseUrl, ['--workers', '2']);
}

describe.each(testDialects())('scrutineer serve --workers 2 on %s', (dialect) => {
  it('shows a save on every worker once answered, keeps saves made at once through both, replaces a killed worker, and ends all on SIGTERM with 0', async () => {
    let databaseUrl: string;
    let destroy: () => Promise<void> = () => Promise.resolve();
    if (dialect === 'sqlite') {
      databaseUrl = path.join(dir, 'workers.db');
      const handle = await createDb(databaseUrl);
      await migrateToLatest(handle.db);
      await addOfficer(handle);
      await handle.close();
    } else {
      const db = await createTestDb('postgres');
      await addOfficer(db);
      databaseUrl = db.url;
      destroy = () => db.destroy();
    }
    const server = await serveWithWorkers(databaseUrl);
    try {
      expect(server.output()).toMatch(/with 2 worker processes/);
      const cookies = new Map<string, string>();
      const signIn = await request(`${server.url}/sign-in`, { cookies });
      const signedIn = await request(`${server.url}/sign-in`, { method: 'POST', cookies, form: { ...hiddenFields(signIn.body), ...OFFICER } });
      expect(signedIn.status).toBe(303);
      const form = await request(`${server.url}/admin/bodies/new`, { cookies });
      expect(form.status).toBe(200);

      // Both workers have rendered (and may keep) the public list of committees without the new one.
      const before = await readFromEach(`${server.url}/committees`, 6);
      expect(new Set(before.map(workerOf)).size).toBe(2);
      for (const answer of before) expect(answer.body).not.toContain('Bilby Scrutiny Panel');
      // Each worker runs with its young generation capped (src/cli/cluster.ts), which keeps its resident memory down.
      for (const pid of new Set(before.map(workerOf))) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=4');

      const saved = await request(`${server.url}/admin/bodies/new`, {
        method: 'POST',
        cookies,
        form: { ...hiddenFields(form.body), name: 'Bilby Scrutiny Panel', kind: 'committee', isActive: 'yes' },
      });
      expect(saved.status).toBe(303);

      // Every public page read after the save's response shows it, whichever worker answers.
      const after = await readFromEach(`${server.url}/committees`, 12);
      expect(new Set(after.map(workerOf)).size).toBe(2);
      for (const answer of after) {
        expect(answer.status).toBe(200);
        expect(answer.body, `worker ${workerOf(answer)}`).toContain('Bilby Scrutiny Panel');
      }
      // The success banner's cookie is signed by one worker and read by either.
      const location = String(saved.headers.location);
      const landed: Answer[] = [];
      for (let i = 0; i < 40 && new Set(landed.map(workerOf)).size < 2; i += 1)
        landed.push(await request(`${server.url}${location}`, { cookies: new Map(cookies) }));
      expect(new Set(landed.map(workerOf)).size).toBe(2);
      for (const answer of landed) expect(answer.body, `worker ${workerOf(answer)}`).toContain('Body created');

      // Saves at the same moment through both workers: each is answered as saved, none is lost.
      const forms = await Promise.all(Array.from({ length: 6 }, () => request(`${server.url}/admin/bodies/new`, { cookies: new Map(cookies) })));
      const together = await Promise.all(
        forms.map((page, i) =>
          request(`${server.url}/admin/bodies/new`, {
            method: 'POST',
            cookies: new Map(cookies),
            form: { ...hiddenFields(page.body), name: `Concurrent Panel ${i + 1}`, kind: 'committee', isActive: 'yes' },
          }),
        ),
      );
      expect(together.map((answer) => answer.status)).toEqual(Array.from({ length: 6 }, () => 303));
      expect(new Set(together.map(workerOf)).size).toBe(2);
      for (const answer of await readFromEach(`${server.url}/committees`, 4))
        for (let i = 1; i <= 6; i += 1) expect(answer.body, `worker ${workerOf(answer)}`).toContain(`Concurrent Panel ${i}`);

      // A worker killed outright is replaced, and the site keeps answering meanwhile.
      const [first, second] = [...new Set(after.map(workerOf))] as [number, number];
      process.kill(first, 'SIGKILL');
      await waitForOutput(server, new RegExp(`Worker ${first} ended \\(killed by SIGKILL\\): starting another`), 60_000);
      // Until its replacement is up, the other worker takes every connection.
      for (let i = 0; i < 4; i += 1) {
        const answer = await request(`${server.url}/committees`);
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('Bilby Scrutiny Panel');
      }
      const replaced = await waitForOutput(server, new RegExp(`Worker (\\d+) is serving in place of worker ${first}\\.`), 120_000);
      const replacement = Number(replaced[1]);
      expect([first, second]).not.toContain(replacement);
      expect(alive(first)).toBe(false);
      const seen = new Set<number>();
      for (let i = 0; i < 40 && seen.size < 2; i += 1) {
        const answer = await request(`${server.url}/committees`);
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('Bilby Scrutiny Panel');
        seen.add(workerOf(answer));
      }
      expect([...seen].sort()).toEqual([second, replacement].sort());

      // SIGTERM to the primary drains every worker, and the primary exits 0.
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('SIGTERM received');
      expect(alive(second)).toBe(false);
      expect(alive(replacement)).toBe(false);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await destroy();
    }
  }, 300_000);
});

describe('SQLite write transactions beside another process holding the write lock', () => {
  it('waits its turn without stopping the process, and commits once the lock is let go', async () => {
    const file = path.join(dir, 'lock.db');
    const handle = await createDb(file);
    await migrateToLatest(handle.db);
    const other = new SQLite(file);
    try {
      other.prepare('begin immediate').run();
      other.prepare("insert into settings (key, value) values ('held', 'by another process')").run();
      // The lock is let go on a later turn of the event loop: that turn only comes if the waiting
      // transaction, refused the lock at first, leaves the event loop free while it waits.
      let released = false;
      setImmediate(() => {
        other.prepare('commit').run();
        released = true;
      });
      await handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'waited', value: 'its turn' }).execute();
      });
      expect(released).toBe(true);
      const rows = await handle.db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['held', 'waited']).orderBy('key').execute();
      expect(rows).toEqual([
        { key: 'held', value: 'by another process' },
        { key: 'waited', value: 'its turn' },
      ]);
    } finally {
      other.close();
      await handle.close();
    }
  });
});

describe('scrutineer serve --workers 2 with a database it cannot open', () => {
  it('stops the workers it started and ends with exit code 1, naming the database, as one process would', async () => {
    const url = 'postgres://nobody@127.0.0.1:1/scrutineer_unreachable';
    const single = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--workers', '1'], { DATABASE_URL: url });
    const several = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--workers', '2'], { DATABASE_URL: url });
    // 'close' comes once every process holding its output has ended: the workers share the primary's.
    const closed = new Promise<void>((resolve) => several.child.once('close', () => resolve()));
    expect(await single.exited).toBe(1);
    expect(await several.exited).toBe(1);
    const refusal = /scrutineer: cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/scrutineer_unreachable/;
    expect(single.output()).toMatch(refusal);
    expect(several.output()).toMatch(refusal);
    expect(several.output()).not.toMatch(/is serving/);
    // The primary ends only once its workers have: none is left behind holding the port or the pipe.
    await closed;
  });
});
