// Turns forward-plan entries into what the public forward plan pages and the workspace list print: the matter, maker, dates, route and, when exempt, only that the decision is private.
import { DecisionMakerKind, EXEMPT_PARAGRAPHS, NoticeRoute, TopicState } from '../../domain/vocabulary.ts';
import { municipalYearLabel } from '../../domain/work-programme.ts';
import type { PublicForwardPlanEntry } from '../../services/forward-plan-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, longDate, paragraphs, personName, type PageModel } from './presenter-support.ts';

const PLAN_CRUMB = { text: 'Forward plan', href: paths.forwardPlan() };

/** Who takes the decision: the kind in words, with the person or the name given. */
export function decisionMaker(e: {
  decision_maker_kind: string;
  decision_maker_name: string | null;
  decision_maker_person: string | null;
  decision_maker_honorific: string | null;
}): string {
  const named = e.decision_maker_person ? personName({ honorific: e.decision_maker_honorific, name: e.decision_maker_person }) : e.decision_maker_name;
  return named ? `${DecisionMakerKind.label(e.decision_maker_kind)}: ${named}` : DecisionMakerKind.label(e.decision_maker_kind);
}

/** Why it is a key decision, in words. */
export function keyGrounds(e: {
  is_key_decision: number;
  key_reason_spending: number;
  key_reason_wards: number;
  amount_pounds: number | null;
  wards_affected: number | null;
}): string {
  if (e.is_key_decision !== 1) return 'No';
  const grounds: string[] = [];
  if (e.key_reason_spending === 1 && e.amount_pounds !== null) grounds.push(`spending or savings of £${e.amount_pounds.toLocaleString('en-GB')}`);
  if (e.key_reason_wards === 1 && e.wards_affected !== null) grounds.push(`a significant effect in ${e.wards_affected} wards`);
  return grounds.length === 0 ? 'Yes' : `Yes: ${grounds.join(' and ')}`;
}

/** The words the public sees for a private decision: the Schedule 12A paragraph, never the withheld detail (RULES.md rule 9). */
export function privacy(e: { exempt_paragraph: number | null; is_confidential: number }): string | null {
  if (e.exempt_paragraph !== null) {
    return `This decision will be taken in private: exempt information under paragraph ${e.exempt_paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972 (${(EXEMPT_PARAGRAPHS[e.exempt_paragraph] ?? '').toLowerCase()}).`;
  }
  if (e.is_confidential === 1) return 'This decision will be taken in private: confidential information (Local Government Act 1972 s.100A(3)).';
  return null;
}

function row(e: PublicForwardPlanEntry) {
  return {
    title: e.title,
    href: paths.forwardPlanEntry(e.slug),
    body: e.organisation_name,
    maker: decisionMaker(e),
    date: e.intended_date,
    key: keyGrounds(e),
    route: e.notice_route === 'notice' ? null : NoticeRoute.label(e.notice_route),
    private: e.withheld,
  };
}

export function presentForwardPlan(plan: { from: string; entries: PublicForwardPlanEntry[] }) {
  return {
    pageTitle: 'Forward plan of key decisions',
    breadcrumbs: [HOME_CRUMB, { text: 'Forward plan' }],
    from: plan.from,
    entries: plan.entries.map(row),
    csvHref: paths.forwardPlanCsv(),
    feedHref: paths.forwardPlanFeed(),
    urgencyReport: paths.papers.urgencyReport('print'),
    urgencyReportPdf: paths.papers.urgencyReport('pdf'),
  } satisfies PageModel & Record<string, unknown>;
}

export function presentForwardPlanEntry(result: {
  entry: PublicForwardPlanEntry;
  items: { title: string; number: string | null; meeting_slug: string; meeting_title: string | null; meeting_date: string }[];
  due: { latest: string; latestWorkingDay: string; met: boolean };
  /** The public work programme topics suggested from the entry. */
  topics?: readonly { id: number; organisation_name: string; organisation_slug: string; municipal_year: number; state: string }[];
}) {
  const e = result.entry;
  const facts: { key: string; value: string }[] = [
    { key: 'Decision maker', value: decisionMaker(e) },
    { key: 'Forward plan of', value: e.organisation_name },
    { key: 'Key decision', value: keyGrounds(e) },
    { key: 'Intended date of decision', value: longDate(e.intended_date) },
    { key: 'First published', value: longDate(e.first_published_on) },
    { key: 'Notice', value: NoticeRoute.label(e.notice_route) },
  ];
  if (e.ward_names) facts.push({ key: 'Wards affected', value: e.ward_names });
  if (e.notice_route === 'notice') facts.push({ key: '28 clear days’ notice due by', value: longDate(result.due.latest) });
  if (e.chair_informed_on) facts.push({ key: 'Scrutiny chair told', value: longDate(e.chair_informed_on) });
  if (e.exception_notice_on) facts.push({ key: `${NoticeRoute.label(e.notice_route)} notice published`, value: longDate(e.exception_notice_on) });
  if (e.urgency_agreed_by) facts.push({ key: 'Urgency agreed by', value: e.urgency_agreed_by });
  return {
    pageTitle: e.title,
    breadcrumbs: [HOME_CRUMB, PLAN_CRUMB, { text: e.title }],
    title: e.title,
    privacy: privacy(e),
    description: paragraphs(e.description),
    documents: paragraphs(e.documents),
    scrutiny: paragraphs(e.scrutiny_engagement),
    urgencyReasons: paragraphs(e.urgency_reasons),
    facts,
    followHref: paths.follow('body', e.organisation_id),
    followText: `Get emails when ${e.organisation_name} publishes a key decision or changes its date`,
    topics: (result.topics ?? []).map((t) => ({
      committee: t.organisation_name,
      year: municipalYearLabel(t.municipal_year),
      state: TopicState.label(t.state),
      href: `${paths.workProgramme(t.organisation_slug, t.municipal_year)}#topic-${t.id}`,
    })),
    items: result.items.map((i) => ({
      text: `${i.number ? `${i.number}. ` : ''}${i.title}`,
      meeting: `${i.meeting_title ?? 'Meeting'}, ${longDate(i.meeting_date)}`,
      href: paths.meeting(i.meeting_slug),
    })),
  } satisfies PageModel & Record<string, unknown>;
}
