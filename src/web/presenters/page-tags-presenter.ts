// What each public page shows, as the tags a write names in the change log (src/domain/page-tags.ts): derived from the records the page loaded.
import { TRACKER_ENTRY_TAG } from '../../domain/tracker-entries.ts';
import type { CommitteeService } from '../../services/committee-service.ts';
import type { IssueService } from '../../services/issue-service.ts';
import type { MeetingService } from '../../services/meeting-service.ts';
import type { ReviewService } from '../../services/review-service.ts';
import type { TrackerService } from '../../services/tracker-service.ts';

type MeetingPage = Awaited<ReturnType<MeetingService['bySlug']>>;

/**
 * A meeting's page: the meeting and everything of it (its agenda, papers, minutes, attendance and
 * packs are written with the meeting named), its body, and what it shows of other records: the
 * minutes it is further to and the meetings that referred business to it, the recommendations it
 * signed off and the reviews they came from, the issues on its agenda (each by its own record's
 * fields, "=kind:id"). Kinds stand for what it shows without listing ids: people's names, bodies'
 * names, resolution limbs and referrals, and the council's deadline settings (its clock).
 */
export function meetingPageShows(page: MeetingPage): string[] {
  const { meeting } = page;
  const items = page.agenda;
  const minutes = [...items.flatMap((item) => item.minutes), ...page.otherMinutes];
  return [
    `meeting:${meeting.id}`,
    `=organisation:${meeting.organisation_id}`,
    ...items.flatMap((item) => (item.issue ? [`=issue:${item.issue.id}`] : [])),
    ...items.flatMap((item) => item.arrivedBy.map((referral) => `=meeting:${referral.source_meeting_id}`)),
    ...page.pendingReferrals.map((referral) => `=meeting:${referral.source_meeting_id}`),
    ...minutes.flatMap((minute) => (minute.furtherTo ? [`=minute:${minute.furtherTo.id}`, `=meeting:${minute.furtherTo.meeting_id}`] : [])),
    ...page.signedOff.flatMap((recommendation) => [
      `=recommendation:${recommendation.id}`,
      ...(recommendation.review_id === null ? [] : [`=review:${recommendation.review_id}`]),
    ]),
    ...[...page.reportsReceived, ...page.responsesAgreed].map((review) => `=review:${review.id}`),
    'person',
    'organisation',
    'resolution_limb',
    'referral',
    'setting',
  ];
}

/** A page's tags, as `pageShows` takes them: a record the page does not have (null) names nothing. */
type Tags = readonly (string | null)[];

/** Every page names the council's settings: its clock, deadlines and wording come from them. */
const SETTINGS = 'setting';

/**
 * The lists, by what each row prints. A list shows records of a kind it cannot name in advance (a
 * new meeting joins the meetings list), so it shows the kind: any write to a record of it lets the
 * page go, while writes to what belongs to those records (a minute, a progress update) do not.
 */
export const LIST_PAGE_SHOWS = {
  /** Each body with its kind and how many meetings it has held. */
  committees: ['organisation', 'meeting', SETTINGS],
  /** Each meeting's date, body and status. */
  meetings: ['meeting', 'organisation', SETTINGS],
  /** Each review's title, summary, committee, report date and derived status. */
  reviews: ['review', 'organisation', SETTINGS],
  /** Each issue's title and summary, how often it was considered and when last (by its meetings' dates). */
  issues: ['issue', 'meeting', SETTINGS],
  /** Each person's name, kind, job title, party and ward. */
  people: ['person', SETTINGS],
  /** The next and last five meetings, the five newest reviews and the council's bodies. */
  home: ['meeting', 'review', 'organisation', SETTINGS],
} as const satisfies Record<string, readonly string[]>;

type ReviewPage = Awaited<ReturnType<ReviewService['bySlug']>>;

/**
 * A review's page: the review and everything of it (terms, evidence, options, members and
 * monitoring are written with the review named), each of its recommendations whole (the response
 * and progress are written with the recommendation named), the meeting that received the report
 * whole (the clock prints the minute taken on its item), the agenda item and minute it names, and
 * its documents. Kinds stand for names it prints (bodies, people, memberships) and for documents,
 * which a restoration names without their review.
 */
export function reviewPageShows(page: ReviewPage): Tags {
  const { review } = page;
  return [
    `review:${review.id}`,
    ...page.recommendations.map((recommendation) => `recommendation:${recommendation.id}`),
    review.report_meeting_id === null ? null : `meeting:${review.report_meeting_id}`,
    review.response_meeting_id === null ? null : `=meeting:${review.response_meeting_id}`,
    review.report_agenda_item_id === null ? null : `=agenda_item:${review.report_agenda_item_id}`,
    review.response_minute_id === null ? null : `=minute:${review.response_minute_id}`,
    'document',
    'organisation',
    'person',
    'membership',
    SETTINGS,
  ];
}

type RecommendationPage = Awaited<ReturnType<ReviewService['recommendation']>>;

/**
 * A recommendation's page: the recommendation whole (its response, progress and sign-off), its
 * review whole (its title, and the numbers before and after it), the meetings and minute it names,
 * and the names of people and bodies.
 */
export function recommendationPageShows(page: RecommendationPage): Tags {
  const { review, recommendation } = page;
  return [
    `recommendation:${recommendation.id}`,
    `review:${review.id}`,
    ...[review.report_meeting_id, recommendation.agreed_meeting_id, recommendation.signed_off_meeting_id].map((id) => (id === null ? null : `=meeting:${id}`)),
    recommendation.signed_off_minute_id === null ? null : `=minute:${recommendation.signed_off_minute_id}`,
    'organisation',
    'person',
    SETTINGS,
  ];
}

type IssuePage = Awaited<ReturnType<IssueService['bySlug']>>;

/**
 * An issue's page: the issue whole (agenda items are written with their issue named), every
 * meeting (publishing an agenda brings its draft items onto the page with only the meeting named),
 * each agenda item it prints, each minute whole (its resolutions and their limbs), and the names of
 * bodies and people.
 */
export function issuePageShows(page: IssuePage): Tags {
  return [
    `issue:${page.issue.id}`,
    'meeting',
    ...page.items.map((item) => `=agenda_item:${item.id}`),
    ...page.history.flatMap((h) => [
      h.agenda_item_id === null ? null : `=agenda_item:${h.agenda_item_id}`,
      h.minute_id === null ? null : `minute:${h.minute_id}`,
    ]),
    'resolution',
    'resolution_limb',
    'organisation',
    'person',
    SETTINGS,
  ];
}

type CommitteePage = Awaited<ReturnType<CommitteeService['bySlug']>>;

/** A committee's page: the body's own record, its members, its meetings and reviews, and the bodies above and below it. */
export function committeePageShows(page: CommitteePage): string[] {
  return [`=organisation:${page.organisation.id}`, 'organisation', 'membership', 'person', 'meeting', 'review', SETTINGS];
}

type TrackerPage = Awaited<ReturnType<TrackerService['trackerPage']>>;

/**
 * A page of the tracker: its summary, filter choices and which recommendations it lists come from
 * the standing entries, which a write names as changed only when it changed one of them
 * (`tracker_entry`); each row shows its recommendation whole (response and progress), its review's
 * or minute's own fields, and the names of bodies and people.
 */
export function trackerPageShows(page: TrackerPage): Tags {
  return [
    TRACKER_ENTRY_TAG,
    ...page.rows.flatMap((row) => [
      `recommendation:${row.id}`,
      row.reviewId === null ? null : `=review:${row.reviewId}`,
      row.minuteId === null ? null : `=minute:${row.minuteId}`,
    ]),
    'organisation',
    'person',
    SETTINGS,
  ];
}
