// A short soak: readers and writers together against one server for ten seconds (`npm run soak` runs longer).
import { describe, expect, it } from 'vitest';
import { memoryFlat, runSoak } from '../../bench/soak.ts';

describe('soak', () => {
  it('serves readers without a 5xx while writers commit, loses no acknowledged write, and stays flat in memory', async () => {
    const result = await runSoak({ durationMs: 10_000, readers: 4, writers: 2 });
    expect(result.failures).toEqual([]);
    expect(result.requests).toBeGreaterThan(50);
    expect(result.acknowledgedWrites).toBeGreaterThan(10);
    expect(result.lostWrites).toEqual([]);
    expect(memoryFlat(result.rssMiB), result.rssMiB.join(', ')).toBe(true);
    expect(result.serverExitCode).toBe(0);
  }, 90_000);
});
