// Withheld business on both engines: search rows change in the same transaction as the data (workspace and modern.gov import), start-up (and `scrutineer serve`) repairs a stale index, an issue of an exempt minute keeps the minute's words private, and a paper on an item made exempt is an exempt paper.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { spawnCli, waitForOutput } from '../support/cli-process.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const FIXTURES = new URL('../fixtures/moderngov/', import.meta.url);

function fixture(name: string, change: (xml: string) => string = (xml) => xml): { name: string; bytes: Uint8Array } {
  return { name, bytes: new TextEncoder().encode(change(readFileSync(new URL(name, FIXTURES), 'utf8'))) };
}

/** The Work Programme item of meeting 4967 marked `isrestricted` by modern.gov (as test/integration/import-moderngov.test.ts does). */
const restrictWorkProgramme = (xml: string) =>
  xml.replace(
    '<isrestricted>False</isrestricted>\n      <isdisplayallowed>True</isdisplayallowed>\n      <meetingdate>10/02/2026</meetingdate>\n      <meetingtime>10.00 am</meetingtime>\n      <minutesitemnumber>9</minutesitemnumber>',
    '<isrestricted>True</isrestricted>\n      <isdisplayallowed>True</isdisplayallowed>\n      <meetingdate>10/02/2026</meetingdate>\n      <meetingtime>10.00 am</meetingtime>\n      <minutesitemnumber>9</minutesitemnumber>',
  );

/** Index rows whose title or text holds the words: what a search could find. */
async function indexed(db: TestDb, words: string): Promise<number> {
  const row = await db.db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.or([eb('body_text', 'like', `%${words}%`), eb('title', 'like', `%${words}%`)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Makes every change to the search index fail, as a crash at that instant would stop it. */
async function breakIndex(db: TestDb): Promise<() => Promise<void>> {
  if (db.dialect === 'sqlite') {
    await sql`create trigger refuse_index_delete before delete on search_documents begin select raise(abort, 'index unavailable'); end`.execute(db.db);
    await sql`create trigger refuse_index_insert before insert on search_documents begin select raise(abort, 'index unavailable'); end`.execute(db.db);
    return async () => {
      await sql`drop trigger refuse_index_delete`.execute(db.db);
      await sql`drop trigger refuse_index_insert`.execute(db.db);
    };
  }
  await sql`create or replace function refuse_index() returns trigger language plpgsql as $$ begin raise exception 'index unavailable'; end $$`.execute(db.db);
  await sql`create trigger refuse_index before insert or delete on search_documents for each row execute function refuse_index()`.execute(db.db);
  return async () => {
    await sql`drop trigger refuse_index on search_documents`.execute(db.db);
  };
}

describe.each(testDialects())('withheld business and the search index on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let bodyId: number;
  let targetId: number;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2025-12-01T10:00:00Z') });
    const body = (slug: string, name: string, kind: string) => make.body(db, { slug, name, kind });
    bodyId = (await body('planning', 'Planning Board', 'committee')).id;
    targetId = (await body('cabinet', 'Cabinet', 'executive')).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => db.destroy());

  /** A minute's fields with its limb rows read as the workspace's form reader reads them. */
  const minuteInput = (values: Record<string, string>) => [values, limbRows(values)] as const;

  /** A meeting whose agenda is published, so the items added to it are public (not drafts). */
  async function publishedMeeting(meetingDate: string) {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(bodyId), meetingDate });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version) });
    return meeting;
  }

  it('leaves text just made exempt unsearchable even when the index cannot be written: the save and its index rows commit together or not at all', async () => {
    const meeting = await publishedMeeting('2025-12-20');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, {
      title: 'Land at Mill Lane',
      description: 'The sale price is quokka thousand pounds',
    });
    // Written by the workspace, found by search straight away.
    expect(await indexed(db, 'quokka')).toBe(1);

    const repair = await breakIndex(db);
    try {
      const failed = await services.meetingWorkspace
        .updateAgendaItem(officer, item.id, {
          version: String(item.version),
          title: 'Land at Mill Lane',
          description: 'The sale price is quokka thousand pounds',
          exemptParagraph: '3',
        })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
    } finally {
      await repair();
    }
    // Nothing was saved, so the item is still public and its text rightly still findable; no withheld row is in the index.
    const stored = await db.db.selectFrom('agenda_items').select(['exempt_paragraph', 'version']).where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(stored.exempt_paragraph).toBeNull();
    expect(await createRepositories({ db: db.db, clock: services.clock }).searchSources.withheldIndexed()).toBe(0);

    await services.meetingWorkspace.updateAgendaItem(officer, item.id, {
      version: String(stored.version),
      title: 'Land at Mill Lane',
      description: 'The sale price is quokka thousand pounds',
      exemptParagraph: '3',
    });
    expect(await indexed(db, 'quokka')).toBe(0);
  });

  it('names an issue born of a minute on an exempt item as the agenda names the item, never by the minute’s words', async () => {
    const meeting = await publishedMeeting('2025-12-22');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Disposal of a depot', exemptParagraph: '3' });
    await services.meetingWorkspace.addMinute(
      officer,
      meeting.id,
      ...minuteInput({
        title: 'Sale of the depot to Wombat Holdings for two million pounds',
        agendaItemId: String(item.id),
        limb1Verb: 'referred',
        limb1Text: 'That the sale be referred to Cabinet.',
        limb1TargetOrganisationId: String(targetId),
      }),
    );
    const issues = await services.issues.list({ page: 1 });
    expect(issues.issues.map((i) => i.title)).toContain('Disposal of a depot');
    expect(JSON.stringify(issues)).not.toContain('Wombat');
    expect(await indexed(db, 'Wombat')).toBe(0);
    // The issue itself is public, under the agenda's words, and found by search at once.
    expect(await indexed(db, 'Disposal of a depot')).toBeGreaterThan(0);
  });

  it('lists on the exempt papers page a paper whose item was made exempt after it was uploaded', async () => {
    const meeting = await publishedMeeting('2025-12-23');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Tender evaluation' });
    await make.document(db, {
      slug: 'tender-scores',
      title: 'Tender scores',
      meeting_id: meeting.id,
      agenda_item_id: item.id,
      text_content: 'Scores of each bidder',
    });
    expect((await services.exemptAccess.papers(officer)).documents.map((d) => d.slug)).not.toContain('tender-scores');
    await services.meetingWorkspace.updateAgendaItem(officer, item.id, { version: String(item.version), title: 'Tender evaluation', exemptParagraph: '3' });
    expect((await services.exemptAccess.papers(officer)).documents.map((d) => d.slug)).toContain('tender-scores');
    expect((await services.exemptAccess.document(officer, 'tender-scores')).text_content).toBe('Scores of each bidder');
    const lead: Actor = { userId: 77, email: 'lead@example.org', name: 'L', role: 'lead_officer', personId: null };
    expect((await services.exemptAccess.papers(lead)).documents).toEqual([]);
  });

  it('finds and repairs at start-up an index that holds withheld text or disagrees with the record, and leaves a sound one alone', async () => {
    await services.searchIndex.reindexAll();
    expect(await services.searchIndex.checkAndRepair()).toEqual({ repaired: false });
    // A write outside the pipeline (as an older version's crash between save and reindex left it):
    // an item made confidential in the data while its text is still in the index.
    const meeting = await publishedMeeting('2025-12-29');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Tender evaluation', exemptParagraph: '3' });
    await db.db.updateTable('agenda_items').set({ description: 'Budget line for the numbat contract' }).where('id', '=', item.id).execute();
    await services.searchIndex.reindex('agenda_item', item.id);
    // (it is exempt, so even a refresh keeps it out; put its row back as a stale index would hold it)
    await make.searchDocuments(db, [
      {
        kind: 'agenda_item',
        record_id: item.id,
        title: 'Tender evaluation',
        body_text: 'Budget line for the numbat contract',
        organisation_id: bodyId,
        date: '2025-12-23',
        url_key: 'x',
        indexed_at: '2025-12-01T10:00:00Z',
      },
    ]);
    expect(await indexed(db, 'numbat')).toBe(1);
    const check = await services.searchIndex.checkAndRepair();
    expect(check).toMatchObject({ repaired: true });
    expect(check).toHaveProperty('reason', expect.stringContaining('withheld'));
    expect(await indexed(db, 'numbat')).toBe(0);
    expect(await services.searchIndex.checkAndRepair()).toEqual({ repaired: false });

    // A record missing from the index is found by the counts.
    await db.db.deleteFrom('search_documents').where('kind', '=', 'body').execute();
    const missing = await services.searchIndex.checkAndRepair();
    expect(missing).toMatchObject({ repaired: true });
    expect(missing).toHaveProperty('reason', expect.stringContaining('body'));
    expect(await indexed(db, 'Planning Board')).toBeGreaterThan(0);
  });

  it('takes an item modern.gov now marks restricted out of search in the import’s own transaction', async () => {
    await services.imports.moderngovFiles([fixture('committees.xml'), fixture('meetings.xml'), fixture('meeting_4967.xml')]);
    // Imported and findable with no separate reindex.
    expect(await indexed(db, 'Governance and Scrutiny Support Unit')).toBeGreaterThan(0);
    await services.imports.moderngovFiles([fixture('meeting_4967.xml', restrictWorkProgramme)]);
    expect(await indexed(db, 'Governance and Scrutiny Support Unit')).toBe(0);
    expect(await createRepositories({ db: db.db, clock: services.clock }).searchSources.withheldIndexed()).toBe(0);
    expect(await services.searchIndex.checkAndRepair()).toEqual({ repaired: false });
  });

  it('repairs on `scrutineer serve` start an index left holding withheld text, before the first search', async () => {
    // The server is another process: on SQLite it needs a database file rather than this suite's in-memory one.
    const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-index-'));
    const file = path.join(dir, 'serve.db');
    const handle = dialect === 'sqlite' ? await createDb(file) : db;
    try {
      if (dialect === 'sqlite') await migrateToLatest(handle.db);
      const now = '2025-11-01T00:00:00Z';
      const body = await make.body(handle, { slug: 'serve-board', name: 'Serve Board' });
      const meeting = await make.meeting(handle, { slug: 'serve-board-2025-12-24', organisation_id: body.id, meeting_date: '2025-12-24' });
      const item = await make.agendaItem(handle, {
        meeting_id: meeting.id,
        title: 'Contract award',
        description: 'The bilby contract is worth a great deal',
        exempt_paragraph: 3,
      });
      // As a crash of an older version between the save and its reindex left it: the item exempt, its text still indexed.
      await make.searchDocuments(handle, [
        {
          kind: 'agenda_item',
          record_id: item.id,
          title: 'Contract award',
          body_text: 'The bilby contract is worth a great deal',
          organisation_id: body.id,
          date: '2025-12-24',
          url_key: 'serve-board-2025-12-24',
          indexed_at: now,
        },
      ]);
      if (dialect === 'sqlite') await handle.close();
      // BASE_URL set as a deployment sets it (the test runner's own BASE_URL is not a site address).
      const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1'], {
        DATABASE_URL: dialect === 'sqlite' ? file : db.url,
        BASE_URL: 'https://democracy.example.gov.uk',
      });
      const server = { ...cli, url: (await waitForOutput(cli, /at (http:\/\/127\.0\.0\.1:\d+)\//, 60_000))[1] ?? '' };
      try {
        expect(server.output()).toMatch(/Rebuilt the search index \(\d+ records\): 1 withheld record was in the index/);
        const page = await fetch(`${server.url}/search?q=bilby`);
        expect(page.status).toBe(200);
        expect(await page.text()).not.toContain('is worth a great deal');
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
