// Imports from other systems: modern.gov responses (files or a live site) and CSV recommendation trackers.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { londonToday, type Clock } from '../domain/clock.ts';
import type { IsoDate } from '../domain/iso-date.ts';
import { ImportInputError } from '../import/import-error.ts';
import type { ModernGovResponse, readModernGovResponse } from '../import/moderngov/responses.ts';
import { createWebServiceClient, FetchFailedError } from '../import/moderngov/web-service-client.ts';
import { parseColumnMap, readTracker, type TrackerField, type TrackerRowError } from '../import/tracker/tracker-csv.ts';
import { createRepositories } from '../repositories/index.ts';
import { createModernGovWriter, emptyTally, stepsIn, type ImportTally } from './moderngov-import.ts';
import { createTrackerWriter, TrackerBodyError, type TrackerRowReport } from './tracker-import.ts';
import { copyTally, IMPORT_ACTORS, tallyDifference } from './import-audit.ts';
import { rebuildSearchKinds } from './search-index-service.ts';
import { NO_INPUT, createWriteRunner, declareWrite } from './command.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export { ImportInputError, FetchFailedError, parseColumnMap };
export type { ImportTally, TrackerRowReport, TrackerRowError, TrackerField };

/** How far a long import has got: steps done of the total known so far. */
export interface ImportProgress {
  done: number;
  total: number;
  /** The file or URL being worked on. */
  current: string;
}

export interface RunOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting stops the import between files (or requests): what was committed stays, and a rerun carries on. */
  signal?: AbortSignal;
}

/** Raised when an import is stopped part-way; every unit committed before it is whole. */
export class ImportInterruptedError extends Error {
  override name = 'ImportInterruptedError';
  constructor(readonly unitsDone: number) {
    super(`interrupted after ${unitsDone} ${unitsDone === 1 ? 'file' : 'files'}; run the same command again to carry on`);
  }
}

export interface ModernGovOptions extends RunOptions {
  /** A name for the site ("manchester"), put before every source id so two councils never collide. */
  source?: string;
  /** The name of the council whose members the councillors are (GetCouncillorsByWard does not say). */
  councilName?: string;
}

export interface ModernGovResult {
  tally: ImportTally;
  units: string[];
}

export interface TrackerOptions {
  map?: Record<string, TrackerField>;
  dryRun?: boolean;
  body?: string;
}

export interface TrackerResult {
  dryRun: boolean;
  written: boolean;
  columns: Partial<Record<TrackerField, string>>;
  rows: TrackerRowReport[];
  errors: TrackerRowError[];
}

// GetCommittees first, then GetMeetings, GetMeeting and the councillors: each can refer to the ones before.
const ORDER: ModernGovResponse['kind'][] = ['committees', 'getmeetings', 'meeting', 'councillorsbyward'];

class DryRunRollback extends Error {}

/** Imports write as the import that reads the file ("import:moderngov", "import:tracker"); no signed-in user runs them. */
const MODERNGOV_FILE = declareWrite('import.moderngovFile', ['import'], NO_INPUT);
const TRACKER_FILE = declareWrite('import.tracker', ['import'], NO_INPUT);

export function createImportService(deps: { db: Kysely<Database>; clock: Clock; unitOfWork: UnitOfWork }) {
  const write = createWriteRunner(deps.unitOfWork);

  function prefixFor(source: string | undefined): string {
    return source ? `${source}:` : '';
  }

  function progress(options: RunOptions) {
    const state = { done: 0, total: 0, current: '' };
    return {
      state,
      add(n: number) {
        state.total += n;
      },
      at(current: string) {
        state.current = current;
        options.onProgress?.({ ...state });
      },
      step() {
        state.done += 1;
        if (state.done > state.total) state.total = state.done;
        options.onProgress?.({ ...state });
      },
    };
  }

  /**
   * Writes one response through the write pipeline, in its own transaction: the records, the
   * file's audit event and its search-index rows commit together (DESIGN.md "How we write code" 9),
   * so a record modern.gov now marks restricted is never left findable by a crash.
   */
  async function writeUnit(response: ModernGovResponse, tally: ImportTally, options: ModernGovOptions, step: () => void): Promise<void> {
    const start = copyTally(tally);
    await write(MODERNGOV_FILE, IMPORT_ACTORS.moderngov, undefined, async (_values, { repos, audit, touched }) => {
      // A transaction run again (another writer took a slug it chose) counts the file once, not twice.
      Object.assign(tally, copyTally(start));
      const writer = createModernGovWriter({
        repos,
        tally,
        prefix: prefixFor(options.source),
        councilName: options.councilName ?? 'Council',
        step,
        touched: (kind, id) => touched(kind, id),
      });
      await writer.write(response);
      // One audit event per file: what it created, updated and left alone.
      await audit('import', 'import', null, null, { file: response.file, source: options.source ?? null, ...tallyDifference(start, tally) });
    });
  }

  return {
    /**
     * Imports modern.gov response files. Every file is read and checked before anything is
     * written, so bad input leaves the database as it was; then each file is written in its own
     * transaction, by source id, so an interrupted import can simply be run again.
     */
    async moderngovFiles(files: { name: string; bytes: Uint8Array }[], options: ModernGovOptions = {}): Promise<ModernGovResult> {
      const { readModernGovResponse } = await loadModernGovReader();
      const responses = files.map((f) => readModernGovResponse(f.name, f.bytes)).sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
      const checker = createModernGovWriter({
        repos: createRepositories({ db: deps.db, clock: deps.clock }),
        tally: emptyTally(),
        prefix: prefixFor(options.source),
        councilName: options.councilName ?? 'Council',
        step: () => undefined,
        // The check writes nothing, so nothing is indexed.
        touched: () => undefined,
      });
      for (const response of responses) {
        if (response.kind === 'meeting') await checker.canPlace(response, responses);
      }
      const tally = emptyTally();
      const tracker = progress(options);
      tracker.add(responses.reduce((n, r) => n + stepsIn(r), 0));
      const units: string[] = [];
      for (const response of responses) {
        if (options.signal?.aborted) throw new ImportInterruptedError(units.length);
        tracker.at(response.file);
        await writeUnit(response, tally, options, () => tracker.step());
        units.push(response.file);
      }
      return { tally, units };
    },

    /**
     * Imports from a live site: GetCommittees, then GetMeetings for each committee between two
     * dates, GetMeeting for each meeting not cancelled, then GetCouncillorsByWard. Each response
     * is checked and written in its own transaction as it arrives.
     */
    async moderngovSite(baseUrl: string, options: ModernGovOptions & { from: IsoDate; to: IsoDate; fetch?: typeof fetch }): Promise<ModernGovResult> {
      const client = createWebServiceClient(baseUrl, options.fetch);
      const run: ModernGovOptions = { ...options, source: options.source ?? client.host };
      const tally = emptyTally();
      const tracker = progress(options);
      const units: string[] = [];
      tracker.add(2);
      const fetchAndWrite = async (load: () => Promise<{ name: string; bytes: Uint8Array }>) => {
        if (options.signal?.aborted) throw new ImportInterruptedError(units.length);
        const fetched = await load();
        tracker.at(fetched.name);
        const { readModernGovResponse } = await loadModernGovReader();
        const response = readModernGovResponse(fetched.name, fetched.bytes);
        await writeUnit(response, tally, run, () => undefined);
        units.push(fetched.name);
        tracker.step();
        return response;
      };
      const committees = await fetchAndWrite(client.committees);
      const live = committees.kind === 'committees' ? committees.committees.filter((c) => !c.deleted) : [];
      tracker.add(live.length);
      for (const c of live) {
        const meetings = await fetchAndWrite(() => client.meetings(c.id, options.from, options.to));
        if (meetings.kind !== 'getmeetings') continue;
        const wanted = meetings.committees.flatMap((x) => x.meetings).filter((m) => !/^cancel/i.test(m.status ?? ''));
        tracker.add(wanted.length);
        for (const m of wanted) await fetchAndWrite(() => client.meeting(m.id));
      }
      await fetchAndWrite(client.councillorsByWard);
      return { tally, units };
    },

    /**
     * Imports a recommendations tracker: all rows or none. Every row is checked first; if any is
     * bad nothing is written and the report lists each bad row's line and reason. A dry run
     * writes inside a transaction that is then rolled back, so its report says exactly what a
     * real run would do.
     */
    async tracker(file: { name: string; bytes: Uint8Array }, options: TrackerOptions = {}): Promise<TrackerResult> {
      const read = readTracker(file.name, file.bytes, options.map ?? {});
      const dryRun = options.dryRun ?? false;
      if (read.errors.length > 0) return { dryRun, written: false, columns: read.columns, rows: [], errors: read.errors };
      const reports: TrackerRowReport[] = [];
      try {
        await write(TRACKER_FILE, IMPORT_ACTORS.tracker, undefined, async (_values, { repos, audit }) => {
          // A transaction run again (another writer took a slug it chose) reports each row once.
          reports.length = 0;
          const writer = createTrackerWriter(repos, { body: options.body, today: londonToday(deps.clock) as IsoDate });
          for (const row of read.rows) {
            try {
              reports.push(await writer.write(row));
            } catch (error) {
              if (error instanceof TrackerBodyError) throw new ImportInputError(file.name, `line ${row.line}`, error.message);
              throw error;
            }
          }
          // One audit event for the whole file, in its transaction (so a dry run leaves none either).
          const count = (outcome: TrackerRowReport['outcome']) => reports.filter((r) => r.outcome === outcome).length;
          await audit('import', 'import', null, null, {
            file: file.name,
            body: options.body ?? null,
            rows: reports.length,
            created: count('created'),
            updated: count('updated'),
            unchanged: count('unchanged'),
          });
          if (dryRun) throw new DryRunRollback();
          // A tracker touches reviews, recommendations and responses throughout (and may add a body
          // and officers): their kinds are rebuilt in the same transaction (DESIGN.md "How we write
          // code" 9), so search never shows a half-imported tracker nor misses a committed one.
          await rebuildSearchKinds(repos, ['review', 'recommendation', 'response', 'body', 'person']);
        });
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      return { dryRun, written: !dryRun, columns: read.columns, rows: reports, errors: [] };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

/** The modern.gov reader (an XML parser and html-to-text) is loaded at the first import, not by every process that serves pages. */
async function loadModernGovReader(): Promise<{ readModernGovResponse: typeof readModernGovResponse }> {
  return import('../import/moderngov/responses.ts');
}
