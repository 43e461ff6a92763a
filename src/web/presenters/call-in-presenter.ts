// View models of call-ins (RULES.md 5a): each step dated, in the words the public call-ins page, the meeting page and the workspace share.
import { CallInOutcome, CallInReconsideration, CallInStatus } from '../../domain/vocabulary.ts';
import type { AtomEntry, AtomFeed } from '../../export/atom.ts';
import type { CallInService } from '../../services/call-in-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, longDate, personLink, type PageModel } from './presenter-support.ts';

type CallIn = Awaited<ReturnType<CallInService['published']>>[number];

/** A step of the call-in: its day and what happened, with a link where the step is a meeting. */
export interface CallInStep {
  readonly date: string;
  readonly heading: string;
  readonly text: string | null;
  readonly link: { text: string; href: string } | null;
}

/** Every step taken so far, oldest first; the deadline of the next one where the rules set it. */
export function callInSteps(c: CallIn): CallInStep[] {
  const steps: CallInStep[] = [
    {
      date: longDate(c.received_on),
      heading: `Call-in notice received from ${c.councillors.length} councillors`,
      text: `Grounds: ${c.grounds}`,
      link: null,
    },
  ];
  if (c.checked_on !== null) {
    steps.push({
      date: longDate(c.checked_on),
      heading: c.status === 'rejected' ? 'Rejected by the proper officer' : 'Accepted by the proper officer: implementation held',
      text: c.check_reason,
      link: null,
    });
  }
  if (c.hearing_meeting_slug !== null && c.hearing_meeting_date !== null) {
    steps.push({
      date: longDate(c.hearing_meeting_date),
      heading: 'To be heard by the scrutiny committee',
      text: c.hearing_by === null ? null : `The council’s rules say it is heard by ${longDate(c.hearing_by)}.`,
      link: {
        text: `${c.hearing_body_name ?? 'Scrutiny committee'} meeting on ${longDate(c.hearing_meeting_date)}`,
        href: paths.meeting(c.hearing_meeting_slug),
      },
    });
  }
  if (c.outcome !== null && c.outcome_on !== null) {
    steps.push({
      date: longDate(c.outcome_on),
      heading: `Outcome: ${CallInOutcome.label(c.outcome)}`,
      text:
        [c.outcome_text, c.reconsider_by === null ? null : `To be reconsidered by ${longDate(c.reconsider_by)}.`].filter((t) => t !== null).join(' ') || null,
      link: null,
    });
  }
  if (c.reconsideration !== null && c.reconsidered_on !== null) {
    steps.push({
      date: longDate(c.reconsidered_on),
      heading: `Reconsidered: ${CallInReconsideration.label(c.reconsideration)}`,
      text: c.reconsideration_reasons,
      link: null,
    });
  }
  return steps;
}

/** One call-in as its public entry shows it. */
export function presentCallIn(c: CallIn) {
  return {
    id: c.id,
    anchor: `call-in-${c.id}`,
    title: c.title,
    decision: { text: `${c.body_name} meeting on ${longDate(c.meeting_date)}`, href: paths.meetingMinute(c.meeting_slug, c.minute_number) },
    status: CallInStatus.label(c.status),
    held: c.effect.held,
    effect: c.effect.sentence,
    councillors: c.councillors.map((x) => personLink(x.name, x.person_slug)),
    steps: callInSteps(c),
    line: c.line,
    href: `${paths.callIns()}#call-in-${c.id}`,
  };
}

/** The public list of call-ins, newest first. */
export function presentCallIns(callIns: readonly CallIn[]) {
  return {
    pageTitle: 'Call-ins of executive decisions',
    breadcrumbs: [HOME_CRUMB, { text: 'Call-ins' }],
    callIns: callIns.map(presentCallIn),
    csvHref: paths.callInsCsv(),
  } satisfies PageModel & Record<string, unknown>;
}

/** A meeting's decisions' call-ins, by resolution: the meeting page shows each under its decision. */
export function callInsByResolution(callIns: readonly CallIn[]): Record<number, ReturnType<typeof presentCallIn>[]> {
  const byResolution: Record<number, ReturnType<typeof presentCallIn>[]> = {};
  for (const c of callIns) (byResolution[c.resolution_id] ??= []).push(presentCallIn(c));
  return byResolution;
}

/** A meeting's executive decisions in the workspace, by minute: the link to record a call-in, and each call-in recorded. */
export function callInLinks(decisions: Awaited<ReturnType<CallInService['meetingDecisions']>>) {
  const byMinute: Record<number, { lodge: string; callIns: { href: string; text: string }[] }[]> = {};
  for (const d of decisions) {
    (byMinute[d.minuteId] ??= []).push({
      lodge: paths.admin.newCallIn(d.resolutionId),
      callIns: d.callIns.map((c) => ({ href: paths.admin.callIn(c.id), text: `Call-in received ${longDate(c.received_on)}: ${CallInStatus.label(c.status)}` })),
    });
  }
  return byMinute;
}

/** Each step of every public call-in as an Atom entry (RFC 4287), newest first: a step, once recorded, does not change. */
export function presentCallInsFeed(site: { origin: string; hostname: string; councilName: string }, callIns: readonly CallIn[], now: string): AtomFeed {
  const entries: (AtomEntry & { callInId: number; order: number })[] = [];
  for (const c of callIns) {
    const link = `${site.origin}${paths.callIns()}#call-in-${c.id}`;
    callInSteps(c).forEach((step, order) => {
      const day = stepDays(c)[order] ?? c.received_on;
      entries.push({
        id: `tag:${site.hostname},2025:call-in/${c.id}/step/${order + 1}`,
        title: `${c.title} – ${step.heading}`,
        updated: `${day}T00:00:00Z`,
        published: `${day}T00:00:00Z`,
        link,
        categories: ['call-in', c.status],
        callInId: c.id,
        content: [step.text, step.link ? `${step.link.text}: ${site.origin}${step.link.href}` : null, c.line].filter((t) => t !== null).join('\n'),
        order,
      });
    });
  }
  // Steps of one day: the later call-in first, then its later step (ids and steps are in the order they were recorded).
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || b.callInId - a.callInId || b.order - a.order);
  return {
    id: `tag:${site.hostname},2025:call-ins`,
    title: `Call-ins – ${site.councilName}`,
    subtitle: 'Every step of the call-in of executive decisions: notice, check, hearing, outcome and reconsideration.',
    selfLink: `${site.origin}${paths.callInsFeed()}`,
    alternateLink: `${site.origin}${paths.callIns()}`,
    authorName: site.councilName,
    fallbackUpdated: now,
    entries: entries.map(({ order: _order, callInId: _id, ...entry }) => entry),
  };
}

/** The ISO day of each step callInSteps gives, in the same order. */
function stepDays(c: CallIn): string[] {
  const days = [c.received_on];
  if (c.checked_on !== null) days.push(c.checked_on);
  if (c.hearing_meeting_slug !== null && c.hearing_meeting_date !== null) days.push(c.hearing_meeting_date);
  if (c.outcome !== null && c.outcome_on !== null) days.push(c.outcome_on);
  if (c.reconsideration !== null && c.reconsidered_on !== null) days.push(c.reconsidered_on);
  return days;
}
