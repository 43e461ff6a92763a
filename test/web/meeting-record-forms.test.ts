// The workspace forms that keep a meeting's record, in-process: uploading papers (refusals naming the field), attendance, declarations, editing items and minutes with conflicts, and who may use them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

describe.each(testDialects())('the meeting record forms on %s', (dialect) => {
  let app: FastifyInstance;
  let services: Services;
  let database: TestDb;
  let meeting: { id: number; slug: string };
  let item: { id: number; title: string };
  let officer: WorkspaceClient;

  const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };

  /** Posts a multipart form (with the page's CSRF token) the way a browser sends a file upload. */
  async function upload(client: WorkspaceClient, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }, formUrl?: string) {
    const url = paths.admin.newMeetingDocument(meeting.id);
    const form = await client.get(formUrl ?? url);
    const data = new FormData();
    data.append('_csrf', csrfTokenIn(form.body));
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    data.append('file', new Blob(file ? [new Uint8Array(file.bytes)] : []), file?.name ?? '');
    const body = new Response(data);
    return app.inject({
      method: 'POST',
      url,
      payload: Buffer.from(await body.arrayBuffer()),
      headers: { 'content-type': body.headers.get('content-type')!, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
  }

  beforeAll(async () => {
    database = await createTestDb(dialect);
    services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services, signInRateLimit: 1000 });
    await services.auth.addUser('system', { ...OFFICER, name: 'Dee Ess', role: 'democratic_services' });
    await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lee Dofficer', role: 'lead_officer', password: 'lead officer password' });
    const first = await database.db
      .selectFrom('agenda_items as ai')
      .innerJoin('meetings as m', 'm.id', 'ai.meeting_id')
      .select(['m.id as meetingId', 'm.slug', 'ai.id', 'ai.title'])
      .where('ai.exempt_paragraph', 'is', null)
      .orderBy('m.meeting_date')
      .orderBy('ai.position')
      .executeTakeFirstOrThrow();
    meeting = { id: first.meetingId, slug: first.slug };
    item = { id: first.id, title: first.title };
    officer = await signedIn(app, OFFICER.email, OFFICER.password);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  describe('papers uploaded from the workspace', () => {
    it('stores a PDF for an agenda item, shows it on the public meeting page and serves its file', async () => {
      const page = await officer.get(paths.admin.meeting(meeting.id));
      expect(page.body).toContain(`href="${paths.admin.newMeetingDocument(meeting.id)}"`);
      const pdf = await tinyPdf(['Appendix B: consultation results', 'Most respondents agreed: kookaburra.']);
      const response = await upload(
        officer,
        { title: 'Consultation results', kind: 'appendix', agendaItemId: String(item.id) },
        { bytes: pdf, name: 'consultation.pdf' },
      );
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`${paths.admin.meeting(meeting.id)}#documents`);
      const stored = await database.db
        .selectFrom('documents')
        .select(['slug', 'media_type', 'byte_size'])
        .where('title', '=', 'Consultation results')
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ media_type: 'application/pdf', byte_size: pdf.length });
      const visitor = workspaceClient(app);
      const publicPage = await visitor.get(paths.meeting(meeting.slug));
      expect(publicPage.body).toContain('Consultation results');
      const file = await visitor.get(paths.documentFile(stored.slug));
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect((await visitor.get(paths.search({ q: 'kookaburra' }))).body).toContain('Consultation results');
    });

    it('never lets the public reach an exempt paper: its page, file, meeting page, API and search', async () => {
      const pdf = await tinyPdf(['Bid prices', 'Provider Z offered 1.2 million: quoll.']);
      const response = await upload(officer, { title: 'Tender prices', kind: 'appendix', exemptParagraph: '3' }, { bytes: pdf, name: 'tender.pdf' });
      expect(response.statusCode).toBe(303);
      const stored = await database.db.selectFrom('documents').select('slug').where('title', '=', 'Tender prices').executeTakeFirstOrThrow();
      const visitor = workspaceClient(app);
      expect((await visitor.get(paths.document(stored.slug))).statusCode).toBe(404);
      expect((await visitor.get(paths.documentFile(stored.slug))).statusCode).toBe(404);
      expect((await visitor.get(paths.meeting(meeting.slug))).body).not.toContain('Tender prices');
      expect((await visitor.get(paths.api.item('meetings', meeting.id))).body).not.toContain('Tender prices');
      const search = await visitor.get(paths.search({ q: 'quoll' }));
      expect(search.statusCode).toBe(200);
      expect(search.body).not.toContain('Tender prices');
      expect(search.body).not.toContain('quoll.');
      // The officer sees it, marked exempt, and its upload in the record's history.
      expect((await officer.get(paths.admin.meeting(meeting.id))).body).toContain('Exempt: paragraph 3');
      const { id } = await database.db.selectFrom('documents').select('id').where('slug', '=', stored.slug).executeTakeFirstOrThrow();
      const history = await officer.get(paths.admin.history('document', id));
      expect(history.statusCode).toBe(200);
      expect(history.body).toContain('Tender prices');
      expect(history.body).toContain('tender.pdf');
    });

    it('refuses a file that is not a PDF or Word document, an oversized one and a missing title with 400, naming the field and keeping what was typed', async () => {
      const count = async () => (await database.db.selectFrom('documents').select('id').execute()).length;
      const before = await count();
      const gif = await upload(officer, { title: 'Photo', kind: 'report' }, { bytes: new TextEncoder().encode('GIF89a not really a PDF'), name: 'photo.pdf' });
      expect(gif.statusCode).toBe(400);
      expect(gif.body).toContain('There is a problem');
      expect(gif.body).toContain('href="#file"');
      expect(gif.body).toContain('The file must be a PDF or a Word (.docx) document');
      expect(gif.body).toContain('govuk-file-upload--error');
      expect(gif.body).toContain('value="Photo"');

      const huge = new Uint8Array(50 * 1024 * 1024 + 10);
      huge.set(new TextEncoder().encode('%PDF-1.7'));
      const tooBig = await upload(officer, { title: 'Huge scan', kind: 'report' }, { bytes: huge, name: 'scan.pdf' });
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.body).toContain('The file must be smaller than 50 MB');

      const untitled = await upload(officer, { title: '', kind: 'minutes', exemptParagraph: '2' }, { bytes: await tinyPdf(['x']), name: 'x.pdf' });
      expect(untitled.statusCode).toBe(400);
      expect(untitled.body).toContain('href="#title"');
      expect(untitled.body).toContain('Enter the title of the document');
      expect(untitled.body).toMatch(/<option value="minutes" selected>/);
      expect(untitled.body).toMatch(/<option value="2" selected>/);

      const noFile = await upload(officer, { title: 'Forgot the file', kind: 'report' });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.body).toContain('Select a PDF or Word (.docx) file');
      expect(await count()).toBe(before);
    });
  });

  describe('attendance and declarations', () => {
    it('adds attendance, refuses an entry without a status, removes one, and the public meeting page shows the record', async () => {
      const url = paths.admin.meetingAttendance(meeting.id);
      expect((await officer.submit(url, { name: 'Councillor Example', status: 'substitute', role: 'Substitute for Councillor Clark' })).statusCode).toBe(303);
      const bad = await officer.submit(url, { name: 'Councillor Nobody', role: 'Vice-chair' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('href="#status"');
      // A radio left unchosen is not sent at all: the message says what to choose, not how the input was wrong.
      expect(bad.body).toContain('Choose whether they were present, sent apologies, were absent or substituted');
      expect(bad.body).not.toContain('Invalid input');
      expect(bad.body).toContain('value="Councillor Nobody"');
      expect(bad.body).toContain('value="Vice-chair"');
      expect(bad.body).toContain('govuk-error-summary');
      expect(bad.body).toMatch(/<title>Error: Attendance/);
      expect(bad.body).toContain('<h1 class="govuk-heading-l">Attendance</h1>');
      expect((await officer.submit(url, { name: 'Councillor Mistake', status: 'absent' })).statusCode).toBe(303);
      const entry = await database.db.selectFrom('attendance').select('id').where('name', '=', 'Councillor Mistake').executeTakeFirstOrThrow();
      const removed = await officer.submit(url, {}, paths.admin.removeAttendance(meeting.id, entry.id));
      expect(removed.statusCode).toBe(303);
      expect(removed.headers.location).toBe(url);
      expect((await officer.get(url)).body).toMatch(/govuk-notification-banner--success[^]*Attendance entry removed/);
      const publicPage = (await workspaceClient(app).get(paths.meeting(meeting.slug))).body;
      expect(publicPage).toContain('Councillor Example, Substitute for Councillor Clark: Substitute');
      expect(publicPage).not.toContain('Councillor Mistake');
    });

    it('adds a declaration on an item, shown publicly with its kind and dispensation', async () => {
      const url = paths.admin.meetingDeclarations(meeting.id);
      const response = await officer.submit(url, {
        name: 'Councillor Example',
        agendaItemId: String(item.id),
        kind: 'disclosable_pecuniary',
        interest: 'Employed by a provider',
        dispensation: 'May speak but not vote',
      });
      expect(response.statusCode).toBe(303);
      const bad = await officer.submit(url, {
        name: 'Councillor Example',
        agendaItemId: String(item.id),
        kind: '',
        interest: '',
        dispensation: 'Typed dispensation',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('href="#kind"');
      expect(bad.body).toContain('href="#interest"');
      // What was typed is kept: the item chosen and the dispensation's words.
      expect(bad.body).toContain(`<option value="${item.id}" selected>`);
      expect(bad.body).toMatch(/<textarea[^>]*name="dispensation"[^>]*>Typed dispensation<\/textarea>/);
      expect(bad.body).toMatch(/<title>Error: Declarations of interest/);
      const declaration = await database.db.selectFrom('declarations').select('id').where('interest', '=', 'Employed by a provider').executeTakeFirstOrThrow();
      const removed = await officer.submit(url, {}, paths.admin.removeDeclaration(meeting.id, declaration.id));
      expect(removed.statusCode).toBe(303);
      expect((await officer.get(url)).body).toMatch(/govuk-notification-banner--success[^]*Declaration of interest removed/);
      expect(await database.db.selectFrom('declarations').select('id').where('id', '=', declaration.id).executeTakeFirst()).toBeUndefined();
      await officer.submit(url, {
        name: 'Councillor Example',
        agendaItemId: String(item.id),
        kind: 'disclosable_pecuniary',
        interest: 'Employed by a provider',
        dispensation: 'May speak but not vote',
      });
      const publicPage = (await workspaceClient(app).get(paths.meeting(meeting.slug))).body;
      expect(publicPage).toContain('Councillor Example (Disclosable pecuniary interest): Employed by a provider. Dispensation: May speak but not vote');
    });
  });

  describe('correcting agenda items and minutes', () => {
    it('edits an item, and a stale save answers 409 with both versions and the typed text kept', async () => {
      const url = paths.admin.agendaItem(item.id);
      const form = await officer.get(url);
      expect(form.statusCode).toBe(200);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const saved = await officer.post(url, {
        _csrf: csrfTokenIn(form.body),
        version,
        title: `${item.title} (revised)`,
        person1Role: 'presenter',
        person1Name: 'Jo Bloggs',
      });
      expect(saved.statusCode).toBe(303);
      const stale = await officer.post(url, { _csrf: csrfTokenIn(form.body), version, title: 'My stale title' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('The version saved by someone else');
      expect(stale.body).toContain(`${item.title} (revised)`);
      expect(stale.body).toContain('value="My stale title"');
      expect(stale.body).toContain('Presenting: Jo Bloggs');
      const blank = await officer.post(url, { _csrf: csrfTokenIn(form.body), version: String(Number(version) + 1), title: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('href="#title"');
      const publicPage = (await workspaceClient(app).get(paths.meeting(meeting.slug))).body;
      expect(publicPage).toContain(`${item.title} (revised)`);
      expect(publicPage).toContain('Jo Bloggs');
    });

    it('edits a minute and answers 409 to a stale save', async () => {
      const minute = await database.db.selectFrom('minutes').select(['id', 'number', 'title', 'version']).orderBy('id').executeTakeFirstOrThrow();
      const url = paths.admin.minute(minute.id);
      const form = await officer.get(url);
      expect(form.statusCode).toBe(200);
      const saved = await officer.post(url, {
        _csrf: csrfTokenIn(form.body),
        version: String(minute.version),
        number: String(minute.number),
        title: minute.title,
        body: 'Corrected wording of the minute.',
      });
      expect(saved.statusCode).toBe(303);
      const stale = await officer.post(url, {
        _csrf: csrfTokenIn(form.body),
        version: String(minute.version),
        number: String(minute.number),
        title: minute.title,
        body: 'My competing wording.',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Corrected wording of the minute.');
      expect(stale.body).toContain('My competing wording.');
      const badNumber = await officer.post(url, { _csrf: csrfTokenIn(form.body), version: String(minute.version + 1), number: 'x', title: minute.title });
      expect(badNumber.statusCode).toBe(400);
      expect(badNumber.body).toContain('href="#number"');
    });
  });

  describe('who may use the forms', () => {
    const urls = () => [
      paths.admin.newMeetingDocument(meeting.id),
      paths.admin.meetingAttendance(meeting.id),
      paths.admin.meetingDeclarations(meeting.id),
      paths.admin.agendaItem(item.id),
    ];

    it('sends the public to sign in and refuses a lead officer', async () => {
      const visitor = workspaceClient(app);
      for (const url of urls()) {
        const response = await visitor.get(url);
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
      }
      const posted = await visitor.post(paths.admin.meetingAttendance(meeting.id), { name: 'Intruder', status: 'present' });
      expect([303, 403]).toContain(posted.statusCode);
      const lead = await signedIn(app, 'lead@example.org', 'lead officer password');
      for (const url of urls()) expect((await lead.get(url)).statusCode).toBe(403);
      // With a valid token from a page the lead officer may use, the upload is still refused.
      const refused = await upload(lead, { title: 'Lead paper', kind: 'report' }, { bytes: await tinyPdf(['x']), name: 'x.pdf' }, paths.admin.password());
      expect(refused.statusCode).toBe(403);
      expect(await database.db.selectFrom('attendance').select('id').where('name', '=', 'Intruder').executeTakeFirst()).toBeUndefined();
      expect(await database.db.selectFrom('documents').select('id').where('title', '=', 'Lead paper').executeTakeFirst()).toBeUndefined();
    });

    it('refuses a form posted without its CSRF token', async () => {
      const response = await officer.post(paths.admin.meetingAttendance(meeting.id), { name: 'No token', status: 'present' });
      expect(response.statusCode).toBe(403);
    });
  });
});
