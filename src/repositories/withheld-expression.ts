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

function openRow(row: FlaggedRow): RawBuilder<SqlBool> {
  if (typeof row === 'string') return open(row);
  return sql<SqlBool>`(${sql.ref(`${row.optional}.id`)} is null or ${open(row.optional)})`;
}

/**
 * True for a public row: every one of the given rows is open (a document and its agenda item, a
 * minute and its item). `isPublicBusiness('d', { optional: 'ai' })` is a public paper.
 */
export function isPublicBusiness(...rows: readonly FlaggedRow[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(rows.map(openRow), sql` and `)})`;
}

/** True for withheld business: the negation of `isPublicBusiness` over the same rows. */
export function isWithheldBusiness(...rows: readonly FlaggedRow[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(not ${isPublicBusiness(...rows)})`;
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
