// Kysely table types: the shape of every row, as both engines store it.
import type { Generated, Insertable, Selectable } from 'kysely';

// Flags are 0/1 integers and dates are 'YYYY-MM-DD' text on both engines (see migration 0001).
type Flag = number;
type DateText = string;
type Instant = string;

interface Sourced {
  source_system: string | null;
  source_id: string | null;
}

/**
 * A record created in error and withdrawn by an officer (migration 0023): out of every public output,
 * kept for the workspace and the audit trail, restorable. Null on a live record.
 */
interface Withdrawable {
  withdrawn_at: Generated<Instant | null>;
  withdrawn_by: Generated<string | null>;
  withdrawn_reason: Generated<string | null>;
}

interface Versioned {
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrganisationTable extends Sourced, Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: string;
  parent_id: number | null;
  description: string | null;
  category: string | null;
  is_active: Generated<Flag>;
  /** The body that took over this one's work (migration 0025): it signs off this body's recommendations. */
  successor_id: Generated<number | null>;
}

export interface PersonTable extends Sourced, Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  honorific: string | null;
  kind: string;
  job_title: string | null;
  party: string | null;
  ward: string | null;
  email: string | null;
  photo_url: string | null;
}

export interface MembershipTable extends Sourced, Versioned, Withdrawable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  role: string;
  portfolio: string | null;
  starts_on: DateText | null;
  ends_on: DateText | null;
  notes: string | null;
}

export interface MeetingTable extends Sourced, Versioned {
  id: Generated<number>;
  slug: string;
  organisation_id: number;
  title: string | null;
  meeting_date: DateText;
  start_time: string | null;
  starts_at: Instant | null;
  location: string | null;
  status: string;
  is_executive: Generated<Flag>;
  agenda_published_on: DateText | null;
  urgency_reason: string | null;
  /** Why a cancelled meeting will not take place, and the day it was cancelled (migration 0021). */
  cancellation_reason: string | null;
  cancelled_on: DateText | null;
}

export interface IssueTable extends Versioned {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string | null;
}

export interface AgendaItemTable extends Sourced, Versioned, Withdrawable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  number: string | null;
  title: string;
  description: string | null;
  report_of: string | null;
  exempt_paragraph: number | null;
  is_confidential: Generated<Flag>;
  is_urgent: Generated<Flag>;
  urgency_reason: string | null;
  issue_id: number | null;
  /** modern.gov's isrestricted (migration 0003): withheld like confidential, shown as "Restricted". */
  is_restricted: Generated<Flag>;
  /** A key decision to be taken at this item: listed on the notice of key decisions (migration 0005). */
  is_key_decision: Generated<Flag>;
  /** Added before the agenda was published: seen only in the workspace until publication (migration 0021). */
  is_draft: Generated<Flag>;
  /** The forward-plan entry of the key decision taken at this item (migration 0031). */
  forward_plan_entry_id: Generated<number | null>;
}

export interface AgendaItemPersonTable {
  id: Generated<number>;
  agenda_item_id: number;
  position: number;
  role: string;
  name: string;
  person_id: number | null;
  note: string | null;
}

export interface AgendaItemRecommendationTable {
  id: Generated<number>;
  agenda_item_id: number;
  number: number;
  text: string;
}

export interface ScrutinyReviewTable extends Versioned, Withdrawable {
  id: Generated<number>;
  slug: string;
  title: string;
  short_title: string | null;
  organisation_id: number;
  group_organisation_id: number | null;
  summary: string | null;
  scope: string | null;
  criteria_heading: string | null;
  status: string;
  started_on: DateText | null;
  report_date: DateText | null;
  report_meeting_id: number | null;
  received_on: DateText | null;
  response_meeting_id: number | null;
  response_title: string | null;
  issue_id: number | null;
  /** The agenda item of the meeting that received the report (migration 0019). */
  report_agenda_item_id: Generated<number | null>;
  /** The minute of the meeting that agreed the executive response (migration 0019). */
  response_minute_id: Generated<number | null>;
  /** The review's own interval between later monitoring reports (migration 0002); null: the council's setting. */
  monitoring_interval_months: Generated<number | null>;
}

/** A review's own monitoring schedule, one row per report, in months after the response (migration 0002). */
export interface ReviewMonitoringPointTable {
  id: Generated<number>;
  review_id: number;
  months_after_response: number;
}

/** A monitoring report presented to the committee: the report due on `due_on` has been made (migration 0002). */
export interface MonitoringReportTable {
  id: Generated<number>;
  review_id: number;
  due_on: DateText;
  meeting_id: number | null;
  presented_on: DateText;
  created_at: Instant;
}

export interface DocumentTable extends Sourced, Versioned, Withdrawable {
  id: Generated<number>;
  slug: string;
  title: string;
  kind: string;
  meeting_id: number | null;
  agenda_item_id: number | null;
  review_id: number | null;
  exempt_paragraph: number | null;
  is_confidential: Generated<Flag>;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  byte_size: number | null;
  page_count: number | null;
  storage_key: string | null;
  text_content: string | null;
  published_on: DateText | null;
  /** modern.gov's isrestricted (migration 0003): withheld like confidential, shown as "Restricted". */
  is_restricted: Generated<Flag>;
}

/** The bytes of an uploaded document (migration 0005): one file per document. */
export interface DocumentFileTable {
  id: Generated<number>;
  document_id: number;
  file_name: string;
  media_type: string;
  byte_size: number;
  content: Buffer;
  created_at: Instant;
}

export interface MinuteTable extends Versioned {
  id: Generated<number>;
  organisation_id: number;
  meeting_id: number;
  agenda_item_id: number | null;
  number: number | null;
  municipal_year: number;
  title: string;
  body: string | null;
  further_to_minute_id: number | null;
}

export interface ResolutionTable extends Versioned {
  id: Generated<number>;
  minute_id: number;
  mover_name: string | null;
  mover_person_id: number | null;
  seconder_name: string | null;
  seconder_person_id: number | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstained: number | null;
  is_executive_decision: Generated<Flag>;
  is_key_decision: Generated<Flag>;
  is_urgent: Generated<Flag>;
  published_on: DateText | null;
  reasons: string | null;
  alternatives: string | null;
  conflicts: string | null;
  dispensation: string | null;
}

/** A call-in of an executive decision (migration 0032; RULES.md 5a): each step dated on the row. */
export interface CallInTable extends Versioned {
  id: Generated<number>;
  resolution_id: number;
  status: string;
  received_on: DateText;
  grounds: string;
  checked_on: DateText | null;
  check_reason: string | null;
  hearing_by: DateText | null;
  hearing_meeting_id: number | null;
  hearing_agenda_item_id: number | null;
  outcome: string | null;
  outcome_on: DateText | null;
  outcome_text: string | null;
  reconsider_by: DateText | null;
  reconsideration: string | null;
  reconsidered_on: DateText | null;
  reconsideration_reasons: string | null;
}

export interface CallInCouncillorTable {
  id: Generated<number>;
  call_in_id: number;
  position: number;
  person_id: number | null;
  name: string;
}

export interface ResolutionLimbTable {
  id: Generated<number>;
  resolution_id: number;
  number: number;
  verb: string;
  text: string;
  /** Corrections are made over the version the officer opened; a withdrawn limb keeps its reason (migration 0025). */
  version: Generated<number>;
  withdrawn_on: Generated<DateText | null>;
  withdrawal_reason: Generated<string | null>;
}

export interface ReferralTable extends Versioned {
  id: Generated<number>;
  limb_id: number;
  issue_id: number | null;
  target_organisation_id: number | null;
  target_meeting_id: number | null;
  target_description: string | null;
  status: string;
  agenda_item_id: number | null;
  /** Why a withdrawn referral was withdrawn (migration 0025). */
  withdrawal_reason: Generated<string | null>;
}

export interface IssueConsiderationTable {
  id: Generated<number>;
  issue_id: number;
  position: number;
  meeting_id: number;
  agenda_item_id: number | null;
  minute_id: number | null;
  decision_summary: string | null;
  created_at: Instant;
}

export interface AttendanceTable extends Withdrawable {
  id: Generated<number>;
  meeting_id: number;
  person_id: number | null;
  name: string;
  role: string | null;
  status: string;
}

export interface DeclarationTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  person_id: number | null;
  name: string;
  kind: string;
  interest: string;
  dispensation: string | null;
}

export interface ReviewTermTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  number: string | null;
  text: string;
  parent_position: number | null;
}

export interface ReviewCriterionTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  number: string | null;
  title: string;
  text: string | null;
}

export interface ReviewMeetingTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  starts_on: DateText;
  ends_on: DateText | null;
  title: string | null;
}

export interface ReviewMeetingBusinessTable {
  id: Generated<number>;
  review_meeting_id: number;
  position: number;
  text: string;
}

export interface EvidenceTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  kind: string;
  mode: string;
  organisation_id: number | null;
  organisation_name: string | null;
  occurred_on: DateText | null;
  subject: string | null;
  notes: string | null;
  /** The review option this evidence illustrates (review_options), if any. */
  option_id: number | null;
}

export interface RecommendationTable extends Sourced, Versioned, Withdrawable {
  id: Generated<number>;
  /** The review that made it; none for a committee meeting's or a Council motion's (migration 0033). */
  review_id: number | null;
  number: number;
  text: string;
  status: string;
  signed_off_on: DateText | null;
  signed_off_meeting_id: number | null;
  /** The committee's outcome at sign-off: achieved, not achieved, no longer relevant, no further action (migration 0019). */
  signed_off_outcome: Generated<string | null>;
  /** The minute that recorded the sign-off (migration 0019). */
  signed_off_minute_id: Generated<number | null>;
  /** Where it came from: review, meeting or motion (src/domain/recommendation-origin.ts; migration 0033). */
  origin_kind: Generated<string>;
  /** The minute's limb that made it (meeting and motion origins). */
  resolution_limb_id: Generated<number | null>;
  /** The body that made it, which signs it off (meeting and motion origins). */
  organisation_id: Generated<number | null>;
  /** The body it is addressed to, such as Cabinet. */
  target_organisation_id: Generated<number | null>;
  /** The date it was made (the meeting's): the executive's two months run from it (RULES.md rule 1). */
  made_on: Generated<DateText | null>;
  /** Its reference: the municipal year and its place in that year, shown as "2025/26-014". */
  municipal_year: Generated<number | null>;
  year_sequence: Generated<number | null>;
}

export interface RecommendationPointTable {
  id: Generated<number>;
  recommendation_id: number;
  position: number;
  text: string;
}

export interface ExecutiveResponseTable extends Versioned {
  id: Generated<number>;
  recommendation_id: number;
  decision: string;
  response_text: string;
  proposed_action: string | null;
  reason: string | null;
  responsible_person_id: number | null;
  responsible_name: string | null;
  action_by_date: DateText | null;
  action_by_text: string | null;
  outcome: string | null;
  agreed_meeting_id: number | null;
  responded_on: DateText | null;
}

export interface ProgressUpdateTable extends Withdrawable {
  id: Generated<number>;
  recommendation_id: number;
  update_date: DateText;
  status: string;
  rag: string | null;
  narrative: string;
  previous_target_date: DateText | null;
  new_target_date: DateText | null;
  slip_reason: string | null;
  author_name: string | null;
  created_at: Instant;
}

export interface AuditEventTable {
  id: Generated<number>;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
  occurred_at: Instant;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  person_id: number | null;
  password_hash: string;
  is_disabled: Generated<Flag>;
  /** Set when an administrator chose the password: its holder replaces it before anything else (migration 0037). */
  must_change_password: Generated<Flag>;
  password_changed_at: Instant;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** A workspace form's one-time submission key, once a write has used it (migration 0023). */
export interface FormSubmissionTable {
  submission_key: string;
  used_at: Instant;
  /** Where the first submission led, so a repeat goes there too; null until its response is sent. */
  result_url: string | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: Instant;
  expires_at: Instant;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  succeeded: Flag;
  occurred_at: Instant;
  /** The client address of the attempt (migration 0013); null on older rows. */
  client: string | null;
}

export interface LoginThrottleTable {
  email: string;
  unlocked_through: Generated<number>;
  updated_at: Instant;
}

export interface OutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dedupe_key: string;
  created_at: Instant;
  sent_at: Instant | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface FollowerTable {
  id: Generated<number>;
  email: string;
  entity_type: string;
  entity_id: number;
  token: string;
  confirmed_at: Instant | null;
  unsubscribed_at: Instant | null;
  created_at: Instant;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** The public search index (migration 0004): only public text, one row per findable record. */
export interface SearchDocumentTable {
  id: Generated<number>;
  kind: string;
  record_id: number;
  title: string;
  body_text: string;
  organisation_id: number | null;
  date: DateText | null;
  url_key: string;
  indexed_at: Instant;
}

/** A meeting's built pack (migration 0016): 'agenda', 'supplement' (numbered from 1) or 'exempt'. */
export interface PaperPackTable {
  id: Generated<number>;
  meeting_id: number;
  kind: string;
  number: number;
  title: string;
  input_hash: string;
  content_hash: string;
  content: Buffer;
  byte_size: number;
  page_count: number;
  /** Papers left out of the pack, one a line: "title<TAB>why". */
  problems: string;
  /** For a supplement: why its papers are late, one a line. */
  reasons: string | null;
  built_at: Instant;
}

/** Which pack a public paper went into once first packed (migration 0016): 0 the agenda pack, N supplement N. */
export interface PaperPackPaperTable {
  document_id: number;
  meeting_id: number;
  number: number;
}

/** The queue of writes that may change a meeting's packs (migration 0016). */
export interface PaperPackRequestTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: number;
  requested_at: Instant;
}

/** A meeting's signed minutes (migration 0017): the uploaded copy and the later minute that confirmed them. */
export interface SignedMinutesTable {
  meeting_id: number;
  document_id: number;
  confirmed_by_minute_id: number;
  created_at: Instant;
}

/** A topic of a scrutiny committee's work programme (migration 0030). */
export interface WorkProgrammeTopicTable {
  id: Generated<number>;
  organisation_id: number;
  municipal_year: number;
  title: string;
  description: string | null;
  public_interest: Flag;
  impact: Flag;
  council_priority: Flag;
  timeliness: Flag;
  added_value: Flag;
  method: string;
  lead_member_id: number | null;
  lead_officer_id: number | null;
  meeting_id: number | null;
  state: string;
  dropped_reason: string | null;
  done_on: DateText | null;
  source: string;
  suggested_by: string | null;
  suggester_email: string | null;
  suggested_on: DateText;
  accepted_on: DateText | null;
  forward_plan_entry_id: number | null;
  agenda_item_id: number | null;
  review_id: number | null;
  exempt_paragraph: number | null;
  is_confidential: Generated<Flag>;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}
export type WorkProgrammeTopic = Selectable<WorkProgrammeTopicTable>;

export interface Database {
  organisations: OrganisationTable;
  people: PersonTable;
  memberships: MembershipTable;
  meetings: MeetingTable;
  issues: IssueTable;
  agenda_items: AgendaItemTable;
  agenda_item_people: AgendaItemPersonTable;
  agenda_item_recommendations: AgendaItemRecommendationTable;
  scrutiny_reviews: ScrutinyReviewTable;
  review_monitoring_points: ReviewMonitoringPointTable;
  monitoring_reports: MonitoringReportTable;
  documents: DocumentTable;
  document_files: DocumentFileTable;
  minutes: MinuteTable;
  resolutions: ResolutionTable;
  resolution_limbs: ResolutionLimbTable;
  referrals: ReferralTable;
  issue_considerations: IssueConsiderationTable;
  attendance: AttendanceTable;
  declarations: DeclarationTable;
  review_terms: ReviewTermTable;
  review_criteria: ReviewCriterionTable;
  review_meetings: ReviewMeetingTable;
  review_meeting_business: ReviewMeetingBusinessTable;
  evidence: EvidenceTable;
  recommendations: RecommendationTable;
  recommendation_points: RecommendationPointTable;
  executive_responses: ExecutiveResponseTable;
  call_ins: CallInTable;
  call_in_councillors: CallInCouncillorTable;
  progress_updates: ProgressUpdateTable;
  audit_events: AuditEventTable;
  settings: SettingTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  login_throttles: LoginThrottleTable;
  outbox: OutboxTable;
  followers: FollowerTable;
  search_documents: SearchDocumentTable;
  paper_packs: PaperPackTable;
  paper_pack_papers: PaperPackPaperTable;
  paper_pack_requests: PaperPackRequestTable;
  signed_minutes: SignedMinutesTable;
  form_submissions: FormSubmissionTable;
  work_programme_topics: WorkProgrammeTopicTable;
  forward_plan_entries: ForwardPlanEntryTable;
  review_options: ReviewOptionTable;
  review_judgements: ReviewJudgementTable;
  change_log: ChangeLogTable;
  tracker_entries: TrackerEntryTable;
}

/** An option a review compares, such as a delivery model. */
export interface ReviewOptionTable {
  id: Generated<number>;
  review_id: number;
  position: number;
  name: string;
  description: string | null;
}

/** The review group's judgement of one option against one criterion (vocabulary Judgement), with its rationale. */
export interface ReviewJudgementTable {
  id: Generated<number>;
  review_id: number;
  criterion_id: number;
  option_id: number;
  judgement: string;
  rationale: string | null;
}

export type Organisation = Selectable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type Membership = Selectable<MembershipTable>;
export type Meeting = Selectable<MeetingTable>;
export type Issue = Selectable<IssueTable>;
export type AgendaItem = Selectable<AgendaItemTable>;
export type Minute = Selectable<MinuteTable>;
export type Resolution = Selectable<ResolutionTable>;
export type Recommendation = Selectable<RecommendationTable>;
export type Evidence = Selectable<EvidenceTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type User = Selectable<UserTable>;

/** An entry of the forward plan of key decisions (migration 0031; SI 2012/2089 regs 9 to 11). */
export interface ForwardPlanEntryTable extends Versioned {
  id: Generated<number>;
  slug: string;
  /** The decision-making body whose notice of key decisions lists it. */
  organisation_id: number;
  title: string;
  /** The detail of the matter: withheld with the entry when it is exempt or confidential. */
  description: string | null;
  decision_maker_kind: string;
  decision_maker_name: string | null;
  decision_maker_person_id: number | null;
  is_key_decision: Generated<Flag>;
  key_reason_spending: Generated<Flag>;
  key_reason_wards: Generated<Flag>;
  amount_pounds: number | null;
  wards_affected: number | null;
  ward_names: string | null;
  first_published_on: DateText;
  intended_date: DateText;
  documents: string | null;
  exempt_paragraph: number | null;
  is_confidential: Generated<Flag>;
  scrutiny_engagement: string | null;
  notice_route: Generated<string>;
  chair_informed_on: DateText | null;
  exception_notice_on: DateText | null;
  urgency_agreed_by: string | null;
  urgency_reasons: string | null;
}
export type ForwardPlanEntry = Selectable<ForwardPlanEntryTable>;

/** One committed write and the page tags it changed, space-separated (migration 0035; src/domain/page-tags.ts). */
export interface ChangeLogTable {
  id: Generated<number>;
  tags: string;
  recorded_at: Instant;
}

/**
 * One recommendation the public tracker lists, as the tracker counts, filters and orders it (migration
 * 0043): kept by every write from the query that derives it (src/repositories/tracker-repository.ts entries).
 */
export interface TrackerEntryTable {
  recommendation_id: number;
  number: number;
  year_sequence: number | null;
  origin_kind: string;
  review_id: number | null;
  committee_slug: string;
  committee_name: string;
  /** The review's report date, else the date the minute made it: the tracker's order. */
  sort_date: DateText | null;
  officer: string | null;
  year: string | null;
  /** The last live progress update's status, or 'none'. */
  latest_status: string;
  /** The target in force: the last slip's new date, else the response's action-by date. */
  target_date: DateText | null;
}
