// The one SQL form of the withheld-business rule (src/domain/withheld.ts): every query that leaves withheld rows out, or lists them, uses it.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { WithheldReach } from '../domain/withheld.ts';

/** The aliases under which queries join the two tables that carry the flags. */
export type FlaggedAlias = 'ai' | 'd' | 'agenda_items' | 'documents';

/**
 * A row whose flags are joined: `required` for the row's own table, `optional` for a left-joined
 * agenda item that may be absent (a minute or paper not on any item is public by that side).
 */
export type FlaggedRow = FlaggedAlias | { readonly optional: FlaggedAlias };

function open(alias: FlaggedAlias): RawBuilder<SqlBool> {
  // LGA 1972 s.100A and Schedule 12A: exempt (a paragraph), confidential, or modern.gov's restricted.
  return sql<SqlBool>`(${sql.ref(`${alias}.exempt_paragraph`)} is null and ${sql.ref(`${alias}.is_confidential`)} = 0 and ${sql.ref(`${alias}.is_restricted`)} = 0)`;
}

/**
 * An open row that is also published and live: an agenda item added before its meeting's agenda is
 * published is a draft (migration 0021), and LGA 1972 s.100B(1) makes the agenda and its reports open
 * to inspection only once the agenda is published, so a draft item and its papers are not public yet.
 * An item or paper withdrawn as created in error (migration 0023) is public nowhere, and neither is
 * what hangs from it (a withdrawn item's minutes, resolutions and papers), so the one rule says so.
 */
function published(alias: FlaggedAlias): RawBuilder<SqlBool> {
  const live = sql<SqlBool>`${sql.ref(`${alias}.withdrawn_at`)} is null`;
  if (alias === 'ai' || alias === 'agenda_items') return sql<SqlBool>`(${open(alias)} and ${sql.ref(`${alias}.is_draft`)} = 0 and ${live})`;
  return sql<SqlBool>`(${open(alias)} and ${live})`;
}

function row(flagged: FlaggedRow, test: (alias: FlaggedAlias) => RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  if (typeof flagged === 'string') return test(flagged);
  return sql<SqlBool>`(${sql.ref(`${flagged.optional}.id`)} is null or ${test(flagged.optional)})`;
}

/**
 * True for a public row: every one of the given rows is open, published and not withdrawn (a document
 * and its agenda item, a minute and its item). `isPublicBusiness('d', { optional: 'ai' })` is a public paper.
 */
export function isPublicBusiness(...rows: readonly FlaggedRow[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    rows.map((r) => row(r, published)),
    sql` and `,
  )})`;
}

/**
 * True for withheld business: a row that some given row's flags withhold (exempt, confidential,
 * restricted). A draft is not withheld business: it is the body's open business, only not yet published.
 */
export function isWithheldBusiness(...rows: readonly FlaggedRow[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(not (${sql.join(
    rows.map((r) => row(r, open)),
    sql` and `,
  )}))`;
}

/**
 * True for rows of a body whose withheld business the reader may read (`organisationColumn` names
 * the body, e.g. 'm.organisation_id'): all for every body, the seats' bodies otherwise, none for none.
 */
export function withinReach(reach: WithheldReach, organisationColumn: string): RawBuilder<SqlBool> {
  if (reach.kind === 'every-body') return sql<SqlBool>`1 = 1`;
  if (reach.organisationIds.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(organisationColumn)} in (${sql.join([...reach.organisationIds])})`;
}

/**
 * True for a live row: none of the given rows (by alias or table name) was withdrawn as created in
 * error (migration 0023). Every public read of a withdrawable table asks it beside the withheld
 * rule, so a withdrawn record leaves pages, feeds, files, the API and search in the same commit.
 */
export function notWithdrawn(...rows: readonly (string | { readonly optional: string })[]): RawBuilder<SqlBool> {
  // A left-joined row that is absent (a paper on no agenda item) is live by that side.
  return sql<SqlBool>`(${sql.join(
    rows.map((row) =>
      typeof row === 'string'
        ? sql`${sql.ref(`${row}.withdrawn_at`)} is null`
        : sql`(${sql.ref(`${row.optional}.id`)} is null or ${sql.ref(`${row.optional}.withdrawn_at`)} is null)`,
    ),
    sql` and `,
  )})`;
}
