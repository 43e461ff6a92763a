// The controlled vocabularies of the domain, each with the words shown to people.

function labelled<const T extends string>(labels: Record<T, string>) {
  const values = Object.keys(labels) as T[];
  return {
    values,
    labels,
    is(value: unknown): value is T {
      return typeof value === 'string' && Object.hasOwn(labels, value);
    },
    label(value: T | string | null | undefined): string {
      return value && Object.hasOwn(labels, value) ? labels[value as T] : (value ?? '');
    },
  };
}

export const OrganisationKind = labelled({
  council: 'Council',
  full_council: 'Full Council',
  executive: 'Executive (Cabinet)',
  committee: 'Committee',
  scrutiny_committee: 'Scrutiny committee',
  task_group: 'Task and finish group',
  external: 'External body',
});
export type OrganisationKind = (typeof OrganisationKind.values)[number];

export const PersonKind = labelled({
  councillor: 'Councillor',
  officer: 'Officer',
  commissioner: 'Commissioner',
  external: 'External',
});
export type PersonKind = (typeof PersonKind.values)[number];

export const MembershipRole = labelled({
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  cabinet_member: 'Cabinet member',
  advisory: 'Advisory role',
  lead_officer: 'Lead officer',
  officer: 'Officer',
});
export type MembershipRole = (typeof MembershipRole.values)[number];

export const MeetingStatus = labelled({
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  held: 'Held',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
});
export type MeetingStatus = (typeof MeetingStatus.values)[number];

export const DocumentKind = labelled({
  agenda: 'Agenda',
  report: 'Report',
  appendix: 'Appendix',
  annex: 'Annex',
  minutes: 'Minutes',
  response: 'Executive response',
  decision_notice: 'Decision notice',
  other: 'Document',
});
export type DocumentKind = (typeof DocumentKind.values)[number];

/** RULES.md, Minutes and resolutions: each limb begins "That" and one of these verbs. */
export const ResolutionVerb = labelled({
  noted: 'Noted',
  received: 'Received',
  approved: 'Approved',
  agreed: 'Agreed',
  recommended: 'Recommended',
  referred: 'Referred',
  deferred: 'Deferred',
});
export type ResolutionVerb = (typeof ResolutionVerb.values)[number];

export const ReferralStatus = labelled({
  pending: 'Pending: not yet on an agenda',
  placed: 'On the agenda',
  sent: 'Sent',
});
export type ReferralStatus = (typeof ReferralStatus.values)[number];

export const EvidenceKind = labelled({
  visit: 'Visit',
  teleconference: 'Tele-conference',
  workshop: 'Workshop',
  literature: 'Literature',
  witness: 'Witness session',
  challenge: 'Challenge session',
});
export type EvidenceKind = (typeof EvidenceKind.values)[number];

export const EvidenceMode = labelled({
  in_person: 'In person',
  remote: 'By tele-conference',
  written: 'Written evidence',
});
export type EvidenceMode = (typeof EvidenceMode.values)[number];

/** Where a review stands, derived from its records by deriveReviewStatus (src/domain/review-lifecycle.ts), never typed. */
export const ReviewStatus = labelled({
  scoping: 'Scoping',
  in_progress: 'In progress',
  reported: 'Reported',
  response_due: 'Response due',
  responded: 'Response received',
  monitoring: 'Monitoring',
  closed: 'Closed',
});
export type ReviewStatus = (typeof ReviewStatus.values)[number];

/** RULES.md rule 2: what a response holds, per recommendation. */
export const ResponseDecision = labelled({
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  accepted_in_principle: 'Accepted in principle',
  not_accepted: 'Not accepted',
  deferred: 'Deferred (interim response)',
});
export type ResponseDecision = (typeof ResponseDecision.values)[number];

export const ResponseOutcome = labelled({
  no_further_action: 'No further action required',
  no_longer_relevant: 'No longer relevant',
});
export type ResponseOutcome = (typeof ResponseOutcome.values)[number];

/** The committee's outcome when it signs a recommendation off or closes it (DESIGN.md: "ending in sign-off or closure"). */
export const SignOffOutcome = labelled({
  achieved: 'Achieved',
  not_achieved: 'Not achieved',
  no_longer_relevant: 'No longer relevant',
  no_further_action: 'No further action',
});
export type SignOffOutcome = (typeof SignOffOutcome.values)[number];

export const RecommendationStatus = labelled({
  awaiting_response: 'Awaiting response',
  open: 'Open',
  signed_off: 'Signed off',
  closed: 'Closed',
});
export type RecommendationStatus = (typeof RecommendationStatus.values)[number];

export const ProgressStatus = labelled({
  not_started: 'Not started',
  on_track: 'On track',
  slipped: 'Slipped',
  achieved: 'Achieved',
  not_achieved: 'Not achieved',
  no_further_action: 'No further action',
  no_longer_relevant: 'No longer relevant',
});
export type ProgressStatus = (typeof ProgressStatus.values)[number];

export const Rag = labelled({ red: 'Red', amber: 'Amber', green: 'Green' });
export type Rag = (typeof Rag.values)[number];

export const AttendanceStatus = labelled({
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
  in_attendance: 'In attendance',
  // A member sitting in place of another (the role says whom): recorded from the workspace.
  substitute: 'Substitute',
  // modern.gov lists members due at a meeting not yet held as "Expected".
  expected: 'Expected',
});
export type AttendanceStatus = (typeof AttendanceStatus.values)[number];

/** Kinds of interest a member declares at a meeting: the Localism Act 2011 s.30-31 (disclosable pecuniary) and the model code of conduct's other categories. */
export const DeclarationKind = labelled({
  disclosable_pecuniary: 'Disclosable pecuniary interest',
  other_registrable: 'Other registrable interest',
  non_registrable: 'Non-registrable interest',
  personal: 'Personal interest',
  prejudicial: 'Prejudicial interest',
});
export type DeclarationKind = (typeof DeclarationKind.values)[number];

/** How a person is named on an agenda item (the capacity in which they present or advise on the report). */
export const AgendaItemPersonRole = labelled({
  cabinet_member: 'Cabinet Member',
  advisory: 'Advisory role',
  presenter: 'Presenting',
});
export type AgendaItemPersonRole = (typeof AgendaItemPersonRole.values)[number];

/** Local Government Act 1972 Schedule 12A Part 1 (England): the descriptions of exempt information. */
export const EXEMPT_PARAGRAPHS: Record<number, string> = {
  1: 'Information relating to any individual',
  2: 'Information which is likely to reveal the identity of an individual',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'Information which reveals that the authority proposes to give a notice or make an order or direction',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
};

/** A work programme topic's state (RULES.md 5b): suggested, agreed by the committee, scheduled for a meeting, heard, or dropped with a reason. */
export const TopicState = labelled({
  suggested: 'Suggested',
  agreed: 'Agreed',
  scheduled: 'Scheduled',
  done: 'Heard',
  dropped: 'Dropped',
});
export type TopicState = (typeof TopicState.values)[number];

/** How the committee will scrutinise a topic. */
export const ScrutinyMethod = labelled({
  agenda_item: 'Agenda item',
  review: 'Review (task and finish)',
  briefing: 'Briefing',
  pre_decision: 'Pre-decision scrutiny',
});
export type ScrutinyMethod = (typeof ScrutinyMethod.values)[number];

/** Where a topic came from (RULES.md 5b: the forward plan, members' and public suggestions). */
export const TopicSource = labelled({
  member: 'A member',
  officer: 'An officer',
  public: 'A member of the public',
  forward_plan: 'The forward plan',
});
export type TopicSource = (typeof TopicSource.values)[number];

/** The criteria a committee adopts to prioritise its work (RULES.md 5b; CfGS guidance), as stored flags. */
export const PriorityCriterion = labelled({
  public_interest: 'Public interest',
  impact: 'Impact on residents',
  council_priority: 'Council priority',
  timeliness: 'Timeliness',
  added_value: 'Scrutiny can add value',
});
export type PriorityCriterion = (typeof PriorityCriterion.values)[number];
/** Who takes a key decision on the forward plan (SI 2012/2089 reg 9(1)(c): "the decision maker"). */
export const DecisionMakerKind = labelled({
  cabinet: 'Cabinet',
  cabinet_member: 'A cabinet member',
  officer: 'An officer',
  commissioners: 'Commissioners',
});
export type DecisionMakerKind = (typeof DecisionMakerKind.values)[number];

/** How the public was told of a key decision: the 28-day notice, or one of the two exceptions (SI 2012/2089 regs 9, 10 and 11). */
export const NoticeRoute = labelled({
  notice: '28 clear days’ notice',
  general_exception: 'General exception',
  special_urgency: 'Special urgency',
});
export type NoticeRoute = (typeof NoticeRoute.values)[number];
/** Where a call-in of an executive decision stands (RULES.md 5a): notice received, checked, heard, closed. */
export const CallInStatus = labelled({
  lodged: 'Notice received: validity being checked',
  rejected: 'Rejected by the proper officer',
  accepted: 'Called in: implementation held',
  heard: 'Heard by the scrutiny committee',
  closed: 'Closed',
});
export type CallInStatus = (typeof CallInStatus.values)[number];

/** What the scrutiny committee decides on a call-in (RULES.md 5a, Outcomes). */
export const CallInOutcome = labelled({
  no_further_action: 'No further action: the decision takes effect',
  referred_back: 'Referred back to the decision maker with recommendations',
  referred_to_council: 'Referred to full Council',
});
export type CallInOutcome = (typeof CallInOutcome.values)[number];

/** What the decision maker does on reconsidering a decision referred back (RULES.md 5a). */
export const CallInReconsideration = labelled({
  confirmed: 'Decision confirmed',
  modified: 'Decision modified',
  rescinded: 'Decision rescinded',
});
export type CallInReconsideration = (typeof CallInReconsideration.values)[number];

/** Who may sign a call-in notice (RULES.md 5a, Who; a council setting). */
export const CallInEligibility = labelled({
  any_councillor: 'Any councillor',
  scrutiny_members: 'Members of a scrutiny committee',
});
export type CallInEligibility = (typeof CallInEligibility.values)[number];

/** Where a tracked recommendation came from (migration 0033). */
export const RecommendationOrigin = labelled({
  review: 'Scrutiny review',
  meeting: 'Committee meeting',
  motion: 'Council motion',
});
export type RecommendationOrigin = (typeof RecommendationOrigin.values)[number];

/** The review group's judgement of an option against one of the review's criteria (options appraisal). */
export const Judgement = labelled({
  meets: 'Meets',
  partly_meets: 'Partly meets',
  does_not_meet: 'Does not meet',
  not_assessed: 'Not assessed',
});
export type Judgement = (typeof Judgement.values)[number];
