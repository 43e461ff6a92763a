// A review's parts in the workspace on both engines: terms of reference (with sub-terms, order and removal), criteria, evidence and members, each versioned against the review and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('review parts on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let lead: Actor;
  let reviewId: number;
  let committeeId: number;
  const people: Record<string, number> = {};

  const ws = () => services.scrutinyWorkspace;
  const currentVersion = async () => String((await ws().review(officer, reviewId)).review.version);
  const terms = async () => (await ws().reviewParts(officer, reviewId)).terms.map((n) => [n.term.number, n.term.text, n.children.map((c) => c.text)]);
  const fieldsOf = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((e) => e.field);
  };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    committeeId = (await make.body(db, { slug: 'ilsc', name: 'Improving Lives Select Commission', kind: 'scrutiny_committee' })).id;
    await make.body(db, { slug: 'richmond', name: 'London Borough of Richmond upon Thames', kind: 'external' });
    for (const [slug, name] of [
      ['cllr-clark', 'Maggi Clark'],
      ['cllr-cusworth', 'Victoria Cusworth'],
      ['pat-lead', 'Pat Lead'],
    ] as const) {
      people[slug] = (await make.person(db, { slug, name, honorific: 'Councillor' })).id;
    }
    const officerUser = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dee Officer',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: officerUser.id, email: officerUser.email, name: officerUser.name, role: 'democratic_services', personId: null };
    const leadUser = await services.auth.addUser('system', {
      email: 'pat@example.org',
      name: 'Pat',
      role: 'lead_officer',
      person: 'pat-lead',
      password: 'a long password here',
    });
    lead = { userId: leadUser.id, email: leadUser.email, name: leadUser.name, role: 'lead_officer', personId: leadUser.person_id };
    reviewId = (await ws().createReview(officer, { title: 'Alternative management arrangements', organisationId: String(committeeId) })).id;
  });
  afterAll(async () => db.destroy());

  it('numbers terms as they are added, hangs sub-terms from their term, and keeps the numbers in order when terms move', async () => {
    const first = await ws().addTerm(officer, reviewId, { text: 'To identify strengths and weaknesses.', version: await currentVersion() });
    await ws().addTerm(officer, reviewId, { text: 'To compare models.', version: await currentVersion() });
    await ws().addTerm(officer, reviewId, { text: 'Of children’s services.', parent: String(first.id), version: await currentVersion() });
    expect(await terms()).toEqual([
      ['1', 'To identify strengths and weaknesses.', ['Of children’s services.']],
      ['2', 'To compare models.', []],
    ]);
    await ws().moveTerm(officer, reviewId, first.id, { direction: 'down', version: await currentVersion() });
    expect(await terms()).toEqual([
      ['1', 'To compare models.', []],
      ['2', 'To identify strengths and weaknesses.', ['Of children’s services.']],
    ]);
    // The sub-term still hangs from its term at the term's new position.
    const rows = await db.db.selectFrom('review_terms').selectAll().where('review_id', '=', reviewId).orderBy('position').execute();
    expect(rows.map((r) => [r.position, r.parent_position])).toEqual([
      [1, null],
      [2, null],
      [3, 2],
    ]);
  });

  it('edits a term, refuses a term under itself, and removes a term with its sub-terms', async () => {
    const [compare, identify] = (await ws().reviewParts(officer, reviewId)).terms;
    await ws().updateTerm(officer, reviewId, compare!.term.id, { number: '1.1', text: 'To compare and contrast models.', version: await currentVersion() });
    expect((await terms())[0]).toEqual(['1.1', 'To compare and contrast models.', []]);
    expect(
      await fieldsOf(ws().updateTerm(officer, reviewId, identify!.term.id, { text: 'x', parent: String(compare!.term.id), version: await currentVersion() })),
    ).toEqual(['parent']);
    expect(await fieldsOf(ws().addTerm(officer, reviewId, { text: '  ', version: await currentVersion() }))).toEqual(['text']);
    await ws().removeTerm(officer, reviewId, identify!.term.id, { version: await currentVersion() });
    expect(await terms()).toEqual([['1.1', 'To compare and contrast models.', []]]);
    const removal = (await services.audit.history('review', reviewId)).find((e) => e.action === 'term.removed');
    expect(removal?.actor).toBe(`user:${officer.userId} dso@example.org`);
    expect(removal?.changes.find((c) => c.field === 'terms')?.before).toContain('Of children’s services.');
  });

  it('keeps terms numbered 1, 2, 3 in order when one is removed', async () => {
    await ws().updateTerm(officer, reviewId, (await ws().reviewParts(officer, reviewId)).terms[0]!.term.id, {
      number: '1',
      text: 'To compare and contrast models.',
      version: await currentVersion(),
    });
    const added = [];
    for (const text of ['Second.', 'Third.']) added.push(await ws().addTerm(officer, reviewId, { text, version: await currentVersion() }));
    expect((await terms()).map((t) => t[0])).toEqual(['1', '2', '3']);
    await ws().removeTerm(officer, reviewId, added[0]!.id, { version: await currentVersion() });
    expect(await terms()).toEqual([
      ['1', 'To compare and contrast models.', []],
      ['2', 'Third.', []],
    ]);
    await ws().removeTerm(officer, reviewId, added[1]!.id, { version: await currentVersion() });
    await ws().updateTerm(officer, reviewId, (await ws().reviewParts(officer, reviewId)).terms[0]!.term.id, {
      number: '1.1',
      text: 'To compare and contrast models.',
      version: await currentVersion(),
    });
  });

  it('refuses a save from a form opened before someone else changed the review, and keeps the first', async () => {
    const stale = await currentVersion();
    await ws().addCriterion(officer, reviewId, { number: '2.1', title: 'Well-functioning corporate services', version: stale });
    await expect(ws().addCriterion(officer, reviewId, { title: 'Stable leadership', version: stale })).rejects.toBeInstanceOf(ConflictError);
    // Editing the review itself after a part changed is stale too: parts bump the review's version.
    const review = (await ws().review(officer, reviewId)).review;
    await expect(ws().updateReview(officer, reviewId, { title: review.title, organisationId: String(committeeId), version: stale })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ws().reviewParts(officer, reviewId)).criteria.map((c) => c.title)).toEqual(['Well-functioning corporate services']);
  });

  it('edits and removes criteria with before and after in the audit trail', async () => {
    const [criterion] = (await ws().reviewParts(officer, reviewId)).criteria;
    await ws().updateCriterion(officer, reviewId, criterion!.id, {
      number: '2.1',
      title: 'Well-functioning corporate services.',
      text: 'It is critical…',
      version: await currentVersion(),
    });
    const update = (await services.audit.history('review', reviewId)).find((e) => e.action === 'criterion.updated');
    expect(update?.changes).toEqual(
      expect.arrayContaining([{ field: 'title', before: 'Well-functioning corporate services', after: 'Well-functioning corporate services.' }]),
    );
    await ws().removeCriterion(officer, reviewId, criterion!.id, { version: await currentVersion() });
    expect((await ws().reviewParts(officer, reviewId)).criteria).toEqual([]);
  });

  it('records evidence from a listed organisation or a named one, and checks kind, mode and date', async () => {
    const { externalBodies } = await ws().partChoices();
    const richmond = externalBodies.find((b) => b.name.startsWith('London Borough of Richmond'))!;
    const visit = await ws().addEvidence(officer, reviewId, {
      kind: 'visit',
      mode: 'in_person',
      organisationId: String(richmond.id),
      occurredOn: '2016-04-19',
      subject: 'Community Interest Company',
      version: await currentVersion(),
    });
    await ws().addEvidence(officer, reviewId, {
      kind: 'workshop',
      mode: 'in_person',
      organisationName: 'Isos Partnership',
      subject: 'Key enablers',
      version: await currentVersion(),
    });
    expect(
      await fieldsOf(
        ws().addEvidence(officer, reviewId, {
          kind: 'party',
          mode: 'x',
          occurredOn: '2017-02-30',
          subject: '',
          organisationName: 'A',
          version: await currentVersion(),
        }),
      ),
    ).toEqual(['kind', 'mode', 'occurredOn.day', 'subject']);
    expect(await fieldsOf(ws().addEvidence(officer, reviewId, { kind: 'visit', mode: 'remote', subject: 'x', version: await currentVersion() }))).toEqual([
      'organisationName',
    ]);
    await ws().updateEvidence(officer, reviewId, visit.id, {
      kind: 'teleconference',
      mode: 'remote',
      organisationId: String(richmond.id),
      occurredOn: '2016-04-19',
      subject: 'Community Interest Company',
      notes: 'By phone',
      version: await currentVersion(),
    });
    const listed = (await ws().reviewParts(officer, reviewId)).evidence;
    expect(listed.map((e) => [e.kind, e.mode, e.organisation_name ?? e.linked_organisation_name, e.notes])).toEqual([
      ['teleconference', 'remote', richmond.name, 'By phone'],
      ['workshop', 'in_person', 'Isos Partnership', null],
    ]);
    await ws().removeEvidence(officer, reviewId, listed[1]!.id, { version: await currentVersion() });
    expect((await ws().reviewParts(officer, reviewId)).evidence).toHaveLength(1);
  });

  it('keeps the schedule of meetings in date order with its business, one item a line', async () => {
    const later = await ws().addReviewMeeting(officer, reviewId, {
      startsOn: '2017-01-23',
      endsOn: '2017-02-28',
      business: 'Visits to other authorities\n\n',
      version: await currentVersion(),
    });
    await ws().addReviewMeeting(officer, reviewId, {
      startsOn: '2016-11-18',
      business: 'Agree terms of reference\r\nConsider available literature',
      version: await currentVersion(),
    });
    const schedule = async () => (await ws().reviewParts(officer, reviewId)).schedule.map((m) => [m.starts_on, m.ends_on, m.business]);
    expect(await schedule()).toEqual([
      ['2016-11-18', null, ['Agree terms of reference', 'Consider available literature']],
      ['2017-01-23', '2017-02-28', ['Visits to other authorities']],
    ]);
    expect(await fieldsOf(ws().addReviewMeeting(officer, reviewId, { startsOn: '2017-13-01', business: ' ', version: await currentVersion() }))).toEqual([
      'startsOn.month',
      'business',
    ]); // month 13: the month box is at fault
    expect(
      await fieldsOf(
        ws().updateReviewMeeting(officer, reviewId, later.id, { startsOn: '2017-01-23', endsOn: '2017-01-01', business: 'x', version: await currentVersion() }),
      ),
    ).toEqual(['endsOn']);
    await ws().updateReviewMeeting(officer, reviewId, later.id, {
      startsOn: '2016-10-01',
      title: 'Scoping',
      business: 'Scope the review',
      version: await currentVersion(),
    });
    expect((await schedule())[0]).toEqual(['2016-10-01', null, ['Scope the review']]);
    await ws().removeReviewMeeting(officer, reviewId, later.id, { version: await currentVersion() });
    expect(await schedule()).toEqual([['2016-11-18', null, ['Agree terms of reference', 'Consider available literature']]]);
    // The public page's schedule is the same.
    const review = (await ws().review(officer, reviewId)).review;
    expect((await services.reviews.bySlug(review.slug)).schedule.map((m) => m.business)).toEqual([
      ['Agree terms of reference', 'Consider available literature'],
    ]);
  });

  it('creates the review group with the first member, allows one chair, and ends a membership', async () => {
    expect((await ws().review(officer, reviewId)).review.group_organisation_id).toBeNull();
    await ws().addMember(officer, reviewId, { personId: String(people['cllr-clark']), role: 'chair', startsOn: '2016-11-18', version: await currentVersion() });
    const review = (await ws().review(officer, reviewId)).review;
    expect(review.group_name).toBe('Alternative management arrangements review group');
    const group = await db.db.selectFrom('organisations').selectAll().where('id', '=', review.group_organisation_id!).executeTakeFirstOrThrow();
    expect([group.kind, group.parent_id]).toEqual(['task_group', committeeId]);
    expect(
      await fieldsOf(ws().addMember(officer, reviewId, { personId: String(people['cllr-cusworth']), role: 'chair', version: await currentVersion() })),
    ).toEqual(['role']);
    expect(
      await fieldsOf(ws().addMember(officer, reviewId, { personId: String(people['cllr-clark']), role: 'member', version: await currentVersion() })),
    ).toEqual(['personId']);
    await ws().addMember(officer, reviewId, { personId: String(people['cllr-cusworth']), role: 'member', version: await currentVersion() });
    const members = (await ws().reviewParts(officer, reviewId)).members;
    expect(members.map((m) => [m.person_name, m.role])).toEqual([
      ['Maggi Clark', 'chair'],
      ['Victoria Cusworth', 'member'],
    ]);
    // The public page lists the group's members.
    expect((await services.reviews.bySlug(review.slug)).members.map((m) => m.person_name)).toEqual(['Maggi Clark', 'Victoria Cusworth']);

    const chair = members[0]!;
    expect(await fieldsOf(ws().endMember(officer, reviewId, chair.id, { endsOn: '2016-01-01', version: await currentVersion() }))).toEqual(['endsOn']);
    await ws().endMember(officer, reviewId, chair.id, { endsOn: '2017-04-10', version: await currentVersion() });
    expect((await ws().reviewParts(officer, reviewId)).members.find((m) => m.id === chair.id)?.ends_on).toBe('2017-04-10');
    const actions = (await services.audit.history('review', reviewId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.added', 'member.ended']));
  });

  it('lets only administrators and democratic services officers change a review’s parts', async () => {
    const version = await currentVersion();
    await expect(ws().addTerm(lead, reviewId, { text: 'x', version })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ws().addEvidence(lead, reviewId, { kind: 'visit', mode: 'in_person', organisationName: 'x', subject: 'x', version })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(ws().addMember(lead, reviewId, { personId: String(people['pat-lead']), role: 'member', version })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await currentVersion()).toBe(version);
  });
});
