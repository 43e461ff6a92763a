// What a stored page shows and what a write changed, named by the same tags ("meeting:12", "person"), and whether a write lets go of a page.

/*
 * The tags, as a page shows them:
 * - "meeting:12": meeting 12 and everything of it (its agenda, papers, minutes): the meeting's own page;
 * - "=meeting:12": meeting 12's own record only (its date and place, as another page names it);
 * - "person": records of that kind, whichever (the names of people a page lists).
 * And as a write changed them:
 * - "meeting:12": the record itself was written;
 * - "in:meeting:12": something of meeting 12 was written (a minute, an attendance);
 * - "meeting": something of some meeting was written, and the row did not say which;
 * - "*": nobody can say what was written.
 */

/** A page tag naming only a record's own fields, not what belongs to it. */
export const RECORD_ONLY = '=';
/** A change tag naming the record that what was written belongs to. */
const PART_OF = 'in:';

/** Change-log rows kept: a process further behind than this cannot tell what changed and lets go of every page. */
export const CHANGE_LOG_KEPT = 5000;
/** Rows read back behind the last one seen: on PostgreSQL a row's id is taken at insert, so a longer transaction may commit a lower id after a higher one was read. */
export const CHANGE_LOG_LOOKBACK = 200;

/** A write whose reach is not known: every stored page goes. */
export const EVERYTHING = '*';

/**
 * The record a written row belongs to, by the column naming it: a new agenda item changes its
 * meeting's page, a progress update its recommendation's.
 */
const OWNER_COLUMNS: Readonly<Record<string, string>> = {
  meeting_id: 'meeting',
  target_meeting_id: 'meeting',
  signed_off_meeting_id: 'meeting',
  report_meeting_id: 'meeting',
  response_meeting_id: 'meeting',
  agreed_meeting_id: 'meeting',
  signed_off_minute_id: 'minute',
  response_minute_id: 'minute',
  further_to_minute_id: 'minute',
  organisation_id: 'organisation',
  review_id: 'review',
  issue_id: 'issue',
  recommendation_id: 'recommendation',
  minute_id: 'minute',
  person_id: 'person',
};

/**
 * Kinds that are part of another record's page, and of which: when the written row does not name
 * its owner (a withdrawal records only `{ withdrawn }`), every page of the owner's kind goes. A
 * recommendation is not among them: a page showing a review's recommendations names each one
 * ("recommendation:12"), and a write that changes the review's derived status names the review.
 */
export const PARENT: Readonly<Record<string, string>> = {
  agenda_item: 'meeting',
  attendance: 'meeting',
  declaration: 'meeting',
  document: 'meeting',
  minute: 'meeting',
  resolution: 'meeting',
  resolution_limb: 'meeting',
  referral: 'meeting',
  executive_response: 'recommendation',
  progress_update: 'recommendation',
  membership: 'organisation',
};

/** Kinds whose writes are known to reach only the tags worked out here; any other kind lets go of every page. */
const KNOWN_KINDS = new Set([...Object.keys(PARENT), 'meeting', 'organisation', 'person', 'issue', 'review', 'recommendation', 'setting', 'user']);

function ownerTags(row: unknown, into: Set<string>): void {
  if (typeof row !== 'object' || row === null) return;
  for (const [column, kind] of Object.entries(OWNER_COLUMNS)) {
    const value = (row as Record<string, unknown>)[column];
    if (typeof value === 'number') into.add(`${PART_OF}${kind}:${value}`);
  }
}

/**
 * The tags an audited write changed: the record itself, the records its row names as owners, and
 * its owner's whole kind when the row does not say which (correctness first: a page that showed it
 * must go).
 */
export function writeTags(entityType: string, entityId: number | null, before: unknown, after: unknown): string[] {
  if (!KNOWN_KINDS.has(entityType)) return [EVERYTHING];
  const tags = new Set<string>();
  tags.add(entityId === null ? entityType : `${entityType}:${entityId}`);
  ownerTags(before, tags);
  ownerTags(after, tags);
  const parent = PARENT[entityType];
  if (parent !== undefined && ![...tags].some((tag) => tag.startsWith(`${PART_OF}${parent}:`))) tags.add(parent);
  return [...tags];
}

function kindOf(tag: string): string {
  const start = tag.startsWith(RECORD_ONLY) ? RECORD_ONLY.length : 0;
  const colon = tag.indexOf(':', start);
  return tag.slice(start, colon < 0 ? undefined : colon);
}

/**
 * Whether a write that changed `changed` lets go of a page showing `shown`. A page that says
 * nothing of what it shows (undefined) goes with every write. A record written ("meeting:12")
 * reaches the page that shows it, its own fields or any record of its kind; something of a record
 * written ("in:meeting:12") reaches only the page that shows that record whole; a kind reaches every
 * page showing a record of it.
 */
export function reaches(changed: readonly string[], shown: ReadonlySet<string> | undefined): boolean {
  if (shown === undefined) return true;
  for (const tag of changed) {
    if (tag === EVERYTHING) return true;
    if (tag.startsWith(PART_OF)) {
      if (shown.has(tag.slice(PART_OF.length))) return true;
      continue;
    }
    const kind = kindOf(tag);
    if (kind !== tag) {
      if (shown.has(tag) || shown.has(RECORD_ONLY + tag) || shown.has(kind)) return true;
    } else {
      for (const page of shown) if (kindOf(page) === kind) return true;
    }
  }
  return false;
}

/** Tags as stored in the change log's one text column. */
export function joinTags(tags: Iterable<string>): string {
  return [...tags].join(' ');
}

export function splitTags(text: string): string[] {
  return text.split(' ').filter((tag) => tag !== '');
}
