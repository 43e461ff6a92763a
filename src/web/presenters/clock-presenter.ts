// View models of the statutory clocks: a review's response clock and monitoring reports, a meeting's agenda and call-in dates, a recommendation's timeline.
import { ProgressStatus, Rag, SignOffOutcome } from '../../domain/vocabulary.ts';
import type { RecommendationService } from '../../services/recommendation-service.ts';
import type { TrackerService } from '../../services/tracker-service.ts';
import { paths } from '../paths.ts';
import { present } from '../../domain/present.ts';

type ReviewClock = Awaited<ReturnType<TrackerService['reviewClock']>>;
type MeetingClock = Awaited<ReturnType<TrackerService['meetingClock']>>;
type Timeline = Awaited<ReturnType<RecommendationService['timeline']>>;

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

const MONITORING_STATES = { presented: 'Presented', overdue: 'Overdue', due_soon: 'Due soon', upcoming: 'Upcoming' } as const;

/** Dates stay 'YYYY-MM-DD' for the templates' longDate filter. */
export function presentReviewClock(clock: ReviewClock) {
  const verdict =
    clock.state === 'late'
      ? `Late by ${days(present(clock.lateByDays, 'clock.lateByDays'))}`
      : clock.state === 'on_time'
        ? 'On time'
        : clock.state === 'overdue'
          ? `Overdue by ${days(present(clock.overdueByDays, 'clock.overdueByDays'))}`
          : clock.state === 'awaiting'
            ? `Due in ${days(present(clock.dueInDays, 'clock.dueInDays'))}`
            : null;
  return {
    received: clock.receivedOn !== null,
    receivedOn: clock.receivedOn,
    receivedAt: clock.receivedAt
      ? {
          text: clock.receivedAt.organisationName,
          href: paths.meeting(clock.receivedAt.slug),
          minute: clock.receivedAt.minuteNumber === null ? null : `Minute ${clock.receivedAt.minuteNumber}`,
        }
      : null,
    dueOn: clock.dueOn,
    dueOnWorkingDay: clock.dueOnWorkingDay !== clock.dueOn ? clock.dueOnWorkingDay : null,
    givenOn: clock.givenOn,
    givenAt: clock.responseMeeting
      ? {
          text: clock.responseMeeting.organisationName,
          href: paths.meeting(clock.responseMeeting.slug),
          minute: clock.responseMinuteNumber === null ? null : `Minute ${clock.responseMinuteNumber}`,
        }
      : null,
    verdict,
    isLate: clock.state === 'late' || clock.state === 'overdue',
    citation: clock.citation,
    monitoring: clock.monitoring.map((m) => ({
      number: m.number,
      months: m.monthsAfterResponse,
      dueOn: m.dueOn,
      presentedOn: m.presentedOn,
      state: MONITORING_STATES[m.state],
      isOverdue: m.state === 'overdue',
    })),
  };
}

export function presentMeetingClock(clock: MeetingClock) {
  return {
    agendaLatest: clock.agendaLatest,
    agendaLatestWorkingDay: clock.agendaLatestWorkingDay !== clock.agendaLatest ? clock.agendaLatestWorkingDay : null,
    agendaPublishedOn: clock.agendaPublishedOn,
    publishedLate: clock.publishedLateByDays === null ? null : `Published ${days(clock.publishedLateByDays)} late`,
    urgencyReason: clock.urgencyReason,
    agendaCitation: clock.agendaCitation,
    decisions: clock.decisions.map((d) => ({
      label: d.minuteNumber === null ? 'Executive decision' : `Minute ${d.minuteNumber}`,
      title: d.title,
      isUrgent: d.isUrgent,
      windowEnds: d.windowEnds,
      implementableFrom: d.implementableFrom,
      noWindow: d.implementableFrom !== null && d.windowEnds === null,
      // Counted from publication by default; without a publication date there is nothing to count from.
      notComputed: d.implementableFrom === null ? 'The date this decision was published is not recorded, so its call-in period cannot be counted.' : null,
      citation: d.citation,
    })),
  };
}

export function presentTimeline(timeline: Timeline) {
  return {
    currentTarget: timeline.currentTarget,
    originalTarget: timeline.originalTarget !== timeline.currentTarget ? timeline.originalTarget : null,
    targetText: timeline.targetText,
    latestStatus: timeline.latestStatus ? ProgressStatus.label(timeline.latestStatus) : null,
    daysOverdue: timeline.daysOverdue === null ? null : days(timeline.daysOverdue),
    events: timeline.events.map((e) => ({
      date: e.date,
      title: e.title,
      detail: e.detail,
      rag: e.rag ? Rag.label(e.rag) : null,
      previousTargetDate: e.previousTargetDate ?? null,
      newTargetDate: e.newTargetDate ?? null,
      slipReason: e.slipReason ?? null,
      author: e.author ?? null,
    })),
    hasUpdates: timeline.events.some((e) => e.kind === 'update'),
    signedOffAt: timeline.signedOffMeeting ? { text: timeline.signedOffMeeting.organisation, href: paths.meeting(timeline.signedOffMeeting.slug) } : null,
    // Where and when the committee ended it: the summary's first row, so nobody reads it as still open.
    signedOff: timeline.signedOffMeeting
      ? {
          heading: timeline.status === 'closed' ? 'Closed' : 'Signed off',
          date: timeline.signedOffMeeting.date,
          outcome: timeline.signedOffOutcome ? SignOffOutcome.label(timeline.signedOffOutcome) : null,
          meeting: { text: timeline.signedOffMeeting.organisation, href: paths.meeting(timeline.signedOffMeeting.slug) },
          minute: timeline.signedOffMinute,
        }
      : null,
  };
}
