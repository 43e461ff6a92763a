// The tracker: every open recommendation with where it stands, what is overdue and due soon, and the statutory clocks of reviews and meetings.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { londonToday, type Clock } from '../domain/clock.ts';
import { agendaDeadline, callInDeadline, describeDeadline, responseDeadline, type CallInDeadline } from '../domain/deadlines.ts';
import { groupBy } from '../domain/group-by.ts';
import { addDays, daysBetween, formatLongDate, isIsoDate, parseIsoDate, type IsoDate } from '../domain/iso-date.ts';
import {
  currentTargetDate,
  daysOverdue,
  FINISHED_STATUSES,
  latestUpdate,
  monitoringSchedule,
  OPEN_RECOMMENDATION_STATUSES,
  validateMonitoringSettings,
  type MonitoringReport,
  type MonitoringSettings,
} from '../domain/recommendation-lifecycle.ts';
import { isSlug } from '../domain/slug.ts';
import { responseGivenOn } from '../domain/review-lifecycle.ts';
import { ProgressStatus, RecommendationOrigin, ResponseDecision, ResponseOutcome } from '../domain/vocabulary.ts';
import { recommendationReference } from '../domain/recommendation-origin.ts';
import { z } from 'zod';
import type { Actor, SystemActor } from '../domain/roles.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { defineCommand, type CommandStep, type RunCommand } from './command.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { isWithheld } from '../domain/withheld.ts';
import type { SettingsService } from './settings-service.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';

/** The tracker's status filter: a progress status, or 'none' for "no update yet". */
export const TRACKER_STATUS_FILTERS = [...ProgressStatus.values, 'none'] as const;

export interface TrackerFilter {
  committee?: string;
  officer?: string;
  status?: string;
  year?: string;
  /** Where the recommendations came from: review, meeting or motion. */
  origin?: string;
}

export interface TrackerRow {
  id: number;
  /** The review that made it, and the minute that made it (meeting and motion origins): what the row shows of them, by id. */
  reviewId: number | null;
  minuteId: number | null;
  /** The review that made it; none for a committee meeting's or a Council motion's recommendation. */
  reviewSlug: string | null;
  /** The review's title, or the minute that made it ("Minute 12, 3 December 2026"). */
  reviewTitle: string;
  /** Where it came from: review, meeting or motion, and its words. */
  origin: string;
  originLabel: string;
  /** Its reference per municipal year, such as "2025/26-014". */
  reference: string | null;
  /** The meeting whose minute made it (meeting and motion origins). */
  madeAtSlug: string | null;
  /** The body it is addressed to, such as Cabinet. */
  addressee: string | null;
  /** The date it was made (meeting and motion origins): the executive's two months run from it. */
  madeOn: string | null;
  number: number;
  text: string;
  committeeSlug: string;
  committeeName: string;
  /** Year the recommendation was made (the report date). */
  year: string | null;
  decision: string | null;
  decisionLabel: string;
  outcomeLabel: string | null;
  officer: string | null;
  officerSlug: string | null;
  /** The target in force (a slip's new date, else the response's). */
  targetDate: string | null;
  /** The response's own target when a slip has replaced it. */
  originalTargetDate: string | null;
  targetText: string | null;
  latestStatus: string | null;
  latestStatusLabel: string;
  latestUpdateDate: string | null;
  rag: string | null;
  daysOverdue: number | null;
}

export interface TrackerSummary {
  /** Open, with a target date still to come. */
  due: number;
  overdue: number;
  slipped: number;
  /** Achieved and waiting for the committee's sign-off. */
  achieved: number;
  total: number;
}

export type DueItemKind = 'recommendation' | 'response' | 'monitoring-report';

export interface DueItem {
  kind: DueItemKind;
  dueOn: string;
  /** Days past due (overdue list) or days left (due-soon list, 0 = today). */
  days: number;
  /** The review it belongs to; none for a committee meeting's or a Council motion's recommendation. */
  reviewSlug: string | null;
  reviewTitle: string;
  recommendationNumber: number | null;
  /** The recommendation, by id (every recommendation item), and the meeting that made one no review made. */
  recommendationId: number | null;
  madeAtSlug: string | null;
  officer: string | null;
  /** What is due, in words. */
  what: string;
}

const NO_UPDATE = 'No update yet';

function summarise(rows: readonly TrackerRow[], today: string): TrackerSummary {
  return {
    due: rows.filter((r) => r.targetDate !== null && r.targetDate >= today && !FINISHED_STATUSES.includes(r.latestStatus ?? '')).length,
    overdue: rows.filter((r) => r.daysOverdue !== null).length,
    slipped: rows.filter((r) => r.latestStatus === 'slipped').length,
    achieved: rows.filter((r) => r.latestStatus === 'achieved').length,
    total: rows.length,
  };
}

/** What each of the tracker's filters offers, from the open recommendations' committees, officers and years. */
function filterChoices(from: { committees: readonly { slug: string; name: string }[]; officers: readonly string[]; years: readonly string[] }) {
  const committees = new Map(from.committees.map((c) => [c.slug, c.name]));
  return {
    committees: [...committees].map(([value, text]) => ({ value, text })).sort((a, b) => a.text.localeCompare(b.text)),
    officers: [...new Set(from.officers)].sort(),
    statuses: TRACKER_STATUS_FILTERS.map((value) => ({ value, text: value === 'none' ? NO_UPDATE : ProgressStatus.label(value) })),
    origins: RecommendationOrigin.values.map((value) => ({ value, text: RecommendationOrigin.label(value) })),
    years: [...new Set(from.years)].sort().reverse(),
  };
}

const MonitoringScheduleSchema = z
  .object({
    months: z.array(z.number().int()).max(60),
    intervalMonths: z.number().int().nullable(),
  })
  .superRefine((value, ctx) => {
    // An empty list with no interval returns the review to the council's setting.
    if (value.months.length === 0 && value.intervalMonths === null) return;
    for (const error of validateMonitoringSettings({ months: value.months.length > 0 ? value.months : [6], intervalMonths: value.intervalMonths ?? 0 })) {
      ctx.addIssue({ code: 'custom', path: [error.field], message: error.message });
    }
  });
export type MonitoringScheduleInput = z.output<typeof MonitoringScheduleSchema>;

const MonitoringReportSchema = z.object({
  dueOn: z.string(),
  presentedOn: z.string(),
  meeting: z.string().nullable().optional(),
});
export type MonitoringReportInput = z.input<typeof MonitoringReportSchema>;

export function createTrackerService(deps: { db: Kysely<Database>; clock: Clock; settings: SettingsService; run: RunCommand }) {
  const { clock, settings, run } = deps;
  const repos = (): Repositories => createRepositories({ db: deps.db, clock });

  /** The open recommendations as the tracker shows them: every one, or only those ids. */
  async function openRows(today: string, ids?: readonly number[]): Promise<TrackerRow[]> {
    const r = repos();
    const query = { statuses: OPEN_RECOMMENDATION_STATUSES, ...(ids ? { ids } : {}) };
    const recommendations = await r.tracker.recommendations(query);
    const progress = await r.tracker.progressOf(query);
    const byRecommendation = groupBy(progress, (p) => p.recommendation_id);
    return recommendations.map((rec) => {
      const updates = byRecommendation.get(rec.id) ?? [];
      const latest = latestUpdate(updates);
      const target = currentTargetDate(rec.action_by_date, updates);
      const minute = rec.minute_number === null ? 'Minute' : `Minute ${rec.minute_number}`;
      return {
        id: rec.id,
        reviewId: rec.review_id,
        minuteId: rec.minute_id,
        reviewSlug: rec.review_slug,
        reviewTitle: rec.review_short_title ?? rec.review_title ?? `${minute}, ${rec.made_on === null ? '' : formatLongDate(parseIsoDate(rec.made_on))}`,
        origin: rec.origin_kind,
        originLabel: RecommendationOrigin.label(rec.origin_kind),
        reference: recommendationReference(rec.municipal_year, rec.year_sequence),
        madeAtSlug: rec.made_at_slug,
        addressee: rec.addressee_name,
        madeOn: rec.made_on,
        number: rec.number,
        text: rec.text,
        committeeSlug: rec.committee_slug,
        committeeName: rec.committee_name,
        year: (rec.report_date ?? rec.made_on)?.slice(0, 4) ?? null,
        decision: rec.decision,
        decisionLabel: rec.decision ? ResponseDecision.label(rec.decision) : 'Awaiting response',
        outcomeLabel: rec.outcome ? ResponseOutcome.label(rec.outcome) : null,
        officer: rec.responsible_name ?? rec.officer_name,
        officerSlug: rec.officer_slug,
        targetDate: target,
        originalTargetDate: target !== rec.action_by_date ? rec.action_by_date : null,
        targetText: rec.action_by_text,
        latestStatus: latest?.status ?? null,
        latestStatusLabel: latest ? ProgressStatus.label(latest.status) : NO_UPDATE,
        latestUpdateDate: latest?.update_date ?? null,
        rag: latest?.rag ?? null,
        daysOverdue: daysOverdue(target, latest?.status ?? null, today),
      };
    });
  }

  function checkFilter(filter: TrackerFilter): void {
    if (filter.status && !(TRACKER_STATUS_FILTERS as readonly string[]).includes(filter.status)) {
      throw new ValidationError([{ field: 'status', message: `Choose a status from the list` }]);
    }
    if (filter.year && !/^\d{4}$/.test(filter.year)) {
      throw new ValidationError([{ field: 'year', message: 'The year must be four digits, such as 2018' }]);
    }
    if (filter.origin && !RecommendationOrigin.is(filter.origin)) {
      throw new ValidationError([
        { field: 'origin', message: 'Choose where the recommendations came from: a review, a committee meeting or a Council motion' },
      ]);
    }
  }

  function matches(row: TrackerRow, filter: TrackerFilter): boolean {
    if (filter.committee && row.committeeSlug !== filter.committee) return false;
    if (filter.officer && row.officer !== filter.officer) return false;
    if (filter.status && (row.latestStatus ?? 'none') !== filter.status) return false;
    if (filter.year && row.year !== filter.year) return false;
    if (filter.origin && row.origin !== filter.origin) return false;
    return true;
  }

  async function reviewMonitoringSettings(
    r: Repositories,
    review: { id: number; monitoring_interval_months: number | null },
    council: MonitoringSettings,
  ): Promise<MonitoringSettings> {
    const points = await r.tracker.monitoringPoints([review.id]);
    return {
      months: points.length > 0 ? points.map((p) => p.months_after_response) : council.months,
      intervalMonths: review.monitoring_interval_months ?? council.intervalMonths,
    };
  }

  /** The monitoring reports of a review whose response has been given; [] before the response. */
  async function scheduleFor(
    r: Repositories,
    review: { id: number; monitoring_interval_months: number | null },
    respondedOn: string | null,
    today: IsoDate,
    horizon: IsoDate,
    council: MonitoringSettings,
  ): Promise<MonitoringReport[]> {
    if (!respondedOn) return [];
    const [monitoring, counts, presented] = await Promise.all([
      reviewMonitoringSettings(r, review, council),
      r.tracker.recommendationCounts([review.id]),
      r.tracker.monitoringReports([review.id]),
    ]);
    // Reports stop once the committee has signed off every recommendation (rule 5).
    const allClosed = counts.length > 0 && counts.every((c) => !OPEN_RECOMMENDATION_STATUSES.includes(c.status));
    const closedOn = allClosed
      ? present(
          counts
            .map((c) => c.signed_off_on ?? respondedOn)
            .sort()
            .at(-1),
          'the last closing date',
        )
      : null;
    return monitoringSchedule({
      respondedOn: parseIsoDate(respondedOn),
      settings: monitoring,
      today,
      horizon,
      closedOn,
      presented: new Map(presented.map((p) => [p.due_on, p.presented_on])),
    });
  }

  /**
   * When each review's response was given (RULES.md rule 1): the meeting recorded as agreeing it,
   * else the latest of its recommendations' responses once every one has its response.
   */
  async function givenDates(r: Repositories, reviews: readonly { id: number; response_meeting_date: string | null }[]) {
    const rows = groupBy(await r.reviewLifecycle.responseDates(reviews.map((x) => x.id)), (row) => row.review_id);
    return new Map(
      reviews.map((review) => [
        review.id,
        responseGivenOn({
          responseMeetingDate: review.response_meeting_date,
          responses: (rows.get(review.id) ?? []).map((row) => (row.response_id === null ? null : (row.responded_on ?? review.response_meeting_date))),
        }),
      ]),
    );
  }

  async function findReview(r: Repositories, slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such review');
    const review = await r.reviews.findBySlug(slug);
    if (!review) throw new NotFoundError('No such review');
    return review;
  }

  const setSchedule = defineCommand({
    name: 'review.monitoring_schedule',
    roles: ['administrator', 'democratic_services', 'system'],
    input: MonitoringScheduleSchema,
    async change({ input, target, work }: CommandStep<MonitoringScheduleInput, { slug: string }>) {
      const review = await findReview(work.repos, target.slug);
      await work.repos.tracker.setMonitoringSchedule(review.id, input.months, input.intervalMonths);
      await work.audit('review.monitoring_schedule_set', 'review', review.id, null, input);
    },
  });

  const recordReport = defineCommand({
    name: 'review.monitoring_report',
    roles: ['administrator', 'democratic_services', 'system'],
    input: MonitoringReportSchema,
    async change({
      input,
      target,
      work: { repos: t, audit, touched },
    }: CommandStep<z.output<typeof MonitoringReportSchema>, { slug: string; councilMonitoring: MonitoringSettings; today: IsoDate }>) {
      const { today } = target;
      const review = await findReview(t, target.slug);
      const responseMeeting = review.response_meeting_id === null ? null : (await t.meetings.findByIds([review.response_meeting_id]))[0];
      const givenOn = (await givenDates(t, [{ id: review.id, response_meeting_date: responseMeeting?.meeting_date ?? null }])).get(review.id) ?? null;
      const reports = await scheduleFor(t, review, givenOn, today, today, target.councilMonitoring);
      const errors = [];
      const report = reports.find((m) => m.dueOn === input.dueOn);
      if (!report) errors.push({ field: 'dueOn', message: 'No monitoring report of this review is due on that date' });
      if (!isIsoDate(input.presentedOn) || input.presentedOn > today) {
        errors.push({ field: 'presentedOn', message: 'Enter the date the report was presented, not in the future, as YYYY-MM-DD' });
      }
      const meeting = input.meeting ? await t.meetings.findBySlug(input.meeting) : null;
      if (input.meeting && !meeting) errors.push({ field: 'meeting', message: `There is no meeting “${input.meeting}”` });
      if (errors.length > 0 || !report) throw new ValidationError(errors);
      if (report.presentedOn) throw new ConflictError('That monitoring report has already been recorded as presented');
      const row = await t.tracker.addMonitoringReport({
        review_id: review.id,
        due_on: input.dueOn,
        presented_on: input.presentedOn,
        meeting_id: meeting?.id ?? null,
      });
      await audit('review.monitoring_report_presented', 'review', review.id, null, row);
      await refreshReviewStatus(t, review.id);
      touched('review', review.id);
      return row;
    },
  });

  return {
    /** Every open recommendation matching the filter, a summary of them, and the choices each filter offers. */
    async tracker(filter: TrackerFilter = {}) {
      checkFilter(filter);
      const today = londonToday(clock);
      const all = await openRows(today);
      const rows = all.filter((row) => matches(row, filter));
      return {
        today,
        rows,
        summary: summarise(rows, today),
        options: filterChoices({
          committees: all.map((r) => ({ slug: r.committeeSlug, name: r.committeeName })),
          officers: all.map((r) => r.officer).filter((o): o is string => o !== null),
          years: all.map((r) => r.year).filter((y): y is string => y !== null),
        }),
      };
    },

    /**
     * One page of the tracker: the open recommendations matching the filter on that page, with the
     * summary and filter choices of them all, counted by the database from the standing entries
     * every write keeps (migration 0043) rather than from every row, so a first rendering costs the
     * page's rows and not the archive's. The same answer as
     * `tracker` gives for those rows (test/integration/tracker-counts.test.ts).
     */
    async trackerPage(filter: TrackerFilter, page: { number: number; size: number }) {
      checkFilter(filter);
      const today = londonToday(clock);
      const r = repos();
      const [groups, ids] = await Promise.all([
        r.tracker.entryGroups(today),
        r.tracker.entryPage(filter, { offset: (page.number - 1) * page.size, limit: page.size }),
      ]);
      const counted = (rows: typeof groups, test: (row: (typeof groups)[number]) => boolean) => rows.reduce((n, row) => n + (test(row) ? row.n : 0), 0);
      const matching = groups.filter(
        (g) =>
          (!filter.committee || g.committee_slug === filter.committee) &&
          (!filter.officer || g.officer === filter.officer) &&
          (!filter.status || g.latest_status === filter.status) &&
          (!filter.year || g.year === filter.year) &&
          (!filter.origin || g.origin_kind === filter.origin),
      );
      return {
        today,
        rows: await openRows(today, ids),
        summary: {
          due: counted(matching, (g) => g.standing === 'due'),
          overdue: counted(matching, (g) => g.standing === 'overdue'),
          slipped: counted(matching, (g) => g.latest_status === 'slipped'),
          achieved: counted(matching, (g) => g.latest_status === 'achieved'),
          total: counted(matching, () => true),
        },
        options: filterChoices({
          committees: groups.map((g) => ({ slug: g.committee_slug, name: g.committee_name })),
          officers: groups.map((g) => g.officer).filter((o): o is string => o !== null),
          years: groups.map((g) => g.year).filter((y): y is string => y !== null),
        }),
      };
    },

    /**
     * What is overdue today and what falls due in the next `days` days: recommendation targets,
     * executive responses (RULES.md rule 1) and monitoring reports (rule 5), soonest first.
     */
    async dueReport(options: { days: number }) {
      if (!Number.isInteger(options.days) || options.days < 0 || options.days > 3660) {
        throw new ValidationError([{ field: 'days', message: 'The number of days must be a whole number from 0 to 3660' }]);
      }
      const r = repos();
      const today = parseIsoDate(londonToday(clock));
      const until = addDays(today, options.days);
      const overdue: DueItem[] = [];
      const dueSoon: DueItem[] = [];

      for (const row of await openRows(today)) {
        const base = {
          kind: 'recommendation' as const,
          reviewSlug: row.reviewSlug,
          reviewTitle: row.reviewTitle,
          recommendationNumber: row.number,
          recommendationId: row.id,
          madeAtSlug: row.madeAtSlug,
          officer: row.officer,
        };
        // A committee's recommendation to the executive is answered within two months beginning with
        // the meeting that made it (RULES.md rule 1; LGA 2000 s.9FE), chased like a review's response.
        if (row.reviewSlug === null && row.decision === null && row.madeOn !== null) {
          const due = responseDeadline(parseIsoDate(row.madeOn), (await settings.deadlineSettings()).response);
          const item = { ...base, kind: 'response' as const, dueOn: due.latest, what: `Response to recommendation ${row.reference ?? row.number}` };
          if (due.latest < today) overdue.push({ ...item, days: daysBetween(due.latest, today) });
          else if (due.latest <= until) dueSoon.push({ ...item, days: daysBetween(today, due.latest) });
          continue;
        }
        if (row.daysOverdue !== null) {
          overdue.push({
            ...base,
            dueOn: present(row.targetDate, 'row.targetDate'),
            days: row.daysOverdue,
            what: `Recommendation ${row.number}: action due (${row.latestStatusLabel.toLowerCase()})`,
          });
        } else if (row.targetDate && row.targetDate >= today && row.targetDate <= until && !FINISHED_STATUSES.includes(row.latestStatus ?? '')) {
          dueSoon.push({
            ...base,
            dueOn: row.targetDate,
            days: daysBetween(today, parseIsoDate(row.targetDate)),
            what: `Recommendation ${row.number}: action due (${row.latestStatusLabel.toLowerCase()})`,
          });
        }
      }

      const deadlineSettings = await settings.deadlineSettings();
      const councilMonitoring = await settings.monitoringSettings();
      const received = await r.tracker.receivedReviews();
      const given = await givenDates(r, received);
      for (const review of received) {
        const base = {
          reviewSlug: review.slug,
          reviewTitle: review.short_title ?? review.title,
          recommendationNumber: null,
          recommendationId: null,
          madeAtSlug: null,
          officer: null,
        };
        // A response that exists is never chased: the clock stops on the day it was given.
        const respondedOn = given.get(review.id) ?? null;
        if (!respondedOn) {
          const due = responseDeadline(parseIsoDate(present(review.received_on, 'review.received_on')), deadlineSettings.response);
          const item = { ...base, kind: 'response' as const, dueOn: due.latest, what: 'Executive response to the review' };
          if (due.latest < today) overdue.push({ ...item, days: daysBetween(due.latest, today) });
          else if (due.latest <= until) dueSoon.push({ ...item, days: daysBetween(today, due.latest) });
          continue;
        }
        const reports = await scheduleFor(r, review, respondedOn, today, until, councilMonitoring);
        const late = reports.filter((m) => m.state === 'overdue');
        const first = late[0];
        if (first) {
          const more = late.length > 1 ? ` (${late.length} reports outstanding)` : '';
          overdue.push({
            ...base,
            kind: 'monitoring-report',
            dueOn: first.dueOn,
            days: daysBetween(first.dueOn, today),
            what: `Monitoring report ${first.number} (${first.monthsAfterResponse} months after the response)${more}`,
          });
        }
        for (const report of reports.filter((m) => m.state === 'due_soon')) {
          dueSoon.push({
            ...base,
            kind: 'monitoring-report',
            dueOn: report.dueOn,
            days: daysBetween(today, report.dueOn),
            what: `Monitoring report ${report.number} (${report.monthsAfterResponse} months after the response)`,
          });
        }
      }
      const byDate = (a: DueItem, b: DueItem) =>
        a.dueOn.localeCompare(b.dueOn) ||
        (a.reviewSlug ?? '').localeCompare(b.reviewSlug ?? '') ||
        (a.recommendationNumber ?? 0) - (b.recommendationNumber ?? 0);
      return { today, until, days: options.days, overdue: overdue.sort(byDate), dueSoon: dueSoon.sort(byDate) };
    },

    /**
     * A review's statutory clock (RULES.md rule 1): report received, response due (2 months
     * beginning with receipt, or the council's period), response given (the date of the meeting
     * that agreed it), and how late it was; with the review's monitoring reports (rule 5).
     */
    async reviewClock(slug: string) {
      const r = repos();
      const review = await findReview(r, slug);
      const today = parseIsoDate(londonToday(clock));
      const [responseMeeting, reportItem, responseMinute] = await Promise.all([
        review.response_meeting_id === null ? null : r.meetings.findByIds([review.response_meeting_id]).then((rows) => rows[0] ?? null),
        review.report_agenda_item_id === null ? null : r.reviewLifecycle.agendaItem(review.report_agenda_item_id),
        review.response_minute_id === null ? null : r.reviewLifecycle.minute(review.response_minute_id),
      ]);
      const givenOn = (await givenDates(r, [{ id: review.id, response_meeting_date: responseMeeting?.meeting_date ?? null }])).get(review.id) ?? null;
      const reportMinuteNumber = reportItem ? await r.reviewLifecycle.minuteNumberOfItem(reportItem.id) : null;
      const receivedAt = reportItem
        ? { slug: reportItem.meeting_slug, organisationName: reportItem.organisation_name, minuteNumber: reportMinuteNumber }
        : null;
      const responseMinuteNumber = responseMinute?.number ?? null;
      if (!review.received_on) {
        return {
          state: 'not_received' as const,
          receivedOn: null,
          receivedAt: null,
          dueOn: null,
          dueOnWorkingDay: null,
          citation: null,
          sentence: null,
          givenOn,
          responseMeeting: null,
          responseMinuteNumber: null,
          lateByDays: null,
          overdueByDays: null,
          dueInDays: null,
          monitoring: [],
        };
      }
      const due = responseDeadline(parseIsoDate(review.received_on), (await settings.deadlineSettings()).response);
      const lateByDays = givenOn && givenOn > due.latest ? daysBetween(due.latest, parseIsoDate(givenOn)) : null;
      const state = givenOn ? (lateByDays ? ('late' as const) : ('on_time' as const)) : due.latest < today ? ('overdue' as const) : ('awaiting' as const);
      return {
        state,
        receivedOn: review.received_on,
        receivedAt,
        dueOn: due.latest as string,
        dueOnWorkingDay: due.latestWorkingDay as string,
        citation: due.citation,
        sentence: describeDeadline(due),
        givenOn,
        responseMeeting: responseMeeting ? { slug: responseMeeting.slug, organisationName: responseMeeting.organisation_name } : null,
        responseMinuteNumber,
        lateByDays,
        overdueByDays: state === 'overdue' ? daysBetween(due.latest, today) : null,
        dueInDays: state === 'awaiting' ? daysBetween(today, due.latest) : null,
        monitoring: await scheduleFor(r, review, givenOn, today, addDays(today, 30), await settings.monitoringSettings()),
      };
    },

    /**
     * A meeting's clock: the latest day to publish its notice and agenda (RULES.md rule 6) against
     * the day it was published, and for each executive decision minuted there, the call-in window
     * and the first day it may be implemented (rule 4). Exempt or confidential items are named only
     * by minute number.
     */
    async meetingClock(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such meeting');
      const r = repos();
      const meeting = await r.meetings.findBySlug(slug);
      if (!meeting) throw new NotFoundError('No such meeting');
      const s = await settings.deadlineSettings();
      const agenda = agendaDeadline(parseIsoDate(meeting.meeting_date), s.agenda);
      const publishedLateByDays =
        meeting.agenda_published_on && meeting.agenda_published_on > agenda.latest
          ? daysBetween(agenda.latest, parseIsoDate(meeting.agenda_published_on))
          : null;
      const decisions = (await r.tracker.executiveDecisions(meeting.id)).map((d) => {
        const withheld = isWithheld(d);
        const from = s['call-in'].basis === 'meeting' ? meeting.meeting_date : d.published_on;
        const callIn: CallInDeadline | null = from ? callInDeadline(parseIsoDate(from), s['call-in']) : null;
        return {
          minuteNumber: d.minute_number,
          title: withheld ? null : d.minute_title,
          isUrgent: d.is_urgent === 1,
          isKeyDecision: d.is_key_decision === 1,
          basis: s['call-in'].basis,
          publishedOn: d.published_on,
          windowEnds: callIn?.windowEnds ?? null,
          implementableFrom: callIn?.implementableFrom ?? null,
          citation: callIn?.citation ?? null,
          sentence: callIn ? describeDeadline(callIn) : null,
        };
      });
      return {
        meetingDate: meeting.meeting_date,
        agendaLatest: agenda.latest as string,
        agendaLatestWorkingDay: agenda.latestWorkingDay as string,
        agendaCitation: agenda.citation,
        agendaSentence: describeDeadline(agenda),
        agendaPublishedOn: meeting.agenda_published_on,
        publishedLateByDays,
        // RULES.md rule 6: a late agenda is taken only as urgent, with the chair's reasons recorded.
        urgencyReason: meeting.agenda_published_on === null ? null : meeting.urgency_reason,
        decisions,
      };
    },

    /** A review's own monitoring schedule; an empty `months` returns it to the council's setting. */
    setMonitoringSchedule: (slug: string, input: MonitoringScheduleInput, actor: Actor | SystemActor) => run(setSchedule, actor, { slug }, input),

    /** Records that the monitoring report due on `dueOn` was presented to the committee, so it no longer falls due. */
    async recordMonitoringReport(slug: string, input: MonitoringReportInput, actor: Actor | SystemActor) {
      // Read before the transaction: SQLite has one connection, which the transaction holds.
      const councilMonitoring = await settings.monitoringSettings();
      return run(recordReport, actor, { slug, councilMonitoring, today: parseIsoDate(londonToday(clock)) }, input);
    },
  };
}

export type TrackerService = ReturnType<typeof createTrackerService>;
