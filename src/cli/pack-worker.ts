// The meeting-pack worker: builds queued packs in the background of `scrutineer serve`, and the addresses packs print.
import type { MeetingPackService, PackLinks } from '../services/meeting-pack-service.ts';
import { paths } from '../web/paths.ts';

/** Absolute addresses when BASE_URL gives the site's public address; otherwise the paths alone. */
export function packLinks(baseUrl: string | undefined): PackLinks {
  const base = (baseUrl ?? '').replace(/\/+$/, '');
  return { meeting: (slug) => `${base}${paths.meeting(slug)}`, document: (slug) => `${base}${paths.document(slug)}` };
}

/** How long the worker waits when the queue is empty. */
const IDLE_MS = 2000;

/**
 * Works the queue one request (so one meeting) at a time, off the request path: each step is awaited and the next
 * one scheduled with a timer, so requests are answered between steps (better-sqlite3 is synchronous,
 * and a pack is written out a few hundred objects per tick).
 */
export function startPackWorker(packs: MeetingPackService, report: (line: string) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = step();
    }, ms);
    timer.unref();
  };
  const step = async () => {
    let busy = false;
    try {
      const result = await packs.work(1);
      busy = result.requests > 0;
      for (const f of result.failures)
        report(`Could not build the packs of meeting ${f.meetingId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    } catch (error) {
      report(`The pack worker failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    schedule(busy ? 0 : IDLE_MS);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
