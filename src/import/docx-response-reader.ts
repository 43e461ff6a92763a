// Reads the table of a Word executive response (recommendation, agreed or not, response, officer, action by) into rows, reporting rows it cannot read.
//
// mammoth turns the .docx into plain HTML (its tables, paragraphs and lists, no styling), which
// fast-xml-parser walks. The table is found by its header words, not its position, because councils
// put a covering note, a title table or a signature block around it.
import mammoth from 'mammoth';
import { declaredExpandedBytes } from './zip-directory.ts';
import { XMLParser } from 'fast-xml-parser';
import { InvalidDateError, makeIsoDate, MONTH_NAMES, parseIsoDate } from '../domain/iso-date.ts';
import type { ResponseDecision, ResponseOutcome } from '../domain/vocabulary.ts';
import { present } from '../domain/present.ts';

export type ResponseColumn = 'recommendation' | 'decision' | 'response' | 'officer' | 'actionBy';

export interface ReadResponseRow {
  /** The table row it came from, counting the header row as 1 (what a person sees in Word). */
  row: number;
  number: number;
  text: string;
  points: string[];
  decision: ResponseDecision;
  responseText: string;
  proposedAction: string | null;
  reason: string | null;
  officerName: string | null;
  actionByDate: string | null;
  actionByText: string | null;
  outcome: ResponseOutcome | null;
}

export interface ResponseReadProblem {
  row: number;
  message: string;
}

export interface ResponseTableReading {
  /** The header of each column found, by what it holds. */
  columns: Partial<Record<ResponseColumn, string>>;
  rows: ReadResponseRow[];
  problems: ResponseReadProblem[];
}

/** The file is not a Word document, or holds no table with recommendation and response columns. */
export class ResponseTableNotFoundError extends Error {
  override name = 'ResponseTableNotFoundError';
}

interface Cell {
  paragraphs: string[];
  bullets: string[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
});

function childrenOf(node: Node): Node[] {
  const key = Object.keys(node).find((k) => k !== ':@');
  const value = key ? node[key] : undefined;
  return Array.isArray(value) ? (value as Node[]) : [];
}

function tagOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

/** A parsed value as text: the parser gives numbers for numeric text; anything else is no text. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function textOf(node: Node): string {
  if (tagOf(node) === '#text') return scalarText(node['#text']);
  if (tagOf(node) === 'br') return ' ';
  return childrenOf(node).map(textOf).join('');
}

function clean(text: string): string {
  // Word bullets typed as characters (•, the Symbol font's , dashes) are not part of the words.
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\u2022\uf0b7\u25aa\u25cf\u2013\u2014•▪●\-–]\s*/u, '');
}

function find(nodes: Node[], tag: string, into: Node[] = [], stopAt?: string): Node[] {
  for (const node of nodes) {
    if (tagOf(node) === tag) into.push(node);
    else if (tagOf(node) !== stopAt) find(childrenOf(node), tag, into, stopAt);
  }
  return into;
}

function readCell(node: Node): Cell {
  const cell: Cell = { paragraphs: [], bullets: [] };
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'li') {
        const text = clean(textOf(n));
        if (text) cell.bullets.push(text);
      } else if (tag === 'p' || tag === 'h1' || tag === 'h2' || tag === 'h3') {
        const text = clean(textOf(n));
        if (text) cell.paragraphs.push(text);
      } else {
        walk(childrenOf(n));
      }
    }
  };
  walk(childrenOf(node));
  return cell;
}

function rowsOf(table: Node): Cell[][] {
  // Rows of this table only: a table nested in a cell keeps its rows to itself.
  return find(childrenOf(table), 'tr', [], 'table').map((tr) =>
    childrenOf(tr)
      .filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th')
      .map(readCell),
  );
}

/** Which column a header names; the order of the tests matters ("action by" before "action"). */
export function classifyHeader(header: string): ResponseColumn | null {
  const h = header.toLowerCase();
  if (/action\s*by|by when|target|timescale|deadline|\bdate\b/.test(h)) return 'actionBy';
  if (/officer|responsib|lead\b|owner/.test(h)) return 'officer';
  if (/agreed|accept|decision|deferred/.test(h)) return 'decision';
  if (/recommendation/.test(h)) return 'recommendation';
  if (/response|comment|action/.test(h)) return 'response';
  return null;
}

/** "Agreed", "Not agreed", "Deferred", "Accepted in principle", … → the decision; null when unreadable. */
export function readDecision(text: string): ResponseDecision | null {
  const t = text
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t === '') return null;
  if (/^(not agreed|not accepted|rejected|disagreed?|no)\b/.test(t)) return 'not_accepted';
  if (/\b(partially|partly|in part)\b/.test(t)) return 'partially_accepted';
  if (/\bin principle\b/.test(t)) return 'accepted_in_principle';
  if (/^(deferred|interim|defer)\b/.test(t)) return 'deferred';
  if (/^(agreed|accepted|agree|accept|yes)\b/.test(t)) return 'accepted';
  return null;
}

const NFA = /^n\.?\s*f\.?\s*a\.?(\s+required)?\.?$|^no further action( required)?\.?$/i;

/** "31 March 2019", "Monday 31 March 2019", "31/03/2019" or "2019-03-31" → 'YYYY-MM-DD'; anything else is null. */
export function readActionByDate(text: string): string | null {
  const t = text.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return parseIsoDate(t);
    const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (slash) return makeIsoDate(Number(slash[3]), Number(slash[2]), Number(slash[1]));
    const words = /^(?:[A-Za-z]+day\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$/.exec(t);
    if (words) {
      const month = MONTH_NAMES.findIndex((m) => m.toLowerCase() === present(words[2], 'words[2]').toLowerCase());
      if (month >= 0) return makeIsoDate(Number(words[3]), month + 1, Number(words[1]));
    }
  } catch (error) {
    if (!(error instanceof InvalidDateError)) throw error;
  }
  return null;
}

function joinCell(cell: Cell | undefined): string {
  return cell ? [...cell.paragraphs, ...cell.bullets].join(' ').trim() : '';
}

export function readResponseTableFromHtml(html: string): ResponseTableReading {
  const tree = parser.parse(`<root>${html}</root>`) as Node[];
  for (const table of find(tree, 'table')) {
    const rows = rowsOf(table).filter((r) => r.length > 0);
    const header = rows[0];
    if (!header) continue;
    const columns: Partial<Record<ResponseColumn, string>> = {};
    const index: Partial<Record<ResponseColumn, number>> = {};
    header.forEach((cell, i) => {
      const text = joinCell(cell);
      const kind = classifyHeader(text);
      if (kind && index[kind] === undefined) {
        index[kind] = i;
        columns[kind] = text;
      }
    });
    if (index.recommendation === undefined || index.response === undefined) continue;

    const reading: ResponseTableReading = { columns, rows: [], problems: [] };
    let lastNumber = 0;
    rows.slice(1).forEach((cells, i) => {
      const row = i + 2;
      const at = (kind: ResponseColumn) => (index[kind] === undefined ? undefined : cells[index[kind]]);
      const rec = at('recommendation');
      if (cells.every((c) => joinCell(c) === '')) return;
      const problems: string[] = [];
      // The first paragraph is the recommendation ("3. The Council will ..."); the rest are its points.
      const parts = rec ? [...rec.paragraphs, ...rec.bullets] : [];
      const first = parts[0] ?? '';
      const numbered = /^(\d{1,3})\s*[.):]?\s+(.+)$/.exec(first);
      const number = numbered ? Number(numbered[1]) : lastNumber + 1;
      const text = numbered ? present(numbered[2], 'numbered[2]').trim() : first;
      const points = parts.slice(1);
      if (text === '') problems.push('the recommendation is blank');

      const decisionText = joinCell(at('decision'));
      const decision = readDecision(decisionText);
      if (decision === null) {
        problems.push(
          decisionText === ''
            ? 'the decision is blank: expected agreed, not agreed, deferred, partially agreed or agreed in principle'
            : `the decision “${decisionText}” is not one of agreed, not agreed, deferred, partially agreed or agreed in principle`,
        );
      }

      const response = at('response');
      const responseParagraphs: string[] = [];
      let proposedAction: string | null = null;
      let reason: string | null = null;
      for (const p of [...(response?.paragraphs ?? []), ...(response?.bullets ?? [])]) {
        const action = /^action:\s*(.+)$/i.exec(p);
        const why = /^reason:\s*(.+)$/i.exec(p);
        if (action) proposedAction = present(action[1], 'action[1]');
        else if (why) reason = present(why[1], 'why[1]');
        else responseParagraphs.push(p);
      }
      const responseText = responseParagraphs.join('\n\n');
      if (responseText === '') problems.push('the response is blank');

      let outcome: ResponseOutcome | null = null;
      let officerName: string | null = joinCell(at('officer')) || null;
      if (officerName && NFA.test(officerName)) {
        outcome = 'no_further_action';
        officerName = null;
      }
      let actionByText: string | null = joinCell(at('actionBy')) || null;
      let actionByDate: string | null = null;
      if (actionByText && NFA.test(actionByText)) {
        outcome = 'no_further_action';
        actionByText = null;
      } else if (actionByText) {
        actionByDate = readActionByDate(actionByText);
        if (actionByDate) actionByText = null;
      }

      if (problems.length > 0 || decision === null) {
        reading.problems.push({ row, message: `Row ${row}${numbered ? ` (recommendation ${number})` : ''}: ${problems.join('; ')}.` });
        return;
      }
      if (reading.rows.some((r) => r.number === number)) {
        reading.problems.push({ row, message: `Row ${row}: recommendation ${number} appears twice.` });
        return;
      }
      lastNumber = number;
      reading.rows.push({ row, number, text, points, decision, responseText, proposedAction, reason, officerName, actionByDate, actionByText, outcome });
    });
    return reading;
  }
  throw new ResponseTableNotFoundError('No table with recommendation and response columns was found in the document.');
}

/**
 * The most a response file's parts may expand to: a response table is a few pages, and mammoth
 * expands the whole file in memory on the thread that answers requests, so a zip bomb (kilobytes
 * declaring gigabytes) is refused from its directory before anything is expanded.
 */
export const MAX_RESPONSE_EXPANDED_BYTES = 20 * 1024 * 1024;

/** Reads a .docx file's response table. */
export async function readResponseTable(buffer: Buffer): Promise<ResponseTableReading> {
  const expanded = declaredExpandedBytes(buffer);
  if (expanded === null) throw new ResponseTableNotFoundError('The file could not be read as a Word (.docx) document.');
  if (expanded > MAX_RESPONSE_EXPANDED_BYTES) {
    throw new ResponseTableNotFoundError(
      `The Word file expands to ${Math.round(expanded / 1024 / 1024)} MB: a response file may expand to at most ${MAX_RESPONSE_EXPANDED_BYTES / 1024 / 1024} MB.`,
    );
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer })).value;
  } catch {
    throw new ResponseTableNotFoundError('The file could not be read as a Word (.docx) document.');
  }
  return readResponseTableFromHtml(html);
}
