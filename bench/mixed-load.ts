// The meeting-night benchmark: public pages read at full speed, alone and while officers write 10 progress updates and 2 minutes a second, from another process as the workspace would.
import autocannon from 'autocannon';
import { createDb } from '../src/db/create-db.ts';
import type { Actor } from '../src/domain/roles.ts';
import { createServices } from '../src/services/index.ts';

/** An officer as the workspace knows one: the writes are audited in this name. */
const OFFICER: Actor = { userId: 0, email: 'bench@example.org', name: 'Benchmark officer', role: 'democratic_services', personId: null };
const PROGRESS_PER_SECOND = 10;
const MINUTES_PER_SECOND = 2;

export interface MixedLoad {
  readonly readOnly: { readonly requestsPerSecond: number; readonly p99: number };
  readonly mixed: { readonly requestsPerSecond: number; readonly p99: number };
  readonly writes: number;
  readonly failedWrites: number;
  /** Why writes were refused, each reason once: a refused write is load the run did not put on the server. */
  readonly refusals: readonly string[];
}

async function read(url: string, paths: readonly string[], connections: number, seconds: number) {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1, requests: paths.map((path) => ({ method: 'GET', path })) }, (error: Error | null, done) =>
      error ? reject(error) : resolve(done),
    );
  });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99 };
}

/**
 * Reads `paths` (the costliest public pages: meetings, reviews, the tracker, the home page) for
 * `seconds`, first alone, then while this process writes through the services to the same
 * database, so the server learns of each write as it would of another worker's or the command line's.
 */
export async function measureMixedLoad(
  appUrl: string,
  databaseUrl: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
): Promise<MixedLoad> {
  const database = await createDb(databaseUrl);
  const services = createServices({ database });
  try {
    const db = database.db;
    // Recommendations open to progress (responded, not ended) and meetings to minute.
    const recommendations = await db
      .selectFrom('recommendations as rec')
      .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
      .innerJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
      .select(['r.slug', 'rec.number'])
      .where('rec.status', 'not in', ['signed_off', 'closed'])
      .where('rec.withdrawn_at', 'is', null)
      .limit(200)
      .execute();
    const meetings = await db.selectFrom('meetings').select('id').where('status', '=', 'held').orderBy('meeting_date', 'desc').limit(50).execute();
    await read(appUrl, paths, connections, 2);
    const readOnly = await read(appUrl, paths, connections, seconds);
    let writes = 0;
    let failedWrites = 0;
    const refusals = new Set<string>();
    let turn = 0;
    const today = new Date().toISOString().slice(0, 10);
    const writeOnce = async (write: () => Promise<unknown>) => {
      try {
        await write();
        writes += 1;
      } catch (error) {
        failedWrites += 1;
        refusals.add(
          error instanceof Error
            ? `${error.constructor.name}: ${error.message} ${JSON.stringify((error as { errors?: unknown }).errors ?? '')}`
            : String(error),
        );
      }
    };
    // Spread over each second: a progress update every 100 ms, a minute every 500 ms.
    const timer = setInterval(() => {
      turn += 1;
      const recommendation = recommendations[turn % Math.max(1, recommendations.length)];
      if (recommendation && PROGRESS_PER_SECOND > 0)
        void writeOnce(() =>
          services.recommendations.addProgress(
            recommendation.slug,
            recommendation.number,
            { updateDate: today, status: 'on_track', rag: 'green', narrative: `Benchmark update ${turn}` },
            OFFICER,
          ),
        );
      const meeting = meetings[Math.floor(turn / 5) % Math.max(1, meetings.length)];
      if (meeting && turn % (PROGRESS_PER_SECOND / MINUTES_PER_SECOND) === 0)
        void writeOnce(() => services.meetingWorkspace.addMinute(OFFICER, meeting.id, { title: `Benchmark minute ${turn}`, body: 'Noted.' }));
    }, 1000 / PROGRESS_PER_SECOND);
    try {
      const mixed = await read(appUrl, paths, connections, seconds);
      return { readOnly, mixed, writes, failedWrites, refusals: [...refusals] };
    } finally {
      clearInterval(timer);
    }
  } finally {
    await database.close();
  }
}

export function mixedLoadLine(result: MixedLoad): string {
  const share = result.readOnly.requestsPerSecond > 0 ? (result.mixed.requestsPerSecond / result.readOnly.requestsPerSecond) * 100 : 0;
  return (
    `Public pages read alone: ${result.readOnly.requestsPerSecond.toFixed(0)} req/s, p99 ${result.readOnly.p99.toFixed(1)} ms; ` +
    `while officers wrote ${PROGRESS_PER_SECOND} progress updates and ${MINUTES_PER_SECOND} minutes a second (${result.writes} writes, ${result.failedWrites} refused): ` +
    `${result.mixed.requestsPerSecond.toFixed(0)} req/s (${share.toFixed(0)}% of read-only), p99 ${result.mixed.p99.toFixed(1)} ms` +
    (result.refusals.length === 0 ? '' : `; writes refused for: ${result.refusals.join('; ')}`)
  );
}
