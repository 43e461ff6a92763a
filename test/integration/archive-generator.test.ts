// The synthetic archive: sizes that scale with the years asked for, the same archive for the same seed, on both engines.
import { afterAll, describe, expect, it } from 'vitest';
import { createArchiveGenerator, PER_YEAR, Random } from '../../src/services/archive-generator.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';
import { createServices } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { countTables, dumpTables } from '../support/table-dump.ts';

const open: TestDb[] = [];
afterAll(async () => {
  for (const db of open) await db.destroy();
});

async function generated(dialect: 'sqlite' | 'postgres', seed: number, years = 1): Promise<TestDb> {
  const database = await createTestDb(dialect);
  open.push(database);
  await createArchiveGenerator({ db: database.db }).generate({ years, seed });
  return database;
}

describe('Random', () => {
  it('gives the same stream for the same seed and a different one for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const streamA = Array.from({ length: 50 }, () => a.float());
    expect(Array.from({ length: 50 }, () => b.float())).toEqual(streamA);
    expect(Array.from({ length: 50 }, () => c.float())).not.toEqual(streamA);
    expect(streamA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe.each(testDialects())('generate on %s', (dialect) => {
  it('writes one year of a council at the specified sizes, with exempt items and answered recommendations', async () => {
    const database = await generated(dialect, 7);
    const counts = await countTables(database);
    expect(counts.organisations).toBe(60);
    expect(counts.people).toBe(300);
    expect(counts.meetings).toBe(PER_YEAR.meetings);
    // Sizes per year: 20 years give ~25,000 meetings, ~400,000 agenda items, ~100,000 resolutions and
    // documents, 5,000 reviews and ~30,000 recommendations.
    expect(counts.agenda_items! / counts.meetings!).toBeGreaterThan(PER_YEAR.agendaItemsPerMeeting * 0.9);
    expect(counts.agenda_items! / counts.meetings!).toBeLessThan(PER_YEAR.agendaItemsPerMeeting * 1.1);
    expect(counts.documents! / counts.meetings!).toBeGreaterThan(PER_YEAR.documentsPerMeeting * 0.9);
    expect(counts.resolutions).toBeGreaterThan(PER_YEAR.meetings * PER_YEAR.minutesPerMeeting * 0.7);
    expect(counts.scrutiny_reviews).toBe(PER_YEAR.reviews);
    expect(counts.recommendations! / counts.scrutiny_reviews!).toBeGreaterThan(PER_YEAR.recommendationsPerReview * 0.9);
    expect(counts.executive_responses).toBeGreaterThan(0);
    expect(counts.progress_updates).toBeGreaterThan(0);
    expect(counts.memberships).toBeGreaterThan(300);
    // One audit event names the generator and sums up the archive, rather than one per row.
    expect(await database.db.selectFrom('audit_events').select(['actor', 'action']).execute()).toEqual([
      { actor: 'import:archive-generator', action: 'import' },
    ]);

    const exempt = await database.db
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('exempt_paragraph', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(exempt.n)).toBeGreaterThan(0);
    const withText = await database.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('exempt_paragraph', 'is', null)
      .where('text_content', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(withText.n)).toBeGreaterThan(counts.documents! * 0.9);

    // The pages read it: a generated meeting and review open through the services.
    const services = createServices({ database, clock: fixedClock('2025-04-01T10:00:00Z') });
    const meeting = await database.db.selectFrom('meetings').select('slug').where('status', '=', 'held').orderBy('id').executeTakeFirstOrThrow();
    expect(await services.meetings.bySlug(meeting.slug)).toBeTruthy();

    // Ordinary inserts after the bulk load get fresh ids (PostgreSQL's sequences were moved on).
    const repos = createRepositories({ db: database.db, clock: fixedClock('2025-04-01T10:00:00Z') });
    const issue = await repos.issues.create({ slug: 'written-after-generation', title: 'Written after generation', summary: null });
    expect(issue.id).toBe(counts.issues! + 1);

    // A second run into the same database is refused rather than doubling the council.
    await expect(createArchiveGenerator({ db: database.db }).generate({ years: 1, seed: 7 })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('generate is deterministic', () => {
  it('writes identical data for the same seed, different data for another, and refuses silly sizes', async () => {
    const [a, b, c] = await Promise.all([generated('sqlite', 11), generated('sqlite', 11), generated('sqlite', 12)]);
    const dumpA = await dumpTables(a);
    const dumpB = await dumpTables(b);
    // Every table but the migrator's own record (which notes when each migration ran).
    const differing = Object.keys(dumpA).filter((table) => table !== 'schema_migrations' && dumpA[table] !== dumpB[table]);
    expect(differing).toEqual([]);
    expect(dumpA.meetings!.length).toBeGreaterThan(100_000);
    expect((await dumpTables(c)).meetings).not.toEqual(dumpA.meetings);
    const empty = await createTestDb('sqlite');
    open.push(empty);
    await expect(createArchiveGenerator({ db: empty.db }).generate({ years: 0, seed: 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(createArchiveGenerator({ db: empty.db }).generate({ years: 2.5, seed: 1 })).rejects.toBeInstanceOf(ValidationError);
  });
});
