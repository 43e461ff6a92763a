// Shows a long import's progress: one updating line on a terminal, plain lines when output is a log (CI).

export interface ProgressSnapshot {
  done: number;
  total: number;
  current: string;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** "12/40 items (30%), 4.0 items/s, about 7s left: meetings.xml" */
export function formatProgress(p: ProgressSnapshot, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? p.done / seconds : 0;
  const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  const left = rate > 0 ? duration((p.total - p.done) / rate) : 'unknown';
  return `${p.done}/${p.total} items (${percent}%), ${rate.toFixed(1)} items/s, about ${left} left${p.current ? `: ${p.current}` : ''}`;
}

/**
 * On a terminal, rewrites one line in place (at most ten times a second); otherwise writes a plain
 * line when work moves to a new file or URL, and at most every five seconds in between.
 */
export function createProgressReporter(out: Output, now: () => number = Date.now) {
  const started = now();
  let lastWrite = 0;
  let lastCurrent = '';
  let lastLine = '';
  let shown = false;
  return {
    update: (p: ProgressSnapshot): void => {
      const t = now();
      if (out.isTTY) {
        if (t - lastWrite < 100 && p.done < p.total) return;
        const width = Math.max(20, (out.columns || 100) - 1);
        out.write(`\r${formatProgress(p, t - started).slice(0, width)}\x1b[K`);
        shown = true;
      } else {
        if (p.current === lastCurrent && t - lastWrite < 5000) return;
        const line = formatProgress(p, t - started);
        if (line === lastLine) return;
        out.write(`${line}\n`);
        lastLine = line;
      }
      lastCurrent = p.current;
      lastWrite = t;
    },
    /** Ends the updating line so what follows starts on a line of its own. */
    finish(): void {
      if (out.isTTY && shown) out.write('\n');
    },
  };
}
