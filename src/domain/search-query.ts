// What a search box's words mean, the same on every engine: terms and "quoted phrases", all required; and safe highlighted snippets.
import { present } from './present.ts';

/** A parsed query: each part is one word or a quoted phrase of words; every part must match. */
export interface SearchQuery {
  readonly parts: readonly (readonly string[])[];
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Longer queries are cut: a search box is not a document, and each part costs the engines work. */
const MAX_PARTS = 12;

/**
 * Parses what a person typed. Only letters and digits survive, so nothing typed can reach either
 * engine's query syntax (FTS5 MATCH operators, tsquery operators): punctuation separates words.
 */
export function parseSearchQuery(input: string): SearchQuery {
  const parts: string[][] = [];
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of input.normalize('NFC').matchAll(pattern)) {
    const words = (match[1] ?? match[2] ?? '').toLowerCase().match(WORD) ?? [];
    if (words.length === 0) continue;
    // An unquoted token broken by punctuation ("e-mail", "S.9FE") stays a phrase: its words belong together.
    parts.push(words);
    if (parts.length === MAX_PARTS) break;
  }
  return { parts };
}

export function isEmptyQuery(query: SearchQuery): boolean {
  return query.parts.length === 0;
}

/** The query as SQLite FTS5 MATCH text: each part a double-quoted string (a phrase), joined by AND. */
export function toFts5Match(query: SearchQuery): string {
  return query.parts.map((words) => `"${words.join(' ')}"`).join(' AND ');
}

/** The query as PostgreSQL websearch_to_tsquery text: quoted phrases, implicitly ANDed. */
export function toWebsearch(query: SearchQuery): string {
  return query.parts.map((words) => (words.length === 1 ? words[0] : `"${words.join(' ')}"`)).join(' ');
}

// A rough English stem for highlighting only (the engines do the real matching): enough that
// "partners" marks "partner" and "participation" marks "participate".
const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'es', 'ed', 'ly', 's', 'e', 'y'];
function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => present(HTML_ESCAPES[c], 'HTML_ESCAPES[c]'));
}

function isMatch(word: string, stems: readonly string[]): boolean {
  const lower = word.toLowerCase();
  return stems.some((s) => lower.startsWith(s) && lower.length - s.length <= 5);
}

export interface Snippet {
  /** HTML: the stored text escaped first, then matched words wrapped in <mark>. Safe to print unescaped. */
  readonly html: string;
  readonly matched: boolean;
}

/**
 * A window of about `length` characters around the first matched word, as escaped HTML with matches
 * in <mark>. Escaping comes first and marks are added between escaped pieces, so stored text such as
 * "<script>" always comes back as "&lt;script&gt;".
 */
export function highlight(text: string, query: SearchQuery, length = 240): Snippet {
  const stems = [...new Set(query.parts.flat().map(stem))];
  const clean = text.replace(/\s+/g, ' ').trim();
  // The first match only: a document's text runs to thousands of words, and the rest are not shown.
  let first: RegExpExecArray | undefined;
  for (const w of clean.matchAll(WORD)) {
    if (isMatch(w[0], stems)) {
      first = w;
      break;
    }
  }
  let start = 0;
  if (first && first.index > length / 3) {
    start = first.index - Math.floor(length / 3);
    const space = clean.indexOf(' ', start);
    start = space === -1 || space > first.index ? start : space + 1;
  }
  let end = Math.min(clean.length, start + length);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const window = clean.slice(start, end);
  let html = '';
  let cursor = 0;
  let matched = false;
  for (const w of window.matchAll(WORD)) {
    if (!isMatch(w[0], stems)) continue;
    matched = true;
    html += escapeHtml(window.slice(cursor, w.index)) + `<mark>${escapeHtml(w[0])}</mark>`;
    cursor = w.index + w[0].length;
  }
  html += escapeHtml(window.slice(cursor));
  return { html: `${start > 0 ? '… ' : ''}${html}${end < clean.length ? ' …' : ''}`, matched };
}
