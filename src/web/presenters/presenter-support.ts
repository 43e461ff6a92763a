// Small pieces every presenter shares: links, breadcrumbs, people's names, meeting labels, date ranges, pagination.
import { formatLongDate, isoDateParts, MONTH_NAMES, parseIsoDate } from '../../domain/iso-date.ts';
import { ResponseDecision, ResponseOutcome } from '../../domain/vocabulary.ts';
import { paths } from '../paths.ts';

export interface LinkModel {
  readonly text: string;
  readonly href: string;
}

/** A GOV.UK breadcrumbs item: the last one (the page itself) has no href. */
export interface Crumb {
  readonly text: string;
  readonly href?: string;
}

/** Every page view model carries its <title> part and its breadcrumbs (layout.njk prints both). */
export interface PageModel {
  readonly pageTitle: string;
  readonly breadcrumbs: readonly Crumb[];
}

export const HOME_CRUMB: Crumb = { text: 'Home', href: paths.home() };

/** "Councillor Maggi Clark", "Commissioner Bradwell", "Ian Thomas": the name as the record gives it. */
export function personName(person: { honorific?: string | null; name: string }): string {
  return [person.honorific, person.name].filter((part) => part !== null && part !== undefined && part !== '').join(' ');
}

/** A link to a person when the record names someone we hold a page for, else just the name. */
export function personLink(name: string, slug: string | null | undefined): { text: string; href: string | null } {
  return { text: name, href: slug ? paths.person(slug) : null };
}

/** "Council, 28 February 2018": how a meeting is named in lists and links (a meeting's own title wins). */
export function meetingLabel(meeting: { title?: string | null; organisation_name: string; meeting_date: string }): string {
  return `${meeting.title ?? meeting.organisation_name}, ${formatLongDate(parseIsoDate(meeting.meeting_date))}`;
}

export function meetingLink(meeting: { slug: string; title?: string | null; organisation_name: string; meeting_date: string }): LinkModel {
  return { text: meetingLabel(meeting), href: paths.meeting(meeting.slug) };
}

export function longDate(value: string): string {
  return formatLongDate(parseIsoDate(value));
}

/**
 * A span of days written the way a report would: "23 January to 28 February 2017",
 * "14 to 18 November 2016", "30 December 2016 to 6 January 2017"; a single day when there is no end.
 */
export function dateRange(start: string, end: string | null): string {
  if (end === null || end === start) return longDate(start);
  const a = isoDateParts(parseIsoDate(start));
  const b = isoDateParts(parseIsoDate(end));
  if (a.year !== b.year) return `${longDate(start)} to ${longDate(end)}`;
  if (a.month !== b.month) return `${a.day} ${MONTH_NAMES[a.month - 1]} to ${longDate(end)}`;
  return `${a.day} to ${longDate(end)}`;
}

/** Agenda items are printed with their own number, or their place on the agenda when the record gives none. */
export function itemNumber(item: { number: string | null; position: number }): string {
  return item.number ?? String(item.position);
}

/** The minutes' own words: "Minute 109"; a minute the record leaves unnumbered is just "Minute". */
export function minuteLabel(number: number | null): string {
  return number === null ? 'Minute' : `Minute ${number}`;
}

/**
 * "Further to Minute No. 83 of the meeting of Council held on 18 October 2017" (RULES.md, Minutes
 * and resolutions: how a cross-reference reads).
 */
export function furtherToText(ref: { number: number | null; organisation_name: string; meeting_date: string }): string {
  const minute = ref.number === null ? 'the minutes' : `Minute No. ${ref.number}`;
  return `Further to ${minute} of the meeting of ${ref.organisation_name} held on ${longDate(ref.meeting_date)}`;
}

/** Stored paragraphs are separated by a blank line. */
export function paragraphs(text: string | null): string[] {
  if (text === null) return [];
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The executive's response to one recommendation, in the words a reader sees. */
export interface ResponseModel {
  readonly decision: string;
  readonly text: string;
  readonly reason: string | null;
  readonly proposedAction: string | null;
  readonly officer: { text: string; href: string | null } | null;
  /** A formatted date or the words the response used ("Annual Participation"); null when none was given. */
  readonly actionBy: string | null;
  readonly outcome: string | null;
}

export interface RecommendationModel {
  readonly number: number;
  readonly text: string;
  readonly points: readonly string[];
  readonly href: string;
  readonly response: ResponseModel | null;
}

interface RecommendationRow {
  number: number;
  text: string;
  points: string[];
  decision: string | null;
  response_text: string | null;
  reason: string | null;
  proposed_action: string | null;
  responsible_name: string | null;
  officer_slug: string | null;
  officer_name: string | null;
  action_by_date: string | null;
  action_by_text: string | null;
  outcome: string | null;
}

export function presentRecommendation(reviewSlug: string, rec: RecommendationRow): RecommendationModel {
  const officerName = rec.responsible_name ?? rec.officer_name;
  return {
    number: rec.number,
    text: rec.text,
    points: rec.points,
    href: paths.recommendation(reviewSlug, rec.number),
    response:
      rec.decision === null
        ? null
        : {
            decision: ResponseDecision.label(rec.decision),
            text: rec.response_text ?? '',
            reason: rec.reason,
            proposedAction: rec.proposed_action,
            officer: officerName ? personLink(officerName, rec.officer_slug) : null,
            actionBy: rec.action_by_date !== null ? longDate(rec.action_by_date) : rec.action_by_text,
            outcome: rec.outcome === null ? null : ResponseOutcome.label(rec.outcome),
          },
  };
}

/** The GOV.UK pagination component's parameters for a list of `pageCount` pages, or null for one page. */
export function pagination(page: number, pageCount: number, href: (page: number) => string) {
  if (pageCount <= 1) return null;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pageCount; n += 1) {
    // First, last, and the pages either side of the current one; gaps become an ellipsis (GOV.UK pattern).
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 1) {
      items.push({ number: n, href: href(n), current: n === page });
    } else if (!('ellipsis' in (items.at(-1) ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : null,
    next: page < pageCount ? { href: href(page + 1) } : null,
  };
}

/** A recommendation's public page: its review's, or the page of the meeting whose minute made it (a committee meeting's or a Council motion's). */
export function recommendationHref(rec: { review_slug: string | null; number: number; made_at_slug?: string | null }): string {
  if (rec.review_slug !== null) return paths.recommendation(rec.review_slug, rec.number);
  return rec.made_at_slug ? paths.meeting(rec.made_at_slug) : paths.tracker();
}
