// Turns the tracker (every open recommendation, its summary and filter choices) into the page's view model and the CSV's rows.
import { formatLongDate, parseIsoDate } from '../../domain/iso-date.ts';
import { Rag } from '../../domain/vocabulary.ts';
import type { TrackerFilter, TrackerRow, TrackerService } from '../../services/tracker-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, pagination, type PageModel } from './presenter-support.ts';

type Tracker = Awaited<ReturnType<TrackerService['tracker']>>;
type TrackerPage = Awaited<ReturnType<TrackerService['trackerPage']>>;

const long = (date: string | null) => (date ? formatLongDate(parseIsoDate(date)) : null);

function option(value: string, text: string, selected: string | undefined) {
  return { value, text, selected: value === (selected ?? '') };
}

/** "30 June 2026", "Annual Participation", or "None set". */
function targetText(row: TrackerRow): string {
  return long(row.targetDate) ?? row.targetText ?? 'None set';
}

/** Where a recommendation was made: its review's page, or the page of the meeting whose minute made it. */
function sourceHref(row: TrackerRow): string | null {
  if (row.reviewSlug !== null) return paths.review(row.reviewSlug);
  return row.madeAtSlug === null ? null : paths.meeting(row.madeAtSlug);
}

/** Rows per page of the HTML table: a 20-year archive holds tens of thousands of open recommendations. */
export const TRACKER_PAGE_SIZE = 100;

/** How many pages the tracker's matching recommendations fill. */
export function trackerPageCount(matching: number): number {
  return Math.max(1, Math.ceil(matching / TRACKER_PAGE_SIZE));
}

/** One page of the tracker: `tracker.rows` are that page's rows, `tracker.summary.total` all that match. */
export function presentTracker(tracker: TrackerPage, filter: TrackerFilter, page = 1): PageModel & Record<string, unknown> {
  const filtered = Object.values(filter).some((v) => v);
  const pageCount = trackerPageCount(tracker.summary.total);
  const first = (page - 1) * TRACKER_PAGE_SIZE;
  const shown = tracker.rows;
  return {
    pageTitle: 'Recommendation tracker',
    breadcrumbs: [HOME_CRUMB, { text: 'Recommendation tracker' }],
    today: long(tracker.today),
    filtered,
    summary: [
      { label: 'Due', count: tracker.summary.due, hint: 'target date still to come' },
      { label: 'Overdue', count: tracker.summary.overdue, hint: 'target date passed' },
      { label: 'Slipped', count: tracker.summary.slipped, hint: 'target date moved' },
      { label: 'Achieved', count: tracker.summary.achieved, hint: 'awaiting sign-off' },
    ],
    total: tracker.summary.total,
    filters: {
      committee: [option('', 'All committees', filter.committee), ...tracker.options.committees.map((c) => option(c.value, c.text, filter.committee))],
      officer: [option('', 'All officers', filter.officer), ...tracker.options.officers.map((o) => option(o, o, filter.officer))],
      status: [option('', 'Any status', filter.status), ...tracker.options.statuses.map((s) => option(s.value, s.text, filter.status))],
      year: [option('', 'Any year', filter.year), ...tracker.options.years.map((y) => option(y, y, filter.year))],
      origin: [option('', 'Any origin', filter.origin), ...tracker.options.origins.map((o) => option(o.value, o.text, filter.origin))],
    },
    clearHref: paths.tracker(),
    csvHref: paths.trackerCsv(filter),
    pagination: pagination(page, pageCount, (n) => paths.tracker({ ...filter, ...(n > 1 ? { page: n } : {}) })),
    showing: pageCount > 1 ? { from: first + 1, to: first + shown.length } : null,
    rows: shown.map((row) => ({
      review: { text: row.reviewTitle, href: sourceHref(row) },
      recommendation: {
        text: `Recommendation ${row.number}`,
        href: row.reviewSlug === null ? sourceHref(row) : paths.recommendation(row.reviewSlug, row.number),
      },
      reference: row.reference,
      origin: row.addressee ? `${row.originLabel}, to ${row.addressee}` : row.originLabel,
      committee: row.committeeName,
      decision: row.outcomeLabel ? `${row.decisionLabel} (${row.outcomeLabel.toLowerCase()})` : row.decisionLabel,
      officer: row.officer ? { text: row.officer, href: row.officerSlug ? paths.person(row.officerSlug) : null } : null,
      target: targetText(row),
      originalTarget: long(row.originalTargetDate),
      status: row.latestStatusLabel,
      statusDate: long(row.latestUpdateDate),
      rag: row.rag,
      daysOverdue: row.daysOverdue,
    })),
  };
}

export const TRACKER_CSV_COLUMNS = [
  'Review',
  'Recommendation',
  'Recommendation text',
  'Committee',
  'Response decision',
  'Outcome',
  'Officer',
  'Target date',
  'Target (as agreed)',
  'Original target date',
  'Latest status',
  'Latest update',
  'RAG',
  'Days overdue',
  'Address',
  'Reference',
  'Origin',
] as const;

/** One CSV row per open recommendation: dates as YYYY-MM-DD so spreadsheets sort them. */
export function trackerCsvRows(tracker: Tracker, origin: string): (string | number | null)[][] {
  return tracker.rows.map((row) => [
    row.reviewTitle,
    row.number,
    row.text,
    row.committeeName,
    row.decisionLabel,
    row.outcomeLabel,
    row.officer,
    row.targetDate,
    row.targetText,
    row.originalTargetDate,
    row.latestStatusLabel,
    row.latestUpdateDate,
    row.rag === null ? null : Rag.label(row.rag),
    row.daysOverdue,
    `${origin}${row.reviewSlug === null ? (sourceHref(row) ?? paths.tracker()) : paths.recommendation(row.reviewSlug, row.number)}`,
    row.reference,
    row.originLabel,
  ]);
}
