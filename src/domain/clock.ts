// The one source of "now", so tests can fix the date and every rule sees the same day.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}

/** Today's calendar date in Europe/London, as 'YYYY-MM-DD': deadlines are counted in local days. */
export function londonToday(clock: Clock): string {
  return londonDate(clock.now());
}

export function londonDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
