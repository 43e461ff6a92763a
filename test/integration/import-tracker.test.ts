// Importing a CSV recommendations tracker on both engines: all rows or none, --map, --dry-run, reruns change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ImportInputError, parseColumnMap } from '../../src/services/import-service.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const TRACKER = `Reference,Review or origin,Date agreed,Recommendation,Response,Lead officer,Target date,Status,Latest update
1,Home to School Transport,14/07/2025,"That the Cabinet publishes its travel policy, in plain English, by September.",Accepted. The policy will be rewritten with parents.,Jane Smith,30/09/2025,Achieved,Published on 1 September 2025.
2,Home to School Transport,14/07/2025,That route planning is reviewed each year.,Partially accepted: reviewed every two years.,Jane Smith,Annual review,On track,First review booked for spring.
R3,Fly-tipping,03/03/2025,That enforcement results are reported quarterly.,Not accepted,Ahmed Khan,,Not started,
`;

function file(text: string, name = 'tracker.csv') {
  return { name, bytes: new TextEncoder().encode(text) };
}

const TABLES = ['organisations', 'people', 'scrutiny_reviews', 'recommendations', 'executive_responses', 'progress_updates'] as const;

async function snapshot(handle: TestDb) {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES)
    result[table] = await handle.db
      .selectFrom(table)
      .selectAll()
      .orderBy(table === 'progress_updates' ? 'id' : 'id')
      .execute();
  return result;
}

describe.each(testDialects())('tracker import on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;

  beforeEach(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-03-01T12:00:00Z') });
  });
  afterEach(async () => handle?.destroy());

  it('creates reviews, recommendations, responses, officers and progress, and a rerun changes nothing', async () => {
    const result = await services.imports.tracker(file(TRACKER), { body: 'Overview and Scrutiny Management Board' });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'created'],
    ]);
    expect(result.rows[0]!.notes).toContain('review "Home to School Transport" created');
    expect(result.rows[0]!.notes).toContain('officer Jane Smith created');

    const reviews = await handle.db.selectFrom('scrutiny_reviews').selectAll().orderBy('id').execute();
    expect(reviews.map((r) => r.title)).toEqual(['Home to School Transport', 'Fly-tipping']);
    const board = await handle.db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
    expect(board).toMatchObject({ name: 'Overview and Scrutiny Management Board', kind: 'scrutiny_committee' });
    const recs = await handle.db.selectFrom('recommendations').selectAll().orderBy('id').execute();
    expect(recs.map((r) => [r.number, r.source_system, r.source_id, r.status])).toEqual([
      [1, 'tracker', '1', 'closed'],
      [2, 'tracker', '2', 'open'],
      [3, 'tracker', 'R3', 'open'],
    ]);
    const responses = await handle.db.selectFrom('executive_responses').selectAll().orderBy('recommendation_id').execute();
    expect(responses.map((r) => [r.decision, r.responsible_name, r.action_by_date, r.action_by_text, r.responded_on])).toEqual([
      ['accepted', 'Jane Smith', '2025-09-30', null, '2025-07-14'],
      ['partially_accepted', 'Jane Smith', null, 'Annual review', '2025-07-14'],
      ['not_accepted', 'Ahmed Khan', null, null, '2025-03-03'],
    ]);
    const officers = await handle.db.selectFrom('people').selectAll().orderBy('name').execute();
    expect(officers.map((p) => [p.name, p.kind])).toEqual([
      ['Ahmed Khan', 'officer'],
      ['Jane Smith', 'officer'],
    ]);
    expect(responses[0]!.responsible_person_id).toBe(responses[1]!.responsible_person_id);
    const progress = await handle.db.selectFrom('progress_updates').selectAll().orderBy('recommendation_id').execute();
    expect(progress.map((p) => [p.status, p.narrative, p.update_date])).toEqual([
      ['achieved', 'Published on 1 September 2025.', '2026-03-01'],
      ['on_track', 'First review booked for spring.', '2026-03-01'],
      ['not_started', 'Not started', '2026-03-01'],
    ]);

    const once = await snapshot(handle);
    const again = await services.imports.tracker(file(TRACKER));
    expect(again.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await snapshot(handle)).toEqual(once);

    // A new latest update is appended; the earlier one stays.
    const moved = TRACKER.replace('On track,First review booked for spring.', 'Slipped,Review moved to summer.');
    const third = await services.imports.tracker(file(moved));
    expect(third.rows[1]).toMatchObject({ outcome: 'updated', notes: ['progress update added (slipped)'] });
    expect(await handle.db.selectFrom('progress_updates').select('id').execute()).toHaveLength(4);
  });

  it('reads other headings through a column map', async () => {
    const csv = `Rec No,Scrutiny Review,Recommendation,Owner,Action by,RAG
4,Libraries,That opening hours are kept.,Sam Lee,1 April 2026,Green
`;
    const result = await services.imports.tracker(file(csv), {
      map: parseColumnMap('Owner=lead_officer,Action by=target_date,RAG=status'),
      body: 'Scrutiny Board',
    });
    expect(result.columns).toMatchObject({ reference: 'Rec No', review: 'Scrutiny Review', lead_officer: 'Owner', target_date: 'Action by', status: 'RAG' });
    expect(result.rows).toHaveLength(1);
    const rec = await handle.db.selectFrom('recommendations').selectAll().executeTakeFirstOrThrow();
    expect(rec).toMatchObject({ number: 4, text: 'That opening hours are kept.', status: 'awaiting_response' });
    const update = await handle.db.selectFrom('progress_updates').selectAll().executeTakeFirstOrThrow();
    expect(update.status).toBe('on_track');
    expect(() => parseColumnMap('Owner=boss')).toThrow(/"boss" is not a tracker field/);
  });

  it('a dry run reports each row and writes nothing', async () => {
    const result = await services.imports.tracker(file(TRACKER), { dryRun: true, body: 'Overview and Scrutiny Management Board' });
    expect(result).toMatchObject({ dryRun: true, written: false, errors: [] });
    expect(result.rows.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    for (const table of TABLES)
      expect(
        await handle.db
          .selectFrom(table)
          .select('id' as never)
          .execute(),
      ).toEqual([]);
  });

  it('with a bad row writes no row at all, and says which line and why', async () => {
    const bad = TRACKER.replace('30/09/2025,Achieved', '31/02/2026,Achieved').replace('Not started,', 'Sort of,');
    const result = await services.imports.tracker(file(bad), { body: 'Overview and Scrutiny Management Board' });
    expect(result.written).toBe(false);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(result.errors[0]).toEqual({ line: 2, reason: 'target date: 31/02/2026 is not a real date' });
    expect(result.errors[1]?.reason).toMatch(/^status "Sort of" is not one of: Not started, On track/);
    for (const table of TABLES)
      expect(
        await handle.db
          .selectFrom(table)
          .select('id' as never)
          .execute(),
      ).toEqual([]);
  });

  it('refuses malformed CSV, a file of the wrong kind and a file with no recommendation column', async () => {
    await expect(services.imports.tracker(file('Review,Recommendation\n"Libraries,That\n'))).rejects.toThrow(/tracker\.csv: line 2: malformed CSV/);
    await expect(services.imports.tracker({ name: 'scan.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]) })).rejects.toThrow(
      /scan\.png: this is a PNG image/,
    );
    await expect(services.imports.tracker(file('Title,Notes\nA,B\n'))).rejects.toBeInstanceOf(ImportInputError);
    await expect(services.imports.tracker(file('Title,Notes\nA,B\n'))).rejects.toThrow(/line 1: no column for review/);
    // A new review needs a committee: with none named and none to choose, the row says so.
    await expect(services.imports.tracker(file(TRACKER))).rejects.toThrow(/line 2: there is no scrutiny committee/);
    for (const table of TABLES)
      expect(
        await handle.db
          .selectFrom(table)
          .select('id' as never)
          .execute(),
      ).toEqual([]);
  });
});
