// Work programme topics as people read them: criteria, method, source and state in words, the meeting and leads by name, links to the agenda item and the review.
import { formatLongDate, parseIsoDate } from '../../domain/iso-date.ts';
import { municipalYearLabel } from '../../domain/work-programme.ts';
import { PriorityCriterion, ScrutinyMethod, TopicSource, TopicState, EXEMPT_PARAGRAPHS } from '../../domain/vocabulary.ts';
import { paths } from '../paths.ts';

/** What every view of a topic reads (the repository's topic with its names). */
export interface TopicRecord {
  readonly id: number;
  readonly title: string;
  readonly description: string | null;
  readonly public_interest: number;
  readonly impact: number;
  readonly council_priority: number;
  readonly timeliness: number;
  readonly added_value: number;
  readonly method: string;
  readonly state: string;
  readonly source: string;
  readonly suggested_by: string | null;
  readonly suggested_on: string;
  readonly accepted_on: string | null;
  readonly dropped_reason: string | null;
  readonly done_on: string | null;
  readonly exempt_paragraph: number | null;
  readonly is_confidential: number;
  readonly lead_member_name: string | null;
  readonly lead_officer_name: string | null;
  readonly meeting_date: string | null;
  readonly meeting_slug: string | null;
  readonly meeting_status: string | null;
  readonly agenda_item_number: string | null;
  readonly agenda_item_is_draft: number | null;
  readonly review_slug: string | null;
  readonly review_title: string | null;
  readonly forward_plan_slug: string | null;
  readonly forward_plan_title: string | null;
}

const long = (date: string | null) => (date === null ? null : formatLongDate(parseIsoDate(date)));

/** The criteria a topic meets, in words: "Public interest, Timeliness". */
export function criteriaOf(topic: TopicRecord): string[] {
  return PriorityCriterion.values.filter((c) => topic[c] === 1).map((c) => PriorityCriterion.label(c));
}

/** The GOV.UK tag colour of each state. */
const STATE_CLASS: Record<string, string> = {
  suggested: 'govuk-tag--grey',
  agreed: 'govuk-tag--blue',
  scheduled: 'govuk-tag--turquoise',
  done: 'govuk-tag--green',
  dropped: 'govuk-tag--red',
};

/** One topic as a row of a programme (public or workspace: the public never sees the workspace fields). */
export function presentTopic(topic: TopicRecord, options: { workspace: boolean }) {
  const withheld = topic.exempt_paragraph !== null || topic.is_confidential === 1;
  return {
    id: topic.id,
    title: topic.title,
    description: topic.description,
    criteria: criteriaOf(topic).join(', '),
    method: ScrutinyMethod.label(topic.method),
    state: TopicState.label(topic.state),
    stateClass: STATE_CLASS[topic.state] ?? 'govuk-tag--grey',
    source: TopicSource.label(topic.source),
    suggestedBy: topic.suggested_by,
    suggestedOn: long(topic.suggested_on),
    leadMember: topic.lead_member_name,
    leadOfficer: topic.lead_officer_name,
    meetingDate: long(topic.meeting_date),
    // The meeting's page is public; a draft agenda item is not, so the public sees the item only once the agenda is published.
    meetingHref: topic.meeting_slug === null ? null : paths.meeting(topic.meeting_slug),
    agendaItem: topic.agenda_item_number !== null && (options.workspace || topic.agenda_item_is_draft !== 1) ? `Item ${topic.agenda_item_number}` : null,
    reviewHref: topic.review_slug === null ? null : paths.review(topic.review_slug),
    reviewTitle: topic.review_title,
    // The forward plan publishes every entry's matter (SI 2012/2089 reg 9), so the link is public too.
    forwardPlanHref: topic.forward_plan_slug === null ? null : paths.forwardPlanEntry(topic.forward_plan_slug),
    forwardPlanTitle: topic.forward_plan_title,
    droppedReason: topic.dropped_reason,
    doneOn: long(topic.done_on),
    href: paths.admin.topic(topic.id),
    awaitingModeration: options.workspace && topic.accepted_on === null,
    withheld: options.workspace && withheld,
    withheldText:
      options.workspace && withheld
        ? topic.exempt_paragraph !== null
          ? `Exempt: paragraph ${topic.exempt_paragraph}, ${EXEMPT_PARAGRAPHS[topic.exempt_paragraph] ?? ''}`
          : 'Confidential'
        : null,
  };
}

export type TopicRow = ReturnType<typeof presentTopic>;

/** The years to move between, each labelled "2026 to 2027". */
export function yearLinks(years: readonly number[], current: number, href: (year: number) => string) {
  return years.map((year) => ({ text: municipalYearLabel(year), href: href(year), current: year === current }));
}
