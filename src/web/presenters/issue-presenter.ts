// Turns issues and their history across meetings into what the issue pages print (as modern.gov's issue history).
import { ResolutionVerb } from '../../domain/vocabulary.ts';
import type { IssueService } from '../../services/issue-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, meetingLabel, minuteLabel, pagination, type PageModel } from './presenter-support.ts';

const ISSUES_CRUMB = { text: 'Issues', href: paths.issues() };

export function presentIssues(result: Awaited<ReturnType<IssueService['list']>>) {
  return {
    pageTitle: result.pageCount > 1 ? `Issues (page ${result.page} of ${result.pageCount})` : 'Issues',
    breadcrumbs: [HOME_CRUMB, { text: 'Issues' }],
    total: result.total,
    issues: result.issues.map((i) => ({
      text: i.title,
      href: paths.issue(i.slug),
      summary: i.summary,
      considerationCount: i.consideration_count,
      lastConsideredOn: i.last_considered_on === null ? null : String(i.last_considered_on),
    })),
    pagination: pagination(result.page, result.pageCount, (page) => paths.issues({ page })),
  } satisfies PageModel & Record<string, unknown>;
}

export function presentIssue(result: Awaited<ReturnType<IssueService['bySlug']>>) {
  const { issue } = result;
  return {
    pageTitle: issue.title,
    breadcrumbs: [HOME_CRUMB, ISSUES_CRUMB, { text: issue.title }],
    title: issue.title,
    summary: issue.summary,
    items: result.items.map((i) => ({
      meeting: { text: meetingLabel(i), href: paths.meeting(i.meeting_slug) },
      itemTitle: i.item_number ? `Item ${i.item_number}: ${i.item_title}` : i.item_title,
    })),
    // The repository returns the history in meeting-date order; it is printed as it comes.
    history: result.history.map((h) => ({
      date: h.meeting_date,
      meeting: { text: meetingLabel(h), href: paths.meeting(h.meeting_slug) },
      body: { text: h.organisation_name, href: paths.committee(h.organisation_slug) },
      itemTitle: h.item_title,
      withheld: h.withheld,
      minute: h.minute_id === null ? null : minuteLabel(h.minute_number),
      decision: h.decision_summary,
      limbs: h.resolutions.flatMap((res) =>
        res.limbs.map((limb) => ({
          number: `(${limb.number})`,
          text: limb.text,
          verb: ResolutionVerb.label(limb.verb),
        })),
      ),
    })),
  } satisfies PageModel & Record<string, unknown>;
}
