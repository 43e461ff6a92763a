// Turns a person and what the record says of them (roles, reviews, motions, reports, responsibilities) into what the people pages print.
import { MembershipRole, OrganisationKind, PersonKind } from '../../domain/vocabulary.ts';
import type { PersonService } from '../../services/person-service.ts';
import { paths } from '../paths.ts';
import { HOME_CRUMB, meetingLabel, minuteLabel, pagination, personName, presentRecommendation, type PageModel } from './presenter-support.ts';

const PEOPLE_CRUMB = { text: 'People', href: paths.people() };

/** Outside bodies (other authorities, consultancies) have no page of their own here. */
function bodyLink(o: { organisation_kind: string; organisation_name: string; organisation_slug: string }) {
  return { text: o.organisation_name, href: o.organisation_kind === 'external' ? null : paths.committee(o.organisation_slug) };
}

export function presentPeople(result: Awaited<ReturnType<PersonService['list']>>) {
  return {
    pageTitle: result.pageCount > 1 ? `People (page ${result.page} of ${result.pageCount})` : 'People',
    breadcrumbs: [HOME_CRUMB, { text: 'People' }],
    total: result.total,
    people: result.people.map((p) => ({
      text: personName(p),
      href: paths.person(p.slug),
      kind: PersonKind.label(p.kind),
      description: [p.job_title, p.party, p.ward].filter((x): x is string => x !== null && x !== '').join(', '),
    })),
    pagination: pagination(result.page, result.pageCount, (page) => paths.people({ page })),
  } satisfies PageModel & Record<string, unknown>;
}

const REPORT_ROLES: Record<string, string> = { cabinet_member: 'Cabinet Member', advisory: 'Advisory role', presenter: 'Presenting' };

export function presentPerson(result: Awaited<ReturnType<PersonService['bySlug']>>) {
  const { person } = result;
  const name = personName(person);
  return {
    pageTitle: name,
    breadcrumbs: [HOME_CRUMB, PEOPLE_CRUMB, { text: name }],
    name,
    kind: PersonKind.label(person.kind),
    details: [
      person.job_title ? { key: 'Job title', value: person.job_title } : null,
      person.party ? { key: 'Party', value: person.party } : null,
      person.ward ? { key: 'Ward', value: person.ward } : null,
    ].filter((x) => x !== null),
    memberships: result.memberships.map((m) => ({
      body: bodyLink(m),
      bodyKind: OrganisationKind.label(m.organisation_kind),
      role: MembershipRole.label(m.role),
      portfolio: m.portfolio,
      notes: m.notes,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
    })),
    reviews: result.reviews.map((r) => ({
      text: r.title,
      href: paths.review(r.slug),
      role: MembershipRole.label(r.member_role),
      reportDate: r.report_date,
    })),
    motions: result.motions.map((m) => ({
      part:
        m.mover_person_id === person.id && m.seconder_person_id === person.id ? 'Moved and seconded' : m.mover_person_id === person.id ? 'Moved' : 'Seconded',
      minute: m.minute_number === null ? m.minute_title : `${minuteLabel(m.minute_number)}: ${m.minute_title}`,
      meeting: { text: meetingLabel(m), href: paths.meeting(m.meeting_slug) },
    })),
    reports: result.reportRoles.map((r) => {
      const capacity = r.note ?? REPORT_ROLES[r.role] ?? r.role;
      return { capacity, title: r.item_title, meeting: { text: meetingLabel(r), href: paths.meeting(r.meeting_slug) } };
    }),
    responsibilities: result.responsibilities.map((rec) => ({
      review: { text: rec.review_title, href: paths.review(rec.review_slug) },
      recommendation: presentRecommendation(rec.review_slug, { ...rec, points: [] }),
    })),
  } satisfies PageModel & Record<string, unknown>;
}
