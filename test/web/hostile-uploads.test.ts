// Hostile uploads on both engines: a PDF declaring 20,000 pages and a Word file expanding to over 100 MB are refused naming the limit, a long text is kept and shown only as a bounded extract, and the server answers while a file is read.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { readResponseTable } from '../../src/import/docx-response-reader.ts';
import { EXTRACTION_LIMITS, extractDocumentText } from '../../src/services/document-text-extraction.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { docxOfText, manyPagePdf } from '../support/hostile-files.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, type WorkspaceClient } from '../support/workspace-client.ts';

const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };

describe.each(testDialects())('hostile uploads on %s', (dialect) => {
  let database: TestDb;
  let app: FastifyInstance;
  let officer: WorkspaceClient;
  let meetingId: number;

  beforeAll(async () => {
    database = await createTestDb(dialect);
    const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services, signInRateLimit: 1000 });
    await services.auth.addUser('system', { ...OFFICER, name: 'Dee Ess', role: 'democratic_services' });
    officer = await signedIn(app, OFFICER.email, OFFICER.password);
    meetingId = (await database.db.selectFrom('meetings').select('id').orderBy('meeting_date').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  /** Posts the upload form as a browser does, with the page's CSRF token. */
  async function upload(title: string, bytes: Uint8Array, name: string) {
    const url = paths.admin.newMeetingDocument(meetingId);
    const form = await officer.get(url);
    const data = new FormData();
    data.append('_csrf', csrfTokenIn(form.body));
    data.append('title', title);
    data.append('kind', 'report');
    data.append('file', new Blob([new Uint8Array(bytes)]), name);
    const body = new Response(data);
    return app.inject({
      method: 'POST',
      url,
      payload: Buffer.from(await body.arrayBuffer()),
      headers: { 'content-type': body.headers.get('content-type') ?? '', cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
  }

  const stored = (title: string) =>
    database.db.selectFrom('documents').select(['slug', 'text_content', 'page_count']).where('title', '=', title).executeTakeFirst();

  it('refuses a PDF of 20,000 pages with a 400 naming the page limit, and stores nothing', async () => {
    const response = await upload('Twenty thousand pages', manyPagePdf(20_000), 'pack.pdf');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The PDF has 20,000 pages: a file may have at most 2,000 pages');
    expect(await stored('Twenty thousand pages')).toBeUndefined();
  });

  it('refuses a Word file expanding past 100 MB with a 400 naming the limit, and stores nothing', async () => {
    const bomb = docxOfText('a'.repeat(110 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await upload('Zip bomb', bomb, 'bomb.docx');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('a file may expand to at most 100 MB');
    expect(await stored('Zip bomb')).toBeUndefined();
  });

  it('keeps and shows at most a bounded extract of a long text', async () => {
    const response = await upload('Very long report', docxOfText('scrutiny '.repeat(250_000)), 'long.docx');
    expect(response.statusCode).toBe(303);
    const document = await stored('Very long report');
    expect(document?.text_content?.length).toBe(EXTRACTION_LIMITS.maxCharacters);
    const page = await app.inject({ url: paths.document(document?.slug ?? '') });
    expect(page.statusCode).toBe(200);
    expect(page.body.length).toBeLessThan(2 * EXTRACTION_LIMITS.maxCharacters);
    expect(page.body).toContain('This is the first part of the text: the file holds all of it.');
    // Text stored whole before the limit is shown only as the extract too.
    await database.db
      .updateTable('documents')
      .set({ text_content: 'oversight '.repeat(300_000) })
      .where('slug', '=', document?.slug ?? '')
      .execute();
    const older = await app.inject({ url: paths.document(document?.slug ?? ''), headers: { cookie: 'fresh=1' } });
    expect(older.statusCode).toBe(200);
    expect(older.body.length).toBeLessThan(2 * EXTRACTION_LIMITS.maxCharacters);
  });

  it('answers other requests while a long file is being read', async () => {
    let uploadDone = false;
    const pending = upload('Long agenda pack', manyPagePdf(1_900), 'long-pack.pdf').then((response) => {
      uploadDone = true;
      return response;
    });
    const health = await app.inject({ url: paths.healthz() });
    expect(health.statusCode).toBe(200);
    expect(uploadDone).toBe(false);
    expect((await pending).statusCode).toBe(303);
    expect((await stored('Long agenda pack'))?.page_count).toBe(1_900);
  });
});

describe('a Word response file that expands past its limit', () => {
  it('is refused from its zip directory, naming the limit, before anything is expanded', async () => {
    const bomb = docxOfText('a'.repeat(40 * 1024 * 1024));
    await expect(readResponseTable(bomb)).rejects.toThrow('a response file may expand to at most 20 MB');
  });
});

describe('the time budget for reading a file', () => {
  it('stops a worker still reading when its time is up and refuses the file', async () => {
    const outcome = await extractDocumentText(manyPagePdf(1_900), 'pdf', { ...EXTRACTION_LIMITS, timeMs: 50 });
    expect(outcome).toEqual({ ok: false, problem: 'too-slow' });
    // The next file is read by a fresh worker.
    const next = await extractDocumentText(manyPagePdf(2), 'pdf');
    expect(next).toMatchObject({ ok: true, pageCount: 2 });
    expect(next).toHaveProperty('text', expect.stringContaining('Page 2 of the agenda pack'));
  });
});
