// A short soak: readers and writers together against one server for ten seconds (`npm run soak` runs longer).
import { describe, expect, it } from 'vitest';
import { heapFlat, runSoak } from '../../bench/soak.ts';

describe('soak', () => {
  it('serves readers without a 5xx while writers commit, loses no acknowledged write, and keeps a flat live heap', async () => {
    const result = await runSoak({ durationMs: 10_000, readers: 4, writers: 2 });
    expect(result.failures).toEqual([]);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.acknowledgedWrites).toBeGreaterThan(10);
    expect(result.lostWrites).toEqual([]);
    // The live heap after a full collection, read several times over the run: what a leak would grow.
    expect(result.heapMiB.length, 'the server answered no memory probe').toBeGreaterThanOrEqual(4);
    expect(heapFlat(result.heapMiB), result.heapMiB.map((m) => m.toFixed(1)).join(', ')).toBe(true);
    expect(result.serverExitCode).toBe(0);
  }, 90_000);

  it('fails a heap that keeps growing', () => {
    expect(heapFlat([120, 121, 122, 122.5])).toBe(true);
    expect(heapFlat([120, 130, 140, 150])).toBe(false);
    expect(heapFlat([120])).toBe(false);
  });
});
