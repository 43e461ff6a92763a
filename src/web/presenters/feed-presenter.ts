// Turns meetings, decisions and recommendation progress into calendar events, Atom entries and CSV rows, with absolute links.
import { recommendationName, recommendationReference } from '../../domain/recommendation-origin.ts';
import { recommendationHref } from './presenter-support.ts';
import {
  MeetingStatus,
  NoticeRoute,
  RecommendationOrigin,
  ResponseDecision,
  ResponseOutcome,
  RecommendationStatus,
  ScrutinyMethod,
  TopicState,
} from '../../domain/vocabulary.ts';
import { municipalYearLabel } from '../../domain/work-programme.ts';
import type { PublicForwardPlanEntry } from '../../services/forward-plan-service.ts';
import type { WorkProgrammeService } from '../../services/work-programme-service.ts';
import { decisionMaker, privacy } from './forward-plan-presenter.ts';
import type { AtomEntry, AtomFeed } from '../../export/atom.ts';
import type { Calendar, CalendarEvent } from '../../export/icalendar.ts';
import type { CsvValue } from '../../export/csv.ts';
import type { FeedService } from '../../services/feed-service.ts';
import { paths } from '../paths.ts';
import { longDate } from './presenter-support.ts';

/** Where the site is, as the request reached it: feeds and calendars need absolute URLs. */
export interface Site {
  readonly origin: string;
  /** Host name without port: the right-hand side of calendar UIDs and the authority of tag: URIs. */
  readonly hostname: string;
  readonly councilName: string;
}

type Meetings = Awaited<ReturnType<FeedService['meetings']>>;
type Decisions = Awaited<ReturnType<FeedService['decisions']>>;
type Recommendations = Awaited<ReturnType<FeedService['recommendations']>>;
type ProgressEvents = Awaited<ReturnType<FeedService['progressEvents']>>;

/** RFC 4151 tag URIs: stable ids that do not change if the site moves to another path. */
function tag(site: Site, specific: string): string {
  return `tag:${site.hostname},2025:${specific}`;
}

function meetingStatus(status: string): CalendarEvent['status'] {
  if (status === 'cancelled') return 'CANCELLED';
  if (status === 'scheduled' || status === 'postponed') return 'TENTATIVE';
  return 'CONFIRMED';
}

export function presentCalendar(site: Site, data: Meetings): Calendar {
  const name = data.organisation ? `${data.organisation.name} meetings` : `${site.councilName} meetings`;
  return {
    name,
    description: `Meetings of ${data.organisation ? data.organisation.name : site.councilName}`,
    events: data.meetings.map((m) => ({
      // The UID names the record, not the host path, so it survives a change of URL (RFC 5545 §3.8.4.7).
      uid: `meeting-${m.id}@${site.hostname}`,
      summary: `${m.title ?? m.organisation_name}${m.status === 'cancelled' ? ' (cancelled)' : ''}`,
      description: `${m.organisation_name}, ${longDate(m.meeting_date)}. ${MeetingStatus.label(m.status)}${m.status === 'cancelled' && m.cancellation_reason ? `: ${m.cancellation_reason}` : ''}. Agenda and papers: ${site.origin}${paths.meeting(m.slug)}`,
      location: m.location,
      url: `${site.origin}${paths.meeting(m.slug)}`,
      date: m.meeting_date,
      startTime: m.start_time,
      status: meetingStatus(m.status),
      lastModified: m.updated_at,
      sequence: Math.max(0, m.version - 1),
    })),
  };
}

export const MEETING_COLUMNS = ['id', 'date', 'start_time', 'body', 'title', 'status', 'location', 'url', 'source_system', 'source_id'];
export function meetingRows(site: Site, data: Meetings): CsvValue[][] {
  return data.meetings.map((m) => [
    m.id,
    m.meeting_date,
    m.start_time,
    m.organisation_name,
    m.title,
    MeetingStatus.label(m.status),
    m.location,
    `${site.origin}${paths.meeting(m.slug)}`,
    m.source_system,
    m.source_id,
  ]);
}

function decisionTitle(d: Decisions[number]): string {
  const minute = d.minute_number === null ? '' : `Minute ${d.minute_number}: `;
  return `${d.organisation_name}, ${longDate(d.meeting_date)} – ${minute}${d.minute_title}`;
}

function limbText(d: Decisions[number]): string {
  return d.limbs.map((l) => `(${l.number}) ${l.text}`).join('\n');
}

export function presentDecisionsFeed(site: Site, decisions: Decisions, now: string): AtomFeed {
  return {
    id: tag(site, 'decisions'),
    title: `Decisions – ${site.councilName}`,
    subtitle: 'Resolutions of the council, its executive and committees, as minuted.',
    selfLink: `${site.origin}${paths.decisionsFeed()}`,
    alternateLink: `${site.origin}${paths.meetings()}`,
    authorName: site.councilName,
    fallbackUpdated: now,
    entries: decisions.map((d): AtomEntry => ({
      id: tag(site, `decision/${d.id}`),
      title: decisionTitle(d),
      updated: d.updated_at,
      published: d.published_on ?? `${d.meeting_date}T00:00:00Z`,
      link: `${site.origin}${paths.meeting(d.meeting_slug)}`,
      categories: [...new Set(d.limbs.map((l) => l.verb))],
      content: [limbText(d), d.mover_name ? `Moved by ${d.mover_name}.` : '', d.seconder_name ? `Seconded by ${d.seconder_name}.` : '', ...d.callIns]
        .filter(Boolean)
        .join('\n'),
    })),
  };
}

export const DECISION_COLUMNS = [
  'id',
  'date',
  'body',
  'minute_number',
  'minute_title',
  'resolution',
  'mover',
  'seconder',
  'executive_decision',
  'key_decision',
  'url',
];
export function decisionRows(site: Site, decisions: Decisions): CsvValue[][] {
  return decisions.map((d) => [
    d.id,
    d.meeting_date,
    d.organisation_name,
    d.minute_number,
    d.minute_title,
    limbText(d),
    d.mover_name,
    d.seconder_name,
    d.is_executive_decision ? 'yes' : 'no',
    d.is_key_decision ? 'yes' : 'no',
    `${site.origin}${paths.meeting(d.meeting_slug)}`,
  ]);
}

function actionBy(r: { action_by_text: string | null; action_by_date: string | null }): string {
  return r.action_by_text ?? (r.action_by_date ? longDate(r.action_by_date) : '');
}

export function presentProgressFeed(site: Site, data: ProgressEvents, now: string): AtomFeed {
  const review = data.review;
  return {
    id: tag(site, review ? `review/${review.id}/progress` : 'recommendations'),
    title: review ? `Progress on recommendations – ${review.short_title ?? review.title}` : `Recommendation progress – ${site.councilName}`,
    subtitle: 'The executive’s responses to scrutiny recommendations and every dated progress update.',
    selfLink: `${site.origin}${review ? paths.reviewProgressFeed(review.slug) : paths.recommendationsFeed()}`,
    alternateLink: `${site.origin}${review ? paths.review(review.slug) : paths.reviews()}`,
    authorName: site.councilName,
    fallbackUpdated: now,
    entries: data.events.map((event): AtomEntry => {
      const rec = event.recommendation;
      const link = `${site.origin}${recommendationHref(rec)}`;
      const name = recommendationName(rec);
      const subject = name.charAt(0).toLowerCase() + name.slice(1);
      if (event.type === 'response') {
        return {
          id: tag(site, `response/${event.id}`),
          title: `Response to ${subject}: ${ResponseDecision.label(rec.decision)}`,
          updated: event.updatedAt,
          published: rec.responded_on ? `${rec.responded_on}T00:00:00Z` : null,
          link,
          categories: ['response', rec.decision ?? ''].filter(Boolean),
          content: [
            rec.response_text,
            rec.responsible_name ? `Responsible: ${rec.responsible_name}.` : '',
            actionBy(rec) ? `Action by: ${actionBy(rec)}.` : '',
            rec.outcome ? `${ResponseOutcome.label(rec.outcome)}.` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        };
      }
      const u = event.update;
      return {
        id: tag(site, `progress/${u.id}`),
        title: `Progress on ${subject}, ${longDate(u.update_date)}: ${u.status.replaceAll('_', ' ')}`,
        updated: u.created_at,
        published: `${u.update_date}T00:00:00Z`,
        link,
        categories: ['progress', u.status],
        content: [u.narrative, u.new_target_date ? `New target date: ${longDate(u.new_target_date)}.` : '', u.slip_reason ? `Reason: ${u.slip_reason}` : '']
          .filter(Boolean)
          .join('\n'),
      };
    }),
  };
}

export const RECOMMENDATION_COLUMNS = [
  'id',
  'review',
  'number',
  'recommendation',
  'status',
  'response_decision',
  'response',
  'responsible_officer',
  'action_by',
  'outcome',
  'latest_progress_date',
  'latest_progress',
  'url',
  // Appended so that readers of the earlier columns by position keep working: the reference per
  // municipal year and where the recommendation came from (a review, a committee meeting, a Council motion).
  'reference',
  'origin',
];
export function recommendationRows(site: Site, data: Recommendations): CsvValue[][] {
  return data.recommendations.map((r) => {
    const latest = r.progress.at(-1);
    return [
      r.id,
      r.review_short_title ?? r.review_title,
      r.number,
      [r.text, ...r.points].join('\n'),
      RecommendationStatus.label(r.status),
      r.decision ? ResponseDecision.label(r.decision) : '',
      r.response_text,
      r.responsible_name,
      actionBy(r),
      r.outcome ? ResponseOutcome.label(r.outcome) : '',
      latest?.update_date,
      latest?.narrative,
      `${site.origin}${recommendationHref(r)}`,
      recommendationReference(r.municipal_year, r.year_sequence),
      RecommendationOrigin.label(r.origin_kind),
    ];
  });
}

/**
 * The forward plan as Atom (RFC 4287), newest first by first publication. A private entry's entry
 * says only that the decision will be taken in private, with its paragraph (SI 2012/2089 reg 9(1)(d)).
 */
export function presentForwardPlanFeed(site: Site, entries: readonly PublicForwardPlanEntry[], now: string): AtomFeed {
  return {
    id: tag(site, 'forward-plan'),
    title: `Forward plan of key decisions – ${site.councilName}`,
    subtitle: 'Key decisions to be taken, with who takes them, when, and how notice was given.',
    selfLink: `${site.origin}${paths.forwardPlanFeed()}`,
    alternateLink: `${site.origin}${paths.forwardPlan()}`,
    authorName: site.councilName,
    fallbackUpdated: now,
    entries: entries.map((e): AtomEntry => ({
      id: tag(site, `forward-plan/${e.id}`),
      title: e.title,
      updated: e.updated_at,
      published: `${e.first_published_on}T00:00:00Z`,
      link: `${site.origin}${paths.forwardPlanEntry(e.slug)}`,
      categories: [NoticeRoute.label(e.notice_route)],
      content: [
        `${decisionMaker(e)}, intended for ${longDate(e.intended_date)}.`,
        `Forward plan of ${e.organisation_name}. ${NoticeRoute.label(e.notice_route)}.`,
        privacy(e) ?? e.description ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
    })),
  };
}

type TopicFeed = Awaited<ReturnType<WorkProgrammeService['publicFeed']>>;

/** A committee's work programme as Atom: each topic agreed, scheduled, heard or dropped, as it stands now. */
export function presentWorkProgrammeFeed(site: Site, feed: TopicFeed, now: string): AtomFeed {
  const { body, topics } = feed;
  return {
    id: tag(site, `work-programme/${body.slug}`),
    title: `${body.name} work programme – ${site.councilName}`,
    subtitle: `What ${body.name} has agreed to scrutinise, when, and what it has heard or dropped.`,
    selfLink: `${site.origin}${paths.workProgrammeFeed(body.slug)}`,
    alternateLink: `${site.origin}${paths.workProgramme(body.slug)}`,
    authorName: site.councilName,
    fallbackUpdated: now,
    entries: topics.map((t): AtomEntry => {
      const when =
        t.state === 'dropped'
          ? `Dropped: ${t.dropped_reason ?? ''}`
          : t.state === 'done'
            ? `Heard${t.done_on ? ` on ${longDate(t.done_on)}` : ''}.`
            : t.meeting_date
              ? `Planned for the meeting on ${longDate(t.meeting_date)}.`
              : 'Agreed, not yet planned for a meeting.';
      return {
        id: tag(site, `work-programme-topic/${t.id}`),
        title: `${TopicState.label(t.state)}: ${t.title}`,
        updated: t.updated_at,
        published: t.created_at,
        link: `${site.origin}${paths.workProgramme(body.slug, t.municipal_year)}#topic-${t.id}`,
        categories: [TopicState.label(t.state), ScrutinyMethod.label(t.method)],
        content: [when, `${ScrutinyMethod.label(t.method)}, work programme ${municipalYearLabel(t.municipal_year)}.`, t.description ?? '']
          .filter(Boolean)
          .join('\n'),
      };
    }),
  };
}
