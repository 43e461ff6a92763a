// `npm run soak`: readers and writers together against one server on loopback for a fixed time; checks no 5xx, no lost update, flat memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/cli/runtime.ts';
import { londonToday, systemClock } from '../src/domain/clock.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createServices } from '../src/services/index.ts';
import { ConflictError, ValidationError } from '../src/services/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'src/cli/main.ts');

export interface SoakOptions {
  durationMs: number;
  readers: number;
  writers: number;
  /** Where progress lines go; nothing by default. */
  log?: (line: string) => void;
}

export interface SoakResult {
  requests: number;
  statuses: Record<string, number>;
  /** Responses with a 5xx status, or requests that failed outright, with what was asked. */
  failures: string[];
  acknowledgedWrites: number;
  refusedWrites: number;
  /** Acknowledged writes that are not in the database afterwards: must be empty. */
  lostWrites: string[];
  /** Server memory (RSS, MiB) after warm-up and at the end, sampled once a second in between. */
  rssMiB: number[];
  serverExitCode: number | null;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Starts `scrutineer serve --demo` on a fresh SQLite file, then runs reader loops (public pages and
 * the API, over keep-alive connections) and writer loops (progress updates through the services, the
 * way an officer's form posts them) until the time is up. Loopback only; stops by itself.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-soak-'));
  const file = path.join(dir, 'soak.db');
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: file }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const result: SoakResult = { requests: 0, statuses: {}, failures: [], acknowledgedWrites: 0, refusedWrites: 0, lostWrites: [], rssMiB: [], serverExitCode: null };
  try {
    let base = '';
    for (let waited = 0; ; waited += 20) {
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) { base = match[1]!; break; }
      if (child.exitCode !== null || waited > 60_000) throw new Error(`the server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    // The writers' connection: a second process writing the same database, as a CLI import or a
    // second app server would.
    const database = await openDatabase(file);
    const services = createServices({ database });
    const repos = createRepositories({ db: database.db, clock: systemClock });
    const [review] = await repos.reviews.list({ limit: 1, offset: 0 });
    if (!review) throw new Error('the demo has no review');
    const open = (await repos.recommendations.forReview(review.id)).filter((r) => r.decision !== null && r.status === 'open');
    if (open.length === 0) throw new Error('the demo has no open recommendation to update');

    const meetings = await repos.meetings.list({ limit: 5, offset: 0 });
    const readPaths = [
      '/', '/committees', '/meetings', '/reviews', '/issues', '/people', `/reviews/${review.slug}`,
      ...open.map((r) => `/reviews/${review.slug}/recommendations/${r.number}`),
      ...meetings.map((m) => `/meetings/${m.slug}`),
      '/search?q=children', '/api/v1/meetings', '/healthz', '/readyz',
    ];

    const deadline = Date.now() + options.durationMs;
    const acknowledged: string[] = [];
    const today = londonToday(systemClock);

    const reader = async (index: number) => {
      for (let i = index; Date.now() < deadline; i += 1) {
        const target = readPaths[i % readPaths.length]!;
        try {
          const response = await fetch(`${base}${target}`);
          await response.arrayBuffer();
          result.requests += 1;
          result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
          if (response.status >= 500) result.failures.push(`${response.status} ${target}`);
        } catch (error) {
          result.failures.push(`${target}: ${(error as Error).message}`);
        }
      }
    };

    const writer = async (index: number) => {
      for (let n = 0; Date.now() < deadline; n += 1) {
        const recommendation = open[(index + n) % open.length]!;
        const narrative = `Soak writer ${index} update ${n}`;
        try {
          await services.recommendations.addProgress(review.slug, recommendation.number, {
            updateDate: today, status: 'on_track', rag: 'green', narrative, authorName: 'Soak test',
          }, 'soak-test');
          acknowledged.push(narrative);
        } catch (error) {
          if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
          result.refusedWrites += 1;
        }
        // A pause between writes: better-sqlite3 answers synchronously, so without one the writers
        // would starve this process's readers; and at hundreds of writes a second the handful of
        // recommendation pages read here would grow by thousands of updates in seconds, so memory
        // would measure page size, not leaks. Some forty writes a second per writer is a busy council.
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };

    const sampler = (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, options.durationMs / 4)));
      while (Date.now() < deadline) {
        if (child.pid) result.rssMiB.push(rssMiB(child.pid));
        log(`${result.requests} reads, ${acknowledged.length} writes, server ${result.rssMiB.at(-1)?.toFixed(0)} MiB`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();

    await Promise.all([
      ...Array.from({ length: options.readers }, (_, i) => reader(i)),
      ...Array.from({ length: options.writers }, (_, i) => writer(i)),
      sampler,
    ]);
    result.acknowledgedWrites = acknowledged.length;

    // Every acknowledged write is in the database, read afresh through a new connection.
    await database.close();
    const check = await openDatabase(file);
    const stored = new Set((await check.db.selectFrom('progress_updates').select('narrative').where('author_name', '=', 'Soak test').execute()).map((r) => r.narrative));
    await check.close();
    result.lostWrites = acknowledged.filter((narrative) => !stored.has(narrative));
    child.kill('SIGTERM');
    result.serverExitCode = await exited;
    return result;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the server's memory at the end is within reach of where it stood after warm-up. */
export function memoryFlat(samples: readonly number[]): boolean {
  if (samples.length < 2) return true;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  return last <= first * 1.5 + 32;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const seconds = Number(process.argv[2] ?? 60);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    process.stderr.write('usage: npm run soak -- [SECONDS]   (1 to 3600, default 60)\n');
    process.exit(2);
  }
  process.stdout.write(`Soaking for ${seconds} s: 8 readers and 2 writers against one server on loopback.\n`);
  const result = await runSoak({ durationMs: seconds * 1000, readers: 8, writers: 2, log: (line) => process.stdout.write(`${line}\n`) });
  const ok = result.failures.length === 0 && result.lostWrites.length === 0 && memoryFlat(result.rssMiB) && result.serverExitCode === 0;
  process.stdout.write([
    `Reads: ${result.requests} (${Object.entries(result.statuses).map(([s, n]) => `${n} × ${s}`).join(', ')}); failures: ${result.failures.length}`,
    `Writes acknowledged: ${result.acknowledgedWrites}; refused by validation: ${result.refusedWrites}; lost: ${result.lostWrites.length}`,
    `Server memory: ${result.rssMiB.map((m) => m.toFixed(0)).join(' → ')} MiB (${memoryFlat(result.rssMiB) ? 'flat' : 'GROWING'})`,
    `Server exit on SIGTERM: ${result.serverExitCode}`,
    ok ? 'PASS' : 'FAIL',
  ].join('\n') + '\n');
  for (const failure of result.failures.slice(0, 20)) process.stdout.write(`  ${failure}\n`);
  process.exitCode = ok ? 0 : 1;
}
