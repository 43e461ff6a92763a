// Loaded into the soak's server (node --expose-gc --import): on SIGUSR2 it reports memory, collects garbage, and reports the live heap on stderr.
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';

/** Resident memory by kind (Linux /proc): anonymous (the heap, native allocations) and file-backed (mapped files: code, a memory-mapped database). */
function residentKinds(): { rssAnon?: number; rssFile?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (name: string) => {
      const match = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    const rssAnon = kib('RssAnon');
    const rssFile = kib('RssFile');
    return { ...(rssAnon === undefined ? {} : { rssAnon }), ...(rssFile === undefined ? {} : { rssFile }) };
  } catch {
    return {};
  }
}

const collect = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', () => {
  const before = process.memoryUsage();
  // Two full collections: the first may leave objects whose finalisers free more on the second.
  collect?.();
  collect?.();
  const after = process.memoryUsage();
  process.stderr.write(
    `memory-probe ${JSON.stringify({
      collected: collect !== undefined,
      rssBefore: before.rss,
      heapTotalBefore: before.heapTotal,
      heapUsedBefore: before.heapUsed,
      rss: after.rss,
      heapUsed: after.heapUsed,
      heapTotal: after.heapTotal,
      external: after.external,
      mallocedMemory: v8.getHeapStatistics().malloced_memory,
      ...residentKinds(),
    })}\n`,
  );
});
