// A recommendation typed with line breaks and sub-points keeps them in its Word and PDF papers: each point on its own line, no stray glyphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { docxHtml, docxText, pdfText } from '../support/papers.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperToDocx } from '../../src/export/paper-docx.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { paperToHtml } from '../../src/export/paper-html.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const clock = fixedClock('2018-03-01T12:00:00Z');
// As pasted from Word: Windows line breaks, a tab and a Unicode line separator.
const TEXT = 'That the Council:\r\n(a) sets up a parenting board;\r\n(b) reports to the Commission\u2028every year.\r\n\r\nThe board meets\tquarterly.';

/** The non-blank lines of extracted text, spaces collapsed. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');

describe.each(testDialects())('sub-points in papers on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock });
    await services.demo.loadIfAbsent();
    const review = await handle.db.selectFrom('scrutiny_reviews').select('id').where('slug', '=', REVIEW).executeTakeFirstOrThrow();
    await handle.db.updateTable('recommendations').set({ text: TEXT }).where('review_id', '=', review.id).where('number', '=', 1).execute();
  });
  afterAll(async () => handle?.destroy());

  it('prints the lead-in, each lettered point and the closing paragraph on lines of their own in Word, PDF and print', async () => {
    const paper = await services.papers.response(REVIEW);
    const [docx, pdf] = await Promise.all([paperToDocx(paper), paperToPdf(paper)]);
    const word = lines(await docxText(docx));
    const printed = lines(pdfText(pdf));
    for (const text of [word, printed]) {
      expect(text).toContain('1. That the Council:');
      expect(text).toContain('(a) sets up a parenting board;');
      expect(text.some((l) => l.startsWith('(b) reports to the Commission'))).toBe(true);
      expect(text.some((l) => l.startsWith('The board meets quarterly.'))).toBe(true);
      expect(text.join('\n')).not.toMatch(/[\r\u2028\t\uFFFD]/);
    }
    // Word keeps each point as its own paragraph; the print view as a list that keeps its markers.
    expect(await docxHtml(docx)).toContain('<p>(a) sets up a parenting board;</p>');
    expect(paperToHtml(paper)).toContain('<ol class="paper__marked"><li>(a) sets up a parenting board;</li>');
  });
});
