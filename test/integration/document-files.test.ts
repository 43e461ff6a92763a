// Uploaded documents keep their text, size, type and page count; the bytes are served at a stable address for public documents only.
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createRepositories, type Repositories } from '../../src/repositories/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { NotFoundError, ValidationError } from '../../src/services/errors.ts';
import { DOCX, PDF } from '../../src/services/document-file-service.ts';

const clock = fixedClock('2026-11-22T12:00:00Z');

async function longPdf(): Promise<Buffer> {
  // Long enough for three pages, with a word to find on the last.
  const rows = Array.from({ length: 90 }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i + 1} of the valuation report.` }));
  return paperToPdf({
    kind: 'annex',
    title: 'Valuation of the former depot',
    council: 'Test Council',
    marking: null,
    fileName: 'valuation',
    blocks: [...rows, { kind: 'paragraph', text: 'Conclusion: quokka.' }],
  });
}

describe.each(testDialects())('document files on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let repos: Repositories;

  async function document(slug: string, exempt: number | null = null) {
    return repos.documents.create({
      slug,
      title: `Document ${slug}`,
      kind: 'report',
      meeting_id: null,
      agenda_item_id: null,
      review_id: null,
      exempt_paragraph: exempt,
      url: null,
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: null,
      storage_key: null,
      text_content: null,
      published_on: '2026-11-01',
      source_system: null,
      source_id: null,
    });
  }

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock });
    repos = createRepositories({ db: handle.db, clock });
  });
  afterAll(async () => handle?.destroy());

  it('reads a PDF’s text and pages and a Word file’s text, and refuses what is not what it claims to be', async () => {
    const pdf = await longPdf();
    const fromPdf = await services.documentFiles.extract(pdf, PDF);
    expect(fromPdf).toMatchObject({ mediaType: PDF, byteSize: pdf.length, pageCount: 3 });
    expect(fromPdf.text).toContain('Paragraph 1 of the valuation report.');
    expect(fromPdf.text).toContain('Conclusion: quokka.');

    const word = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Heads of terms'), new Paragraph('The lease runs for 25 years.')] }] }),
    );
    const fromWord = await services.documentFiles.extract(word, DOCX);
    expect(fromWord).toEqual({ text: 'Heads of terms\n\nThe lease runs for 25 years.', pageCount: null, byteSize: word.length, mediaType: DOCX });

    await expect(services.documentFiles.extract(word, PDF)).rejects.toBeInstanceOf(ValidationError);
    await expect(services.documentFiles.extract(pdf, 'image/png')).rejects.toBeInstanceOf(ValidationError);
    await expect(services.documentFiles.extract(Buffer.from('%PDF-1.7 broken'), PDF)).rejects.toBeInstanceOf(ValidationError);
  });

  it('stores the file with its facts on the document, and serves it only when the document is public', async () => {
    const pdf = await longPdf();
    await document('depot-valuation');
    await document('depot-valuation-exempt', 3);
    const stored = await services.documentFiles.attach('system', 'depot-valuation', { buffer: pdf, fileName: 'Depot valuation – final.pdf', mediaType: PDF });
    expect(stored).toMatchObject({ media_type: PDF, byte_size: pdf.length, page_count: 3, file_name: 'Depot valuation – final.pdf', version: 2 });
    expect(stored.text_content).toContain('quokka');
    await services.documentFiles.attach('system', 'depot-valuation-exempt', { buffer: pdf, fileName: 'exempt.pdf', mediaType: PDF });
    expect((await services.audit.history('document', stored.id)).map((e) => e.action)).toEqual(['attach_file']);

    const file = await services.documentFiles.publicFile('depot-valuation');
    expect(file.content.equals(pdf)).toBe(true);
    await expect(services.documentFiles.publicFile('depot-valuation-exempt')).rejects.toBeInstanceOf(NotFoundError);

    const app = await buildApp({ services });
    try {
      const response = await app.inject(paths.documentFile('depot-valuation'));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `inline; filename="Depot valuation _ final.pdf"; filename*=UTF-8''Depot%20valuation%20%E2%80%93%20final.pdf`,
      );
      expect(response.rawPayload.equals(pdf)).toBe(true);
      expect((await app.inject(paths.documentFile('depot-valuation-exempt'))).statusCode).toBe(404);
      // The document's page names the file's type, size and pages, and links to it.
      const page = await app.inject(paths.document('depot-valuation'));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="${paths.documentFile('depot-valuation')}"`);
      expect(page.body).toMatch(/\(PDF, \d+ KB, 3 pages\)/);
      expect((await app.inject(paths.documentFile('no-such-document'))).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
