// A value the code's own logic guarantees (a row just written, a field validated above, a regex group that always takes part): checked, not asserted with `!`.

/** The guarantee did not hold: a bug, never a user's mistake (the web layer answers 500). */
export class MissingValueError extends Error {
  override name = 'MissingValueError';
}

/** The value, or MissingValueError naming what was missing. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new MissingValueError(`Expected ${what} to be present`);
  return value;
}
