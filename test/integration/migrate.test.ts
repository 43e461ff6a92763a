// The schema migrates on both engines and migrating again changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

describe.each(testDialects())('migrations on %s', (dialect) => {
  let handle: TestDb;
  afterAll(async () => handle?.destroy());

  it('creates every table, and a second run applies nothing', async () => {
    handle = await createTestDb(dialect);
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const tables = await handle.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const t of [
      'organisations',
      'people',
      'memberships',
      'meetings',
      'agenda_items',
      'documents',
      'issues',
      'issue_considerations',
      'minutes',
      'resolutions',
      'resolution_limbs',
      'referrals',
      'scrutiny_reviews',
      'evidence',
      'recommendations',
      'executive_responses',
      'progress_updates',
      'audit_events',
    ]) {
      expect(names).toContain(t);
    }
    const now = new Date().toISOString();
    const org = await handle.db
      .insertInto('organisations')
      .values({
        slug: 'cabinet',
        name: 'Cabinet',
        kind: 'executive',
        parent_id: null,
        description: null,
        category: null,
        source_system: null,
        source_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    expect(org.id).toBeGreaterThan(0);
    expect(org.version).toBe(1);
    await expect(
      handle.db
        .insertInto('organisations')
        .values({
          slug: 'cabinet',
          name: 'Again',
          kind: 'executive',
          parent_id: null,
          description: null,
          category: null,
          source_system: null,
          source_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*) as n from organisations`.execute(handle.db);
    expect(Number(count.rows[0]!.n)).toBe(1);
  });
});
