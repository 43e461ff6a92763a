// Reads a CSV file of progress updates (one row per recommendation) for the bulk upload: header names, one row per line, with line numbers for messages.
import { parse } from 'csv-parse/sync';

const REQUIRED = ['recommendation_id', 'update_date', 'status', 'narrative'] as const;

export interface ProgressCsvRow {
  /** The line of the file the row came from (the header is line 1). */
  line: number;
  recommendationId: number;
  updateDate: string;
  status: string;
  rag: string | null;
  narrative: string;
  newTargetDate: string | null;
  slipReason: string | null;
}

export type ProgressCsvResult = { ok: true; rows: ProgressCsvRow[] } | { ok: false; problems: { line: number | null; message: string }[] };

export function parseProgressCsv(text: string): ProgressCsvResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { ok: false, problems: [{ line: null, message: `The file is not a readable CSV file: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [{ line: null, message: 'The file is empty' }] };
  const names = header.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, problems: [{ line: 1, message: `The first line must name the columns; missing: ${missing.join(', ')}` }] };
  if (body.length === 0) return { ok: false, problems: [{ line: null, message: 'The file has no rows after the header' }] };
  const at = (record: string[], column: string) => (record[names.indexOf(column)] ?? '').trim();
  const rows: ProgressCsvRow[] = [];
  const problems: { line: number; message: string }[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const id = at(record, 'recommendation_id');
    if (!/^[1-9][0-9]{0,8}$/.test(id)) {
      problems.push({ line, message: `recommendation_id must be a recommendation's number in the workspace, not “${id}”` });
      return;
    }
    const optional = (column: string) => (names.includes(column) && at(record, column) !== '' ? at(record, column) : null);
    rows.push({
      line,
      recommendationId: Number(id),
      updateDate: at(record, 'update_date'),
      status: at(record, 'status'),
      rag: optional('rag'),
      narrative: at(record, 'narrative'),
      newTargetDate: optional('new_target_date'),
      slipReason: optional('slip_reason'),
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
