// Test data factories: one call builds a row with sensible defaults, so a test names only what it is about (used instead of raw inserts).
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  AgendaItemTable,
  CallInTable,
  Database,
  DocumentTable,
  ForwardPlanEntryTable,
  MeetingTable,
  MembershipTable,
  OrganisationTable,
  PersonTable,
  ProgressUpdateTable,
  SearchDocumentTable,
  WorkProgrammeTopicTable,
} from '../../src/db/schema.ts';

/** Anything with a Kysely handle: a TestDb, a DatabaseHandle, or a transaction's db. */
export interface HasDb {
  readonly db: Kysely<Database>;
}

/** The instant every factory row is stamped with unless told otherwise. */
export const FACTORY_NOW = '2025-11-01T00:00:00Z';

let counter = 0;
/** A slug no other factory row in this process has. */
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

const stamps = { created_at: FACTORY_NOW, updated_at: FACTORY_NOW, source_system: null, source_id: null };

type Overrides<T> = Partial<Insertable<T>>;

/** A body (organisation): a committee unless `kind` says otherwise. */
export async function body(handle: HasDb, values: Overrides<OrganisationTable> = {}): Promise<Selectable<OrganisationTable>> {
  const slug = values.slug ?? unique('body');
  return handle.db
    .insertInto('organisations')
    .values({ ...stamps, slug, name: slug, kind: 'committee', parent_id: null, description: null, category: null, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A person: a councillor unless `kind` says otherwise. */
export async function person(handle: HasDb, values: Overrides<PersonTable> = {}): Promise<Selectable<PersonTable>> {
  const slug = values.slug ?? unique('person');
  return handle.db
    .insertInto('people')
    .values({
      ...stamps,
      slug,
      name: slug,
      kind: 'councillor',
      honorific: null,
      job_title: null,
      party: null,
      ward: null,
      email: null,
      photo_url: null,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A person's membership of a body: a member from 1 May 2025, open-ended, unless told otherwise. */
export async function membership(
  handle: HasDb,
  values: Overrides<MembershipTable> & Pick<Insertable<MembershipTable>, 'person_id' | 'organisation_id'>,
): Promise<Selectable<MembershipTable>> {
  return handle.db
    .insertInto('memberships')
    .values({ ...stamps, role: 'member', portfolio: null, starts_on: '2025-05-01', ends_on: null, notes: null, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A held meeting of a body. */
export async function meeting(
  handle: HasDb,
  values: Overrides<MeetingTable> & Pick<Insertable<MeetingTable>, 'organisation_id'>,
): Promise<Selectable<MeetingTable>> {
  const date = values.meeting_date ?? '2026-05-01';
  return handle.db
    .insertInto('meetings')
    .values({
      ...stamps,
      slug: values.slug ?? unique(`meeting-${date}`),
      meeting_date: date,
      status: 'held',
      title: null,
      start_time: null,
      starts_at: null,
      location: null,
      agenda_published_on: null,
      urgency_reason: null,
      cancellation_reason: null,
      cancelled_on: null,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An agenda item of a meeting: public and published unless told otherwise. */
export async function agendaItem(
  handle: HasDb,
  values: Overrides<AgendaItemTable> & Pick<Insertable<AgendaItemTable>, 'meeting_id'>,
): Promise<Selectable<AgendaItemTable>> {
  return handle.db
    .insertInto('agenda_items')
    .values({
      ...stamps,
      position: 1,
      number: '1',
      title: unique('Item'),
      description: null,
      exempt_paragraph: null,
      report_of: null,
      urgency_reason: null,
      issue_id: null,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A document (a report unless `kind` says otherwise) with no file. */
export async function document(handle: HasDb, values: Overrides<DocumentTable> = {}): Promise<Selectable<DocumentTable>> {
  const slug = values.slug ?? unique('document');
  return handle.db
    .insertInto('documents')
    .values({
      ...stamps,
      slug,
      title: slug,
      kind: 'report',
      meeting_id: null,
      agenda_item_id: null,
      review_id: null,
      exempt_paragraph: null,
      text_content: null,
      url: null,
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: null,
      storage_key: null,
      published_on: null,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A progress update on a recommendation: in progress, written at FACTORY_NOW, unless told otherwise. */
export async function progressUpdate(
  handle: HasDb,
  values: Overrides<ProgressUpdateTable> & Pick<Insertable<ProgressUpdateTable>, 'recommendation_id'>,
): Promise<Selectable<ProgressUpdateTable>> {
  return handle.db
    .insertInto('progress_updates')
    .values({
      update_date: FACTORY_NOW.slice(0, 10),
      status: 'in_progress',
      rag: null,
      narrative: unique('Progress'),
      previous_target_date: null,
      new_target_date: null,
      slip_reason: null,
      author_name: null,
      created_at: FACTORY_NOW,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Rows of the search index written as they stand, in batches (a test of the index itself, or of a
 * stale row an older release left behind, needs rows the indexer would not write).
 */
export async function searchDocuments(handle: HasDb, rows: readonly Insertable<SearchDocumentTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await handle.db
      .insertInto('search_documents')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** A forward-plan entry of a body: a key decision by Cabinet over the spending threshold, given 28 clear days' notice, unless told otherwise. */
export async function forwardPlanEntry(
  handle: HasDb,
  values: Overrides<ForwardPlanEntryTable> & { organisation_id: number },
): Promise<Selectable<ForwardPlanEntryTable>> {
  const slug = values.slug ?? unique('decision');
  return handle.db
    .insertInto('forward_plan_entries')
    .values({
      created_at: FACTORY_NOW,
      updated_at: FACTORY_NOW,
      slug,
      title: slug,
      description: null,
      decision_maker_kind: 'cabinet',
      decision_maker_name: null,
      decision_maker_person_id: null,
      key_reason_spending: 1,
      amount_pounds: 750_000,
      wards_affected: null,
      ward_names: null,
      first_published_on: '2026-02-01',
      intended_date: '2026-03-16',
      documents: null,
      exempt_paragraph: null,
      scrutiny_engagement: null,
      chair_informed_on: null,
      exception_notice_on: null,
      urgency_agreed_by: null,
      urgency_reasons: null,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A call-in of an executive decision: a notice received on 5 March 2026 and accepted, not yet heard, unless told otherwise. */
export async function callIn(handle: HasDb, values: Overrides<CallInTable> & { resolution_id: number }): Promise<Selectable<CallInTable>> {
  return handle.db
    .insertInto('call_ins')
    .values({
      created_at: FACTORY_NOW,
      updated_at: FACTORY_NOW,
      status: 'accepted',
      received_on: '2026-03-05',
      grounds: unique('Grounds'),
      checked_on: '2026-03-06',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A work programme topic of a body for the municipal year 2025/26: agreed, on the public programme, an agenda item, unless told otherwise. */
export async function topic(
  handle: HasDb,
  values: Overrides<WorkProgrammeTopicTable> & { organisation_id: number },
): Promise<Selectable<WorkProgrammeTopicTable>> {
  return handle.db
    .insertInto('work_programme_topics')
    .values({
      created_at: FACTORY_NOW,
      updated_at: FACTORY_NOW,
      municipal_year: 2025,
      title: unique('Topic'),
      public_interest: 0,
      impact: 0,
      council_priority: 0,
      timeliness: 0,
      added_value: 0,
      method: 'agenda_item',
      state: 'agreed',
      source: 'member',
      suggested_on: '2025-06-01',
      accepted_on: '2025-06-01',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Someone who follows a record by email and has confirmed it. */
export async function follower(handle: HasDb, values: { email: string; entity_type: string; entity_id: number }) {
  return handle.db
    .insertInto('followers')
    .values({ ...values, token: unique('token'), confirmed_at: FACTORY_NOW, unsubscribed_at: null, created_at: FACTORY_NOW })
    .returningAll()
    .executeTakeFirstOrThrow();
}
