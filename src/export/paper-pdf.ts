// Writes a generated paper as an accessible, tagged PDF: title, language en-GB, real text, headings and table headers marked.
//
// Why PDFKit rather than printing the HTML view in Chromium: PDFKit is plain JavaScript from npm,
// so every machine that installs the project can write papers (no browser binary to find, nothing
// to fail at run time), and it writes a tagged PDF itself: `tagged: true` gives a structure tree
// and MarkInfo (pdfinfo: "Tagged: yes"), `lang` sets /Lang, `displayTitle` makes viewers show
// the Title rather than the file name (PDF/UA-1 7.1), and every piece of content is marked as
// H1/H2/H3, P, L/LI or Table/TR/TH/TD (TH with Scope Column or Row; PDF/UA-1 7.5). Text is set in
// the standard Helvetica fonts, whose WinAnsi encoding PDF readers map back to Unicode, so
// pdftotext and screen readers get the words.
import PDFDocument from 'pdfkit';
import { blockLines, type Paper, type PaperBlock, type PaperCell } from '../domain/paper.ts';

export type Doc = InstanceType<typeof PDFDocument>;
export type Struct = ReturnType<Doc['struct']>;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;
const BODY_SIZE = 10;

function cellText(c: PaperCell): string {
  return [c.text, ...blockLines(c.blocks), ...(c.paragraphs ?? []), ...(c.bullets ?? []).map((b) => `\u2022 ${b}`)].filter((line) => line !== '').join('\n');
}

function columnWidths(doc: Doc, count: number, widths: readonly number[] | undefined): number[] {
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const w = widths && widths.length === count ? widths : Array.from({ length: count }, () => 1);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (x / total) * available);
}

export function heading(doc: Doc, root: Struct, level: 1 | 2 | 3, text: string): void {
  doc.moveDown(level === 1 ? 0.2 : 0.6);
  root.add(
    doc.struct(`H${level}`, {}, () => {
      doc.font(BOLD).fontSize(HEADING_SIZE[level]).text(text, doc.page.margins.left, doc.y);
    }),
  );
  // Bookmarks give the PDF an outline a reader can navigate by.
  if (level <= 2) doc.outline.addItem(text);
  doc.moveDown(0.3);
  doc.font(REGULAR).fontSize(BODY_SIZE);
}

export function paragraph(doc: Doc, root: Struct, text: string, bold = false): void {
  root.add(
    doc.struct('P', {}, () => {
      doc
        .font(bold ? BOLD : REGULAR)
        .fontSize(BODY_SIZE)
        .text(text, doc.page.margins.left, doc.y);
    }),
  );
  doc.font(REGULAR);
  doc.moveDown(0.4);
}

function table(
  doc: Doc,
  root: Struct,
  headers: readonly string[] | null,
  rows: readonly (readonly (PaperCell & { header?: boolean })[])[],
  widths?: readonly number[],
): void {
  const count = headers?.length ?? rows[0]?.length ?? 1;
  const cols = columnWidths(doc, count, widths);
  const data = [
    ...(headers ? [headers.map((h) => ({ text: h, type: 'TH', scope: 'column', font: { src: BOLD }, backgroundColor: '#f3f2f1' }))] : []),
    ...rows.map((row) => row.map((c) => (c.header ? { text: cellText(c), type: 'TH', scope: 'row', font: { src: BOLD } } : { text: cellText(c) }))),
  ];
  doc.font(REGULAR).fontSize(BODY_SIZE);
  doc.table({
    structParent: root,
    position: { x: doc.page.margins.left, y: doc.y },
    columnStyles: cols.map((width) => ({ width })),
    defaultStyle: { padding: 4, border: 0.5, borderColor: '#b1b4b6' },
    data,
  } as Parameters<Doc['table']>[0]);
  doc.x = doc.page.margins.left;
  doc.moveDown(0.8);
}

export function block(doc: Doc, root: Struct, b: PaperBlock): void {
  switch (b.kind) {
    case 'heading':
      heading(doc, root, b.level, b.text);
      return;
    case 'paragraph':
      paragraph(doc, root, b.text, b.strong ?? false);
      return;
    case 'marking':
      paragraph(doc, root, b.text, true);
      return;
    case 'list': {
      const list = doc.struct('L');
      root.add(list);
      if (b.marked) {
        // Points that carry their own markers ("(a) …") print them as typed, each tagged LI, with a hanging indent.
        for (const item of b.items) {
          list.add(
            doc.struct('LI', {}, () => {
              doc
                .font(REGULAR)
                .fontSize(BODY_SIZE)
                .text(item, doc.page.margins.left + 18, doc.y, { indent: -18 });
            }),
          );
        }
        list.end();
        doc.moveDown(0.5);
        return;
      }
      doc
        .font(REGULAR)
        .fontSize(BODY_SIZE)
        .list([...b.items], doc.page.margins.left, doc.y, {
          structParent: list,
          structTypes: ['LI', 'Lbl', 'LBody'],
          bulletRadius: 1.5,
        });
      list.end();
      doc.moveDown(0.5);
      return;
    }
    case 'facts':
      table(
        doc,
        root,
        null,
        b.rows.map(([label, value]) => [{ text: label, header: true }, { text: value }]),
        [3, 7],
      );
      return;
    case 'table':
      paragraph(doc, root, b.caption);
      table(doc, root, b.headers, b.rows, b.widths);
      return;
  }
}

/** A new tagged A4 document (title, en-GB, structure tree), its root structure element, and its bytes once ended. */
export function taggedDocument(meta: { title: string; author: string; landscape?: boolean }): { doc: Doc; root: Struct; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout: meta.landscape ? 'landscape' : 'portrait',
    margin: 50,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: meta.title, Author: meta.author, Subject: meta.title, Creator: 'Scrutineer' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root, done };
}

export async function paperToPdf(paper: Paper): Promise<Buffer> {
  const wide = paper.blocks.some((b) => b.kind === 'table' && b.headers.length >= 5);
  const { doc, root, done } = taggedDocument({ title: paper.title, author: paper.council, landscape: wide });
  if (paper.marking) paragraph(doc, root, paper.marking, true);
  paragraph(doc, root, paper.council);
  heading(doc, root, 1, paper.title);
  for (const b of paper.blocks) block(doc, root, b);
  if (paper.marking) paragraph(doc, root, paper.marking, true);
  root.end();
  doc.end();
  return done;
}
