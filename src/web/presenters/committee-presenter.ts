// Turns committees and their members, meetings, sub-groups and reviews into what the committee pages print.
import { committeePaperLinks } from './paper-links-presenter.ts';
import { MembershipRole, OrganisationKind } from '../../domain/vocabulary.ts';
import type { CommitteeService } from '../../services/committee-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, meetingLink, personLink, personName, type PageModel } from './presenter-support.ts';

const COMMITTEES_CRUMB = { text: 'Committees', href: paths.committees() };

export function presentCommittees(bodies: Awaited<ReturnType<CommitteeService['list']>>) {
  return {
    pageTitle: 'Committees',
    breadcrumbs: [HOME_CRUMB, { text: 'Committees' }],
    committees: bodies.map((body) => ({
      name: body.name,
      href: paths.committee(body.slug),
      kind: OrganisationKind.label(body.kind),
      description: body.description,
      meetingCount: body.meeting_count,
      // A sub-group is listed under its parent's name so the reader sees where it sits.
      parentName: bodies.find((b) => b.id === body.parent_id)?.name ?? null,
    })),
    // The council's annual scrutiny report, every scrutiny committee's last complete municipal year, where it has any.
    annualReport: bodies.some((b) => b.kind === 'scrutiny_committee')
      ? [
          { text: 'PDF', href: paths.papers.councilAnnualReport('pdf') },
          { text: 'Word', href: paths.papers.councilAnnualReport('docx') },
          { text: 'Print view', href: paths.papers.councilAnnualReport('print') },
        ]
      : null,
  } satisfies PageModel & Record<string, unknown>;
}

export function presentCommittee(result: Awaited<ReturnType<CommitteeService['bySlug']>>) {
  const { organisation, parent } = result;
  // The council itself has no page among the committees, so a body directly under it shows no parent.
  const parentLink = parent && parent.kind !== 'council' && parent.kind !== 'external' ? { text: parent.name, href: paths.committee(parent.slug) } : null;
  return {
    pageTitle: organisation.name,
    breadcrumbs: [HOME_CRUMB, COMMITTEES_CRUMB, ...(parentLink ? [parentLink] : []), { text: organisation.name }],
    name: organisation.name,
    papers: committeePaperLinks(organisation.slug, organisation.kind),
    // RULES.md 5b: each scrutiny committee keeps a work programme, which the public can read and add to.
    workProgrammeHref: organisation.kind === 'scrutiny_committee' || organisation.kind === 'task_group' ? paths.workProgramme(organisation.slug) : null,
    kind: OrganisationKind.label(organisation.kind),
    // Followers of a body are told when a key decision on its forward plan is published or moves.
    followHref: paths.follow('body', organisation.id),
    description: organisation.description,
    parent: parentLink,
    members: result.members.map((m) => ({
      person: personLink(personName({ honorific: m.honorific, name: m.person_name }), m.person_slug),
      role: MembershipRole.label(m.role),
      portfolio: m.portfolio,
      notes: m.notes,
      party: m.party,
      // An ended membership stays on the record; the page says until when.
      endsOn: m.ends_on,
    })),
    meetings: result.meetings.map((m) => ({ ...meetingLink(m), date: m.meeting_date })),
    meetingCount: result.meetingCount,
    subGroups: result.children
      .filter((c) => c.kind !== 'external')
      .map((c) => ({
        text: c.name,
        href: paths.committee(c.slug),
        kind: OrganisationKind.label(c.kind),
      })),
    reviews: result.reviews.map((r) => ({ text: r.title, href: paths.review(r.slug), reportDate: r.report_date })),
  } satisfies PageModel & Record<string, unknown>;
}
