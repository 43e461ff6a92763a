// `npx tsx bench/search-latency.ts`: p50/p95 of the benchmark's searches against a copy of the 20-year archive, on SQLite and PostgreSQL, without HTTP.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/web/app.ts';
import { findPostgresBin, startPostgres } from '../test/support/postgres-server.ts';
import { SEARCH_WORDS } from './search-words.ts';
import { present } from '../src/domain/present.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const USAGE = 'options: --engine sqlite|postgres|both --runs N --years N --seed N --database URL (an existing database: used as it is, and migrated)';

interface Settings {
  engines: ('sqlite' | 'postgres')[];
  runs: number;
  years: number;
  seed: number;
  database?: string;
}

function parseArgs(argv: string[]): Settings {
  const settings: Settings = { engines: ['sqlite', 'postgres'], runs: 3, years: 20, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value (${USAGE})`);
    if (flag === '--engine') settings.engines = value === 'both' ? ['sqlite', 'postgres'] : [value as 'sqlite' | 'postgres'];
    else if (flag === '--runs') settings.runs = Number(value);
    else if (flag === '--years') settings.years = Number(value);
    else if (flag === '--seed') settings.seed = Number(value);
    else if (flag === '--database') settings.database = value;
    else throw new Error(`unknown option ${flag} (${USAGE})`);
  }
  return settings;
}

function percentile(sorted: readonly number[], q: number): number {
  return present(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))], 'a measurement');
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${present(sorted.at(-1), 'a measurement').toFixed(1)} ms`;
}

/**
 * The same 100 searches as `npm run bench` (20 queries, five rounds, second result pages on odd
 * rounds), one at a time: through the search service alone, and as the whole /search page
 * rendered in-process (page cache off, so every page is rendered).
 */
async function measure(engine: string, databaseUrl: string, runs: number): Promise<void> {
  const database = await createDb(databaseUrl);
  try {
    const started = performance.now();
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) console.log(`${engine}: applied ${applied.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const services = createServices({ database });
    const app = await buildApp({ services: { ...services, changes: undefined } as unknown as typeof services, searchRateLimit: 0 });
    try {
      // One search first: opening files and filling caches is not what is measured.
      await services.search.search({ q: 'council' });
      for (let run = 1; run <= runs; run += 1) {
        const service: number[] = [];
        const page: number[] = [];
        const slowest = new Map<string, number>();
        for (let round = 0; round < 5; round += 1) {
          for (const words of SEARCH_WORDS) {
            const query = { q: words, ...(round % 2 === 1 ? { page: '2' } : {}) };
            let t = performance.now();
            await services.search.search(query);
            service.push(performance.now() - t);
            t = performance.now();
            const response = await app.inject({ url: `/search?q=${encodeURIComponent(words)}${round % 2 === 1 ? '&page=2' : ''}` });
            const ms = performance.now() - t;
            if (response.statusCode !== 200) throw new Error(`/search?q=${words} answered ${response.statusCode}`);
            page.push(ms);
            slowest.set(words, Math.max(slowest.get(words) ?? 0, ms));
          }
        }
        const worst = [...slowest]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([w, ms]) => `${w} ${ms.toFixed(0)} ms`)
          .join(', ');
        console.log(
          `${engine} run ${run}: service ${summary(service)}; page ${summary(page)} (load ${present(loadavg()[0], 'a measurement').toFixed(1)}; slowest pages: ${worst})`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

function restore(url: string, dump: string): void {
  for (const args of [['migrate'], ['restore', dump]]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`scrutineer ${args.join(' ')} failed`);
  }
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  if (settings.database) {
    await measure(settings.database.startsWith('postgres') ? 'postgres' : 'sqlite', settings.database, settings.runs);
    return;
  }
  const cache = path.join(ROOT, '.bench');
  const scratch = mkdtempSync(path.join(tmpdir(), 'scrutineer-search-latency-'));
  try {
    if (settings.engines.includes('sqlite')) {
      const archive = path.join(cache, `archive-sqlite-${settings.years}y-seed${settings.seed}.db`);
      if (!existsSync(archive)) throw new Error(`no ${path.relative(ROOT, archive)}: run \`npm run bench\` once to generate it`);
      // A copy: migrating it must never change the cached archive.
      const copy = path.join(scratch, 'archive.db');
      cpSync(archive, copy);
      await measure('sqlite', copy, settings.runs);
    }
    if (settings.engines.includes('postgres')) {
      const dump = path.join(cache, `archive-postgres-${settings.years}y-seed${settings.seed}.dump`);
      const bin = findPostgresBin();
      if (!existsSync(dump)) console.log(`no ${path.relative(ROOT, dump)}: run \`npm run bench\` once to make it; PostgreSQL skipped`);
      else if (!bin) console.log('PostgreSQL is not installed: skipped (apt-get install postgresql)');
      else {
        const server = await startPostgres(bin);
        try {
          const pg = (await import('pg')).default;
          const admin = new pg.Client({ connectionString: server.url });
          await admin.connect();
          await admin.query('create database search_latency');
          await admin.end();
          const url = server.url.replace(/\/[^/]*$/, '/search_latency');
          console.log('postgres: restoring the archive into a throwaway server (a few minutes)');
          restore(url, dump);
          await measure('postgres', url, settings.runs);
        } finally {
          server.stop();
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
