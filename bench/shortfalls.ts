// For each goal a run misses: the profile that explains the figure, measured in the same run, and what would close it.
import { createDb } from '../src/db/create-db.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/web/app.ts';
import { measureImport, type ImportBenchShape } from './import.ts';
import { describeProfile, profileHere, summarise, type ProfileSummary } from './profile.ts';

const RENDER_ROUNDS = 5;
/** A smaller import than the measured one: its profile, not its rate, is what is wanted. */
const PROFILED_IMPORT: ImportBenchShape = { committees: 20, meetings: 200, itemsPerMeeting: 12, councillors: 60 };

export interface RenderProfile {
  name: string;
  path: string;
  /** Wall-clock time of one rendering under the profiler, ms. */
  msEach: number;
  summary: ProfileSummary;
}

/** Each page rendered RENDER_ROUNDS times in this process under the CPU profiler, after one rendering not profiled; a cookie keeps the page cache out. */
export async function profileRenderings(databaseUrl: string, pages: readonly { name: string; path: string }[]): Promise<RenderProfile[]> {
  if (pages.length === 0) return [];
  const database = await createDb(databaseUrl);
  try {
    const app = await buildApp({ services: createServices({ database }) });
    await app.ready();
    const headers = { cookie: 'bench=rendering' };
    const profiles: RenderProfile[] = [];
    for (const page of pages) {
      await app.inject({ method: 'GET', url: page.path, headers });
      const { profile } = await profileHere(async () => {
        for (let i = 0; i < RENDER_ROUNDS; i += 1) await app.inject({ method: 'GET', url: page.path, headers });
      });
      const summary = summarise([profile]);
      profiles.push({ ...page, msEach: summary.wallMs / RENDER_ROUNDS, summary });
    }
    await app.close();
    return profiles;
  } finally {
    await database.close();
  }
}

/** How long the start-up check of the search index against the record takes on this database (src/services/search-index-service.ts), ms. */
export async function timeSearchIndexCheck(databaseUrl: string): Promise<number> {
  const database = await createDb(databaseUrl);
  try {
    const started = performance.now();
    await createServices({ database }).searchIndex.checkAndRepair();
    return performance.now() - started;
  } finally {
    await database.close();
  }
}

/** A smaller modern.gov import into an empty database, under the CPU profiler. */
export async function profileImport(databaseUrl: string): Promise<{ meetings: number; summary: ProfileSummary }> {
  const { profile } = await profileHere(() => measureImport(databaseUrl, PROFILED_IMPORT), 1000);
  return { meetings: PROFILED_IMPORT.meetings, summary: summarise([profile]) };
}

export interface EngineShortfalls {
  engine: 'sqlite' | 'postgres';
  /** The pages whose first rendering is 20 ms or more, profiled. */
  renderings: RenderProfile[];
  /** The sign-in form, profiled, when a page never stored missed its goal. */
  unstored?: RenderProfile;
  coldStart?: { ms: number; summary: ProfileSummary; searchCheckMs: number };
  memory?: { afterMiB: number; anonMiB?: number; fileMiB?: number; heapUsedMiB?: number };
  importProfile?: { rate: number; meetings: number; summary: ProfileSummary };
  mixed?: { share: number; p99: number; summary: ProfileSummary };
}

function engineName(engine: 'sqlite' | 'postgres'): string {
  return engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

const figure = (ms: number) => ms.toFixed(ms < 10 ? 1 : 0);

/** The section of BENCHMARKS.md that follows the goals: for each one missed, the profile and what would close it. */
export function shortfallLines(all: readonly EngineShortfalls[]): string[] {
  const lines = ['## Goals not met: where the time and memory go', ''];
  const before = lines.length;
  /** One goal missed: its heading, the figures with their profile, and what would close it. */
  const section = (heading: string, figures: readonly string[], closing: string) => lines.push(`### ${heading}`, '', ...figures, '', closing, '');
  for (const e of all) {
    const name = engineName(e.engine);
    const waiting = e.engine === 'postgres' ? 'waiting for PostgreSQL' : 'waiting';
    if (e.renderings.length > 0) {
      section(
        `${name}: first renderings of 20 ms or more`,
        e.renderings.map(
          (r) =>
            `- ${r.name} (\`${r.path}\`): ${figure(r.msEach)} ms a rendering in this process, ${RENDER_ROUNDS} renderings profiled: ${describeProfile(r.summary, { per: RENDER_ROUNDS, waiting })}.`,
        ),
        e.engine === 'sqlite'
          ? 'Where SQLite executing statements leads, the page is its queries: what would close it is reading each recommendation’s standing (latest status, target in force, overdue) from a table that writes keep, so that the counts and the page’s hundred rows are read by index instead of being derived from every update and slip; Kysely’s share is the compiling of each query, which prepared queries would remove.'
          : 'Where waiting for PostgreSQL leads, the page is its round trips and queries: what would close it is fewer, combined queries (one statement for the counts and the page’s ids) and a standing table that writes keep, as for SQLite.',
      );
    }
    if (e.unstored) {
      const u = e.unstored;
      section(
        `${name}: pages never stored`,
        [
          `- The sign-in form (\`${u.path}\`): ${figure(u.msEach)} ms a rendering in this process, ${RENDER_ROUNDS} renderings profiled: ${describeProfile(u.summary, { per: RENDER_ROUNDS, waiting })}.`,
        ],
        'Each is rendered for every request (the form carries the visitor’s own CSRF token; the workspace shows the officer’s own records). What would close it: the page’s frame rendered once and the visitor’s token or name put into it, so that a request does the work only of what is its own.',
      );
    }
    if (e.coldStart) {
      const c = e.coldStart;
      section(
        `${name}: cold start`,
        [
          `- ${figure(c.ms)} ms from spawning one process (\`serve --workers 1\`, under the profiler) to the first home page. Profile: ${describeProfile(c.summary, { top: 8, waiting })}.`,
          `- Of it, the search index's start-up check (it counts every public record and every index entry, so that withheld text never stays searchable after a crash or a write outside the pipeline) took ${figure(c.searchCheckMs)} ms when run again in the bench's own process.`,
        ],
        'What would close it: running that check while the workers already serve every page but search (search waiting until it has passed), and loading fewer modules at start (one bundled file for the server, Fastify’s routes registered from a precompiled table).',
      );
    }
    if (e.memory) {
      const m = e.memory;
      section(
        `${name}: memory per worker`,
        [
          `- ${figure(m.afterMiB)} MiB resident after a full collection${m.anonMiB === undefined ? '' : `: ${figure(m.anonMiB)} MiB anonymous (V8’s heap and native allocations${m.heapUsedMiB === undefined ? '' : `; the heap in use ${figure(m.heapUsedMiB)} MiB`})`}${m.fileMiB === undefined ? '' : `, ${figure(m.fileMiB)} MiB file-backed`}.`,
        ],
        'File-backed memory is the code of Node.js and the libraries, shared between the workers. Anonymous memory is mostly V8’s heap, which keeps the size it grew to under load after a collection, and each worker’s page cache (at most 1,000 pages, 64 MiB). What would close it: a ceiling on each worker’s old generation (`--max-old-space-size`; the young generation is already capped) and a smaller page cache per worker when there are several.',
      );
    }
    if (e.importProfile) {
      const i = e.importProfile;
      section(
        `${name}: modern.gov import`,
        [
          `- ${i.rate.toFixed(0)} agenda items a second. Profile of an import of ${i.meetings} meetings into an empty database: ${describeProfile(i.summary, { top: 8, waiting })}.`,
        ],
        e.engine === 'sqlite'
          ? 'What would close it: parsing the XML with a streaming parser instead of building each response’s tree, and writing each table’s rows with one multi-row statement per batch.'
          : 'What would close it: fewer round trips: multi-row inserts and updates for each table of a response (`insert … select from unnest(…)`), and the lookups of existing records made once per response rather than once per row.',
      );
    }
    if (e.mixed) {
      section(
        `${name}: reading while officers write`,
        [
          `- ${e.mixed.share.toFixed(0)}% of the read-only throughput, p99 ${figure(e.mixed.p99)} ms. Profile of one process serving the same reads and writes (\`serve --workers 1\`, from the load's start to its end): ${describeProfile(e.mixed.summary, { top: 8, waiting })}.`,
        ],
        'Each page read says which records it shows, so a write lets go only of the pages it reached. What is still rendered again under this load: search, which any record may newly match, after every write; the tracker pages that list the recommendation written, and every tracker page when a count changes (a first status, a slipped target); the written recommendation’s review and its own page; the meeting minuted. Each is rendered once in each worker, and on PostgreSQL each rendering waits for its round trips. What would close it: one rendering per page per change shared by every worker rather than one in each, and search results let go only by a write to a record that matches their words.',
      );
    }
  }
  if (lines.length === before) lines.push('Every goal measured in this run was met.', '');
  return lines;
}
