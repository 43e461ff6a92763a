// The workspace form that imports a Word response table: upload, preview, confirm, refusals and who may use it.
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let app: FastifyInstance;
let services: Services;
let database: TestDb;
let reviewId: number;

function row(cells: string[], header = false): TableRow {
  return new TableRow({
    tableHeader: header,
    children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] })),
  });
}

async function responseTable(rows: string[][]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('Appendix A: Cabinet response to the scrutiny review of home care'),
          new Table({
            rows: [
              row(['Recommendation', 'Agreed/Not Agreed/Deferred', 'Response/Action', 'Officer Responsible', 'Action by (Date)'], true),
              ...rows.map((r) => row(r)),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const url = () => `/admin/reviews/${reviewId}/import-response`;

async function upload(client: WorkspaceClient, fields: Record<string, string | Blob>, name = 'response.docx') {
  const form = await client.get(url());
  const data = new FormData();
  data.append('_csrf', csrfTokenIn(form.body));
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Blob) data.append(key, value, name);
    else data.append(key, value);
  }
  const body = new Response(data);
  return app.inject({
    method: 'POST',
    url: url(),
    payload: Buffer.from(await body.arrayBuffer()),
    headers: { 'content-type': body.headers.get('content-type')!, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

const recommendations = () =>
  database.db.selectFrom('recommendations').select(['number', 'text']).where('review_id', '=', reviewId).orderBy('number').execute();

beforeAll(async () => {
  database = await createTestDb('sqlite');
  services = createServices({ database, clock: fixedClock(DEMO_NOW) });
  await services.demo.loadIfAbsent();
  app = await buildApp({ services, signInRateLimit: 1000 });
  const demoReview = await database.db.selectFrom('scrutiny_reviews').select('organisation_id').orderBy('id').executeTakeFirstOrThrow();
  await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lee Dofficer', role: 'lead_officer', password: 'lead officer password' });
  const dso = await signedIn(app, 'dso@example.org', 'officer password 1');
  const created = await dso.submit('/admin/reviews/new', { title: 'Home care review', organisationId: String(demoReview.organisation_id) });
  expect(created.statusCode).toBe(303);
  reviewId = Number(/\/admin\/reviews\/(\d+)$/.exec(created.headers.location as string)![1]);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('importing a Word response from the workspace', () => {
  it('is linked from the review page, previews the table writing nothing, and creates the rows only on confirmation', async () => {
    const client = await signedIn(app, 'dso@example.org', 'officer password 1');
    const reviewPage = await client.get(`/admin/reviews/${reviewId}`);
    expect(reviewPage.body).toContain(`href="${url()}"`);

    const file = await responseTable([
      [
        '1. The Council should publish home care waiting times monthly.',
        'Agreed',
        'Waiting times will be published from April.',
        'Ian Thomas',
        '31 March 2026',
      ],
      ['2. Commission a night service.', 'Maybe', 'To be considered.', 'Jo Bloggs', '01/06/2026'],
      ['3. Keep the current <assessment> form.', 'Not agreed', 'A new form is required by the Care Act guidance.', 'Jo Bloggs', ''],
    ]);
    const preview = await upload(client, { file: new Blob([new Uint8Array(file)]) });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('The Council should publish home care waiting times monthly.');
    expect(preview.body).toContain('Keep the current &lt;assessment&gt; form.');
    expect(preview.body).toContain('Rows that could not be read');
    expect(preview.body).toMatch(/Row \d+: [^<]*Maybe/);
    expect(preview.body).toContain('Create these recommendations and responses');
    expect(await recommendations()).toHaveLength(0);

    const docx = /name="docx" value="([^"]*)"/.exec(preview.body)![1]!;
    const confirmed = await upload(client, { docx, confirm: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/admin/reviews/${reviewId}`);
    // The upload is sent outside the client, so the banner's cookie is handed to it here.
    for (const cookie of confirmed.cookies) client.cookies.set(cookie.name, cookie.value);
    const banner = await client.get(`/admin/reviews/${reviewId}`);
    expect(banner.body).toContain('govuk-notification-banner--success');
    expect(banner.body).toContain('2 recommendations and responses created from the Word file');
    expect(await recommendations()).toEqual([
      { number: 1, text: 'The Council should publish home care waiting times monthly.' },
      { number: 3, text: 'Keep the current <assessment> form.' },
    ]);
    const responses = await database.db
      .selectFrom('executive_responses as er')
      .innerJoin('recommendations as r', 'r.id', 'er.recommendation_id')
      .select(['r.number', 'er.decision', 'er.responsible_name'])
      .where('r.review_id', '=', reviewId)
      .orderBy('r.number')
      .execute();
    expect(responses).toEqual([
      { number: 1, decision: 'accepted', responsible_name: 'Ian Thomas' },
      { number: 3, decision: 'not_accepted', responsible_name: 'Jo Bloggs' },
    ]);

    // The same file again: the recommendations exist, so nothing is created and the error summary says why.
    const again = await upload(client, { docx, confirm: 'yes' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('<title>Error: Import a Word response');
    expect(again.body).toContain('Nothing was created');
    expect(again.body).toContain('href="#preview"');
    expect(again.body).toContain('govuk-error-summary');
    expect(again.body).toContain('already has recommendations 1, 3');
    expect(await recommendations()).toHaveLength(2);
  });

  it('refuses a file that is not a Word document, an empty upload and a file too large, naming the field, with status 400', async () => {
    const client = await signedIn(app, 'dso@example.org', 'officer password 1');
    const pdf = await upload(client, { file: new Blob([new TextEncoder().encode('%PDF-1.7 not a Word file')]) }, 'response.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.body).toContain('<title>Error: Import a Word response');
    expect(pdf.body).toContain('There is a problem');
    expect(pdf.body).toContain('href="#file"');
    expect(pdf.body).toContain('The file must be a Word document (.docx)');
    expect(pdf.body).toContain('govuk-file-upload--error');

    const none = await upload(client, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select a Word document (.docx)');

    const large = new Uint8Array(2 * 1024 * 1024 + 10);
    large.set([0x50, 0x4b, 0x03, 0x04]);
    const tooLarge = await upload(client, { file: new Blob([large]) });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('The file must be smaller than 2 MB');

    const noTable = await upload(client, {
      file: new Blob([new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Just a letter')] }] })))]),
    });
    expect(noTable.statusCode).toBe(400);
    expect(noTable.body).toContain('href="#file"');
    expect(await recommendations()).toHaveLength(2);
  });

  it('is not open to the public or to a lead officer', async () => {
    const visitor = workspaceClient(app);
    const anonymous = await visitor.get(url());
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url())}`);

    const lead = await signedIn(app, 'lead@example.org', 'lead officer password');
    expect((await lead.get(url())).statusCode).toBe(403);
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(await responseTable([['9. Something.', 'Agreed', 'Yes.', 'Jo Bloggs', '']]))]), 'r.docx');
    const body = new Response(data);
    const posted = await app.inject({
      method: 'POST',
      url: url(),
      payload: Buffer.from(await body.arrayBuffer()),
      headers: { 'content-type': body.headers.get('content-type')!, cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(posted.statusCode).toBe(403);
    expect(await recommendations()).toHaveLength(2);
  });
});
