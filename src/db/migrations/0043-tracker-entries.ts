// The tracker's entries as a standing table: one row per recommendation the public tracker lists, kept by every write, so its summary and pages are read without deriving every open recommendation again.
import { sql, type Kysely } from 'kysely';
import { OPEN_RECOMMENDATION_STATUSES } from '../../domain/recommendation-lifecycle.ts';

// The tracker's summary and filter choices were counted, and its pages ordered, over a query that
// derived each open recommendation's latest status and target in force from its progress updates:
// about 9,300 of them on a 20-year archive, 23 ms of CPU on SQLite for every first rendering.
// The rows are now kept: each write refreshes, in its own transaction, the entries of the
// recommendations its tags reach (src/domain/tracker-entries.ts), from the same query
// (src/repositories/tracker-repository.ts entries), so the table never holds what no commit made.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracker_entries')
    // No reference to recommendations: a copy that could refuse a write to what it copies would
    // turn a stale row into a failed save.
    .addColumn('recommendation_id', 'integer', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('year_sequence', 'integer')
    .addColumn('origin_kind', 'text', (c) => c.notNull())
    .addColumn('review_id', 'integer')
    .addColumn('committee_slug', 'text', (c) => c.notNull())
    .addColumn('committee_name', 'text', (c) => c.notNull())
    .addColumn('sort_date', 'text')
    .addColumn('officer', 'text')
    .addColumn('year', 'text')
    .addColumn('latest_status', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text')
    .execute();
  // The summary's one grouped count reads this index alone, in its grouping order.
  await db.schema
    .createIndex('idx_tracker_entries_groups')
    .on('tracker_entries')
    .columns(['committee_slug', 'committee_name', 'officer', 'year', 'origin_kind', 'latest_status', 'target_date'])
    .execute();
  // A page is read in the tracker's order and stops at its last row; the filters' columns are in the
  // index too, so a filtered page is also read from the index alone.
  await db.schema
    .createIndex('idx_tracker_entries_order')
    .on('tracker_entries')
    .columns(['sort_date', 'review_id', 'year_sequence', 'number', 'recommendation_id', 'committee_slug', 'officer', 'latest_status', 'year', 'origin_kind'])
    .execute();
  // A write to a committee finds the recommendations a committee's minutes made without reading them all.
  await db.schema.createIndex('idx_recommendations_organisation').on('recommendations').column('organisation_id').execute();

  // The rows the tracker lists at this migration, as entries() derives them: a copy of that query
  // here, as every migration keeps the schema it was written for (test/integration/tracker-entries.test.ts
  // checks the two agree).
  const statuses = sql.join(OPEN_RECOMMENDATION_STATUSES.map((s) => sql.lit(s)));
  await sql`
    insert into tracker_entries
      (recommendation_id, number, year_sequence, origin_kind, review_id, committee_slug, committee_name, sort_date, officer, year, latest_status, target_date)
    select
      rec.id, rec.number, rec.year_sequence, rec.origin_kind, r.id, o.slug, o.name,
      coalesce(r.report_date, rec.made_on),
      coalesce(er.responsible_name, officer.name),
      substr(coalesce(r.report_date, rec.made_on), 1, 4),
      coalesce((select p.status from progress_updates p where p.recommendation_id = rec.id and p.withdrawn_at is null
        order by p.update_date desc, p.id desc limit 1), 'none'),
      coalesce((select p.new_target_date from progress_updates p where p.recommendation_id = rec.id and p.withdrawn_at is null
        and p.status = 'slipped' and p.new_target_date is not null and p.new_target_date <> ''
        order by p.update_date desc, p.id desc limit 1), er.action_by_date)
    from recommendations rec
    left join executive_responses er on er.recommendation_id = rec.id
    left join resolution_limbs limb on limb.id = rec.resolution_limb_id
    left join resolutions res on res.id = limb.resolution_id
    left join minutes mn on mn.id = res.minute_id
    left join agenda_items ai on ai.id = mn.agenda_item_id
    left join scrutiny_reviews r on r.id = rec.review_id
    join organisations o on o.id = coalesce(r.organisation_id, rec.organisation_id)
    left join people officer on officer.id = er.responsible_person_id
    where rec.status in (${statuses})
      and rec.withdrawn_at is null and (r.id is null or r.withdrawn_at is null)
      and (ai.id is null or (ai.exempt_paragraph is null and ai.is_confidential = 0 and ai.is_restricted = 0 and ai.is_draft = 0 and ai.withdrawn_at is null))
      and (limb.id is null or limb.withdrawn_on is null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('idx_recommendations_organisation').execute();
  await db.schema.dropTable('tracker_entries').execute();
}
