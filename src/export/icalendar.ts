// Serialises meetings as an iCalendar stream (RFC 5545): escaped text, lines folded at 75 octets, CRLF, Europe/London times.

export interface CalendarEvent {
  /** Globally unique and stable across exports (RFC 5545 §3.8.4.7), e.g. "meeting-12@council.example". */
  readonly uid: string;
  readonly summary: string;
  readonly description?: string | null;
  readonly location?: string | null;
  readonly url?: string | null;
  /** 'YYYY-MM-DD' in Europe/London. */
  readonly date: string;
  /** 'HH:MM' on a London clock; without it the event is all day (a DATE value, §3.6.1). */
  readonly startTime?: string | null;
  readonly status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** ISO instant of the record's last change: DTSTAMP and LAST-MODIFIED, so unchanged data gives unchanged bytes. */
  readonly lastModified: string;
  readonly sequence?: number;
}

export interface Calendar {
  readonly name: string;
  readonly description?: string;
  readonly events: readonly CalendarEvent[];
}

export const PRODUCT_ID = '-//Scrutineer//Meetings//EN';
export const TIME_ZONE = 'Europe/London';

/**
 * Europe/London as a VTIMEZONE (§3.6.5): BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October (Summer Time Order 2002, EU Directive 2000/84/EC timing).
 */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** §3.3.11: backslash, semicolon and comma are escaped with a backslash; a line break becomes "\n". */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * §3.1: lines longer than 75 octets are folded with CRLF and one space. Folding counts UTF-8 octets
 * and never splits a character: a multi-octet character moves whole to the next line.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // continuation lines start with the folding space, which counts
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function basicDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function utcStamp(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function eventLines(event: CalendarEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${utcStamp(event.lastModified)}`];
  if (event.startTime && /^\d{2}:\d{2}$/.test(event.startTime)) {
    lines.push(`DTSTART;TZID=${TIME_ZONE}:${basicDate(event.date)}T${event.startTime.replace(':', '')}00`);
  } else {
    // An all-day event: DTEND is the day after (§3.6.1, DATE values are exclusive at the end).
    lines.push(`DTSTART;VALUE=DATE:${basicDate(event.date)}`, `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.status}`, `LAST-MODIFIED:${utcStamp(event.lastModified)}`, `SEQUENCE:${event.sequence ?? 0}`, 'END:VEVENT');
  return lines;
}

export function serialiseCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    ...(calendar.events.some((e) => e.startTime) ? LONDON_VTIMEZONE : []),
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
