// Which of the tracker's standing entries (migration 0043) a write may have changed, worked out from the page tags it changed.
import { PARENT } from './page-tags.ts';

/*
 * An entry is one open recommendation as the public tracker counts it: its committee, officer,
 * year, origin, latest status and target in force (src/repositories/tracker-repository.ts
 * entries). It reads the recommendation, its review, the committee, the executive's response and
 * the responsible person, the live progress updates, and the limb, resolution, minute and agenda
 * item that made it (whether that business is public). A write names what it changed as page tags
 * (src/domain/page-tags.ts): "recommendation:12" the record written, "in:recommendation:12"
 * something belonging to it, "meeting" a record of some meeting the row did not name, "*" nobody
 * knows. Each tag is mapped here to the records whose recommendations the repository then looks up.
 */

/** Added to a write's change tags when it changed an entry: pages that show the tracker's summary go only then. */
export const TRACKER_ENTRY_TAG = 'tracker_entry';

/**
 * Kinds an entry reads whose record, or anything belonging to it ("in:review:3"), leads to the
 * recommendations whose entries it may change.
 */
const READ_WITH_PARTS = [
  'recommendation',
  'review',
  'executive_response',
  'progress_update',
  'resolution_limb',
  'resolution',
  'minute',
  'agenda_item',
] as const;

/** Kinds of record whose ids lead to the recommendations whose entries they may change: those, and a meeting, a body or a person itself. */
export const REACHING_KINDS = [...READ_WITH_PARTS, 'meeting', 'organisation', 'person'] as const;
export type ReachingKind = (typeof REACHING_KINDS)[number];

/** The records a write reached, by kind (none: no entry can have changed), or every entry. */
export type TrackerReach = 'everything' | Readonly<Partial<Record<ReachingKind, readonly number[]>>>;

/**
 * What a written record of each kind reaches (null: nothing an entry reads). A meeting is read for
 * nothing of its own, but publishing its agenda makes its draft items public at once
 * (workspace-repository.ts publishAgenda), and a draft item's recommendations are not on the tracker.
 */
const RECORD: Readonly<Record<string, ReachingKind | null>> = {
  ...Object.fromEntries(REACHING_KINDS.map((kind) => [kind, kind])),
  ...Object.fromEntries(
    ['membership', 'attendance', 'declaration', 'document', 'referral', 'issue', 'setting', 'user', TRACKER_ENTRY_TAG].map((kind) => [kind, null]),
  ),
};

/**
 * What a write of something belonging to a record reaches ("in:review:3"). Of a meeting, a body or a
 * person, what an entry reads (an agenda item, a minute, a review, a response) is written under a
 * tag of its own beside the owner's, so the owner's tag adds nothing.
 */
const PART: Readonly<Record<string, ReachingKind | null>> = {
  ...Object.fromEntries(READ_WITH_PARTS.map((kind) => [kind, kind])),
  ...Object.fromEntries(['meeting', 'organisation', 'person', 'issue'].map((kind) => [kind, null])),
};

/**
 * The owner's kind that a record's tags carry, whole, when its row does not name the owner
 * (page-tags.ts PARENT: a withdrawal records only `{ withdrawn }`). Beside that record's own tag it
 * is no news for the tracker: the record itself leads to whatever entry it can change, and so does a
 * recommendation beside its review's kind.
 */
const OWNER: Readonly<Record<string, string>> = { ...PARENT, recommendation: 'review' };

const PART_OF = 'in:';
const RECORD_TAG = /^([a-z_]+):(\d+)$/;
const KIND_TAG = /^[a-z_]+$/;

/**
 * The entries one audited write (or one re-indexed record) may have changed, from its tags. Anything
 * not understood reaches every entry: correctness first, as with the pages.
 */
export function trackerReach(tags: readonly string[]): TrackerReach {
  const records = new Map<ReachingKind, Set<number>>();
  const written = new Set<string>();
  for (const tag of tags) {
    const match = RECORD_TAG.exec(tag);
    if (match?.[1] !== undefined) written.add(match[1]);
  }
  for (const tag of tags) {
    const part = tag.startsWith(PART_OF);
    const text = part ? tag.slice(PART_OF.length) : tag;
    const record = RECORD_TAG.exec(text);
    if (record?.[1] !== undefined && record[2] !== undefined) {
      const table = part ? PART : RECORD;
      if (!Object.hasOwn(table, record[1])) return 'everything';
      const kind = table[record[1]];
      if (kind === null || kind === undefined) continue;
      const ids = records.get(kind) ?? new Set<number>();
      ids.add(Number(record[2]));
      records.set(kind, ids);
      continue;
    }
    if (part || !KIND_TAG.test(text) || !Object.hasOwn(RECORD, text)) return 'everything';
    // A kind without an id: some record of it, nobody said which.
    if (RECORD[text] === null) continue;
    if ([...written].some((kind) => OWNER[kind] === text)) continue;
    return 'everything';
  }
  return Object.fromEntries([...records].map(([kind, ids]) => [kind, [...ids].sort((a, b) => a - b)]));
}

/** All of these reaches at once. */
export function joinReach(...reaches: readonly TrackerReach[]): TrackerReach {
  const records = new Map<ReachingKind, Set<number>>();
  for (const reach of reaches) {
    if (reach === 'everything') return 'everything';
    for (const kind of REACHING_KINDS) {
      const ids = reach[kind];
      if (ids === undefined) continue;
      const into = records.get(kind) ?? new Set<number>();
      for (const id of ids) into.add(id);
      records.set(kind, into);
    }
  }
  return Object.fromEntries([...records].map(([kind, ids]) => [kind, [...ids].sort((a, b) => a - b)]));
}
