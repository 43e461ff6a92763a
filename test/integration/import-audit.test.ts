// Writes made by imports and the demo load are audited on both engines: one summary event per import (per file for modern.gov), naming the import as the actor, in the import's transaction.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { IMPORT_ACTORS } from '../../src/services/import-audit.ts';
import type { ResponseImportPreview } from '../../src/services/response-import-service.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';

const TRACKER = `Reference,Review or origin,Date agreed,Recommendation,Response,Lead officer,Target date,Status,Latest update
1,Home to School Transport,14/07/2025,That the policy is published.,Accepted.,Jane Smith,30/09/2025,Achieved,Published.
2,Home to School Transport,14/07/2025,That routes are reviewed each year.,Accepted.,Jane Smith,31/03/2026,On track,Booked.
`;
const fixture = (name: string) => ({ name, bytes: readFileSync(new URL(`../fixtures/moderngov/${name}`, import.meta.url)) });
const csv = (text: string) => ({ name: 'tracker.csv', bytes: new TextEncoder().encode(text) });

describe.each(testDialects())('audit of imports on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  const events = async () => services.audit.since('2026-01-01');
  const after = (e: { changes: readonly { field: string; after: string }[] }, field: string) => e.changes.find((c) => c.field === field)?.after;

  beforeEach(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-03-01T12:00:00Z') });
  });
  afterEach(async () => handle?.destroy());

  it('records one event for the demo load with what it created, and none when it is already there', async () => {
    await services.demo.loadIfAbsent();
    await services.demo.loadIfAbsent();
    const list = await events();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ actor: 'import:demo', action: 'import', entityType: 'import' });
    const created = JSON.parse(after(list[0]!, 'created') ?? '{}') as Record<string, number>;
    const reviews = await handle.db.selectFrom('scrutiny_reviews').select('id').execute();
    expect(Object.values(created).some((n) => n > 0)).toBe(true);
    expect(Object.entries(created).find(([k]) => /review/.test(k))?.[1]).toBe(reviews.length);
  });

  it('records an event per modern.gov file naming the file and what it created, then what a rerun left unchanged', async () => {
    await services.imports.moderngovFiles([fixture('committees.xml'), fixture('meetings.xml')], { councilName: 'Senedd Cymru' });
    const first = await events();
    expect(first.map((e) => [e.actor, e.action, after(e, 'file')])).toEqual([
      [IMPORT_ACTORS.moderngov, 'import', 'committees.xml'],
      [IMPORT_ACTORS.moderngov, 'import', 'meetings.xml'],
    ]);
    const committees = await handle.db.selectFrom('organisations').select('id').where('source_system', '=', 'moderngov').execute();
    expect(JSON.parse(after(first[0]!, 'created')!)).toEqual({ committees: committees.length });
    await services.imports.moderngovFiles([fixture('committees.xml')], { councilName: 'Senedd Cymru' });
    const rerun = (await events()).at(-1)!;
    expect(after(rerun, 'created')).toBe('{}');
    expect(JSON.parse(after(rerun, 'unchanged')!)).toEqual({ committees: committees.length });
  });

  it('records one event for a tracker file, and none for a dry run', async () => {
    await services.imports.tracker(csv(TRACKER), { body: 'Overview and Scrutiny Management Board', dryRun: true });
    expect(await events()).toEqual([]);
    await services.imports.tracker(csv(TRACKER), { body: 'Overview and Scrutiny Management Board' });
    const list = await events();
    expect(list.map((e) => [e.actor, e.action])).toEqual([[IMPORT_ACTORS.tracker, 'import']]);
    expect([after(list[0]!, 'file'), after(list[0]!, 'rows'), after(list[0]!, 'created')]).toEqual(['tracker.csv', '2', '2']);
  });

  it('names a Word response imported from the command line as the import, with a summary against the review', async () => {
    const { review } = await createTestReview(handle, 'test-review-of-parks');
    await handle.db.deleteFrom('recommendations').where('review_id', '=', review.id).execute();
    const preview: ResponseImportPreview = {
      columns: {},
      problems: [{ row: 3, message: 'No decision could be read' }],
      rows: [
        {
          row: 2,
          number: 1,
          text: 'That the parks open earlier.',
          points: [],
          decision: 'accepted',
          responseText: 'Agreed.',
          proposedAction: 'Open at 7am.',
          reason: null,
          officerName: null,
          actionByDate: '2026-09-01',
          actionByText: null,
          outcome: null,
        },
      ],
    };
    await services.responseImport.applyResponseImport(IMPORT_ACTORS.wordResponse, { review: review.id, preview });
    const list = (await events()).filter((e) => e.actor === IMPORT_ACTORS.wordResponse);
    expect(list.map((e) => `${e.action} ${e.entityType}`)).toEqual(['import recommendation', 'import executive_response', 'import.summary review']);
    expect(list.at(-1)).toMatchObject({ entityId: review.id });
    expect(after(list.at(-1)!, 'created')).toBe('[1]');
    expect(after(list.at(-1)!, 'skipped')).toBe('1');
  });
});
