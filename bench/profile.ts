// Where a measured time goes: a V8 CPU profile (from `node --cpu-prof` or the inspector in this process), its samples summed by the place their code comes from.
import { readdirSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a `.cpuprofile` this reads (Chrome DevTools protocol, Profiler.Profile). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Place {
  place: string;
  ms: number;
}

export interface ProfileSummary {
  /** Wall-clock time the profile covers from its first sample, ms. */
  wallMs: number;
  /** Time the thread spent waiting (idle: for the database server, the disk, a timer), ms. */
  idleMs: number;
  /** Where the rest went, most first. */
  places: Place[];
}

const ROOT = path.resolve(import.meta.dirname, '..');
const SQLITE_NATIVE = 'SQLite executing statements (native)';

/** The place a function's code comes from: an npm package, a Scrutineer module (`web/page-cache`), Node.js itself, or V8's own work. */
export function placeOf(callFrame: { functionName: string; url: string }): string {
  const { functionName, url } = callFrame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 and native code outside JavaScript';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(root)') return '(root)';
    return `native ${functionName || 'code'}`;
  }
  if (url.startsWith('node:')) return 'Node.js internals';
  // Under `node --cpu-prof` better-sqlite3's native statement runs are charged to the Kysely driver function that calls them.
  if (functionName === 'executeQuery' && url.endsWith('/kysely/dist/dialect/sqlite/sqlite-driver.js')) return SQLITE_NATIVE;
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = file.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? file);
  }
  const relative = path.relative(ROOT, file);
  if (relative.startsWith('..')) return file;
  // dist/web/app.js and src/web/app.ts are the same module.
  return relative.replace(/^(dist|src)\//, '').replace(/\.(js|ts|mjs|cjs)$/, '');
}

/** Sums each sample's time by place (the time before a sample is charged to the function it found running). */
export function summarise(profiles: readonly CpuProfile[]): ProfileSummary {
  const byPlace = new Map<string, number>();
  let wallMs = 0;
  let idleMs = 0;
  for (const profile of profiles) {
    const places = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame)]));
    // Native code (a SQLite statement, a regular expression, JSON) is named by the JavaScript that called it.
    const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id] as const)));
    for (const node of profile.nodes) {
      let place = places.get(node.id) ?? '';
      if (!place.startsWith('native ')) continue;
      let parent = parents.get(node.id);
      while (parent !== undefined && (places.get(parent) ?? '').startsWith('native ')) parent = parents.get(parent);
      const caller = parent === undefined ? undefined : places.get(parent);
      // better-sqlite3 runs each statement in native code, called from Kysely's SQLite driver.
      if (caller === 'kysely' || caller === 'better-sqlite3' || caller === SQLITE_NATIVE) place = SQLITE_NATIVE;
      else if (caller !== undefined && caller !== '(root)') place = `${place} (from ${caller})`;
      places.set(node.id, place);
    }
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i += 1) {
      const place = places.get(samples[i] ?? -1) ?? 'unknown';
      // The first delta is the profiler starting (it gathers every compiled function first): not the work's time.
      const ms = (deltas[i + 1] ?? 0) / 1000;
      wallMs += ms;
      if (place === 'idle' || place === '(root)') idleMs += ms;
      else byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    }
  }
  const places = [...byPlace].map(([place, ms]) => ({ place, ms })).sort((a, b) => b.ms - a.ms);
  return { wallMs, idleMs, places };
}

/** "waiting 40% (52 ms); better-sqlite3 native all 20% (26 ms); …": the largest places as shares of the wall-clock time, `per` dividing the times (per request). */
export function describeProfile(summary: ProfileSummary, options: { top?: number; per?: number; waiting?: string } = {}): string {
  const per = options.per ?? 1;
  const total = summary.wallMs;
  if (total <= 0) return 'no samples';
  const share = (ms: number) => `${((ms / total) * 100).toFixed(0)}% (${(ms / per).toFixed(ms / per < 10 ? 1 : 0)} ms)`;
  const parts = summary.places.slice(0, options.top ?? 6).map((p) => `${p.place} ${share(p.ms)}`);
  if (summary.idleMs / total >= 0.02) parts.unshift(`${options.waiting ?? 'waiting'} ${share(summary.idleMs)}`);
  return parts.join('; ');
}

/** Runs `work` under the CPU profiler of this very process, sampling every `intervalUs` microseconds. */
export async function profileHere<T>(work: () => Promise<T>, intervalUs = 200): Promise<{ value: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    let value: T;
    try {
      value = await work();
    } catch (error) {
      await session.post('Profiler.stop');
      throw error;
    }
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return { value, profile };
  } finally {
    session.disconnect();
  }
}

/** The profiles `node --cpu-prof --cpu-prof-dir DIR` wrote (one per process that exited). */
export function readProfiles(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as CpuProfile);
}
