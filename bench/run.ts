// `npm run bench`: serves the synthetic 20-year archive and measures pages against nginx serving the same HTML, on SQLite and PostgreSQL; writes BENCHMARKS.md.
import { measurePackBuild, packBuildLines, type PackBuildResult } from './pack-build.ts';
import { measureMixedLoad, mixedLoadLine, type MixedLoad } from './mixed-load.ts';
import { importLine, measureImport } from './import.ts';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { createDb } from '../src/db/create-db.ts';
import { findPostgresBin, startPostgres, type PostgresServer } from '../test/support/postgres-server.ts';
import { SEARCH_WORDS, WARM_UP_WORDS } from './search-words.ts';
import { present } from '../src/domain/present.ts';
import { profileImport, profileRenderings, shortfallLines, timeSearchIndexCheck, type EngineShortfalls } from './shortfalls.ts';
import { readProfiles, summarise, type CpuProfile } from './profile.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const LOAD_AT_START = loadavg()
  .map((n) => n.toFixed(1))
  .join(', ');
const CLI = path.join(ROOT, 'src/cli/main.ts');
/** The installed command, which runs the compiled build (bin/build.js) as `npm start` does in production. */
const COMMAND = path.join(ROOT, 'bin/scrutineer.js');
/** Loaded into every server process: on SIGUSR2 it collects garbage and reports its memory (bench/memory-probe.ts). */
const MEMORY_PROBE = pathToFileURL(path.join(ROOT, 'bench/memory-probe.ts')).href;
/** Loaded into a server to profile a stretch of its life: SIGUSR2 starts and stops V8's profiler (bench/profile-probe.ts). */
const PROFILE_PROBE = pathToFileURL(path.join(ROOT, 'bench/profile-probe.ts')).href;
const CACHE = path.join(ROOT, '.bench');

interface Settings {
  years: number;
  seed: number;
  connections: number;
  seconds: number;
  engines: ('sqlite' | 'postgres')[];
  /** Processes serving: Scrutineer's `serve --workers` and nginx's `worker_processes` alike. */
  workers: number;
  output: string;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = {
    years: 20,
    seed: 1,
    connections: 16,
    seconds: 8,
    engines: ['sqlite', 'postgres'],
    workers: availableParallelism(),
    output: path.join(ROOT, 'BENCHMARKS.md'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
      i += 1;
      return n;
    };
    if (flag === '--years') settings.years = number();
    else if (flag === '--seed') settings.seed = number();
    else if (flag === '--connections') settings.connections = number();
    else if (flag === '--seconds') settings.seconds = number();
    else if (flag === '--workers') settings.workers = Math.max(1, number());
    else if (flag === '--engine') {
      settings.engines = value === 'both' ? ['sqlite', 'postgres'] : [value as 'sqlite' | 'postgres'];
      i += 1;
    } else if (flag === '--output') {
      settings.output = path.resolve(present(value, 'value'));
      i += 1;
    } else
      throw new Error(
        `unknown option ${flag} (options: --years N --seed N --connections N --seconds N --workers N --engine sqlite|postgres|both --output FILE)`,
      );
  }
  return settings;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function cli(args: string[], env: NodeJS.ProcessEnv, inherit = true): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: inherit ? 'inherit' : 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`scrutineer ${args.join(' ')} failed (exit ${result.status}) ${result.stderr ?? ''}`);
}

// ---------------------------------------------------------------------------------------------
// The archive, generated once and kept under .bench/ (gitignored).

function sqliteArchive(settings: Settings): string {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `archive-sqlite-${settings.years}y-seed${settings.seed}.db`);
  if (existsSync(file)) {
    log(`Reusing ${path.relative(ROOT, file)}.`);
    return file;
  }
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  log(`Generating the ${settings.years}-year archive into ${path.relative(ROOT, file)} (once; later runs reuse it).`);
  cli(['generate', '--years', String(settings.years), '--seed', String(settings.seed)], { DATABASE_URL: partial });
  renameSync(partial, file);
  return file;
}

/** A copy of the cached archive to serve, so that the writes of a run never change the cache. */
function sqliteWorkingCopy(archive: string, dir: string): string {
  const copy = path.join(dir, 'archive.db');
  cpSync(archive, copy);
  return copy;
}

async function postgresArchive(settings: Settings, server: PostgresServer): Promise<string> {
  const url = server.url.replace(/\/[^/]*$/, '/scrutineer_bench');
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database scrutineer_bench');
  await admin.end();
  const dump = path.join(CACHE, `archive-postgres-${settings.years}y-seed${settings.seed}.dump`);
  if (existsSync(dump)) {
    log(`Restoring ${path.relative(ROOT, dump)} into a throwaway PostgreSQL.`);
    cli(['migrate'], { DATABASE_URL: url }, false);
    cli(['restore', dump], { DATABASE_URL: url });
  } else {
    log(`Generating the ${settings.years}-year archive into a throwaway PostgreSQL (once; later runs restore ${path.relative(ROOT, dump)}).`);
    cli(['generate', '--years', String(settings.years), '--seed', String(settings.seed)], { DATABASE_URL: url });
    cli(['backup', `${dump}.partial`], { DATABASE_URL: url });
    renameSync(`${dump}.partial`, dump);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// The server under test.

interface Served {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawning the process to its first 200 on the home page. */
  coldStartMs: number;
  /** Everything the server has written so far (stdout and stderr). */
  output(): string;
  stop(): Promise<number | null>;
}

/** Polls `done` every 10 ms for up to 30 s. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error('timed out waiting for the server');
}

async function serve(
  databaseUrl: string,
  workers: number,
  extra: readonly string[] = [],
  nodeArgs: readonly string[] = ['--expose-gc', '--import', MEMORY_PROBE],
  env: NodeJS.ProcessEnv = {},
): Promise<Served> {
  const started = performance.now();
  // The compiled build, as production runs it; --expose-gc lets the probe measure memory after a full collection.
  const child = spawn(process.execPath, [...nodeArgs, COMMAND, 'serve', '--port', '0', '--host', '127.0.0.1', '--workers', String(workers), ...extra], {
    // No search rate limit: the benchmark searches hundreds of times a minute from one address.
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, SEARCH_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  let url: string;
  for (;;) {
    const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
    if (match) {
      url = present(match[1], 'match[1]');
      break;
    }
    if (child.exitCode !== null) throw new Error(`the server stopped: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (;;) {
    const response = await fetch(`${url}/`).catch(() => undefined);
    if (response?.status === 200) {
      await response.arrayBuffer();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const coldStartMs = performance.now() - started;
  return {
    child,
    url,
    coldStartMs,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident set size of a process so far (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// nginx serving the same bytes as static files.

function ensureNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  log("Installing Debian's nginx (apt-get install nginx-light or nginx).");
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync('/usr/sbin/nginx')) throw new Error('cannot install nginx');
  return '/usr/sbin/nginx';
}

interface Nginx {
  url: string;
  version: string;
  stop(): void;
}

async function startNginx(root: string, workers: number): Promise<Nginx> {
  const bin = ensureNginx();
  const version = spawnSync(bin, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-nginx-'));
  const port = await freePort();
  // As many workers as the Node.js processes it is compared with; logging off on both sides.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `
daemon off;
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; application/json json; }
  default_type text/html;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`,
  );
  const child = spawn(bin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${url}/`).then(
      (r) => {
        void r.arrayBuffer();
        return true;
      },
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || i > 500) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    url,
    version,
    stop: () => {
      child.kill('SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface PageTarget {
  name: string;
  path: string;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Load averages (1 minute) seen as each page was put under load: the machine is shared. */
const LOAD_SEEN: number[] = [];

/** Seconds of load before each measurement, not counted: Node.js compiles its hot paths as they run, nginx is compiled. */
const WARM_UP_SECONDS = 1;

/** Requests answered and their latencies, gathered over the slices of one server's measurement. */
class Tally {
  readonly latencies: number[] = [];
  seconds = 0;
  errors = 0;
  non2xx = 0;

  async slice(url: string, settings: Settings, seconds: number, headers: Record<string, string> = {}): Promise<void> {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url, headers, connections: settings.connections, duration: seconds, pipelining: 1 }, (error: Error | null, done) =>
        error ? reject(error) : resolve(done),
      );
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        this.latencies.push(responseTime);
      });
    });
    this.seconds += result.duration;
    this.errors += result.errors + result.timeouts;
    this.non2xx += result.non2xx;
  }

  load(): Load {
    const sorted = Float64Array.from(this.latencies).sort();
    const at = (q: number) => (sorted.length === 0 ? 0 : present(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))], 'a measurement'));
    return { requestsPerSecond: this.latencies.length / this.seconds, p50: at(0.5), p99: at(0.99), errors: this.errors, non2xx: this.non2xx };
  }
}

/** Seconds of one slice: the two servers take turns this long each, so that both meet the same moments of a shared machine. */
const SLICE_SECONDS = 1;

/**
 * Scrutineer and nginx on the same page, in alternating one-second slices (which goes first
 * alternates too) until each has had `settings.seconds`, after an uncounted warm-up of each:
 * measured 5 s apart, two servers' throughputs on a shared machine differ by whatever else ran
 * in between.
 */
async function compare(appUrl: string, nginxUrl: string, settings: Settings): Promise<{ app: Load; nginx: Load }> {
  await autocannon({ url: appUrl, connections: settings.connections, duration: WARM_UP_SECONDS, pipelining: 1 });
  await autocannon({ url: nginxUrl, connections: settings.connections, duration: WARM_UP_SECONDS, pipelining: 1 });
  LOAD_SEEN.push(present(loadavg()[0], 'a measurement'));
  const app = new Tally();
  const nginx = new Tally();
  const slices = Math.max(1, Math.round(settings.seconds / SLICE_SECONDS));
  for (let i = 0; i < slices; i += 1) {
    const pair =
      i % 2 === 0
        ? ([
            [app, appUrl],
            [nginx, nginxUrl],
          ] as const)
        : ([
            [nginx, nginxUrl],
            [app, appUrl],
          ] as const);
    for (const [tally, url] of pair) await tally.slice(url, settings, SLICE_SECONDS);
  }
  return { app: app.load(), nginx: nginx.load() };
}

async function pickTargets(databaseUrl: string): Promise<PageTarget[]> {
  const database = await createDb(databaseUrl);
  try {
    const db = database.db;
    // A held meeting with minutes from the middle of the archive, and the busiest issue and review.
    const meetingCount = Number(
      (
        await db
          .selectFrom('meetings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const meeting = await db
      .selectFrom('meetings')
      .select(['slug', 'id'])
      .where('status', '=', 'held')
      .orderBy('id')
      .offset(Math.floor(meetingCount / 2))
      .limit(1)
      .executeTakeFirst();
    const issue = await db
      .selectFrom('issue_considerations')
      .select(['issue_id'])
      .select((eb) => eb.fn.countAll().as('n'))
      .groupBy('issue_id')
      .orderBy('n', 'desc')
      .orderBy('issue_id')
      .limit(1)
      .executeTakeFirst();
    const issueSlug = issue ? (await db.selectFrom('issues').select('slug').where('id', '=', issue.issue_id).executeTakeFirst())?.slug : undefined;
    const review = await db.selectFrom('scrutiny_reviews').select('slug').where('status', '=', 'monitoring').orderBy('id').limit(1).executeTakeFirst();
    return [
      { name: 'home', path: '/' },
      { name: 'meeting', path: meeting ? `/meetings/${meeting.slug}` : '/meetings/none' },
      { name: 'issue', path: issueSlug ? `/issues/${issueSlug}` : '/issues/none' },
      { name: 'review', path: review ? `/reviews/${review.slug}` : '/reviews/none' },
      { name: 'committees', path: '/committees' },
      { name: 'meetings', path: '/meetings' },
      { name: 'reviews', path: '/reviews' },
      { name: 'people', path: '/people' },
      { name: 'tracker', path: '/tracker' },
      // The tracker shows 100 recommendations a page; a later page is its own URL and rendering.
      { name: 'tracker page 50', path: '/tracker?page=50' },
      { name: 'search', path: '/search?q=housing+allocations' },
      { name: 'API meetings', path: '/api/v1/meetings' },
      { name: 'API meeting', path: meeting ? `/api/v1/meetings/${meeting.id}` : '/api/v1/meetings/1' },
    ];
  } finally {
    await database.close();
  }
}

/** A page whose one rendering takes longer than this is not put under load: its queue would swamp the pages after it. */
const SLOW_PAGE_MS = 1000;

interface PageResult {
  target: PageTarget;
  status: number;
  bytes: number;
  /** Time of one request on an idle server, ms. */
  singleMs: number;
  /** Time of the server's first request for the page (first rendering, nothing of it kept yet), ms. */
  firstMs: number;
  /** Time of one rendering (a request that the page cache does not answer), median of five, ms. */
  renderMs: number;
  app?: Load;
  nginx?: Load;
}

/** A page's rendering: requests with a cookie are never answered from the page cache. */
async function renderingMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await fetch(url, { headers: { cookie: 'bench=rendering' } }).then((r) => r.arrayBuffer());
    times.push(performance.now() - started);
  }
  return present(times.sort((a, b) => a - b)[2], 'a measurement');
}

/** One request at a time, so each latency is the server's work for one search, not queueing. */
async function searchLatency(url: string): Promise<{ p50: number; p95: number; count: number } | undefined> {
  const probe = await fetch(`${url}/search?q=housing`);
  await probe.arrayBuffer();
  if (probe.status === 404) return undefined;
  for (const words of WARM_UP_WORDS) {
    await fetch(`${url}/search?q=${encodeURIComponent(words)}`, { headers: { cookie: 'bench=search-latency' } }).then((r) => r.arrayBuffer());
  }
  const times: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const words of SEARCH_WORDS) {
      const started = performance.now();
      // A cookie keeps the page cache out of it: rounds repeat queries, and a stored page would time no search at all.
      const response = await fetch(`${url}/search?q=${encodeURIComponent(words)}${round % 2 === 1 ? '&page=2' : ''}`, {
        headers: { cookie: 'bench=search-latency' },
      });
      await response.arrayBuffer();
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => present(times[Math.min(times.length - 1, Math.floor(q * times.length))], 'a measurement');
  return { p50: at(0.5), p95: at(0.95), count: times.length };
}

// ---------------------------------------------------------------------------------------------
// Pages the page cache never answers, and the server's memory.

const BENCH_EMAIL = 'bench@example.org';
const BENCH_PASSWORD = 'bench-password-not-secret';

/** An account to sign in with (`scrutineer user add`), so that a workspace page can be put under load. */
function addBenchAccount(databaseUrl: string): void {
  const result = spawnSync(
    process.execPath,
    [COMMAND, 'user', 'add', '--email', BENCH_EMAIL, '--name', 'Benchmark', '--role', 'democratic_services', '--password-stdin'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, input: `${BENCH_PASSWORD}\n`, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`scrutineer user add failed: ${result.stderr}`);
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => present(cookie.split(';', 1)[0], 'a cookie'));
}

/** Signs in through the form, as a browser does, and returns the session's Cookie header. */
async function signIn(url: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const html = await form.text();
  const field = (name: string) => present(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1], name);
  const cookies = cookiePairs(form);
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ _csrf: field('_csrf'), _submission: field('_submission'), email: BENCH_EMAIL, password: BENCH_PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`signing in answered ${response.status}`);
  return cookiePairs(response).join('; ');
}

interface PrivateLoad {
  stored: Load;
  signIn: Load;
  workspace: Load;
}

/**
 * The stored home page, the sign-in form (a CSRF token: never stored) and a workspace page signed
 * in, in alternating one-second slices, so that all three meet the same moments of a shared machine.
 */
async function comparePrivate(url: string, settings: Settings, cookie: string): Promise<PrivateLoad> {
  const runs: [Tally, string, Record<string, string>][] = [
    [new Tally(), `${url}/`, {}],
    [new Tally(), `${url}/sign-in`, {}],
    [new Tally(), `${url}/admin`, { cookie }],
  ];
  for (const [, target, headers] of runs)
    await autocannon({ url: target, headers, connections: settings.connections, duration: WARM_UP_SECONDS, pipelining: 1 });
  LOAD_SEEN.push(present(loadavg()[0], 'a measurement'));
  const slices = Math.max(1, Math.round(settings.seconds / SLICE_SECONDS));
  for (let i = 0; i < slices; i += 1) {
    for (let j = 0; j < runs.length; j += 1) {
      const [tally, target, headers] = present(runs[(i + j) % runs.length], 'a run');
      await tally.slice(target, settings, SLICE_SECONDS, headers);
    }
  }
  const [stored, signInPage, workspace] = runs.map(([tally]) => tally.load());
  return { stored: present(stored, 'stored'), signIn: present(signInPage, 'sign-in'), workspace: present(workspace, 'workspace') };
}

/** "375 MiB resident after a full collection (anonymous 130 MiB, V8's heap in use 42 MiB; file-backed 245 MiB), 376 MiB at peak". */
function memoryText(m: ProcessMemory): string {
  const kinds = [
    ...(m.anonMiB === undefined
      ? []
      : [`anonymous ${m.anonMiB.toFixed(0)} MiB${m.heapUsedMiB === undefined ? '' : `, V8's heap in use ${m.heapUsedMiB.toFixed(0)} MiB`}`]),
    ...(m.fileMiB === undefined ? [] : [`file-backed ${m.fileMiB.toFixed(0)} MiB`]),
  ];
  return `${m.rssAfterGcMiB.toFixed(0)} MiB resident after a full collection${kinds.length > 0 ? ` (${kinds.join('; ')})` : ''}, ${m.peakRssMiB.toFixed(0)} MiB at peak`;
}

interface ProcessMemory {
  pid: number;
  /** Resident after two full collections, MiB. */
  rssAfterGcMiB: number;
  /** Peak resident (VmHWM), MiB. */
  peakRssMiB: number;
  /** After the collection: resident anonymous memory (V8's heap, native allocations), MiB. */
  anonMiB?: number;
  /** After the collection: resident file-backed memory (the code, and SQLite's memory-mapped database file, which the workers share and the kernel may drop), MiB. */
  fileMiB?: number;
  /** After the collection: V8's heap in use, MiB. */
  heapUsedMiB?: number;
}

/** The processes that serve the site: the workers of `serve --workers N`, or the server itself when it has none. */
function servingProcesses(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.length > 0 ? children : [pid];
  } catch {
    return [pid];
  }
}

/** Each serving process's memory after a forced full collection (bench/memory-probe.ts) and at its peak. */
async function serverMemory(server: Served): Promise<ProcessMemory[]> {
  const pid = server.child.pid;
  if (pid === undefined) return [];
  const readings: ProcessMemory[] = [];
  for (const worker of servingProcesses(pid)) {
    const peak = peakRssMiB(worker);
    const before = server.output().length;
    process.kill(worker, 'SIGUSR2');
    for (let i = 0; i < 500; i += 1) {
      const line = /memory-probe (\{.*\})\n/.exec(server.output().slice(before));
      if (line) {
        const reading = JSON.parse(present(line[1], 'a reading')) as { rss: number; heapUsed: number; rssAnon?: number; rssFile?: number };
        readings.push({
          pid: worker,
          rssAfterGcMiB: reading.rss / 1024 ** 2,
          peakRssMiB: peak ?? Number.NaN,
          heapUsedMiB: reading.heapUsed / 1024 ** 2,
          ...(reading.rssAnon === undefined ? {} : { anonMiB: reading.rssAnon / 1024 ** 2 }),
          ...(reading.rssFile === undefined ? {} : { fileMiB: reading.rssFile / 1024 ** 2 }),
        });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return readings;
}

interface EngineReport {
  engine: string;
  version: string;
  archive: Record<string, number>;
  pages: PageResult[];
  search?: { p50: number; p95: number; count: number };
  coldStartMs: number;
  peakRssMiB?: number;
  privatePages?: PrivateLoad;
  mixed?: MixedLoad;
  memory: ProcessMemory[];
  importText: string;
  nginxVersion: string;
  shortfalls: EngineShortfalls;
}

/** The goals this engine's run missed, each with the profile that explains its figure (bench/shortfalls.ts). */
async function explainShortfalls(
  engine: 'sqlite' | 'postgres',
  databaseUrl: string,
  measured: { pages: PageResult[]; coldStartMs: number; memory: ProcessMemory[]; importText: string; mixed?: MixedLoad; privatePages: PrivateLoad },
  importProfileUrl: string,
  settings: Settings,
): Promise<EngineShortfalls> {
  log('Profiling the goals this run missed.');
  const slow = measured.pages
    .filter((p) => p.status === 200 && p.renderMs >= 20)
    .sort((a, b) => b.renderMs - a.renderMs)
    .slice(0, 3);
  const result: EngineShortfalls = {
    engine,
    renderings: await profileRenderings(
      databaseUrl,
      slow.map((p) => p.target),
    ),
  };
  const unstored = measured.privatePages;
  const missed = [unstored.signIn, unstored.workspace].some((load) => load.requestsPerSecond / unstored.stored.requestsPerSecond < 0.1 || load.p99 >= 50);
  if (missed) {
    const [signInForm] = await profileRenderings(databaseUrl, [{ name: 'sign-in form', path: '/sign-in' }]);
    if (signInForm) result.unstored = signInForm;
  }
  if (measured.coldStartMs >= 1000) {
    const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-cold-start-'));
    try {
      const server = await serve(databaseUrl, 1, [], ['--cpu-prof', '--cpu-prof-dir', dir]);
      await server.stop();
      result.coldStart = { ms: server.coldStartMs, summary: summarise(readProfiles(dir)), searchCheckMs: await timeSearchIndexCheck(databaseUrl) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const worst = measured.memory.reduce<ProcessMemory | undefined>((a, m) => (a === undefined || m.rssAfterGcMiB > a.rssAfterGcMiB ? m : a), undefined);
  if (worst && Math.max(...measured.memory.flatMap((m) => [m.rssAfterGcMiB, m.peakRssMiB])) >= 300) {
    result.memory = {
      afterMiB: worst.rssAfterGcMiB,
      ...(worst.anonMiB === undefined ? {} : { anonMiB: worst.anonMiB }),
      ...(worst.fileMiB === undefined ? {} : { fileMiB: worst.fileMiB }),
      ...(worst.heapUsedMiB === undefined ? {} : { heapUsedMiB: worst.heapUsedMiB }),
    };
  }
  const rate = importRate(measured.importText);
  if (rate !== undefined && rate < (engine === 'sqlite' ? 5000 : 2000)) result.importProfile = { rate, ...(await profileImport(importProfileUrl)) };
  const m = measured.mixed;
  if (m && m.failedWrites === 0 && m.readOnly.requestsPerSecond > 0) {
    const share = (m.mixed.requestsPerSecond / m.readOnly.requestsPerSecond) * 100;
    if (share < 50 || m.mixed.p99 >= 50) {
      // The same meeting night against one process under the profiler.
      const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-mixed-'));
      const file = path.join(dir, 'mixed.cpuprofile');
      try {
        // Profiled from the moment the load begins to its end (bench/profile-probe.ts), not the start-up.
        const server = await serve(databaseUrl, 1, [], ['--import', PROFILE_PROBE], { PROFILE_PROBE_FILE: file });
        const pid = present(server.child.pid, 'the server');
        const paths = measured.pages.filter((p) => p.status === 200 && !p.target.path.startsWith('/api/')).map((p) => p.target.path);
        process.kill(pid, 'SIGUSR2');
        await waitFor(() => server.output().includes('profile-probe started'));
        await measureMixedLoad(server.url, databaseUrl, paths, settings.connections, settings.seconds);
        process.kill(pid, 'SIGUSR2');
        await waitFor(() => server.output().includes('profile-probe written'));
        await server.stop();
        result.mixed = { share, p99: m.mixed.p99, summary: summarise([JSON.parse(readFileSync(file, 'utf8')) as CpuProfile]) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return result;
}

async function archiveCounts(databaseUrl: string): Promise<Record<string, number>> {
  const database = await createDb(databaseUrl);
  const result: Record<string, number> = {};
  try {
    for (const table of [
      'organisations',
      'people',
      'memberships',
      'meetings',
      'agenda_items',
      'documents',
      'resolutions',
      'scrutiny_reviews',
      'recommendations',
      'executive_responses',
      'progress_updates',
    ] as const) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      result[table] = Number(row.n);
    }
    const exempt = await database.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('exempt_paragraph', 'is not', null)
      .executeTakeFirstOrThrow();
    result['exempt agenda items'] = Number(exempt.n);
  } finally {
    await database.close();
  }
  return result;
}

async function benchEngine(
  engine: 'sqlite' | 'postgres',
  databaseUrl: string,
  version: string,
  settings: Settings,
  importUrl: string,
  importProfileUrl: string,
): Promise<EngineReport> {
  log(`\n== ${engine} ==`);
  const archive = await archiveCounts(databaseUrl);
  const targets = await pickTargets(databaseUrl);
  addBenchAccount(databaseUrl);
  const server = await serve(databaseUrl, settings.workers);
  log(`Cold start (process spawn to first home page): ${server.coldStartMs.toFixed(0)} ms`);
  const staticRoot = mkdtempSync(path.join(tmpdir(), 'scrutineer-static-'));
  chmodSync(staticRoot, 0o755);
  const pages: PageResult[] = [];
  for (const [index, target] of targets.entries()) {
    const started = performance.now();
    const response = await fetch(`${server.url}${target.path}`);
    const body = Buffer.from(await response.arrayBuffer());
    const firstMs = performance.now() - started;
    // A second request shows the time of a page the server has seen before.
    const again = performance.now();
    await fetch(`${server.url}${target.path}`).then((r) => r.arrayBuffer());
    const singleMs = Math.min(again - started, performance.now() - again);
    pages.push({ target, status: response.status, bytes: body.length, singleMs, firstMs, renderMs: await renderingMs(`${server.url}${target.path}`) });
    if (response.status === 200) writeFileSync(path.join(staticRoot, `page-${index}.${target.path.startsWith('/api/') ? 'json' : 'html'}`), body);
  }
  const nginx = await startNginx(staticRoot, settings.workers);
  try {
    for (const [index, page] of pages.entries()) {
      if (page.status !== 200) {
        log(`${page.target.name}: HTTP ${page.status}, skipped`);
        continue;
      }
      if (page.singleMs > SLOW_PAGE_MS) {
        log(`${page.target.name}: one request takes ${page.singleMs.toFixed(0)} ms, not put under load`);
        continue;
      }
      const measured = await compare(
        `${server.url}${page.target.path}`,
        `${nginx.url}/page-${index}.${page.target.path.startsWith('/api/') ? 'json' : 'html'}`,
        settings,
      );
      page.app = measured.app;
      page.nginx = measured.nginx;
      log(
        `${page.target.name}: ${page.app.requestsPerSecond.toFixed(0)} req/s (nginx ${page.nginx.requestsPerSecond.toFixed(0)}, ${((page.app.requestsPerSecond / page.nginx.requestsPerSecond) * 100).toFixed(0)}%), p50 ${ms(page.app.p50)} ms, p99 ${ms(page.app.p99)} ms, rendered in ${ms(page.renderMs)} ms`,
      );
    }
  } finally {
    nginx.stop();
    rmSync(staticRoot, { recursive: true, force: true });
  }
  // Meeting night: the same pages read at full speed while officers write (issue 17: throughput at least half of read-only, p99 under 50 ms).
  const readable = pages.filter((page) => page.status === 200 && !page.target.path.startsWith('/api/')).map((page) => page.target.path);
  const mixed = readable.length > 0 ? await measureMixedLoad(server.url, databaseUrl, readable, settings.connections, settings.seconds) : undefined;
  if (mixed) log(mixedLoadLine(mixed));
  const privatePages = await comparePrivate(server.url, settings, await signIn(server.url));
  log(
    `Not stored: sign-in ${privatePages.signIn.requestsPerSecond.toFixed(0)} req/s (p99 ${ms(privatePages.signIn.p99)} ms), workspace ${privatePages.workspace.requestsPerSecond.toFixed(0)} req/s (p99 ${ms(privatePages.workspace.p99)} ms), beside the stored home page's ${privatePages.stored.requestsPerSecond.toFixed(0)} req/s (p99 ${ms(privatePages.stored.p99)} ms)`,
  );
  const search = await searchLatency(server.url);
  const memory = await serverMemory(server);
  for (const m of memory) log(`Process ${m.pid}: ${memoryText(m)}`);
  const peak = server.child.pid ? peakRssMiB(server.child.pid) : undefined;
  const exit = await server.stop();
  if (exit !== 0) log(`The server exited with ${exit} on SIGTERM.`);
  // bench/import.ts: a large generated input of modern.gov responses into an empty database, then again.
  log('modern.gov import: generating and importing the responses twice.');
  const importText = importLine(await measureImport(importUrl));
  log(`modern.gov import: ${importText}`);
  const shortfalls = await explainShortfalls(
    engine,
    databaseUrl,
    { pages, coldStartMs: server.coldStartMs, memory, importText, privatePages, ...(mixed ? { mixed } : {}) },
    importProfileUrl,
    settings,
  );
  return {
    engine,
    version,
    archive,
    pages,
    ...(search ? { search } : {}),
    coldStartMs: server.coldStartMs,
    ...(peak ? { peakRssMiB: peak } : {}),
    privatePages,
    ...(mixed ? { mixed } : {}),
    memory,
    importText,
    nginxVersion: nginx.version,
    shortfalls,
  };
}

/** The demo as `npm start` serves it (a fresh SQLite file, the reference case loaded at first start): cold start and each process's memory after its public pages were read. */
interface DemoReport {
  coldStartMs: number;
  memory: ProcessMemory[];
}

async function benchDemo(scratch: string, settings: Settings): Promise<DemoReport> {
  log('\n== the demo ==');
  const server = await serve(path.join(scratch, 'demo.db'), settings.workers, ['--demo']);
  // A second start on the loaded file is the cold start a restart sees; the first also loads the demo.
  await server.stop();
  const again = await serve(path.join(scratch, 'demo.db'), settings.workers);
  try {
    for (const page of ['/', '/meetings', '/tracker', '/reviews', '/search?q=children', '/api/v1/meetings', '/forward-plan', '/call-ins']) {
      for (let i = 0; i < 20; i += 1) await fetch(`${again.url}${page}`, { headers: { cookie: `bench=${i}` } }).then((r) => r.arrayBuffer());
    }
    const memory = await serverMemory(again);
    log(`Demo cold start ${again.coldStartMs.toFixed(0)} ms; ${memory.map((m) => memoryText(m)).join('; ')}`);
    return { coldStartMs: again.coldStartMs, memory };
  } finally {
    await again.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The report.

/** Import throughput in agenda items a second, read from the import's line. */
function importRate(text: string): number | undefined {
  const match = /([\d,.]+) agenda items\/s/.exec(text);
  return match ? Number(present(match[1], 'a rate').replaceAll(',', '')) : undefined;
}

/** Issue 17's targets beside what this run measured: met, or the figure that misses. */
function goals(reports: EngineReport[], demo: DemoReport | undefined): string[] {
  const lines = ['## Goals and results', '', '| goal | target | ' + reports.map((r) => (r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' | ') + ' |'];
  lines.push('| --- | --- | ' + reports.map(() => '---').join(' | ') + ' |');
  const verdict = (ok: boolean | undefined, figure: string) => (ok === undefined ? 'not measured' : `${ok ? 'met' : '**not met**'}: ${figure}`);
  const row = (goal: string, target: string, cell: (r: EngineReport) => string) => lines.push(`| ${goal} | ${target} | ${reports.map(cell).join(' | ')} |`);
  row('Stored public pages beside nginx', 'as close to nginx as we can', (r) => {
    const shares = r.pages
      .filter((p) => p.app && p.nginx)
      .map((p) => (present(p.app, 'app').requestsPerSecond / present(p.nginx, 'nginx').requestsPerSecond) * 100);
    return shares.length === 0 ? 'not measured' : `${Math.min(...shares).toFixed(0)}–${Math.max(...shares).toFixed(0)}% of nginx`;
  });
  row('First rendering of every public page', '< 20 ms', (r) => {
    const rendered = r.pages.filter((p) => p.status === 200);
    const worst = rendered.reduce<PageResult | undefined>((a, p) => (a === undefined || p.renderMs > a.renderMs ? p : a), undefined);
    return worst ? verdict(worst.renderMs < 20, `slowest ${worst.target.name} ${ms(worst.renderMs)} ms`) : 'not measured';
  });
  row('Sign-in form, not stored', '≥ 10% of stored, p99 < 50 ms', (r) => {
    const p = r.privatePages;
    if (!p) return 'not measured';
    const share = (p.signIn.requestsPerSecond / p.stored.requestsPerSecond) * 100;
    return verdict(share >= 10 && p.signIn.p99 < 50, `${share.toFixed(0)}%, p99 ${ms(p.signIn.p99)} ms`);
  });
  row('Workspace page, signed in', '≥ 10% of stored, p99 < 50 ms', (r) => {
    const p = r.privatePages;
    if (!p) return 'not measured';
    const share = (p.workspace.requestsPerSecond / p.stored.requestsPerSecond) * 100;
    return verdict(share >= 10 && p.workspace.p99 < 50, `${share.toFixed(0)}%, p99 ${ms(p.workspace.p99)} ms`);
  });
  row('Reading while officers write', '≥ 50% of read-only, p99 < 50 ms', (r) => {
    const m = r.mixed;
    if (!m || m.readOnly.requestsPerSecond === 0) return 'not measured';
    // Refused writes are load the server never had: the row would flatter it.
    if (m.failedWrites > 0) return `not measured: ${m.failedWrites} of ${m.writes + m.failedWrites} writes refused`;
    const share = (m.mixed.requestsPerSecond / m.readOnly.requestsPerSecond) * 100;
    return verdict(share >= 50 && m.mixed.p99 < 50, `${share.toFixed(0)}%, p99 ${ms(m.mixed.p99)} ms`);
  });
  row('Memory per worker, 20-year archive', '< 300 MiB after collection and at peak', (r) => {
    if (r.memory.length === 0) return 'not measured';
    const after = Math.max(...r.memory.map((m) => m.rssAfterGcMiB));
    const peak = Math.max(...r.memory.map((m) => m.peakRssMiB));
    return verdict(after < 300 && peak < 300, `${after.toFixed(0)} MiB after, ${peak.toFixed(0)} MiB peak`);
  });
  row('Cold start to the first page, 20-year archive', '< 1 s', (r) => verdict(r.coldStartMs < 1000, `${r.coldStartMs.toFixed(0)} ms`));
  row('modern.gov import', 'SQLite ≥ 5,000, PostgreSQL ≥ 2,000 agenda items/s', (r) => {
    const rate = importRate(r.importText);
    return rate === undefined ? 'not measured' : verdict(rate >= (r.engine === 'sqlite' ? 5000 : 2000), `${rate.toFixed(0)} agenda items/s`);
  });
  if (demo && demo.memory.length > 0) {
    const after = Math.max(...demo.memory.map((m) => m.rssAfterGcMiB));
    const peak = Math.max(...demo.memory.map((m) => m.peakRssMiB));
    lines.push(
      '',
      `The demo (\`npm start\`, SQLite): memory per process ${verdict(after < 200 && peak < 200, demo.memory.map((m) => memoryText(m)).join('; '))} (target < 200 MiB); cold start ${verdict(demo.coldStartMs < 1000, `${demo.coldStartMs.toFixed(0)} ms`)} (target < 1 s).`,
    );
  }
  lines.push('');
  return lines;
}

function machine(): string[] {
  const cpu = cpus();
  const sqliteVersion = (() => {
    try {
      return execFileSync(
        process.execPath,
        ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"],
        { cwd: ROOT, encoding: 'utf8' },
      ).trim();
    } catch {
      return 'unknown';
    }
  })();
  const osRelease = existsSync('/etc/os-release') ? (/PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux') : process.platform;
  return [
    `- CPU: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${osRelease}`,
    `- Node.js ${process.version}; SQLite ${sqliteVersion} (better-sqlite3)`,
  ];
}

/** The range of the 1-minute load average over the measurements. */
function loadDuring(): string {
  if (LOAD_SEEN.length === 0) return '';
  const sorted = [...LOAD_SEEN].sort((a, b) => a - b);
  const median = present(sorted[Math.floor(sorted.length / 2)], 'a measurement');
  return ` and, over the ${sorted.length} measurements, from ${present(sorted[0], 'sorted[0]').toFixed(1)} to ${present(sorted.at(-1), 'a measurement').toFixed(1)} (median ${median.toFixed(1)})`;
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)}`;
}

function report(settings: Settings, reports: EngineReport[], command: string, pack: PackBuildResult | undefined, demo: DemoReport | undefined): string {
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}. Regenerate with the same command; numbers from another machine are not comparable.`,
    '',
    '## Machine',
    '',
    ...machine(),
    ...reports.map((r) => `- ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${r.version}`),
    `- nginx: ${reports[0]?.nginxVersion ?? 'not run'} (${settings.workers} worker processes, access log off, sendfile on), serving the very HTML the application served, as static files`,
    '',
    '## Method',
    '',
    `The archive is \`scrutineer generate --years ${settings.years} --seed ${settings.seed}\`, cached under \`.bench/\`. The server is \`scrutineer serve --workers ${settings.workers}\` (${settings.workers} Node.js processes sharing one port, the compiled build), and nginx runs as many worker processes.`,
    `Each page is loaded with autocannon at ${settings.connections} concurrent connections from Scrutineer and the same bytes from nginx in alternating ${SLICE_SECONDS} s slices (which server goes first alternates too) until each has had ${settings.seconds} s, after ${WARM_UP_SECONDS} s of uncounted load on each: the two meet the same moments of the shared machine.`,
    "Throughput is responses per second over the slices; p50 and p99 are of every response's latency in the slices, in milliseconds. \"vs nginx\" is Scrutineer's throughput as a share of nginx's on the same page.",
    '"Rendered ms" is one rendering of the page on the idle server (the median of five requests sent with a cookie, which the page cache never answers): what the first visitor after a change waits.',
    `Search latency is measured one request at a time over 20 queries (first and second result pages, five rounds), after ${WARM_UP_WORDS.length} searches for other words that are not timed; each is sent with a cookie so that it is rendered rather than taken from the page cache, so it is the work of one search, not queueing.`,
    "Nothing is written during the run, so after its first request each page comes from the server's in-process page cache (as it would between edits on a live site).",
    `The machine is shared: the load average was ${LOAD_AT_START} when the run began${loadDuring()}, and autocannon runs on the same cores as the server.`,
    '',
    ...goals(reports, demo),
    ...shortfallLines(reports.map((r) => r.shortfalls)),
  ];
  for (const r of reports) {
    lines.push(`## ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '');
    lines.push(
      `Archive: ${Object.entries(r.archive)
        .map(([k, n]) => `${n.toLocaleString('en-GB')} ${k.replaceAll('_', ' ')}`)
        .join(', ')}.`,
      '',
    );
    lines.push(
      '| page | path | bytes | rendered ms | req/s | p50 ms | p99 ms | nginx req/s | vs nginx |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const p of r.pages) {
      if (!p.app || !p.nginx) {
        const why =
          p.status !== 200
            ? `HTTP ${p.status}${p.status === 404 ? ' (page does not exist yet)' : ''}`
            : `one request takes ${(p.singleMs / 1000).toFixed(1)} s: not put under load`;
        lines.push(
          `| ${p.target.name} | \`${p.target.path}\` | ${p.status === 200 ? p.bytes.toLocaleString('en-GB') : ''} | ${p.status === 200 ? ms(p.renderMs) : ''} | | | | | not measured: ${why} |`,
        );
        continue;
      }
      const failures = p.app.errors + p.app.non2xx;
      lines.push(
        `| ${p.target.name} | \`${p.target.path}\` | ${p.bytes.toLocaleString('en-GB')} | ${ms(p.renderMs)} | ${p.app.requestsPerSecond.toFixed(0)} | ${ms(p.app.p50)} | ${ms(p.app.p99)} | ${p.nginx.requestsPerSecond.toFixed(0)} | ${((p.app.requestsPerSecond / p.nginx.requestsPerSecond) * 100).toFixed(1)}%${failures > 0 ? ` (${failures} failed)` : ''} |`,
      );
    }
    lines.push('');
    lines.push(
      `- Search latency: ${r.search ? `p50 ${ms(r.search.p50)} ms, p95 ${ms(r.search.p95)} ms over ${r.search.count} searches` : 'not measured: /search does not exist yet'}`,
    );
    lines.push(`- Cold start (process spawn, the compiled build loading, migration check, to the first home page): ${r.coldStartMs.toFixed(0)} ms`);
    lines.push(`- Peak memory of the server (VmHWM): ${r.peakRssMiB ? `${r.peakRssMiB.toFixed(0)} MiB` : 'not measured'}`);
    for (const m of r.memory) {
      lines.push(`- Serving process ${m.pid}: ${memoryText(m)}`);
    }
    lines.push(`- First rendering of each page (its first request to the server, ms): ${r.pages.map((p) => `${p.target.name} ${ms(p.firstMs)}`).join(', ')}`);
    if (r.privatePages) {
      const { stored, signIn: form, workspace } = r.privatePages;
      const share = (load: Load) => `${((load.requestsPerSecond / stored.requestsPerSecond) * 100).toFixed(0)}%`;
      lines.push(
        `- Pages never stored, measured side by side with the stored home page (${stored.requestsPerSecond.toFixed(0)} req/s, p99 ${ms(stored.p99)} ms): sign-in form ${form.requestsPerSecond.toFixed(0)} req/s (${share(form)}), p99 ${ms(form.p99)} ms; workspace home signed in ${workspace.requestsPerSecond.toFixed(0)} req/s (${share(workspace)}), p99 ${ms(workspace.p99)} ms`,
      );
    }
    if (r.mixed) lines.push(`- Meeting night: ${mixedLoadLine(r.mixed)}`);
    lines.push(`- modern.gov import: ${r.importText}`);
    lines.push('');
  }
  if (pack) lines.push(...packBuildLines(pack));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const scratch = mkdtempSync(path.join(tmpdir(), 'scrutineer-bench-'));
  // The server runs the compiled build, as `npm start` does: compile it now if the sources are newer.
  execFileSync(process.execPath, [path.join(ROOT, 'bin/build.js')], { cwd: ROOT, stdio: 'inherit' });
  const reports: EngineReport[] = [];
  let demo: DemoReport | undefined;
  try {
    demo = await benchDemo(scratch, settings);
    if (settings.engines.includes('sqlite')) {
      const archive = sqliteArchive(settings);
      const working = sqliteWorkingCopy(archive, scratch);
      const version = execFileSync(
        process.execPath,
        ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"],
        { cwd: ROOT, encoding: 'utf8' },
      ).trim();
      reports.push(
        await benchEngine(
          'sqlite',
          working,
          `SQLite ${version}, WAL, synchronous=NORMAL`,
          settings,
          path.join(scratch, 'import.db'),
          path.join(scratch, 'import-profile.db'),
        ),
      );
    }
    if (settings.engines.includes('postgres')) {
      const bin = findPostgresBin();
      if (!bin) {
        log('PostgreSQL is not installed: skipping its half (apt-get install postgresql).');
      } else {
        const server = await startPostgres(bin);
        try {
          const url = await postgresArchive(settings, server);
          const version = spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
          const pg = (await import('pg')).default;
          const admin = new pg.Client({ connectionString: server.url });
          await admin.connect();
          await admin.query('create database scrutineer_import');
          await admin.query('create database scrutineer_import_profile');
          await admin.end();
          reports.push(
            await benchEngine(
              'postgres',
              url,
              `${version} (throwaway server, fsync off)`,
              settings,
              server.url.replace(/\/[^/]*$/, '/scrutineer_import'),
              server.url.replace(/\/[^/]*$/, '/scrutineer_import_profile'),
            ),
          );
        } finally {
          server.stop();
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // A step of its own, on no database: the time to assemble a 300-page agenda pack.
  log('Agenda pack: building a 300-page pack.');
  const pack = await measurePackBuild();
  log(`Agenda pack: ${pack.pages} pages in ${pack.medianMs.toFixed(0)} ms (median of ${pack.runs}).`);
  writeFileSync(settings.output, `${report(settings, reports, command, pack, demo)}\n`);
  log(`\nWrote ${path.relative(ROOT, settings.output) || settings.output}.`);
}

await main();
