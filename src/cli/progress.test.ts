// The import progress line: an updating line on a terminal, plain lines in a log.
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatProgress } from './progress.ts';

describe('formatProgress', () => {
  it('gives items done, the rate and the time left', () => {
    expect(formatProgress({ done: 30, total: 120, current: 'meeting_4967.xml' }, 10_000)).toBe(
      '30/120 items (25%), 3.0 items/s, about 30s left: meeting_4967.xml',
    );
    expect(formatProgress({ done: 0, total: 10, current: '' }, 0)).toBe('0/10 items (0%), 0.0 items/s, about unknown left');
    expect(formatProgress({ done: 100, total: 5000, current: 'x' }, 10_000)).toContain('about 8m 10s left');
  });
});

describe('createProgressReporter', () => {
  it('rewrites one line on a terminal and ends it with a newline', () => {
    const written: string[] = [];
    let t = 0;
    const reporter = createProgressReporter({ isTTY: true, columns: 80, write: (s: string) => written.push(s) }, () => t);
    for (let done = 1; done <= 3; done += 1) {
      t += 200;
      reporter.update({ done, total: 3, current: 'a.xml' });
    }
    reporter.finish();
    expect(written.slice(0, 3).every((s) => s.startsWith('\r') && !s.includes('\n'))).toBe(true);
    expect(written.at(-1)).toBe('\n');
  });

  it('writes plain lines in a log, one when the file changes, not one per item', () => {
    const written: string[] = [];
    let t = 0;
    const reporter = createProgressReporter({ isTTY: false, write: (s: string) => written.push(s) }, () => t);
    for (let done = 1; done <= 50; done += 1) {
      t += 10;
      reporter.update({ done, total: 100, current: done <= 25 ? 'a.xml' : 'b.xml' });
    }
    expect(written).toHaveLength(2);
    expect(written.every((s) => s.endsWith('\n') && !s.includes('\r'))).toBe(true);
    expect(written[1]).toMatch(/^26\/100 items .*: b\.xml\n$/);
  });
});
