// What each public page shows, as the tags a write names in the change log (src/domain/page-tags.ts): derived from the records the page loaded.
import type { MeetingService } from '../../services/meeting-service.ts';

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
