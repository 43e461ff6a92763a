// Loaded into the soak's server (node --expose-gc --import): on SIGUSR2 it reports memory, collects garbage, and reports the live heap on stderr.
import v8 from 'node:v8';

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
    })}\n`,
  );
});
