// Reads a council's recommendations tracker (CSV) into checked rows, naming the line and reason of every bad one.
import { CsvError, parse } from 'csv-parse/sync';
import { InvalidDateError, parseIsoDate, type IsoDate } from '../../domain/iso-date.ts';
import { ProgressStatus, type ResponseDecision } from '../../domain/vocabulary.ts';
import { present } from '../../domain/present.ts';
import { ImportInputError } from '../import-error.ts';
import { decodeTextFile } from '../text-input.ts';

export const TRACKER_FIELDS = [
  'reference',
  'review',
  'date_agreed',
  'recommendation',
  'response',
  'decision',
  'lead_officer',
  'target_date',
  'status',
  'latest_update',
  'update_date',
] as const;
export type TrackerField = (typeof TRACKER_FIELDS)[number];

/** The headings councils use for each field, compared in lower case with punctuation as spaces. */
const HEADINGS: Record<TrackerField, string[]> = {
  reference: ['reference', 'ref', 'ref no', 'rec no', 'rec ref', 'recommendation number', 'recommendation no', 'recommendation ref', 'no', 'number'],
  review: ['review', 'origin', 'review or origin', 'review origin', 'source', 'scrutiny review', 'review title'],
  date_agreed: ['date agreed', 'agreed', 'date', 'date of decision', 'date recommendation agreed'],
  recommendation: ['recommendation', 'recommendations', 'recommendation text'],
  response: ['response', 'executive response', 'cabinet response', 'response to recommendation'],
  decision: ['decision', 'response decision', 'accepted', 'accepted rejected'],
  lead_officer: ['lead officer', 'responsible officer', 'officer', 'lead'],
  target_date: ['target date', 'action by', 'deadline', 'due date', 'timescale'],
  status: ['status', 'progress status', 'rag status'],
  latest_update: ['latest update', 'update', 'progress', 'progress update', 'comments'],
  update_date: ['update date', 'date of update', 'last updated'],
};

export interface TrackerRow {
  /** The line in the file on which the row ends (the heading is line 1). */
  line: number;
  reference: string | null;
  review: string;
  dateAgreed: IsoDate | null;
  recommendation: string;
  response: string | null;
  decision: ResponseDecision | null;
  leadOfficer: string | null;
  targetDate: IsoDate | null;
  targetText: string | null;
  status: ProgressStatus | null;
  latestUpdate: string | null;
  updateDate: IsoDate | null;
}

export interface TrackerRowError {
  line: number;
  reason: string;
}

export interface TrackerReadResult {
  /** Which heading fills each field. */
  columns: Partial<Record<TrackerField, string>>;
  rows: TrackerRow[];
  errors: TrackerRowError[];
}

function normalise(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Parses "--map Heading=field,Other heading=field" into heading → field; an unknown field is an error. */
export function parseColumnMap(value: string): Record<string, TrackerField> {
  const map: Record<string, TrackerField> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new ImportInputError('--map', null, `"${pair}" is not column=field`);
    const heading = pair.slice(0, at).trim();
    const field = pair
      .slice(at + 1)
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (!(TRACKER_FIELDS as readonly string[]).includes(field)) {
      throw new ImportInputError('--map', null, `"${field}" is not a tracker field (fields: ${TRACKER_FIELDS.join(', ')})`);
    }
    map[normalise(heading)] = field as TrackerField;
  }
  return map;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A date as trackers write it: 31/03/2027, 31-03-2027, 2027-03-31 or 31 March 2027. Returns null
 * for text that is not a date at all ("Annual Participation"); throws for one that cannot be
 * (31/02/2026).
 */
export function parseTrackerDate(value: string): IsoDate | null {
  const text = value.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) [, d, m, y] = match as unknown as [string, string, string, string];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) [, y, m, d] = match as unknown as [string, string, string, string];
  else if ((match = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})$/i.exec(text))) {
    // All three groups take part in every match of this pattern.
    const [, day = '', monthName = '', year = ''] = match;
    const month = MONTHS.findIndex((name) => name.startsWith(monthName.toLowerCase()) && monthName.length >= 3);
    if (month < 0) return null;
    [d, m, y] = [day, String(month + 1), year];
  } else return null;
  try {
    return parseIsoDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  } catch (error) {
    if (error instanceof InvalidDateError) throw new RangeError(`${text} is not a real date`, { cause: error });
    throw error;
  }
}

const STATUS_WORDS: [RegExp, ProgressStatus][] = [
  [/^(not started|not yet started)$/, 'not_started'],
  [/^(on track|in progress|ongoing|green|on target)$/, 'on_track'],
  [/^(slipped|delayed|behind|behind schedule|amber|red|off track)$/, 'slipped'],
  [/^(achieved|complete|completed|implemented|done|closed achieved)$/, 'achieved'],
  [/^not (achieved|implemented)$/, 'not_achieved'],
  [/^(no further action|nfa|n f a|n f a required|nfa required|no further action required)$/, 'no_further_action'],
  [/^(no longer relevant|superseded|withdrawn)$/, 'no_longer_relevant'],
];

function progressStatus(value: string): ProgressStatus | null {
  const text = normalise(value).replace(/\s+/g, ' ');
  if (ProgressStatus.is(text.replace(/ /g, '_'))) return text.replace(/ /g, '_') as ProgressStatus;
  return STATUS_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** The executive's decision, from a decision column or the opening words of the response. */
function responseDecision(value: string): ResponseDecision | null {
  const text = normalise(value);
  if (/^(partially|partly) (accepted|agreed|supported)/.test(text)) return 'partially_accepted';
  if (/^(accepted|agreed|supported) in principle/.test(text)) return 'accepted_in_principle';
  if (/^(not accepted|not agreed|not supported|rejected|declined)/.test(text)) return 'not_accepted';
  if (/^deferred/.test(text)) return 'deferred';
  if (/^(accepted|agreed|supported|yes)\b/.test(text)) return 'accepted';
  return null;
}

/** Reads the file: malformed CSV or a file that is not text is an ImportInputError; bad rows are listed. */
export function readTracker(file: string, bytes: Uint8Array, columnMap: Record<string, TrackerField> = {}): TrackerReadResult {
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new ImportInputError(file, null, decoded.reason);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, { info: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }) as never;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new ImportInputError(file, line ? `line ${line}` : null, `malformed CSV: ${error.message.replace(/^Invalid [^:]*: /, '')}`);
    }
    throw error;
  }

  const [first] = records;
  if (first === undefined) throw new ImportInputError(file, null, 'the file is empty');
  const headings = first.record;
  const columns: Partial<Record<TrackerField, string>> = {};
  const index: Partial<Record<TrackerField, number>> = {};
  headings.forEach((heading, i) => {
    const key = normalise(heading);
    const field = columnMap[key] ?? TRACKER_FIELDS.find((f) => HEADINGS[f].includes(key) && index[f] === undefined && !Object.values(columnMap).includes(f));
    if (field && index[field] === undefined) {
      index[field] = i;
      columns[field] = heading;
    }
  });
  for (const [heading] of Object.entries(columnMap)) {
    if (!headings.some((h) => normalise(h) === heading))
      throw new ImportInputError(file, 'line 1', `--map names a column "${heading}" that is not in the file`);
  }
  for (const required of ['review', 'recommendation'] as const) {
    if (index[required] === undefined) {
      throw new ImportInputError(
        file,
        'line 1',
        `no column for ${required.replace('_', ' ')} (headings: ${headings.map((h) => `"${h}"`).join(', ')}); name it with --map "Heading=${required}"`,
      );
    }
  }

  const rows: TrackerRow[] = [];
  const errors: TrackerRowError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (field: TrackerField): string | null => {
      const i = index[field];
      const value = i === undefined ? undefined : record[i];
      return value === undefined || value.trim() === '' ? null : value.trim();
    };
    if (record.every((v) => v.trim() === '')) continue;
    const problems: string[] = [];
    const date = (field: TrackerField, label: string, mustBeDate: boolean): { date: IsoDate | null; text: string | null } => {
      const value = cell(field);
      if (value === null) return { date: null, text: null };
      try {
        const parsed = parseTrackerDate(value);
        if (parsed === null && mustBeDate) problems.push(`${label} "${value}" is not a date`);
        return { date: parsed, text: parsed === null ? value : null };
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        return { date: null, text: null };
      }
    };
    const review = cell('review');
    const recommendation = cell('recommendation');
    if (review === null) problems.push('the review (or origin) is blank');
    if (recommendation === null) problems.push('the recommendation is blank');
    const agreed = date('date_agreed', 'date agreed', true);
    const target = date('target_date', 'target date', false);
    const updated = date('update_date', 'update date', true);
    const statusText = cell('status');
    const status = statusText === null ? null : progressStatus(statusText);
    if (statusText !== null && status === null) {
      problems.push(`status "${statusText}" is not one of: ${ProgressStatus.values.map((v) => ProgressStatus.label(v)).join(', ')}`);
    }
    const latestUpdate = cell('latest_update');
    if (latestUpdate !== null && status === null && statusText === null) problems.push('a latest update needs a status');
    const response = cell('response');
    const decisionText = cell('decision');
    const decision = decisionText !== null ? responseDecision(decisionText) : response !== null ? responseDecision(response) : null;
    if (decisionText !== null && decision === null)
      problems.push(`decision "${decisionText}" is not accepted, partially accepted, accepted in principle, not accepted or deferred`);
    const reference = cell('reference');
    if (reference !== null && review !== null) {
      const key = `${review.toLowerCase()}\u0000${reference.toLowerCase()}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push(`reference "${reference}" is used twice for this review (also on line ${earlier})`);
      seen.set(key, line);
    }
    if (problems.length > 0) {
      errors.push({ line, reason: problems.join('; ') });
      continue;
    }
    rows.push({
      line,
      reference,
      review: present(review, 'the review'),
      dateAgreed: agreed.date,
      recommendation: present(recommendation, 'the recommendation'),
      response,
      decision,
      leadOfficer: cell('lead_officer'),
      targetDate: target.date,
      targetText: target.text,
      status,
      latestUpdate,
      updateDate: updated.date,
    });
  }
  return { columns, rows, errors };
}
