// Workspace forms for the record's bodies, people and memberships: lists, create, edit, end a membership, with stale saves refused.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { MembershipRole, OrganisationKind, PersonKind } from '../../../domain/vocabulary.ts';
import type { OrganisationWorkspaceService } from '../../../services/organisation-workspace-service.ts';
import { formState } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { pagination, personName } from '../../presenters/presenter-support.ts';
import { recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, recordFormRoutes, shownValues, workspaceAccess, workspaceView, type FormPage, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };
type Choices = Awaited<ReturnType<OrganisationWorkspaceService['choices']>>;
type Values = Record<string, unknown>;

function bodyItems(choices: Choices, selected: unknown, first: string, exceptId?: number) {
  return recordItems(
    choices.bodies.filter((b) => b.id !== exceptId),
    (b) => `${b.name} (${OrganisationKind.label(b.kind)})`,
    selected,
    first,
  );
}

function personItems(choices: Choices, selected: unknown) {
  return recordItems(choices.people, (p) => (p.job_title ? `${personName(p)}, ${p.job_title}` : personName(p)), selected, 'Choose a person');
}

/** The form's values of a stored body, person or membership (strings, as a browser would send them). */
function bodyValues(o: {
  name: string;
  kind: string;
  parent_id: number | null;
  successor_id: number | null;
  description: string | null;
  category: string | null;
  is_active: number;
  version: number;
}): Values {
  return {
    name: o.name,
    kind: o.kind,
    parentId: o.parent_id === null ? '' : String(o.parent_id),
    successorId: o.successor_id === null ? '' : String(o.successor_id),
    description: o.description ?? '',
    category: o.category ?? '',
    isActive: o.is_active === 1 ? 'yes' : 'no',
    version: String(o.version),
  };
}

function personValues(p: {
  name: string;
  honorific: string | null;
  kind: string;
  job_title: string | null;
  party: string | null;
  ward: string | null;
  email: string | null;
  version: number;
}): Values {
  return {
    name: p.name,
    honorific: p.honorific ?? '',
    kind: p.kind,
    jobTitle: p.job_title ?? '',
    party: p.party ?? '',
    ward: p.ward ?? '',
    email: p.email ?? '',
    version: String(p.version),
  };
}

function membershipValues(m: {
  person_id: number;
  organisation_id: number;
  role: string;
  portfolio: string | null;
  starts_on: string | null;
  ends_on: string | null;
  notes: string | null;
  version: number;
}): Values {
  return {
    personId: String(m.person_id),
    organisationId: String(m.organisation_id),
    role: m.role,
    portfolio: m.portfolio ?? '',
    startsOn: m.starts_on ?? '',
    endsOn: m.ends_on ?? '',
    notes: m.notes ?? '',
    version: String(m.version),
  };
}

export function organisationRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const ws = services.organisationWorkspace;
  const access = workspaceAccess(app, EDITOR_ROLES);

  // Bodies ---------------------------------------------------------------------------------

  app.get(paths.admin.bodies.pattern, access.read, async (request, reply) => {
    const bodies = (await ws.listBodies(actorOf(request))).map((b) => ({
      name: b.name,
      href: paths.admin.body(b.id),
      kind: OrganisationKind.label(b.kind),
      parentName: b.parent_name,
      active: b.is_active === 1,
      memberCount: b.member_count,
    }));
    return workspaceView(request, reply, cookies, 'admin/bodies.njk', { pageTitle: 'Bodies', bodies });
  });

  async function bodyPage(request: FastifyRequest, id: number | null, showing: FormShowing): Promise<FormPage> {
    const choices = await ws.choices();
    const current = id === null ? null : await ws.body(actorOf(request), id);
    const shown = shownValues(showing, current ? bodyValues(current.organisation) : { kind: '', isActive: 'yes' });
    return {
      template: 'admin/body-form.njk',
      pageTitle: current ? current.organisation.name : 'Create a body',
      data: {
        body: current?.organisation ?? null,
        publicHref: current && current.organisation.kind !== 'external' ? paths.committee(current.organisation.slug) : null,
        members: (current?.members ?? []).map((m) => ({
          name: personName({ honorific: m.honorific, name: m.person_name }),
          href: paths.admin.membership(m.id),
          role: MembershipRole.label(m.role),
          portfolio: m.portfolio,
          startsOn: m.starts_on,
          endsOn: m.ends_on,
        })),
        conflict:
          showing.status === 409 && current
            ? {
                name: current.organisation.name,
                kind: OrganisationKind.label(current.organisation.kind),
                parent: current.parent?.name ?? '',
                successor: choices.bodies.find((b) => b.id === current.organisation.successor_id)?.name ?? '',
                description: current.organisation.description ?? '',
                category: current.organisation.category ?? '',
                active: current.organisation.is_active === 1 ? 'Yes' : 'No',
              }
            : null,
        kinds: vocabularyItems(OrganisationKind, shown.kind, 'Choose a kind of body'),
        parents: bodyItems(choices, shown.parentId, 'Not part of another body', id ?? undefined),
        successors: bodyItems(choices, shown.successorId, 'No successor: the body carries on its own work', id ?? undefined),
        form: formState(shown, showing.errors),
      },
    };
  }

  recordFormRoutes(app, cookies, {
    createPattern: paths.admin.newBody.pattern,
    recordPattern: paths.admin.body.pattern,
    roles: EDITOR_ROLES,
    page: bodyPage,
    create: async (request, typed) => (await ws.createBody(actorOf(request), typed)).id,
    update: (request, id, typed) => ws.updateBody(actorOf(request), id, typed),
    link: (id) => paths.admin.body(id),
    conflictField: 'name',
    created: 'Body created',
    saved: 'Body saved',
  });

  // People ---------------------------------------------------------------------------------

  app.get<{ Querystring: { page?: string } }>(paths.admin.people.pattern, access.read, async (request, reply) => {
    const requested = Number(request.query.page ?? '1');
    const result = await ws.listPeople(actorOf(request), Number.isInteger(requested) ? requested : 1);
    return workspaceView(request, reply, cookies, 'admin/people.njk', {
      pageTitle: result.pageCount > 1 ? `People (page ${result.page} of ${result.pageCount})` : 'People',
      total: result.total,
      people: result.people.map((p) => ({
        name: personName(p),
        href: paths.admin.person(p.id),
        kind: PersonKind.label(p.kind),
        description: [p.job_title, p.party].filter((x): x is string => x !== null && x !== '').join(', '),
      })),
      pagination: pagination(result.page, result.pageCount, (page) => paths.admin.people({ page })),
    });
  });

  async function personPage(request: FastifyRequest, id: number | null, showing: FormShowing): Promise<FormPage> {
    const current = id === null ? null : await ws.person(actorOf(request), id);
    const shown = shownValues(showing, current ? personValues(current.person) : { kind: '' });
    return {
      template: 'admin/person-form.njk',
      pageTitle: current ? personName(current.person) : 'Create a person',
      data: {
        person: current?.person ?? null,
        publicHref: current ? paths.person(current.person.slug) : null,
        memberships: (current?.memberships ?? []).map((m) => ({
          body: m.organisation_name,
          href: paths.admin.membership(m.id),
          role: MembershipRole.label(m.role),
          portfolio: m.portfolio,
          startsOn: m.starts_on,
          endsOn: m.ends_on,
        })),
        conflict:
          showing.status === 409 && current
            ? {
                name: current.person.name,
                honorific: current.person.honorific ?? '',
                kind: PersonKind.label(current.person.kind),
                jobTitle: current.person.job_title ?? '',
                party: current.person.party ?? '',
                ward: current.person.ward ?? '',
                email: current.person.email ?? '',
              }
            : null,
        kinds: vocabularyItems(PersonKind, shown.kind),
        form: formState(shown, showing.errors),
      },
    };
  }

  recordFormRoutes(app, cookies, {
    createPattern: paths.admin.newPerson.pattern,
    recordPattern: paths.admin.person.pattern,
    roles: EDITOR_ROLES,
    page: personPage,
    create: async (request, typed) => (await ws.createPerson(actorOf(request), typed)).id,
    update: (request, id, typed) => ws.updatePerson(actorOf(request), id, typed),
    link: (id) => paths.admin.person(id),
    conflictField: 'name',
    created: 'Person added',
    saved: 'Person saved',
  });

  // Memberships ----------------------------------------------------------------------------

  async function membershipPage(request: FastifyRequest, id: number | null, stored: Values, showing: FormShowing): Promise<FormPage> {
    const choices = await ws.choices();
    const current = id === null ? null : await ws.membership(actorOf(request), id);
    const shown = shownValues(showing, current ? membershipValues(current) : stored);
    return {
      template: 'admin/membership-form.njk',
      pageTitle: current
        ? `${MembershipRole.label(current.role)}, ${current.organisation_name}: ${personName({ honorific: current.honorific, name: current.person_name })}`
        : 'Add a membership',
      data: {
        membership: current,
        bodyHref: current ? paths.admin.body(current.organisation_id) : null,
        personHref: current ? paths.admin.person(current.person_id) : null,
        conflict:
          showing.status === 409 && current
            ? {
                person: personName({ honorific: current.honorific, name: current.person_name }),
                body: current.organisation_name,
                role: MembershipRole.label(current.role),
                portfolio: current.portfolio ?? '',
                startsOn: current.starts_on ?? '',
                endsOn: current.ends_on ?? '',
              }
            : null,
        people: personItems(choices, shown.personId),
        bodies: bodyItems(choices, shown.organisationId, 'Choose a body'),
        roles: vocabularyItems(MembershipRole, shown.role, 'Choose a role'),
        form: formState(shown, showing.errors),
      },
    };
  }

  // Opened from a body's or a person's page, the form has them chosen already.
  formRoute<{ Querystring: { organisationId?: string; personId?: string } }>(app, cookies, {
    pattern: paths.admin.newMembership.pattern,
    roles: EDITOR_ROLES,
    page: (request, showing) =>
      membershipPage(request, null, { organisationId: request.query.organisationId ?? '', personId: request.query.personId ?? '' }, showing),
    save: async (request, typed) => paths.admin.body((await ws.addMembership(actorOf(request), typed)).organisation_id),
    conflictField: 'personId',
    saved: 'Membership added',
  });

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.membership.pattern,
    roles: EDITOR_ROLES,
    page: (request, showing) => membershipPage(request, readId(request.params.id), {}, showing),
    save: async (request, typed) => paths.admin.body((await ws.updateMembership(actorOf(request), readId(request.params.id), typed)).organisation_id),
    conflictField: 'role',
    saved: 'Membership saved',
  });

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.endMembership.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const current = await ws.membership(actorOf(request), readId(request.params.id));
      const shown = shownValues(showing, { endsOn: current.ends_on ?? ws.today(), version: String(current.version) });
      const who = personName({ honorific: current.honorific, name: current.person_name });
      return {
        template: 'admin/membership-end.njk',
        pageTitle: `End ${who}’s membership of ${current.organisation_name}`,
        data: {
          membership: current,
          who,
          role: MembershipRole.label(current.role),
          conflict: showing.status === 409 ? { endsOn: current.ends_on ?? '' } : null,
          form: formState(shown, showing.errors),
        },
      };
    },
    save: async (request, typed) => paths.admin.body((await ws.endMembership(actorOf(request), readId(request.params.id), typed)).organisation_id),
    conflictField: 'endsOn',
    saved: 'Membership ended',
  });
}
