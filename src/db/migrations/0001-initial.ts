// The first schema: the whole domain model of DESIGN.md, in portable SQL for SQLite and PostgreSQL.
import type { Kysely, CreateTableBuilder } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Portable columns only: integers for flags, text for dates ('YYYY-MM-DD') and instants (ISO 8601,
// UTC), no JSON or array columns, so one query layer runs unchanged on both engines.
type Builder = CreateTableBuilder<string, never>;

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function withId(db: Kysely<unknown>, table: Builder): Builder {
  return isPostgres(db) ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function withSource(table: Builder): Builder {
  return table.addColumn('source_system', 'text').addColumn('source_id', 'text');
}

function withVersion(table: Builder): Builder {
  return table
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

function create(db: Kysely<unknown>, name: string): Builder {
  return withId(db, db.schema.createTable(name));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withVersion(
    withSource(
      create(db, 'organisations')
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('organisations.id'))
        .addColumn('description', 'text')
        .addColumn('category', 'text')
        .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1)),
    ),
  ).execute();

  await withVersion(
    withSource(
      create(db, 'people')
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('honorific', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('job_title', 'text')
        .addColumn('party', 'text')
        .addColumn('ward', 'text')
        .addColumn('email', 'text')
        .addColumn('photo_url', 'text'),
    ),
  ).execute();

  await withVersion(
    create(db, 'memberships')
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('portfolio', 'text')
      .addColumn('starts_on', 'text')
      .addColumn('ends_on', 'text')
      .addColumn('notes', 'text'),
  ).execute();

  await withVersion(
    withSource(
      create(db, 'meetings')
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('title', 'text')
        .addColumn('meeting_date', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text')
        .addColumn('starts_at', 'text')
        .addColumn('location', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('is_executive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('agenda_published_on', 'text')
        .addColumn('urgency_reason', 'text'),
    ),
  ).execute();

  await withVersion(
    create(db, 'issues')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text'),
  ).execute();

  await withVersion(
    withSource(
      create(db, 'agenda_items')
        .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('report_of', 'text')
        .addColumn('exempt_paragraph', 'integer')
        .addColumn('is_confidential', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_urgent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('urgency_reason', 'text')
        .addColumn('issue_id', 'integer', (c) => c.references('issues.id')),
    ),
  ).execute();

  // People named on a report (the cabinet member, a commissioner in an advisory role), kept as
  // recorded with an optional link to a Person.
  await create(db, 'agenda_item_people')
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('note', 'text')
    .execute();

  // The numbered recommendations of an officer's report ("1. That Cabinet agree ...").
  await create(db, 'agenda_item_recommendations')
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await withVersion(
    create(db, 'scrutiny_reviews')
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('short_title', 'text')
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('group_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('summary', 'text')
      .addColumn('scope', 'text')
      .addColumn('criteria_heading', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_on', 'text')
      .addColumn('report_date', 'text')
      .addColumn('report_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .addColumn('received_on', 'text')
      .addColumn('response_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .addColumn('response_title', 'text')
      .addColumn('issue_id', 'integer', (c) => c.references('issues.id')),
  ).execute();

  await withSource(
    withVersion(
      create(db, 'documents')
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
        .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
        .addColumn('review_id', 'integer', (c) => c.references('scrutiny_reviews.id'))
        .addColumn('exempt_paragraph', 'integer')
        .addColumn('is_confidential', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('url', 'text')
        .addColumn('file_name', 'text')
        .addColumn('media_type', 'text')
        .addColumn('byte_size', 'integer')
        .addColumn('page_count', 'integer')
        .addColumn('storage_key', 'text')
        .addColumn('text_content', 'text')
        .addColumn('published_on', 'text'),
    ),
  ).execute();

  await withVersion(
    create(db, 'minutes')
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
      .addColumn('number', 'integer')
      .addColumn('municipal_year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('further_to_minute_id', 'integer', (c) => c.references('minutes.id')),
  ).execute();

  await withVersion(
    create(db, 'resolutions')
      .addColumn('minute_id', 'integer', (c) => c.notNull().references('minutes.id'))
      .addColumn('mover_name', 'text')
      .addColumn('mover_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('seconder_name', 'text')
      .addColumn('seconder_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('votes_for', 'integer')
      .addColumn('votes_against', 'integer')
      .addColumn('votes_abstained', 'integer')
      .addColumn('is_executive_decision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_key_decision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_urgent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_on', 'text')
      .addColumn('reasons', 'text')
      .addColumn('alternatives', 'text')
      .addColumn('conflicts', 'text')
      .addColumn('dispensation', 'text'),
  ).execute();

  await create(db, 'resolution_limbs')
    .addColumn('resolution_id', 'integer', (c) => c.notNull().references('resolutions.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('verb', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  // A limb that sends a matter on: to a named later meeting of another body (placed on its agenda)
  // or to named people (the Commissioners), recorded as described.
  await withVersion(
    create(db, 'referrals')
      .addColumn('limb_id', 'integer', (c) => c.notNull().references('resolution_limbs.id'))
      .addColumn('issue_id', 'integer', (c) => c.references('issues.id'))
      .addColumn('target_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('target_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .addColumn('target_description', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id')),
  ).execute();

  // The history of an issue across meetings: append-only, in order.
  await create(db, 'issue_considerations')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
    .addColumn('minute_id', 'integer', (c) => c.references('minutes.id'))
    .addColumn('decision_summary', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await create(db, 'attendance')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();

  await create(db, 'declarations')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('interest', 'text', (c) => c.notNull())
    .addColumn('dispensation', 'text')
    .execute();

  await create(db, 'review_terms')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('parent_position', 'integer')
    .execute();

  await create(db, 'review_criteria')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .execute();

  await create(db, 'review_meetings')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('title', 'text')
    .execute();

  await create(db, 'review_meeting_business')
    .addColumn('review_meeting_id', 'integer', (c) => c.notNull().references('review_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await create(db, 'evidence')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('organisation_name', 'text')
    .addColumn('occurred_on', 'text')
    .addColumn('subject', 'text')
    .addColumn('notes', 'text')
    .execute();

  await withVersion(
    create(db, 'recommendations')
      .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signed_off_on', 'text')
      .addColumn('signed_off_meeting_id', 'integer', (c) => c.references('meetings.id')),
  ).execute();

  await create(db, 'recommendation_points')
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await withVersion(
    create(db, 'executive_responses')
      .addColumn('recommendation_id', 'integer', (c) => c.notNull().unique().references('recommendations.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('response_text', 'text', (c) => c.notNull())
      .addColumn('proposed_action', 'text')
      .addColumn('reason', 'text')
      .addColumn('responsible_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('responsible_name', 'text')
      .addColumn('action_by_date', 'text')
      .addColumn('action_by_text', 'text')
      .addColumn('outcome', 'text')
      .addColumn('agreed_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .addColumn('responded_on', 'text'),
  ).execute();

  await create(db, 'progress_updates')
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id'))
    .addColumn('update_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rag', 'text')
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('previous_target_date', 'text')
    .addColumn('new_target_date', 'text')
    .addColumn('slip_reason', 'text')
    .addColumn('author_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await create(db, 'audit_events')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  const indexes: [string, string, string[]][] = [
    ['memberships_person', 'memberships', ['person_id']],
    ['memberships_organisation', 'memberships', ['organisation_id']],
    ['meetings_organisation_date', 'meetings', ['organisation_id', 'meeting_date']],
    ['meetings_date', 'meetings', ['meeting_date']],
    ['meetings_source', 'meetings', ['source_system', 'source_id']],
    ['organisations_source', 'organisations', ['source_system', 'source_id']],
    ['people_source', 'people', ['source_system', 'source_id']],
    ['agenda_items_meeting', 'agenda_items', ['meeting_id', 'position']],
    ['agenda_items_issue', 'agenda_items', ['issue_id']],
    ['agenda_items_source', 'agenda_items', ['source_system', 'source_id']],
    ['agenda_item_people_item', 'agenda_item_people', ['agenda_item_id']],
    ['agenda_item_people_person', 'agenda_item_people', ['person_id']],
    ['agenda_item_recommendations_item', 'agenda_item_recommendations', ['agenda_item_id']],
    ['documents_meeting', 'documents', ['meeting_id']],
    ['documents_item', 'documents', ['agenda_item_id']],
    ['documents_review', 'documents', ['review_id']],
    ['documents_source', 'documents', ['source_system', 'source_id']],
    ['minutes_meeting', 'minutes', ['meeting_id']],
    ['minutes_item', 'minutes', ['agenda_item_id']],
    ['minutes_body_year', 'minutes', ['organisation_id', 'municipal_year', 'number']],
    ['resolutions_minute', 'resolutions', ['minute_id']],
    ['resolutions_mover', 'resolutions', ['mover_person_id']],
    ['resolutions_seconder', 'resolutions', ['seconder_person_id']],
    ['resolution_limbs_resolution', 'resolution_limbs', ['resolution_id', 'number']],
    ['referrals_limb', 'referrals', ['limb_id']],
    ['referrals_target_meeting', 'referrals', ['target_meeting_id']],
    ['referrals_target_organisation', 'referrals', ['target_organisation_id', 'status']],
    ['issue_considerations_issue', 'issue_considerations', ['issue_id', 'position']],
    ['issue_considerations_meeting', 'issue_considerations', ['meeting_id']],
    ['attendance_meeting', 'attendance', ['meeting_id']],
    ['attendance_person', 'attendance', ['person_id']],
    ['declarations_meeting', 'declarations', ['meeting_id']],
    ['reviews_organisation', 'scrutiny_reviews', ['organisation_id']],
    ['review_terms_review', 'review_terms', ['review_id', 'position']],
    ['review_criteria_review', 'review_criteria', ['review_id', 'position']],
    ['review_meetings_review', 'review_meetings', ['review_id', 'position']],
    ['review_meeting_business_meeting', 'review_meeting_business', ['review_meeting_id', 'position']],
    ['evidence_review', 'evidence', ['review_id', 'position']],
    ['recommendations_review', 'recommendations', ['review_id', 'number']],
    ['recommendations_status', 'recommendations', ['status']],
    ['recommendation_points_recommendation', 'recommendation_points', ['recommendation_id', 'position']],
    ['executive_responses_person', 'executive_responses', ['responsible_person_id']],
    ['progress_updates_recommendation', 'progress_updates', ['recommendation_id', 'update_date']],
    ['audit_events_entity', 'audit_events', ['entity_type', 'entity_id']],
    ['audit_events_time', 'audit_events', ['occurred_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(`idx_${name}`).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'settings',
    'audit_events',
    'progress_updates',
    'executive_responses',
    'recommendation_points',
    'recommendations',
    'evidence',
    'review_meeting_business',
    'review_meetings',
    'review_criteria',
    'review_terms',
    'declarations',
    'attendance',
    'issue_considerations',
    'referrals',
    'resolution_limbs',
    'resolutions',
    'minutes',
    'documents',
    'scrutiny_reviews',
    'agenda_item_recommendations',
    'agenda_item_people',
    'agenda_items',
    'issues',
    'meetings',
    'memberships',
    'people',
    'organisations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
