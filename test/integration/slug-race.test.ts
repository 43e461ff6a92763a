// Officers creating records of the same name at the same moment: each gets its own slug, nobody gets a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('records of the same name created at once on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'DSO',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: user.person_id };
  });
  afterAll(async () => db.destroy());

  it('gives each of six simultaneous bodies, people and reviews its own slug, each with its audit event', async () => {
    const ws = services.organisationWorkspace;
    const bodies = await Promise.all(Array.from({ length: 6 }, () => ws.createBody(officer, { name: 'Housing Task Group', kind: 'task_group' })));
    expect(new Set(bodies.map((b) => b.slug)).size).toBe(6);
    expect(bodies.map((b) => b.slug).sort()).toEqual(['housing-task-group', ...[2, 3, 4, 5, 6].map((n) => `housing-task-group-${n}`)].sort());
    const people = await Promise.all(Array.from({ length: 6 }, () => ws.createPerson(officer, { name: 'Sam Jones', kind: 'officer' })));
    expect(new Set(people.map((p) => p.slug)).size).toBe(6);
    const committee = bodies[0]!;
    const reviews = await Promise.all(
      Array.from({ length: 6 }, () =>
        services.scrutinyWorkspace.createReview(officer, { title: 'Review of empty homes', organisationId: String(committee.id) }),
      ),
    );
    expect(new Set(reviews.map((r) => r.slug)).size).toBe(6);
    const audited = await db.db.selectFrom('audit_events').select(['entity_type', 'entity_id']).where('action', '=', 'create').execute();
    for (const record of [...bodies.map((b) => ['organisation', b.id]), ...people.map((p) => ['person', p.id]), ...reviews.map((r) => ['review', r.id])]) {
      expect(audited.filter((a) => a.entity_type === record[0] && a.entity_id === record[1])).toHaveLength(1);
    }
  });
});
