// London wall-clock times to UTC instants, in GMT, in BST and on the days the clocks change.
import { describe, expect, it } from 'vitest';
import { londonWallTimeToInstant } from './london-time.ts';

describe('londonWallTimeToInstant', () => {
  it.each([
    ['2026-02-10', '10:00', '2026-02-10T10:00:00.000Z'],
    ['2026-07-01', '18:30', '2026-07-01T17:30:00.000Z'],
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T02:00:00.000Z'],
    // 01:30 does not exist on 29 March 2026 (clocks go from 01:00 to 02:00): read as GMT.
    ['2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'],
    // 01:30 happens twice on 25 October 2026: the first (BST) is taken.
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '02:30', '2026-10-25T02:30:00.000Z'],
  ])('%s %s is %s', (date, time, instant) => expect(londonWallTimeToInstant(date, time)).toBe(instant));
});
