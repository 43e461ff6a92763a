// SIGKILL inside a write's transaction, between the statements of the pipeline, on SQLite and PostgreSQL: data, audit trail and search index stay consistent, and an exempt record is never in search.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle, type Dialect } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ROOT, waitForOutput, type CliChild } from '../support/cli-process.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';

const TODAY = '2026-11-22';
const WRITER = path.join(ROOT, 'test/support/pipeline-writer.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-pipeline-'));
const databases: TestDb[] = [];
afterAll(async () => {
  for (const database of databases) await database.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const officer: Actor = { userId: 1, email: 'clerk@example.gov.uk', name: 'Clerk', role: 'democratic_services', personId: null };
const ITEM = { title: 'Disposal of the quarry at Wath', description: 'The zanzibarite deposits and what they are worth' };
const RESPONSE_WORDS = 'A quokka sanctuary will open on Saturdays';

function writer(url: string, stage: string, write: 'exempt' | 'respond', args: object): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, url, TODAY, stage, write, JSON.stringify(args)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => text, exited };
}

async function database(dialect: Dialect, name: string): Promise<TestDb> {
  if (dialect === 'postgres') {
    const db = await createTestDb('postgres');
    databases.push(db);
    return db;
  }
  // A file, not memory: the writer is another process.
  const file = path.join(dir, `${name}.db`);
  const handle: DatabaseHandle = await createDb(file);
  await migrateToLatest(handle.db);
  const db = { ...handle, url: file, destroy: () => handle.close() };
  databases.push(db);
  return db;
}

/** What an anonymous visitor's search finds for the words: kinds and record ids. */
async function found(services: Services, q: string) {
  return (await services.search.search({ q })).hits.map((h) => `${h.kind}:${h.recordId}`);
}

/** Everything the crash could have torn, read through a fresh look at the database. */
async function state(db: TestDb, services: Services, itemId: number, recommendationId: number) {
  const item = await db.db.selectFrom('agenda_items').select(['exempt_paragraph', 'version']).where('id', '=', itemId).executeTakeFirstOrThrow();
  const responses = await db.db.selectFrom('executive_responses').select('id').where('recommendation_id', '=', recommendationId).execute();
  const audit = await db.db
    .selectFrom('audit_events')
    .select(['action', 'entity_type', 'entity_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'agenda_item'), eb('entity_id', '=', itemId), eb('action', '=', 'update')]),
        eb.and([eb('entity_type', '=', 'recommendation'), eb('entity_id', '=', recommendationId), eb('action', '=', 'response.recorded')]),
      ]),
    )
    .execute();
  return {
    exempt: item.exempt_paragraph,
    itemVersion: Number(item.version),
    responses: responses.map((r) => r.id),
    audit: audit.map((a) => `${a.entity_type}:${a.action}`).sort(),
    itemFound: await found(services, 'zanzibarite'),
    responseFound: await found(services, 'quokka'),
  };
}

describe.each(testDialects())('a write killed inside its transaction on %s', (dialect) => {
  it('leaves data, audit and search as they were at each stage, and the rerun commits all three; the exempt item is never in search', async () => {
    const db = await database(dialect, 'killed');
    const clock = fixedClock(`${TODAY}T12:00:00Z`);
    const services = createServices({ database: db, clock });
    const fixture = await createTestReview(db, 'review-of-quarries');
    const repos = createRepositories({ db: db.db, clock });
    const meeting = await repos.meetings.create({
      slug: 'cabinet-quarry',
      organisation_id: fixture.responseMeeting.organisation_id,
      title: null,
      meeting_date: '2026-10-20',
      start_time: null,
      starts_at: null,
      location: null,
      status: 'scheduled',
      agenda_published_on: '2026-10-12',
      urgency_reason: null,
      source_system: null,
      source_id: null,
    });
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, ITEM);
    const recommendation = await repos.recommendations.find(fixture.review.id, 1);
    if (!recommendation) throw new Error('the fixture has no recommendation 1');
    const args = {
      itemId: item.id,
      ...ITEM,
      version: item.version,
      reviewSlug: fixture.review.slug,
      meetingSlug: fixture.responseMeeting.slug,
      words: RESPONSE_WORDS,
    };

    const before = await state(db, services, item.id, recommendation.id);
    expect(before).toEqual({
      exempt: null,
      itemVersion: item.version,
      responses: [],
      audit: [],
      itemFound: [`agenda_item:${item.id}`],
      responseFound: [],
    });

    for (const stage of ['changed', 'indexed'] as const) {
      for (const write of ['exempt', 'respond'] as const) {
        const run = writer(db.url, stage, write, args);
        await waitForOutput(run, new RegExp(`paused at ${stage}\\n`), 120_000);
        // While the transaction is open, another reader sees the record as it was, with its search row.
        expect(await state(db, services, item.id, recommendation.id), `${write} open at ${stage}`).toEqual(before);
        run.child.kill('SIGKILL');
        expect(await run.exited).toBe('SIGKILL');
        // Killed between the statements of the pipeline: none of the change, its audit event or its search rows.
        expect(await state(db, services, item.id, recommendation.id), `${write} killed at ${stage}`).toEqual(before);
      }
    }

    // Run to the end, each write commits its change, its audit event and its search rows together.
    for (const write of ['exempt', 'respond'] as const) {
      const run = writer(db.url, 'none', write, args);
      expect(await run.exited, run.output()).toBe(0);
    }
    const after = await state(db, services, item.id, recommendation.id);
    expect(after.exempt).toBe(3);
    expect(after.itemVersion).toBe(item.version + 1);
    expect(after.responses).toHaveLength(1);
    expect(after.audit).toEqual(['agenda_item:update', 'recommendation:response.recorded']);
    expect(after.itemFound).toEqual([]);
    expect(after.responseFound).toEqual([`response:${after.responses[0]}`]);
  }, 600_000);
});
