// `npm run soak`: readers and writers together against one server on loopback for a fixed time; checks no 5xx, no lost update, a flat live heap.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/cli/runtime.ts';
import { londonToday, systemClock } from '../src/domain/clock.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createServices } from '../src/services/index.ts';
import { ConflictError, ValidationError } from '../src/services/errors.ts';
import { present } from '../src/domain/present.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const PROBE = pathToFileURL(path.join(ROOT, 'bench/memory-probe.ts')).href;

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
  /** The server's live JavaScript heap (MiB) at the same moments, measured just after a full garbage collection. */
  heapMiB: number[];
  serverExitCode: number | null;
}

const MIB = 1024 * 1024;

interface ProbeReading {
  rssBefore: number;
  heapTotalBefore: number;
  heapUsedBefore: number;
  rss: number;
  heapUsed: number;
  external: number;
  mallocedMemory: number;
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
  // --expose-gc and the probe let the sampler ask the server for its heap after a full collection;
  // --workers 1 keeps the serving in the one process whose memory is sampled.
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', PROBE, CLI, 'serve', '--demo', '--workers', '1', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const result: SoakResult = {
    requests: 0,
    statuses: {},
    failures: [],
    acknowledgedWrites: 0,
    refusedWrites: 0,
    lostWrites: [],
    rssMiB: [],
    heapMiB: [],
    serverExitCode: null,
  };
  try {
    let base = '';
    for (let waited = 0; ; waited += 20) {
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        base = present(match[1], 'match[1]');
        break;
      }
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
      '/',
      '/committees',
      '/meetings',
      '/reviews',
      '/issues',
      '/people',
      `/reviews/${review.slug}`,
      ...open.map((r) => `/reviews/${review.slug}/recommendations/${r.number}`),
      ...meetings.map((m) => `/meetings/${m.slug}`),
      '/search?q=children',
      '/api/v1/meetings',
      '/healthz',
      '/readyz',
    ];

    const deadline = Date.now() + options.durationMs;
    const acknowledged: string[] = [];
    const today = londonToday(systemClock);

    const reader = async (index: number) => {
      for (let i = index; Date.now() < deadline; i += 1) {
        const target = present(readPaths[i % readPaths.length], 'readPaths[i % readPaths.length]');
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
        const recommendation = present(open[(index + n) % open.length], 'open');
        const narrative = `Soak writer ${index} update ${n}`;
        try {
          await services.recommendations.addProgress(
            review.slug,
            recommendation.number,
            {
              updateDate: today,
              status: 'on_track',
              rag: 'green',
              narrative,
              authorName: 'Soak test',
            },
            'import:soak-test',
          );
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

    // RSS is read from /proc once a second, untouched; every few seconds the probe also reports the
    // heap the collector had let grow and, after a forced full collection, the heap still live. Only
    // the live heap says whether something is kept that should not be: V8 lets a busy server's heap
    // (and so its RSS) grow well past what is live before it collects, and returns it lazily.
    const probeEveryMs = Math.max(1000, Math.min(5000, options.durationMs / 8));
    const sampler = (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, options.durationMs / 4)));
      let nextProbe = 0;
      while (Date.now() < deadline) {
        if (child.pid) result.rssMiB.push(rssMiB(child.pid));
        let line = `${result.requests} reads, ${acknowledged.length} writes, server RSS ${result.rssMiB.at(-1)?.toFixed(0)} MiB`;
        if (Date.now() >= nextProbe) {
          nextProbe = Date.now() + probeEveryMs;
          const probe = await probeMemory();
          if (probe) {
            result.heapMiB.push(probe.heapUsed / MIB);
            line +=
              `; heap ${(probe.heapUsedBefore / MIB).toFixed(0)} of ${(probe.heapTotalBefore / MIB).toFixed(0)} MiB, live after GC ${(probe.heapUsed / MIB).toFixed(1)} MiB` +
              ` (RSS after GC ${(probe.rss / MIB).toFixed(0)} MiB, external ${(probe.external / MIB).toFixed(1)} MiB)`;
          }
        }
        log(line);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();

    // Asks the server's probe for a reading (SIGUSR2) and waits for its line on stderr.
    async function probeMemory(): Promise<ProbeReading | undefined> {
      const before = output.length;
      child.kill('SIGUSR2');
      for (let waited = 0; waited < 5000; waited += 10) {
        const line = /memory-probe (\{.*\})\n/.exec(output.slice(before));
        if (line) return JSON.parse(present(line[1], 'line[1]')) as ProbeReading;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    }

    await Promise.all([
      ...Array.from({ length: options.readers }, (_, i) => reader(i)),
      ...Array.from({ length: options.writers }, (_, i) => writer(i)),
      sampler,
    ]);
    result.acknowledgedWrites = acknowledged.length;
    // The live heap once more at the end, so the last reading covers the whole run.
    const last = await probeMemory();
    if (last) result.heapMiB.push(last.heapUsed / MIB);

    // Every acknowledged write is in the database, read afresh through a new connection.
    await database.close();
    const check = await openDatabase(file);
    const stored = new Set(
      (await check.db.selectFrom('progress_updates').select('narrative').where('author_name', '=', 'Soak test').execute()).map((r) => r.narrative),
    );
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

/** How far the live heap may grow between the reading after warm-up and the last one: a leak of a few kilobytes a request passes it within a minute. */
export const HEAP_GROWTH_LIMIT_MIB = 16;

/**
 * True when the server's live heap (after a full collection) ends within HEAP_GROWTH_LIMIT_MIB of
 * where it stood after warm-up. RSS is no measure of a leak: V8 lets the heap grow to well over twice
 * what is live before it collects, and keeps the pages afterwards (see the README's soak section).
 */
export function heapFlat(liveHeapMiB: readonly number[]): boolean {
  if (liveHeapMiB.length < 2) return false;
  return present(liveHeapMiB.at(-1), 'a measurement') - present(liveHeapMiB[0], 'liveHeapMiB[0]') <= HEAP_GROWTH_LIMIT_MIB;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const seconds = Number(process.argv[2] ?? 60);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    process.stderr.write('usage: npm run soak -- [SECONDS]   (1 to 3600, default 60)\n');
    process.exit(2);
  }
  process.stdout.write(`Soaking for ${seconds} s: 8 readers and 2 writers against one server on loopback.\n`);
  const result = await runSoak({ durationMs: seconds * 1000, readers: 8, writers: 2, log: (line) => process.stdout.write(`${line}\n`) });
  const ok = result.failures.length === 0 && result.lostWrites.length === 0 && heapFlat(result.heapMiB) && result.serverExitCode === 0;
  process.stdout.write(
    [
      `Reads: ${result.requests} (${Object.entries(result.statuses)
        .map(([s, n]) => `${n} × ${s}`)
        .join(', ')}); failures: ${result.failures.length}`,
      `Writes acknowledged: ${result.acknowledgedWrites}; refused by validation: ${result.refusedWrites}; lost: ${result.lostWrites.length}`,
      `Server live heap after GC: ${result.heapMiB.map((m) => m.toFixed(1)).join(' → ')} MiB (${heapFlat(result.heapMiB) ? 'flat' : 'GROWING'}: limit +${HEAP_GROWTH_LIMIT_MIB} MiB)`,
      `Server RSS: ${result.rssMiB[0]?.toFixed(0)} → ${result.rssMiB.at(-1)?.toFixed(0)} MiB (highest ${Math.max(...result.rssMiB).toFixed(0)}; reported, not checked)`,
      `Server exit on SIGTERM: ${result.serverExitCode}`,
      ok ? 'PASS' : 'FAIL',
    ].join('\n') + '\n',
  );
  for (const failure of result.failures.slice(0, 20)) process.stdout.write(`  ${failure}\n`);
  process.exitCode = ok ? 0 : 1;
}
