// Turns a meeting (agenda, reports, minutes, resolutions, referrals) into what the meeting pages print; withheld items keep only number and title.
import { recommendationName } from '../../domain/recommendation-origin.ts';
import { meetingPaperLinks } from './paper-links-presenter.ts';
import { AttendanceStatus, DeclarationKind, DocumentKind, EXEMPT_PARAGRAPHS, MeetingStatus, ResolutionVerb, SignOffOutcome } from '../../domain/vocabulary.ts';
import type { MeetingService } from '../../services/meeting-service.ts';
import { paths } from '../paths.ts';
import {
  furtherToText,
  HOME_CRUMB,
  itemNumber,
  longDate,
  meetingLabel,
  minuteLabel,
  pagination,
  paragraphs,
  personLink,
  type PageModel,
} from './presenter-support.ts';
import { present } from '../../domain/present.ts';

const MEETINGS_CRUMB = { text: 'Meetings', href: paths.meetings() };

type MeetingList = Awaited<ReturnType<MeetingService['list']>>;
type MeetingPage = Awaited<ReturnType<MeetingService['bySlug']>>;
type AgendaEntry = MeetingPage['agenda'][number];

export function presentMeetings(result: MeetingList) {
  const title = result.pageCount > 1 ? `Meetings (page ${result.page} of ${result.pageCount})` : 'Meetings';
  return {
    pageTitle: title,
    breadcrumbs: [HOME_CRUMB, { text: 'Meetings' }],
    total: result.total,
    meetings: result.meetings.map((m) => ({
      href: paths.meeting(m.slug),
      text: meetingLabel(m),
      body: { text: m.organisation_name, href: paths.committee(m.organisation_slug) },
      date: m.meeting_date,
      status: MeetingStatus.label(m.status),
    })),
    pagination: pagination(result.page, result.pageCount, (page) => paths.meetings({ page })),
  } satisfies PageModel & Record<string, unknown>;
}

/** The heading of a person named on a report: "Cabinet Member: Councillor Watson", "Commissioner: Bradwell (in advisory role)". */
function namedPerson(p: AgendaEntry['people'][number]) {
  const roleLabels: Record<string, string> = { cabinet_member: 'Cabinet Member', advisory: 'Advisory role', presenter: 'Presenting' };
  // The note holds the capacity as the report words it, with any qualification in brackets:
  // "Commissioner (in advisory role)" prints as "Commissioner: Bradwell (in advisory role)".
  const note = p.note?.match(/^(.*?)\s*\((.+)\)$/);
  const capacity = note ? present(note[1], 'note[1]') : (p.note ?? roleLabels[p.role] ?? p.role);
  return {
    capacity,
    person: personLink(p.name, p.person_slug),
    qualification: note ? `(${note[2]})` : null,
  };
}

/** "Report of the Strategic Director of …": report_of holds the post, as agendas print it. */
function reportOf(author: string | null): string | null {
  if (author === null || author.trim() === '') return null;
  return /^the\s/i.test(author) ? `Report of ${author}` : `Report of the ${author}`;
}

type MinuteEntry = MeetingPage['otherMinutes'][number];

function presentMinute(meetingSlug: string, minute: MinuteEntry) {
  return {
    label: minuteLabel(minute.number),
    // The anchor that "Referred by …, Minute 4" links to from the meeting the matter went to.
    anchor: minute.number === null ? `minute-id-${minute.id}` : `minute-${minute.number}`,
    title: minute.title,
    furtherTo:
      minute.furtherTo === null
        ? null
        : {
            text: furtherToText(minute.furtherTo),
            href: paths.meeting(minute.furtherTo.meeting_slug),
          },
    paragraphs: paragraphs(minute.body),
    resolutions: minute.resolutions.map((res) => ({
      id: res.id,
      isExecutiveDecision: res.is_executive_decision === 1,
      // The record of an executive decision (Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, reg. 12).
      decisionRecord: res.is_executive_decision === 1 ? { text: 'Record of the decision', href: paths.papers.decision(meetingSlug, res.id, 'print') } : null,
      mover: res.mover_name ? personLink(res.mover_name, res.mover_slug) : null,
      seconder: res.seconder_name ? personLink(res.seconder_name, res.seconder_slug) : null,
      votes:
        res.votes_for === null && res.votes_against === null && res.votes_abstained === null
          ? null
          : {
              for: res.votes_for ?? 0,
              against: res.votes_against ?? 0,
              abstained: res.votes_abstained ?? 0,
            },
      limbs: res.limbs.map((limb) => ({
        number: `(${limb.number})`,
        text: limb.text,
        verb: ResolutionVerb.label(limb.verb),
        referrals: limb.referrals.map((rf) => {
          if (rf.target_meeting_slug && rf.target_meeting_date && rf.target_organisation_name) {
            return {
              before: 'Referred to the ',
              link: { text: `${rf.target_organisation_name} meeting on ${longDate(rf.target_meeting_date)}`, href: paths.meeting(rf.target_meeting_slug) },
            };
          }
          if (rf.target_organisation_name && rf.target_organisation_slug) {
            return { before: 'Referred to ', link: { text: rf.target_organisation_name, href: paths.committee(rf.target_organisation_slug) } };
          }
          // Descriptions are stored as a sentence would start them ("The Lead Commissioner …"); here they follow "Sent to".
          const to = (rf.target_description ?? 'those named in the resolution').replace(/^The\s/, 'the ');
          return { before: `Sent to ${to}`, link: null };
        }),
      })),
    })),
  };
}

function presentItem(meetingSlug: string, item: AgendaEntry) {
  const number = itemNumber(item);
  if (item.withheld) {
    // Only the number, the title and the statutory ground are public (LGA 1972 s.100A(4), Schedule 12A).
    return {
      withheld: true as const,
      number,
      title: item.title,
      // modern.gov marks items "restricted" without naming a paragraph (migration 0003): say just that.
      exemption:
        item.is_restricted === 1 && item.exempt_paragraph === null
          ? 'Restricted: not open to the public'
          : item.exempt_paragraph === null
            ? 'Confidential information: not open to the public (Local Government Act 1972, section 100A(3))'
            : `Exempt information: paragraph ${item.exempt_paragraph} of Schedule 12A`,
      exemptionDescription: item.exempt_paragraph === null ? null : (EXEMPT_PARAGRAPHS[item.exempt_paragraph] ?? null),
    };
  }
  return {
    withheld: false as const,
    number,
    title: item.title,
    description: item.description,
    reportOf: reportOf(item.report_of),
    people: item.people.map(namedPerson),
    recommendations: item.recommendations.map((r) => ({ number: `${r.number}.`, text: r.text })),
    documents: item.documents.map((d) => ({ text: d.title, href: paths.document(d.slug), kind: DocumentKind.label(d.kind) })),
    arrivedBy: item.arrivedBy.map((a) => ({
      text: `Referred by ${a.source_organisation_name}${a.minute_number === null ? '' : `, Minute ${a.minute_number}`}`,
      href: paths.meetingMinute(a.source_meeting_slug, a.minute_number),
      date: a.source_meeting_date,
    })),
    issue: item.issue ? { text: item.issue.title, href: paths.issue(item.issue.slug) } : null,
    minutes: item.minutes.map((minute) => presentMinute(meetingSlug, minute)),
  };
}

export function presentMeeting(result: MeetingPage) {
  const { meeting } = result;
  const label = meetingLabel(meeting);
  return {
    pageTitle: label,
    breadcrumbs: [HOME_CRUMB, MEETINGS_CRUMB, { text: label }],
    title: meeting.title ?? meeting.organisation_name,
    papers: meetingPaperLinks(result),
    body: { text: meeting.organisation_name, href: paths.committee(meeting.organisation_slug) },
    date: meeting.meeting_date,
    startTime: meeting.start_time,
    location: meeting.location,
    status: MeetingStatus.label(meeting.status),
    cancelled: meeting.status === 'cancelled' ? { reason: meeting.cancellation_reason, on: meeting.cancelled_on } : null,
    // Followers are told if the meeting is cancelled; a meeting already cancelled or held has nothing more to tell.
    followHref: meeting.status === 'cancelled' || meeting.status === 'held' ? null : paths.follow('meeting', meeting.id),
    agenda: result.agenda.map((item) => presentItem(meeting.slug, item)),
    otherMinutes: result.otherMinutes.map((minute) => presentMinute(meeting.slug, minute)),
    documents: result.otherDocuments.map((d) => ({ text: d.title, href: paths.document(d.slug), kind: DocumentKind.label(d.kind) })),
    attendance: result.attendance.map((a) => ({
      person: personLink(a.name, a.person_slug),
      role: a.role,
      status: AttendanceStatus.label(a.status),
    })),
    declarations: result.declarations.map((d) => ({ name: d.name, kind: DeclarationKind.label(d.kind), interest: d.interest, dispensation: d.dispensation })),
    signedOff: result.signedOff.map((rec) => ({
      text: recommendationName(rec),
      href: rec.review_slug === null ? paths.tracker() : paths.recommendation(rec.review_slug, rec.number),
      outcome: rec.signed_off_outcome === null ? null : SignOffOutcome.label(rec.signed_off_outcome),
      minute: rec.minute_number === null ? null : { text: `Minute ${rec.minute_number}`, href: paths.meetingMinute(meeting.slug, rec.minute_number) },
    })),
    reportsReceived: result.reportsReceived.map((v) => ({ text: v.title, href: paths.review(v.slug) })),
    responsesAgreed: result.responsesAgreed.map((v) => ({ text: v.title, href: paths.reviewResponse(v.slug) })),
    pendingReferrals: result.pendingReferrals.map((a) => ({
      text: `Referred by ${a.source_organisation_name}${a.minute_number === null ? '' : `, Minute ${a.minute_number}`}`,
      href: paths.meetingMinute(a.source_meeting_slug, a.minute_number),
      date: a.source_meeting_date,
    })),
  } satisfies PageModel & Record<string, unknown>;
}
