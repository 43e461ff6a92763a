// The JSON API's schemas (zod 4): the query parameters each route validates with, and the documents it returns; the OpenAPI document is generated from these.
import { z } from 'zod';
import { MAX_RECORD_ID } from '../domain/record-id.ts';
import {
  DecisionMakerKind,
  EvidenceKind,
  EvidenceMode,
  Judgement,
  MembershipRole,
  NoticeRoute,
  PriorityCriterion,
  RecommendationOrigin,
  ScrutinyMethod,
  SignOffOutcome,
  TopicSource,
  TopicState,
} from '../domain/vocabulary.ts';

const id = z.number().int().positive();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A date, YYYY-MM-DD');
const instant = z.string().describe('An ISO 8601 instant in UTC');
const links = z.record(z.string(), z.string()).describe('Related resources: self, the public page (html) and others, as URL paths');
const source = z
  .object({ system: z.string(), id: z.string() })
  .nullable()
  .describe('Where an imported record came from (e.g. moderngov and its id there); null for records made here');

// Query parameters. Strict: an unknown parameter is refused with a 400 problem document naming it.
const paging = {
  cursor: z.string().min(1).max(40).optional().describe('Opaque cursor from links.next of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Records per page, 1 to 200 (default 50)'),
  updated_since: z.iso.datetime({ offset: true }).optional().describe('Only records changed at or after this ISO 8601 instant'),
};
const idParam = z.coerce.number().int().positive().max(MAX_RECORD_ID).optional();

export const ListQuery = z.strictObject(paging);
export const MeetingListQuery = z.strictObject({ ...paging, body: idParam.describe('Only meetings of this body (id)') });
export const MembershipListQuery = z.strictObject({
  ...paging,
  body: idParam.describe('Only memberships of this body (id)'),
  person: idParam.describe('Only memberships of this person (id)'),
});
export const DecisionListQuery = z.strictObject({ ...paging, body: idParam.describe('Only decisions of this body (id)') });
export const RecommendationListQuery = z.strictObject({ ...paging, review: idParam.describe('Only recommendations of this review (id)') });
export const WorkProgrammeListQuery = z.strictObject({
  ...paging,
  body: idParam.describe('Only topics of this scrutiny committee (id)'),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2199)
    .optional()
    .describe('Only topics of this municipal year, by the year it starts in (2026 is May 2026 to May 2027)'),
});
export const ItemQuery = z.strictObject({});
export const ItemParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/)
    .transform(Number),
});

// Resources.
export const Body = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  parent_id: id.nullable(),
  successor_id: id.nullable().describe('The body that took over this one’s work, and signs off its recommendations'),
  is_active: z.boolean(),
  updated_at: instant,
  source,
  links,
});
export const Person = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  honorific: z.string().nullable(),
  kind: z.string(),
  job_title: z.string().nullable(),
  party: z.string().nullable(),
  ward: z.string().nullable(),
  updated_at: instant,
  source,
  links,
});
export const Membership = z.object({
  id,
  person_id: id,
  body_id: id,
  role: z.string(),
  portfolio: z.string().nullable(),
  starts_on: date.nullable(),
  ends_on: date.nullable(),
  notes: z.string().nullable(),
  updated_at: instant,
  links,
});
export const Meeting = z.object({
  id,
  slug: z.string(),
  body_id: id,
  body_name: z.string(),
  title: z.string().nullable(),
  date,
  start_time: z.string().nullable(),
  starts_at: instant.nullable(),
  location: z.string().nullable(),
  status: z.string(),
  is_executive: z.boolean(),
  agenda_published_on: date.nullable(),
  updated_at: instant,
  source,
  links,
});
export const DocumentRef = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  kind: z.string(),
  agenda_item_id: id.nullable(),
  url: z.string().nullable(),
  media_type: z.string().nullable(),
  page_count: z.number().int().nullable(),
  published_on: date.nullable(),
  source,
  links,
});
export const AgendaItem = z.object({
  id,
  position: z.number().int(),
  number: z.string().nullable(),
  title: z.string(),
  withheld: z.boolean().describe('Exempt, confidential or restricted: only the number and title are public (LGA 1972 s.100A, Sch 12A)'),
  exempt_paragraph: z.number().int().nullable(),
  description: z.string().nullable(),
  report_of: z.string().nullable(),
  issue_id: id.nullable(),
  minute: z.object({ id, number: z.number().int().nullable(), title: z.string(), body: z.string().nullable() }).nullable(),
  documents: z.array(DocumentRef),
  source,
});
export const Attendance = z.object({ name: z.string(), person_id: id.nullable(), role: z.string().nullable(), status: z.string() });
export const MeetingDetail = Meeting.extend({
  agenda_items: z.array(AgendaItem),
  documents: z.array(DocumentRef).describe('Documents of the meeting not tied to one item'),
  attendance: z.array(Attendance),
});
export const Issue = z.object({ id, slug: z.string(), title: z.string(), summary: z.string().nullable(), updated_at: instant, links });
export const IssueDetail = Issue.extend({
  history: z.array(
    z.object({
      position: z.number().int(),
      meeting_id: id,
      date,
      body_id: id,
      agenda_item_id: id.nullable(),
      minute_id: id.nullable(),
      decision_summary: z.string().nullable(),
      links,
    }),
  ),
});
export const Decision = z.object({
  id,
  meeting_id: id,
  body_id: id,
  body_name: z.string(),
  date,
  minute: z.object({ number: z.number().int().nullable(), title: z.string(), body: z.string().nullable(), municipal_year: z.number().int() }),
  limbs: z.array(z.object({ number: z.number().int(), verb: z.string(), text: z.string() })),
  mover_name: z.string().nullable(),
  mover_person_id: id.nullable(),
  seconder_name: z.string().nullable(),
  seconder_person_id: id.nullable(),
  votes: z.object({ for: z.number().int().nullable(), against: z.number().int().nullable(), abstained: z.number().int().nullable() }),
  is_executive_decision: z.boolean(),
  is_key_decision: z.boolean(),
  is_urgent: z.boolean(),
  published_on: date.nullable(),
  reasons: z.string().nullable(),
  alternatives: z.string().nullable(),
  call_ins: z
    .array(z.object({ id, status: z.string(), held: z.boolean(), summary: z.string(), links }))
    .describe('Its call-ins (RULES.md 5a): whether each holds the decision, and every step so far in a sentence'),
  updated_at: instant,
  links,
});
export const CallIn = z.object({
  id,
  decision_id: id,
  decision_title: z.string(),
  meeting_id: id,
  body_name: z.string(),
  decision_date: date,
  status: z.string().describe('lodged, rejected, accepted, heard or closed'),
  status_label: z.string(),
  held: z.boolean().describe('Whether the decision may not be implemented because of it'),
  summary: z.string(),
  received_on: date,
  councillors: z.array(z.object({ name: z.string(), person_id: id.nullable() })),
  grounds: z.string(),
  checked_on: date.nullable(),
  check_reason: z.string().nullable(),
  hearing_by: date.nullable(),
  hearing_meeting_id: id.nullable(),
  outcome: z.string().nullable().describe('no_further_action, referred_back or referred_to_council'),
  outcome_on: date.nullable(),
  outcome_text: z.string().nullable(),
  reconsider_by: date.nullable(),
  reconsideration: z.string().nullable().describe('confirmed, modified or rescinded'),
  reconsidered_on: date.nullable(),
  reconsideration_reasons: z.string().nullable(),
  updated_at: instant,
  links,
});
export const Review = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  short_title: z.string().nullable(),
  body_id: id,
  group_id: id.nullable(),
  summary: z.string().nullable(),
  scope: z.string().nullable(),
  status: z.string(),
  started_on: date.nullable(),
  report_date: date.nullable(),
  received_on: date.nullable(),
  report_meeting_id: id.nullable(),
  response_meeting_id: id.nullable(),
  report_received: z
    .object({ on: date.nullable(), meeting_id: id.nullable(), agenda_item_id: id.nullable() })
    .nullable()
    .describe('Where and when the report was received (the response clock runs from that date); null until recorded'),
  response_agreed: z
    .object({ meeting_id: id, minute_id: id.nullable() })
    .nullable()
    .describe('The meeting (and its minute) that agreed the executive response; null until recorded'),
  issue_id: id.nullable(),
  updated_at: instant,
  links,
});
export const ReviewDetail = Review.extend({
  terms: z
    .array(
      z.object({
        number: z.string().nullable(),
        text: z.string(),
        points: z.array(z.string()).describe('The bullet points under this term, in order'),
      }),
    )
    .describe('Terms of reference, in order'),
  criteria_heading: z.string().nullable().describe('What the review calls its criteria (the public page says "Criteria" when null)'),
  criteria: z
    .array(z.object({ number: z.string().nullable(), title: z.string(), text: z.string().nullable() }))
    .describe('The criteria the review judged against, in order'),
  evidence: z
    .array(
      z.object({
        kind: z.string().describe(`One of: ${EvidenceKind.values.join(', ')}`),
        mode: z.string().describe(`How it was taken, one of: ${EvidenceMode.values.join(', ')}`),
        organisation: z.string().nullable(),
        body_id: id.nullable().describe('The organisation as a body, when it is one'),
        date: date.nullable(),
        subject: z.string().nullable(),
        notes: z.string().nullable(),
        option_id: id.nullable().describe('The option (in options) this visit or session illustrates'),
        links,
      }),
    )
    .describe('Evidence sessions and submissions, in order'),
  options: z
    .array(z.object({ id, name: z.string(), description: z.string().nullable() }))
    .describe('The options the review compares (such as delivery models), in order'),
  appraisal: z
    .array(
      z.object({
        criterion: z.object({ number: z.string().nullable(), title: z.string() }),
        judgements: z
          .array(
            z.object({
              option_id: id,
              judgement: z.string().describe(`One of: ${Judgement.values.join(', ')}`),
              recorded: z.boolean().describe('False where the review group recorded no judgement (the judgement then reads not_assessed)'),
              rationale: z.string().nullable(),
            }),
          )
          .describe('One per option, in the order of options'),
      }),
    )
    .describe('The options appraisal: one row per criterion, one judgement per option; empty when the review compares no options'),
  members: z
    .array(
      z.object({
        person_id: id,
        name: z.string(),
        honorific: z.string().nullable(),
        role: z.string().describe(`One of: ${MembershipRole.values.join(', ')}`),
        starts_on: date.nullable(),
        ends_on: date.nullable().describe('A member who left stays on the record, with the date'),
        links,
      }),
    )
    .describe('Members of the review group: chair first, then vice-chair, then by name'),
  schedule: z
    .array(
      z.object({
        starts_on: date,
        ends_on: date.nullable(),
        title: z.string().nullable(),
        business: z.array(z.string()).describe('What the meeting took, in order'),
      }),
    )
    .describe('The review group’s schedule of meetings, in order'),
});
export const Response = z.object({
  decision: z.string(),
  text: z.string(),
  proposed_action: z.string().nullable(),
  reason: z.string().nullable(),
  responsible_person_id: id.nullable(),
  responsible_name: z.string().nullable(),
  action_by_date: date.nullable(),
  action_by_text: z.string().nullable().describe('An action-by entry in words, such as "Annual Participation"'),
  outcome: z.string().nullable(),
  agreed_meeting_id: id.nullable(),
  responded_on: date.nullable(),
});
export const Progress = z.object({
  id,
  date,
  status: z.string(),
  rag: z.string().nullable(),
  narrative: z.string(),
  previous_target_date: date.nullable(),
  new_target_date: date.nullable(),
  slip_reason: z.string().nullable(),
  author_name: z.string().nullable(),
  recorded_at: instant,
});
export const Recommendation = z.object({
  id,
  review_id: id.nullable().describe('The review that made it; null for a committee meeting’s or a Council motion’s recommendation'),
  origin: z.string().describe(`Where it came from, one of: ${RecommendationOrigin.values.join(', ')}`),
  reference: z.string().nullable().describe('Its reference per municipal year (from May), such as “2025/26-014”'),
  made_on: date.nullable().describe('The date of the meeting whose minute made it; the executive’s two months run from it (LGA 2000 s.9FE)'),
  made_by_minute_id: id.nullable().describe('The minute whose resolution made it (committee meeting and Council motion origins)'),
  organisation_id: id.nullable().describe('The body that made it and signs it off: the review’s committee, or the body that minuted it'),
  target_organisation_id: id.nullable().describe('The body it is addressed to, such as Cabinet'),
  number: z.number().int(),
  text: z.string(),
  points: z.array(z.string()),
  status: z.string(),
  signed_off_on: date.nullable(),
  signed_off: z
    .object({
      on: date.nullable(),
      outcome: z
        .string()
        .nullable()
        .describe(`One of: ${SignOffOutcome.values.join(', ')}`),
      meeting_id: id.nullable(),
      minute_id: id.nullable(),
      minute_number: z.number().int().nullable(),
    })
    .nullable()
    .describe('The committee’s sign-off or closure: when, with what outcome, at which meeting and under which minute; null while open'),
  response: Response.nullable(),
  progress: z.array(Progress),
  updated_at: instant,
  source,
  links,
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    links: z.object({ self: z.string(), next: z.string().nullable().describe('The next page, or null on the last') }),
  });
}
export function one<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** An entry of the forward plan of key decisions (SI 2012/2089 reg 9): a private entry's detail, documents and wards are null. */
export const ForwardPlanEntry = z.object({
  id,
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable().describe('Null when the decision will be taken in private'),
  body: z.object({ id, name: z.string() }),
  decision_maker: z.object({ kind: z.enum(DecisionMakerKind.values), kind_label: z.string(), name: z.string().nullable() }),
  key_decision: z.boolean(),
  key_reasons: z.object({ spending_pounds: z.number().int().nullable(), wards_affected: z.number().int().nullable() }),
  ward_names: z.string().nullable(),
  first_published_on: date,
  intended_date: date,
  documents: z.string().nullable(),
  in_private: z.boolean(),
  exempt_paragraph: z.number().int().min(1).max(7).nullable().describe('The paragraph of Schedule 12A Part 1 that makes it exempt'),
  scrutiny_engagement: z.string().nullable(),
  notice: z.object({
    route: z.enum(NoticeRoute.values),
    route_label: z.string(),
    chair_informed_on: date.nullable(),
    exception_notice_on: date.nullable(),
    urgency_agreed_by: z.string().nullable(),
    urgency_reasons: z.string().nullable(),
  }),
  updated_at: instant,
  links,
});

/**
 * A topic of a scrutiny committee's work programme (RULES.md 5b). A member of the public's suggestion
 * appears only once accepted for consideration; a suggester's email never does, nor the name of a
 * member of the public; withheld topics never appear.
 */
export const WorkProgrammeTopic = z.object({
  id,
  title: z.string(),
  description: z.string().nullable(),
  committee: z.object({ id, name: z.string() }),
  municipal_year: z.number().int().describe('The year the municipal year starts in (May)'),
  municipal_year_label: z.string().describe('Such as “2026 to 2027”'),
  criteria: z.array(z.enum(PriorityCriterion.values)).describe('Why the topic is prioritised'),
  method: z.enum(ScrutinyMethod.values),
  method_label: z.string(),
  state: z.enum(TopicState.values),
  state_label: z.string(),
  source: z.enum(TopicSource.values),
  source_label: z.string(),
  suggested_by: z.string().nullable().describe('The member or officer who suggested it; null for the public and the forward plan'),
  suggested_on: date,
  lead_member: z.object({ id, name: z.string() }).nullable(),
  lead_officer: z.object({ id, name: z.string() }).nullable(),
  meeting: z.object({ id, date }).nullable().describe('The meeting the topic is planned for'),
  review: z.object({ id, title: z.string() }).nullable().describe('The review the topic became'),
  forward_plan_entry: z.object({ id, title: z.string() }).nullable().describe('The key decision it was suggested from, for pre-decision scrutiny'),
  done_on: date.nullable(),
  dropped_reason: z.string().nullable(),
  updated_at: instant,
  links,
});

/** Every collection: its path segment, the schema of its items in lists and alone, its list query. */
export const API_RESOURCES = {
  bodies: { summary: 'Bodies: the council, its executive, committees and task groups, and outside organisations', item: Body, detail: Body, query: ListQuery },
  people: { summary: 'People: councillors, officers, commissioners and others', item: Person, detail: Person, query: ListQuery },
  memberships: { summary: 'Who sits on which body, in what role', item: Membership, detail: Membership, query: MembershipListQuery },
  meetings: {
    summary: 'Meetings; one meeting holds its agenda items, documents and attendance',
    item: Meeting,
    detail: MeetingDetail,
    query: MeetingListQuery,
  },
  issues: { summary: 'Issues that travel across meetings; one issue holds its history', item: Issue, detail: IssueDetail, query: ListQuery },
  decisions: { summary: 'Decisions: resolutions with their numbered limbs, as minuted', item: Decision, detail: Decision, query: DecisionListQuery },
  reviews: {
    summary: 'Scrutiny reviews; one review holds its terms of reference, criteria, evidence, members and schedule',
    item: Review,
    detail: ReviewDetail,
    query: ListQuery,
  },
  recommendations: {
    summary: 'Recommendations with the executive response and progress updates',
    item: Recommendation,
    detail: Recommendation,
    query: RecommendationListQuery,
  },
  'forward-plan': {
    summary: 'The forward plan of key decisions: who decides what and when, and how notice was given',
    item: ForwardPlanEntry,
    detail: ForwardPlanEntry,
    query: ListQuery,
  },
  'work-programme': {
    summary: 'Scrutiny committees’ work programmes: topics with why, how and when, by committee and municipal year',
    item: WorkProgrammeTopic,
    detail: WorkProgrammeTopic,
    query: WorkProgrammeListQuery,
  },
  'call-ins': {
    summary: 'Call-ins of executive decisions, each step dated; none of exempt or confidential business',
    item: CallIn,
    detail: CallIn,
    query: ListQuery,
  },
} as const;

export type ApiCollection = keyof typeof API_RESOURCES;
