// Wall-clock times in Europe/London turned into UTC instants, across the changes to and from BST.

/** Made once: building a formatter costs far more than using one, and an import converts a time for every meeting. */
const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The offset of Europe/London from UTC, in minutes, at an instant (0 in GMT, 60 in BST). */
function londonOffsetMinutes(instant: Date): number {
  const parts = LONDON_CLOCK.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC instant ('YYYY-MM-DDTHH:MM:00.000Z') of a date and 'HH:MM' time on a London clock.
 * A time that falls in the hour skipped when the clocks go forward is read as GMT; a time that
 * happens twice when they go back is read as the first (BST) one.
 */
export function londonWallTimeToInstant(isoDate: string, time: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Try the offset in force an hour either side of the wall time, earliest instant first.
  const candidates = [...new Set([londonOffsetMinutes(new Date(wall - 3_600_000)), londonOffsetMinutes(new Date(wall + 3_600_000))])]
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  const exact = candidates.find((at) => wall - londonOffsetMinutes(new Date(at)) * 60_000 === at);
  return new Date(exact ?? wall).toISOString();
}
