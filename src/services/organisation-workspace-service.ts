// The officer workspace's bodies, people and memberships: create and edit them, with roles, version checks and audit events.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import type { Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import { MembershipRole, OrganisationKind, PersonKind } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import {
  requireEditor,
  blankToNull,
  formVersion as version,
  dateInput,
  optionalDate,
  optionalRecordId as optionalId,
  optionalText as optional,
  recordId as id,
  requiredText as required,
} from './form-input.ts';
import { present } from '../domain/present.ts';
import { EDITORS, createWriteRunner, declareWrite, staleUnless } from './command.ts';

const choice = <T extends string>(vocabulary: { is(value: unknown): value is T }, message: string) =>
  z.string({ error: message }).refine((v): v is T => vocabulary.is(v), message);

const BodySchema = z.object({
  name: required('Enter the name of the body', 300),
  kind: choice(OrganisationKind, 'Choose what kind of body it is'),
  parentId: optionalId('Choose the body it is part of from the list'),
  successorId: optionalId('Choose the body that took over its work from the list'),
  description: optional(20_000),
  category: optional(200),
  // Radios: a body is active unless the form says it is not (GOV.UK: "Yes"/"No" radios for a yes/no question).
  isActive: z
    .enum(['yes', 'no'], { error: 'Say whether the body is active' })
    .optional()
    .transform((v) => (v === 'no' ? 0 : 1)),
});

const PersonSchema = z.object({
  name: required('Enter the person’s name', 200),
  honorific: optional(50),
  kind: choice(PersonKind, 'Choose whether the person is a councillor, officer, commissioner or external'),
  jobTitle: optional(300),
  party: optional(200),
  ward: optional(200),
  email: z
    .string()
    .optional()
    .transform(blankToNull)
    .refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.gov.uk'),
});

const MembershipSchema = z.object({
  personId: id('Choose the person'),
  organisationId: id('Choose the body'),
  role: choice(MembershipRole, 'Choose the person’s role on the body'),
  portfolio: optional(300),
  startsOn: optionalDate('the start date'),
  endsOn: optionalDate('the end date'),
  notes: optional(2_000),
});

const EndSchema = z.object({
  endsOn: dateInput('the date the membership ends', { required: true }),
  version,
});

/** The columns a body's form sets, the same on creation and on every save. */
function bodyRow(values: z.output<typeof BodySchema>) {
  return {
    name: values.name,
    kind: values.kind,
    parent_id: values.parentId,
    successor_id: values.successorId,
    description: values.description,
    category: values.category,
    is_active: values.isActive,
  };
}

/** The columns a person's form sets, the same on creation and on every save. */
function personRow(values: z.output<typeof PersonSchema>) {
  return {
    name: values.name,
    honorific: values.honorific,
    kind: values.kind,
    job_title: values.jobTitle,
    party: values.party,
    ward: values.ward,
    email: values.email,
  };
}

/** The columns a membership's form sets: adding one and correcting it differ only by the version the correction carries. */
function membershipRow(values: z.output<typeof MembershipSchema>) {
  return {
    person_id: values.personId,
    organisation_id: values.organisationId,
    role: values.role,
    portfolio: values.portfolio,
    starts_on: values.startsOn,
    ends_on: values.endsOn,
    notes: values.notes,
  };
}

/** A membership cannot end before it starts (both are 'YYYY-MM-DD', which compares correctly as text). */
function checkDates(startsOn: string | null, endsOn: string | null): void {
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) {
    throw new ValidationError([{ field: 'endsOn', message: 'The end date must be the same as or after the start date' }]);
  }
}

export const WORKSPACE_PEOPLE_PAGE_SIZE = 200;

export interface OrganisationWorkspaceDeps {
  readonly repos: () => Repositories;
  readonly unitOfWork: UnitOfWork;
  readonly clock: Clock;
}

const CREATE_BODY = declareWrite('organisation.createBody', EDITORS, BodySchema);
const UPDATE_BODY = declareWrite('organisation.updateBody', EDITORS, BodySchema.extend({ version }));
const CREATE_PERSON = declareWrite('organisation.createPerson', EDITORS, PersonSchema);
const UPDATE_PERSON = declareWrite('organisation.updatePerson', EDITORS, PersonSchema.extend({ version }));
const ADD_MEMBERSHIP = declareWrite('organisation.addMembership', EDITORS, MembershipSchema);
const UPDATE_MEMBERSHIP = declareWrite('organisation.updateMembership', EDITORS, MembershipSchema.extend({ version }));
const END_MEMBERSHIP = declareWrite('organisation.endMembership', EDITORS, EndSchema);

export function createOrganisationWorkspaceService(deps: OrganisationWorkspaceDeps) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);

  const uniqueSlug = (r: Repositories, table: 'organisations' | 'people', name: string) => r.slugs.free(table, slugify(name));

  /** A parent must exist and must not be the body itself or one of its descendants (no loops in the tree). */
  async function checkParent(r: Repositories, parentId: number | null, selfId: number | null): Promise<void> {
    if (parentId === null) return;
    const seen = new Set<number>();
    let current = await r.organisations.findById(parentId);
    if (!current) throw new ValidationError([{ field: 'parentId', message: 'Choose the body it is part of from the list' }]);
    while (current) {
      if (selfId !== null && current.id === selfId) {
        throw new ValidationError([{ field: 'parentId', message: 'A body cannot be part of itself or of one of its own sub-groups' }]);
      }
      if (current.parent_id === null || seen.has(current.id)) break;
      seen.add(current.id);
      current = await r.organisations.findById(current.parent_id);
    }
  }

  /**
   * A successor must exist, must not be the body itself, and the chain of successors must not lead
   * back to it: the successor signs off the body's recommendations ("the committee or its successor").
   */
  async function checkSuccessor(r: Repositories, successorId: number | null, selfId: number | null): Promise<void> {
    if (successorId === null) return;
    const seen = new Set<number>();
    let current = await r.organisations.findById(successorId);
    if (!current) throw new ValidationError([{ field: 'successorId', message: 'Choose the body that took over its work from the list' }]);
    while (current) {
      if (selfId !== null && current.id === selfId) {
        throw new ValidationError([{ field: 'successorId', message: 'A body cannot succeed itself, nor be succeeded by a body it took over from' }]);
      }
      if (current.successor_id === null || seen.has(current.id)) break;
      seen.add(current.id);
      current = await r.organisations.findById(current.successor_id);
    }
  }

  /** Unknown people and bodies are refused with the field named. */
  async function checkMembershipParties(r: Repositories, personId: number, organisationId: number): Promise<void> {
    const errors: FieldError[] = [];
    if (!(await r.people.findById(personId))) errors.push({ field: 'personId', message: 'Choose a person who is on the record' });
    if (!(await r.organisations.findById(organisationId))) errors.push({ field: 'organisationId', message: 'Choose a body that is on the record' });
    if (errors.length > 0) throw new ValidationError(errors);
  }

  return {
    /** What the forms offer: every body (for parent and membership) and every person (for membership). */
    async choices() {
      const r = repos();
      const [bodies, people] = await Promise.all([r.organisationWorkspace.bodyChoices(), r.organisationWorkspace.personChoices()]);
      return { bodies, people };
    },

    // Bodies ---------------------------------------------------------------------------------

    async listBodies(actor: Actor) {
      requireEditor(actor);
      return repos().organisationWorkspace.bodies();
    },

    async body(actor: Actor, id: number) {
      requireEditor(actor);
      const r = repos();
      const organisation = await r.organisations.findById(id);
      if (!organisation) throw new NotFoundError('No such body');
      const [members, parent] = await Promise.all([
        r.organisationWorkspace.membersOf(id),
        organisation.parent_id === null ? Promise.resolve(undefined) : r.organisations.findById(organisation.parent_id),
      ]);
      return { organisation, members, parent: parent ?? null };
    },

    async createBody(actor: Actor, input: unknown) {
      const created = await write(CREATE_BODY, actor, input, async (values, { repos: tx, audit, touched }) => {
        await checkParent(tx, values.parentId, null);
        await checkSuccessor(tx, values.successorId, null);
        const organisation = await tx.organisations.create({
          slug: await uniqueSlug(tx, 'organisations', values.name),
          ...bodyRow(values),
          source_system: null,
          source_id: null,
        });
        await audit('create', 'organisation', organisation.id, null, organisation);
        // A person or body changed in the workspace is found under its new name straight away.
        touched('body', organisation.id);
        return organisation;
      });
      return created;
    },

    /**
     * Saves a body only if nobody else saved it since the form was opened (its version). The slug
     * stays as it was: public addresses of committees are linked from elsewhere and must keep working.
     */
    async updateBody(actor: Actor, id: number, input: unknown) {
      const saved = await write(UPDATE_BODY, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.organisations.findById(id);
        if (!before) throw new NotFoundError('No such body');
        await checkParent(tx, values.parentId, id);
        await checkSuccessor(tx, values.successorId, id);
        const changed = await tx.organisationWorkspace.updateOrganisation(id, values.version, bodyRow(values));
        staleUnless(changed, 'this body', values.version);
        const after = await tx.organisations.findById(id);
        await audit('update', 'organisation', id, before, after);
        // A person or body changed in the workspace is found under its new name straight away.
        touched('body', id);
        return present(after, 'after');
      });
      return saved;
    },

    // People ---------------------------------------------------------------------------------

    async listPeople(actor: Actor, page: number) {
      requireEditor(actor);
      const r = repos();
      const total = await r.people.count();
      const pageCount = Math.max(1, Math.ceil(total / WORKSPACE_PEOPLE_PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      const people = await r.organisationWorkspace.people({ limit: WORKSPACE_PEOPLE_PAGE_SIZE, offset: (current - 1) * WORKSPACE_PEOPLE_PAGE_SIZE });
      return { people, total, page: current, pageCount };
    },

    async person(actor: Actor, id: number) {
      requireEditor(actor);
      const r = repos();
      const person = await r.people.findById(id);
      if (!person) throw new NotFoundError('No such person');
      return { person, memberships: await r.organisationWorkspace.membershipsOf(id) };
    },

    async createPerson(actor: Actor, input: unknown) {
      const created = await write(CREATE_PERSON, actor, input, async (values, { repos: tx, audit, touched }) => {
        const person = await tx.people.create({
          slug: await uniqueSlug(tx, 'people', values.name),
          ...personRow(values),
          photo_url: null,
          source_system: null,
          source_id: null,
        });
        await audit('create', 'person', person.id, null, person);
        // A person or body changed in the workspace is found under its new name straight away.
        touched('person', person.id);
        return person;
      });
      return created;
    },

    /** Saves a person against the version the form was opened on; the slug (their public address) stays. */
    async updatePerson(actor: Actor, id: number, input: unknown) {
      const saved = await write(UPDATE_PERSON, actor, input, async (values, { repos: tx, audit, touched }) => {
        const before = await tx.people.findById(id);
        if (!before) throw new NotFoundError('No such person');
        const changed = await tx.organisationWorkspace.updatePerson(id, values.version, personRow(values));
        if (!changed) throw new ConflictError('Someone else changed this person after you opened them');
        const after = await tx.people.findById(id);
        await audit('update', 'person', id, before, after);
        // A person or body changed in the workspace is found under its new name straight away.
        touched('person', id);
        return present(after, 'after');
      });
      return saved;
    },

    // Memberships ----------------------------------------------------------------------------

    async membership(actor: Actor, id: number) {
      requireEditor(actor);
      const membership = await repos().organisationWorkspace.membershipWithNames(id);
      if (!membership) throw new NotFoundError('No such membership');
      return membership;
    },

    async addMembership(actor: Actor, input: unknown) {
      return write(ADD_MEMBERSHIP, actor, input, async (values, { repos: tx, audit }) => {
        checkDates(values.startsOn, values.endsOn);
        await checkMembershipParties(tx, values.personId, values.organisationId);
        // The same membership twice (same person, body, role and dates) is refused, pointing at the first.
        const same = (await tx.organisations.members(values.organisationId)).find(
          (m) => m.person_id === values.personId && m.role === values.role && m.starts_on === values.startsOn && m.ends_on === values.endsOn,
        );
        if (same) {
          throw new ValidationError([
            { field: 'personId', message: `${same.person_name} already has this membership`, existing: { kind: 'membership', id: same.id } },
          ]);
        }
        const membership = await tx.organisations.addMembership(membershipRow(values));
        await audit('create', 'membership', membership.id, null, membership);
        return membership;
      });
    },

    async updateMembership(actor: Actor, id: number, input: unknown) {
      return write(UPDATE_MEMBERSHIP, actor, input, async (values, { repos: tx, audit }) => {
        checkDates(values.startsOn, values.endsOn);
        const before = await tx.organisationWorkspace.findMembership(id);
        if (!before) throw new NotFoundError('No such membership');
        await checkMembershipParties(tx, values.personId, values.organisationId);
        const changed = await tx.organisationWorkspace.updateMembership(id, values.version, membershipRow(values));
        staleUnless(changed, 'this membership', values.version);
        const after = await tx.organisationWorkspace.findMembership(id);
        await audit('update', 'membership', id, before, after);
        return present(after, 'after');
      });
    },

    /** Ends a membership on a date (the day the person stood down), keeping it on the record. */
    async endMembership(actor: Actor, id: number, input: unknown) {
      return write(END_MEMBERSHIP, actor, input, async (values, { repos: tx, audit }) => {
        const before = await tx.organisationWorkspace.findMembership(id);
        if (!before) throw new NotFoundError('No such membership');
        checkDates(before.starts_on, values.endsOn);
        const { person_id, organisation_id, role, portfolio, starts_on, notes } = before;
        const changed = await tx.organisationWorkspace.updateMembership(id, values.version, {
          person_id,
          organisation_id,
          role,
          portfolio,
          starts_on,
          ends_on: values.endsOn,
          notes,
        });
        staleUnless(changed, 'this membership', values.version);
        const after = await tx.organisationWorkspace.findMembership(id);
        await audit('end', 'membership', id, before, after);
        return present(after, 'after');
      });
    },

    /** The date the end form suggests: today in the council's time zone. */
    today(): string {
      return londonToday(clock);
    },
  };
}

export type OrganisationWorkspaceService = ReturnType<typeof createOrganisationWorkspaceService>;
