// The value formats of modern.gov's web service: dd/mm/yyyy dates, "10.00 am" times, True/False, HTML text.
import { compile } from 'html-to-text';
import { InvalidDateError, parseIsoDate, type IsoDate } from '../../domain/iso-date.ts';

/** Why a value could not be read; the reader adds the file and element. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** "10/02/2026" → '2026-02-10'; an impossible date such as 31/02/2026 is an error, never rolled over. */
export function parseUkDate(value: string): IsoDate {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) throw new ValueError(`"${value}" is not a date in the form dd/mm/yyyy`);
  const [, day, month, year] = match as unknown as [string, string, string, string];
  try {
    return parseIsoDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
  } catch (error) {
    if (error instanceof InvalidDateError) throw new ValueError(`${value} is not a real date`);
    throw error;
  }
}

/**
 * "10.00 am" → '10:00', "2.00 pm" → '14:00', "12.30 pm" → '12:30', "12 noon" → '12:00'; also
 * 24-hour "14:00". modern.gov writes times on the council's (London) clock.
 */
export function parseClockTime(value: string): string {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^12(?:[.:]00)? ?(?:noon|midday)$/.test(text)) return '12:00';
  const match = /^(\d{1,2})(?:[.:](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  if (!match) throw new ValueError(`"${value}" is not a time such as "10.00 am"`);
  const [, h, m = '00', suffix] = match as unknown as [string, string, string | undefined, string | undefined];
  let hour = Number(h);
  const minute = Number(m);
  if (suffix) {
    if (hour < 1 || hour > 12) throw new ValueError(`"${value}" is not a time on a 12-hour clock`);
    const pm = suffix.startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59) throw new ValueError(`"${value}" is not a time of day`);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** modern.gov's "True"/"False"; a missing or blank flag is false. */
export function parseFlag(value: string | null): boolean {
  if (value === null) return false;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0' || text === '') return false;
  throw new ValueError(`"${value}" is not True or False`);
}

const MARKUP = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

const HTML_TO_TEXT_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/** The converter is compiled once: html-to-text otherwise merges the options and builds its selector tree again for every value. */
const htmlToText = compile(HTML_TO_TEXT_OPTIONS);

/**
 * Plain text from modern.gov's HTML fields (agenda text, minutes) and titles. Tags are parsed by
 * html-to-text, never passed on, and entities decoded; text that was escaped twice ("&amp;lt;p&amp;gt;")
 * still holds markup after one pass, so it is converted again (at most three times in all).
 */
export function plainText(value: string | null): string | null {
  if (value === null) return null;
  let text = value;
  for (let pass = 0; pass < 3; pass += 1) {
    text = htmlToText(text);
    if (!MARKUP.test(text)) break;
  }
  const tidy = text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidy === '' ? null : tidy;
}

/** A URL as given, with an escaped ampersand ("&amp;", left by double escaping) restored. */
export function plainUrl(value: string | null): string | null {
  if (value === null) return null;
  const url = value.trim().replace(/&amp;/gi, '&');
  return /^https?:\/\//i.test(url) ? url : null;
}
