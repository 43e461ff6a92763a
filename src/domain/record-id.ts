// The range of record ids: what an id read from a URL, a query or a form may be before it reaches a query.

/**
 * The largest id a record can have: ids are PostgreSQL `integer` columns (and SQLite integers), so
 * a larger number names no record. PostgreSQL refuses to compare an `integer` with one (SQLSTATE
 * 22003, "out of range for type integer"), so edges check it, on both engines alike.
 */
export const MAX_RECORD_ID = 2_147_483_647;
