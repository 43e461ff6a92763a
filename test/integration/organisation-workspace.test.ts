// Bodies, people and memberships in the workspace on both engines: roles, slugs, versioned saves, field-named refusals, audit before/after, nothing half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors.map((e) => e.field).sort();
}

describe.each(testDialects())('bodies, people and memberships in the workspace on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let admin: Actor;
  let lead: Actor;
  let councillor: Actor;

  const count = async (table: 'organisations' | 'people' | 'memberships' | 'audit_events') => (await db.db.selectFrom(table).select('id').execute()).length;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const make = async (email: string, role: string) => {
      const user = await services.auth.addUser('system', { email, name: email, role, password: 'a long password here' });
      return { userId: user.id, email: user.email, name: user.name, role, personId: user.person_id } as Actor;
    };
    officer = await make('dso@example.org', 'democratic_services');
    admin = await make('admin@example.org', 'administrator');
    lead = await make('lead@example.org', 'lead_officer');
    councillor = await make('cllr@example.org', 'councillor');
  });
  afterAll(async () => db.destroy());

  it('creates a body with a readable, unique slug and an audit event holding what was written', async () => {
    const ws = services.organisationWorkspace;
    const board = await ws.createBody(officer, {
      name: 'Health Select Commission',
      kind: 'scrutiny_committee',
      description: 'Scrutinises health.',
      category: 'Scrutiny',
    });
    expect(board).toMatchObject({ slug: 'health-select-commission', kind: 'scrutiny_committee', is_active: 1, parent_id: null, category: 'Scrutiny' });
    const again = await ws.createBody(admin, { name: 'Health Select Commission', kind: 'committee', isActive: 'no' });
    expect(again).toMatchObject({ slug: 'health-select-commission-2', is_active: 0 });
    const history = await services.audit.history('organisation', board.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', actor: `user:${officer.userId} dso@example.org` });
    expect(history[0]!.changes).toContainEqual({ field: 'name', before: '', after: 'Health Select Commission' });
    const group = await ws.createBody(officer, { name: 'Maternity Task Group', kind: 'task_group', parentId: String(board.id) });
    expect(group.parent_id).toBe(board.id);
  });

  it('refuses bad bodies naming the field, and writes nothing', async () => {
    const ws = services.organisationWorkspace;
    const [bodies, audits] = [await count('organisations'), await count('audit_events')];
    expect(await fieldsOf(ws.createBody(officer, { name: '  ', kind: 'parish' }))).toEqual(['kind', 'name']);
    expect(await fieldsOf(ws.createBody(officer, { name: 'Orphan', kind: 'committee', parentId: '999999' }))).toEqual(['parentId']);
    expect([await count('organisations'), await count('audit_events')]).toEqual([bodies, audits]);
  });

  it('edits a body against its version, keeps its slug, and refuses a stale save keeping the first', async () => {
    const ws = services.organisationWorkspace;
    const body = await ws.createBody(officer, { name: 'Planning Board', kind: 'committee' });
    const edited = await ws.updateBody(officer, body.id, {
      name: 'Planning Regulatory Board',
      kind: 'committee',
      description: 'Decides applications.',
      version: String(body.version),
    });
    expect(edited).toMatchObject({ name: 'Planning Regulatory Board', slug: 'planning-board', version: body.version + 1 });
    const audits = await count('audit_events');
    await expect(ws.updateBody(officer, body.id, { name: 'Stale name', kind: 'committee', version: String(body.version) })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ws.body(officer, body.id)).organisation.name).toBe('Planning Regulatory Board');
    expect(await count('audit_events')).toBe(audits);
    const history = await services.audit.history('organisation', body.id);
    expect(history[0]).toMatchObject({ action: 'update' });
    expect(history[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Planning Board', after: 'Planning Regulatory Board' },
        { field: 'description', before: '', after: 'Decides applications.' },
      ]),
    );
  });

  it('refuses to make a body part of itself or of its own sub-group', async () => {
    const ws = services.organisationWorkspace;
    const parent = await ws.createBody(officer, { name: 'Licensing Board', kind: 'committee' });
    const child = await ws.createBody(officer, { name: 'Licensing Sub-committee', kind: 'committee', parentId: String(parent.id) });
    expect(
      await fieldsOf(ws.updateBody(officer, parent.id, { name: 'Licensing Board', kind: 'committee', parentId: String(parent.id), version: '1' })),
    ).toEqual(['parentId']);
    expect(await fieldsOf(ws.updateBody(officer, parent.id, { name: 'Licensing Board', kind: 'committee', parentId: String(child.id), version: '1' }))).toEqual(
      ['parentId'],
    );
    expect((await ws.body(officer, parent.id)).organisation.parent_id).toBeNull();
  });

  it('creates and edits a person, with the audit trail and a stale save refused', async () => {
    const ws = services.organisationWorkspace;
    const person = await ws.createPerson(officer, {
      name: 'Ann Ward',
      honorific: 'Councillor',
      kind: 'councillor',
      party: 'Labour',
      ward: 'Boston Castle',
      email: 'ann.ward@example.gov.uk',
    });
    expect(person).toMatchObject({ slug: 'ann-ward', honorific: 'Councillor', party: 'Labour', ward: 'Boston Castle', job_title: null });
    const twin = await ws.createPerson(officer, { name: 'Ann Ward', kind: 'officer', jobTitle: 'Scrutiny Officer' });
    expect(twin.slug).toBe('ann-ward-2');
    const edited = await ws.updatePerson(officer, person.id, {
      name: 'Ann Ward',
      honorific: 'Councillor',
      kind: 'councillor',
      party: 'Independent',
      ward: 'Boston Castle',
      email: 'ann.ward@example.gov.uk',
      version: String(person.version),
    });
    expect(edited).toMatchObject({ party: 'Independent', slug: 'ann-ward' });
    await expect(
      ws.updatePerson(officer, person.id, { name: 'Ann Ward', kind: 'councillor', party: 'Green', version: String(person.version) }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await ws.person(officer, person.id)).person.party).toBe('Independent');
    const history = await services.audit.history('person', person.id);
    expect(history.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history[0]!.changes).toEqual([{ field: 'party', before: 'Labour', after: 'Independent' }]);
  });

  it('refuses a bad person naming the fields, and writes nothing', async () => {
    const ws = services.organisationWorkspace;
    const [people, audits] = [await count('people'), await count('audit_events')];
    expect(await fieldsOf(ws.createPerson(officer, { name: '', kind: 'alien', email: 'not an email' }))).toEqual(['email', 'kind', 'name']);
    expect([await count('people'), await count('audit_events')]).toEqual([people, audits]);
  });

  it('adds, edits and ends a membership; refuses unknown people and bodies and an end before the start', async () => {
    const ws = services.organisationWorkspace;
    const body = await ws.createBody(officer, { name: 'Audit Committee', kind: 'committee' });
    const person = await ws.createPerson(officer, { name: 'Bo Chair', honorific: 'Councillor', kind: 'councillor' });
    const [memberships, audits] = [await count('memberships'), await count('audit_events')];
    expect(await fieldsOf(ws.addMembership(officer, { personId: '999999', organisationId: '999998', role: 'chair' }))).toEqual(['organisationId', 'personId']);
    expect(await fieldsOf(ws.addMembership(officer, { personId: String(person.id), organisationId: String(body.id), role: 'emperor' }))).toEqual(['role']);
    expect(
      await fieldsOf(
        ws.addMembership(officer, {
          personId: String(person.id),
          organisationId: String(body.id),
          role: 'chair',
          startsOn: '2026-05-20',
          endsOn: '2026-05-19',
        }),
      ),
    ).toEqual(['endsOn']);
    expect(
      await fieldsOf(ws.addMembership(officer, { personId: String(person.id), organisationId: String(body.id), role: 'chair', startsOn: '2026-02-30' })),
    ).toEqual(['startsOn.day']); // 30 February: the day box is at fault
    expect([await count('memberships'), await count('audit_events')]).toEqual([memberships, audits]);

    const membership = await ws.addMembership(officer, {
      personId: String(person.id),
      organisationId: String(body.id),
      role: 'member',
      startsOn: '2026-05-20',
    });
    expect((await services.committees.bySlug(body.slug)).members.map((m) => [m.person_name, m.role])).toEqual([['Bo Chair', 'member']]);
    const edited = await ws.updateMembership(officer, membership.id, {
      personId: String(person.id),
      organisationId: String(body.id),
      role: 'chair',
      startsOn: '2026-05-20',
      version: String(membership.version),
    });
    expect(edited.role).toBe('chair');
    await expect(
      ws.updateMembership(officer, membership.id, {
        personId: String(person.id),
        organisationId: String(body.id),
        role: 'vice_chair',
        version: String(membership.version),
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await fieldsOf(ws.endMembership(officer, membership.id, { endsOn: '2026-05-01', version: String(edited.version) }))).toEqual(['endsOn']);
    await expect(ws.endMembership(officer, membership.id, { endsOn: '2026-06-14', version: String(membership.version) })).rejects.toBeInstanceOf(ConflictError);
    const ended = await ws.endMembership(officer, membership.id, { endsOn: '2026-06-14', version: String(edited.version) });
    expect(ended).toMatchObject({ role: 'chair', starts_on: '2026-05-20', ends_on: '2026-06-14' });

    const history = await services.audit.history('membership', membership.id);
    expect(history.map((e) => e.action)).toEqual(['end', 'update', 'create']);
    expect(history[0]!.changes).toEqual([{ field: 'ends_on', before: '', after: '2026-06-14' }]);
    expect(history[1]!.changes).toEqual([{ field: 'role', before: 'member', after: 'chair' }]);
    expect((await services.people.bySlug(person.slug)).memberships).toMatchObject([
      { role: 'chair', organisation_name: 'Audit Committee', ends_on: '2026-06-14' },
    ]);
  });

  it('lets only administrators and democratic services officers see or change these records', async () => {
    const ws = services.organisationWorkspace;
    const before = await count('organisations');
    for (const actor of [lead, councillor]) {
      await expect(ws.createBody(actor, { name: 'Shadow Board', kind: 'committee' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(ws.createPerson(actor, { name: 'Nobody', kind: 'external' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(ws.addMembership(actor, { personId: '1', organisationId: '1', role: 'member' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(ws.listBodies(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(ws.listPeople(actor, 1)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await count('organisations')).toBe(before);
    expect((await ws.listBodies(admin)).length).toBe(before);
  });

  it('puts a new or renamed person straight into public search', async () => {
    const ws = services.organisationWorkspace;
    const person = await ws.createPerson(officer, { name: 'Quentin Zebedee', kind: 'officer', jobTitle: 'Head of Libraries' });
    expect((await services.search.search({ q: 'Zebedee' })).hits.map((h) => h.title)).toContain('Quentin Zebedee');
    await ws.updatePerson(officer, person.id, { name: 'Quentin Xylophone', kind: 'officer', version: String(person.version) });
    expect((await services.search.search({ q: 'Zebedee' })).hits).toHaveLength(0);
    expect((await services.search.search({ q: 'Xylophone' })).hits.map((h) => h.title)).toContain('Quentin Xylophone');
  });
});
