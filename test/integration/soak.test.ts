// A short soak: readers and writers together against one server for ten seconds; what it checks is correctness only.
// Throughput and the live heap are measured by `npm run soak` and `npm run bench` (DESIGN.md rule 8: performance is
// measured in a benchmark, never asserted by a timed test), since they depend on how busy the machine is.
import { describe, expect, it } from 'vitest';
import { heapFlat, runSoak } from '../../bench/soak.ts';

describe('soak', () => {
  it('serves readers without a 5xx while writers commit, loses no acknowledged write, and stops cleanly', async () => {
    const result = await runSoak({ durationMs: 10_000, readers: 4, writers: 2 });
    expect(result.failures).toEqual([]);
    // However few got through on a busy machine, some did, and every write acknowledged is in the database.
    expect(result.requests).toBeGreaterThan(0);
    expect(result.acknowledgedWrites).toBeGreaterThan(0);
    expect(result.lostWrites).toEqual([]);
    expect(result.serverExitCode).toBe(0);
  }, 90_000);

  it('the soak command fails a heap that keeps growing', () => {
    expect(heapFlat([120, 121, 122, 122.5])).toBe(true);
    expect(heapFlat([120, 130, 140, 150])).toBe(false);
    expect(heapFlat([120])).toBe(false);
  });
});
