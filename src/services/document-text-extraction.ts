// Reads an uploaded file's text in a worker thread with a time and memory budget, page and size limits, and a bounded extract, so that no upload can stall or exhaust the server.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/**
 * The limits on reading an uploaded file. Each is far above what a council paper needs and far
 * below what would hurt the server: a hostile 2 MB PDF can declare 20,000 pages, and a 300 KB Word
 * file can expand to 300 MB of text.
 */
export const EXTRACTION_LIMITS = {
  /** An agenda pack with all its appendices runs to hundreds of pages; past 2,000 a PDF is refused. */
  maxPages: 2_000,
  /** A Word file's parts, uncompressed: a long report with pictures is tens of megabytes; past 100 MB it is refused. */
  maxExpandedBytes: 100 * 1024 * 1024,
  /**
   * Text kept for search and for the document's page: about 100 pages of dense prose (the first
   * part of a longer paper is searchable, the file itself is kept whole). It also keeps a row well
   * inside PostgreSQL's 1 MB limit on a tsvector.
   */
  maxCharacters: 200_000,
  /** A file still being read after 30 seconds is abandoned (the worker is stopped) and refused. */
  timeMs: 30_000,
  /** The worker's JavaScript heap; a file needing more is refused (the worker is stopped, the server unharmed). */
  memoryMb: 256,
} as const;

export type ExtractionLimits = { readonly [K in keyof typeof EXTRACTION_LIMITS]: number };

/**
 * How many files are read at once. Each reading takes a core and up to memoryMb; more uploads at
 * the same moment wait their turn rather than crowd out page requests.
 */
export const MAX_CONCURRENT_EXTRACTIONS = 2;

/** What the worker is given, one message per file. */
export interface ExtractionRequest {
  readonly kind: 'pdf' | 'docx';
  readonly bytes: Uint8Array;
  readonly limits: ExtractionLimits;
}

/** What the worker answers. */
export type ExtractionReply =
  | { ok: true; text: string; pageCount: number | null; truncated: boolean }
  | { ok: false; problem: 'too-many-pages'; pageCount: number }
  | { ok: false; problem: 'too-large-expanded'; expandedBytes: number }
  | { ok: false; problem: 'unreadable' };

/** Why a file could not be read, beyond what the worker itself reports. */
export type ExtractionOutcome = ExtractionReply | { ok: false; problem: 'too-slow' } | { ok: false; problem: 'too-much-memory' };

/**
 * The worker's file: beside this one, as .ts when running from source or as .js once compiled. A
 * .ts worker runs on Node's own type stripping where Node has it (24; `process.features.typescript`),
 * which starts in a fraction of the time; elsewhere under tsx's loader, as the rest of the source does.
 */
function workerOptions(): { url: URL; execArgv: string[] } {
  const self = new URL(import.meta.url);
  const fromSource = self.pathname.endsWith('.ts');
  const url = new URL(`./document-text-worker.${fromSource ? 'ts' : 'js'}`, self);
  if (!fromSource || nodeStripsTypes()) return { url, execArgv: [] };
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  return { url, execArgv: ['--import', tsxLoader] };
}

function nodeStripsTypes(): boolean {
  const features: { typescript?: unknown } = process.features;
  return typeof features.typescript === 'string' && features.typescript !== 'false';
}

/**
 * Workers waiting for a file, by heap size. Starting one (loading pdf.js and mammoth) takes longer
 * than reading most files, so a worker that finished within its budget reads the next file; one
 * stopped for overrunning is replaced. Idle workers do not keep the process alive.
 */
const idle = new Map<number, Worker[]>();

function startWorker(memoryMb: number, pool: Worker[]): Worker {
  const { url, execArgv } = workerOptions();
  const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 } });
  // A failure while reading is reported to that reading by its own listener; a worker that ends
  // while idle simply leaves the pool.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    const at = pool.indexOf(worker);
    if (at >= 0) pool.splice(at, 1);
  });
  return worker;
}

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_CONCURRENT_EXTRACTIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

/** Reads the text of a PDF or Word file off the main thread, within the limits. */
export async function extractDocumentText(bytes: Uint8Array, kind: 'pdf' | 'docx', limits: ExtractionLimits = EXTRACTION_LIMITS): Promise<ExtractionOutcome> {
  const done = await turn();
  try {
    return await inWorker({ kind, bytes, limits });
  } finally {
    done();
  }
}

function inWorker(request: ExtractionRequest): Promise<ExtractionOutcome> {
  const memoryMb = request.limits.memoryMb;
  const pool = idle.get(memoryMb) ?? [];
  idle.set(memoryMb, pool);
  const worker = pool.pop() ?? startWorker(memoryMb, pool);
  worker.ref();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ExtractionOutcome, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) {
        worker.unref();
        pool.push(worker);
      } else {
        void worker.terminate();
      }
      resolve(outcome);
    };
    const onMessage = (reply: ExtractionReply) => finish(reply, true);
    const onError = (error: Error & { code?: string }) =>
      finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { ok: false, problem: 'too-much-memory' } : { ok: false, problem: 'unreadable' }, false);
    const onExit = () => finish({ ok: false, problem: 'unreadable' }, false);
    // The time budget: a worker still reading is stopped, whatever it is doing.
    const timer = setTimeout(() => finish({ ok: false, problem: 'too-slow' }, false), request.limits.timeMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(request);
  });
}
