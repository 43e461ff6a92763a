// Turns the home page overview (upcoming and recent meetings, reviews, committees) into what the home page prints.
import type { Services } from '../../services/index.ts';
import { OrganisationKind } from '../../domain/vocabulary.ts';
import { paths } from '../paths.ts';
import { meetingLabel, type PageModel } from './presenter-support.ts';

type Overview = Awaited<ReturnType<Services['home']['overview']>>;

export function presentHome(overview: Overview) {
  const meeting = (m: Overview['upcoming'][number]) => ({
    text: meetingLabel(m),
    href: paths.meeting(m.slug),
    date: m.meeting_date,
  });
  return {
    // The home page's <title> is the service and council alone.
    pageTitle: '',
    breadcrumbs: [],
    sections: [
      { text: 'Committees', href: paths.committees(), description: 'Who sits on each committee and what it does.' },
      { text: 'Meetings', href: paths.meetings(), description: 'Agendas, reports, minutes and decisions.' },
      { text: 'Forward plan', href: paths.forwardPlan(), description: 'Key decisions the executive will take, who takes them and when.' },
      { text: 'Issues', href: paths.issues(), description: 'Matters that came before several meetings, and what each decided.' },
      { text: 'Reviews', href: paths.reviews(), description: 'Scrutiny reviews, their recommendations and the executive’s responses.' },
      { text: 'People', href: paths.people(), description: 'Councillors, officers and others named in the record.' },
      { text: 'Call-ins', href: paths.callIns(), description: 'Executive decisions called in by councillors, and what scrutiny did.' },
    ],
    upcoming: overview.upcoming.map(meeting),
    // "Recent" stops at today; a meeting today is listed as upcoming, not twice.
    recent: overview.recent.filter((m) => m.meeting_date < overview.today).map(meeting),
    reviews: overview.reviews.map((r) => ({ text: r.title, href: paths.review(r.slug), committee: r.organisation_name, reportDate: r.report_date })),
    committees: overview.bodies.map((b) => ({ text: b.name, href: paths.committee(b.slug), kind: OrganisationKind.label(b.kind) })),
  } satisfies PageModel & Record<string, unknown>;
}
