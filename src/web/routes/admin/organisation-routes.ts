// Workspace forms for the record's bodies, people and memberships: lists, create, edit, end a membership, with stale saves refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { MembershipRole, OrganisationKind, PersonKind } from '../../../domain/vocabulary.ts';
import type { FieldError } from '../../../services/errors.ts';
import type { OrganisationWorkspaceService } from '../../../services/organisation-workspace-service.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { pagination, personName } from '../../presenters/presenter-support.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };
type Choices = Awaited<ReturnType<OrganisationWorkspaceService['choices']>>;
type Values = Record<string, unknown>;

/** Items for a GOV.UK select or radios from a vocabulary, the current value selected. */
function vocabularyItems(vocabulary: { values: readonly string[]; label(v: string): string }, selected: unknown, first?: string) {
  return [
    ...(first === undefined ? [] : [{ value: '', text: first }]),
    ...vocabulary.values.map((value) => ({ value, text: vocabulary.label(value), selected: value === selected, checked: value === selected })),
  ];
}

function bodyItems(choices: Choices, selected: unknown, first: string, exceptId?: number) {
  return [
    { value: '', text: first },
    ...choices.bodies
      .filter((b) => b.id !== exceptId)
      .map((b) => ({
        value: String(b.id),
        text: `${b.name} (${OrganisationKind.label(b.kind)})`,
        selected: String(b.id) === selected,
      })),
  ];
}

function personItems(choices: Choices, selected: unknown) {
  return [
    { value: '', text: 'Choose a person' },
    ...choices.people.map((p) => ({
      value: String(p.id),
      text: p.job_title ? `${personName(p)}, ${p.job_title}` : personName(p),
      selected: String(p.id) === selected,
    })),
  ];
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
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    const prefix = status >= 400 ? 'Error: ' : '';
    // `heading` is the page's own title; the browser's title says 'Error: ' first when the form was refused (GOV.UK pattern).
    return reply
      .code(status)
      .view(template, { ...data, heading: data.pageTitle, pageTitle: `${prefix}${String(data.pageTitle)}`, csrfToken: csrfToken(request, reply, cookies) });
  }

  // Bodies ---------------------------------------------------------------------------------

  app.get(paths.admin.bodies.pattern, editors, async (request, reply) => {
    const bodies = (await ws.listBodies(actorOf(request))).map((b) => ({
      name: b.name,
      href: paths.admin.body(b.id),
      kind: OrganisationKind.label(b.kind),
      parentName: b.parent_name,
      active: b.is_active === 1,
      memberCount: b.member_count,
    }));
    return view(request, reply, 'admin/bodies.njk', { pageTitle: 'Bodies', bodies });
  });

  async function bodyPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    values: Values | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const choices = await ws.choices();
    const current = id === null ? null : await ws.body(actorOf(request), id);
    const stored = current ? bodyValues(current.organisation) : { kind: '', isActive: 'yes' };
    // After a conflict the typed values stay, with the version now current.
    const shown = values === null ? stored : status === 409 ? { ...values, version: stored.version } : values;
    return view(
      request,
      reply,
      'admin/body-form.njk',
      {
        pageTitle: current ? current.organisation.name : 'Create a body',
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
          status === 409 && current
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
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get(paths.admin.newBody.pattern, editors, async (request, reply) => bodyPage(request, reply, null, null));

  app.post(paths.admin.newBody.pattern, editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.body((await ws.createBody(actorOf(request), values)).id),
      (errors, status) => bodyPage(request, reply, null, values, errors, status),
      'name',
      { saved: 'Body created', flash: cookies.options(request) },
    );
  });

  app.get<Params>(paths.admin.body.pattern, editors, async (request, reply) => bodyPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.body.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => {
        await ws.updateBody(actorOf(request), id, values);
        return paths.admin.body(id);
      },
      (errors, status) => bodyPage(request, reply, id, values, errors, status),
      'name',
      { saved: 'Body saved', flash: cookies.options(request) },
    );
  });

  // People ---------------------------------------------------------------------------------

  app.get<{ Querystring: { page?: string } }>(paths.admin.people.pattern, editors, async (request, reply) => {
    const requested = Number(request.query.page ?? '1');
    const result = await ws.listPeople(actorOf(request), Number.isInteger(requested) ? requested : 1);
    return view(request, reply, 'admin/people.njk', {
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

  async function personPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    values: Values | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const current = id === null ? null : await ws.person(actorOf(request), id);
    const stored = current ? personValues(current.person) : { kind: '' };
    const shown = values === null ? stored : status === 409 ? { ...values, version: stored.version } : values;
    return view(
      request,
      reply,
      'admin/person-form.njk',
      {
        pageTitle: current ? personName(current.person) : 'Create a person',
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
          status === 409 && current
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
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get(paths.admin.newPerson.pattern, editors, async (request, reply) => personPage(request, reply, null, null));

  app.post(paths.admin.newPerson.pattern, editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.person((await ws.createPerson(actorOf(request), values)).id),
      (errors, status) => personPage(request, reply, null, values, errors, status),
      'name',
      { saved: 'Person added', flash: cookies.options(request) },
    );
  });

  app.get<Params>(paths.admin.person.pattern, editors, async (request, reply) => personPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.person.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => {
        await ws.updatePerson(actorOf(request), id, values);
        return paths.admin.person(id);
      },
      (errors, status) => personPage(request, reply, id, values, errors, status),
      'name',
      { saved: 'Person saved', flash: cookies.options(request) },
    );
  });

  // Memberships ----------------------------------------------------------------------------

  async function membershipPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number | null,
    values: Values,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const choices = await ws.choices();
    const current = id === null ? null : await ws.membership(actorOf(request), id);
    const shown = status === 409 && current ? { ...values, version: String(current.version) } : values;
    return view(
      request,
      reply,
      'admin/membership-form.njk',
      {
        pageTitle: current
          ? `${MembershipRole.label(current.role)}, ${current.organisation_name}: ${personName({ honorific: current.honorific, name: current.person_name })}`
          : 'Add a membership',
        membership: current,
        bodyHref: current ? paths.admin.body(current.organisation_id) : null,
        personHref: current ? paths.admin.person(current.person_id) : null,
        conflict:
          status === 409 && current
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
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get<{ Querystring: { organisationId?: string; personId?: string } }>(paths.admin.newMembership.pattern, editors, async (request, reply) =>
    membershipPage(request, reply, null, { organisationId: request.query.organisationId ?? '', personId: request.query.personId ?? '' }),
  );

  app.post(paths.admin.newMembership.pattern, editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.body((await ws.addMembership(actorOf(request), values)).organisation_id),
      (errors, status) => membershipPage(request, reply, null, values, errors, status),
      'personId',
      { saved: 'Membership added', flash: cookies.options(request) },
    );
  });

  app.get<Params>(paths.admin.membership.pattern, editors, async (request, reply) => {
    const id = readId(request.params.id);
    return membershipPage(request, reply, id, membershipValues(await ws.membership(actorOf(request), id)));
  });

  app.post<Params>(paths.admin.membership.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.body((await ws.updateMembership(actorOf(request), id, values)).organisation_id),
      (errors, status) => membershipPage(request, reply, id, values, errors, status),
      'role',
      { saved: 'Membership saved', flash: cookies.options(request) },
    );
  });

  async function endPage(request: FastifyRequest, reply: FastifyReply, id: number, values: Values | null, errors: readonly FieldError[] = [], status = 200) {
    const current = await ws.membership(actorOf(request), id);
    const stored = { endsOn: current.ends_on ?? ws.today(), version: String(current.version) };
    const shown = values === null ? stored : status === 409 ? { ...values, version: stored.version } : values;
    const who = personName({ honorific: current.honorific, name: current.person_name });
    return view(
      request,
      reply,
      'admin/membership-end.njk',
      {
        pageTitle: `End ${who}’s membership of ${current.organisation_name}`,
        membership: current,
        who,
        role: MembershipRole.label(current.role),
        conflict: status === 409 ? { endsOn: current.ends_on ?? '' } : null,
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.endMembership.pattern, editors, async (request, reply) => endPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.endMembership.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.body((await ws.endMembership(actorOf(request), id, values)).organisation_id),
      (errors, status) => endPage(request, reply, id, values, errors, status),
      'endsOn',
      { saved: 'Membership ended', flash: cookies.options(request) },
    );
  });
}
