// Writes a generated paper as a Word document (.docx) with real headings, header rows and bullets.
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Paper, PaperBlock, PaperCell } from '../domain/paper.ts';
import type { TextBlock } from '../domain/text-blocks.ts';

/** A point that carries its own marker ("(a) …"): the marker hangs in the margin, as in the report it came from. */
function markedPoint(text: string): Paragraph {
  return new Paragraph({ text, indent: { left: 567, hanging: 567 } });
}

/** Typed text's further paragraphs and lists (src/domain/text-blocks.ts): Word paragraphs, bullets or marked points. */
function typedParagraphs(blocks: readonly TextBlock[] | undefined, bold: boolean): Paragraph[] {
  return (blocks ?? []).flatMap((b) =>
    b.kind === 'paragraph'
      ? [new Paragraph({ children: [new TextRun({ text: b.text, bold })] })]
      : b.items.map((item) => (item.marker === null ? new Paragraph({ text: item.text, bullet: { level: 0 } }) : markedPoint(`${item.marker} ${item.text}`))),
  );
}

/** Word's own heading styles, so the navigation pane and screen readers see the outline. */
const HEADING = { 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function cellParagraphs(c: PaperCell, bold = false): Paragraph[] {
  return [
    new Paragraph({ children: [new TextRun({ text: c.text, bold })] }),
    ...typedParagraphs(c.blocks, bold),
    ...(c.paragraphs ?? []).map((text) => new Paragraph({ children: [new TextRun({ text, bold })] })),
    ...(c.bullets ?? []).map((text) => new Paragraph({ text, bullet: { level: 0 } })),
  ];
}

function percentWidths(count: number, widths: readonly number[] | undefined): number[] {
  const w = widths && widths.length === count ? widths : Array.from({ length: count }, () => 1);
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.round((x / total) * 100));
}

function tableOf(headers: readonly string[], rows: readonly (readonly PaperCell[])[], widths?: readonly number[]): Table {
  const pct = percentWidths(headers.length, widths);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // tableHeader repeats the row on every page and marks it as the header row (w:tblHeader).
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map(
          (h, i) =>
            new TableCell({
              width: { size: pct[i] ?? 10, type: WidthType.PERCENTAGE },
              shading: { type: ShadingType.CLEAR, fill: 'F3F2F1', color: 'auto' },
              children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
            }),
        ),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map(
              (c, i) =>
                new TableCell({
                  width: { size: pct[i] ?? 10, type: WidthType.PERCENTAGE },
                  children: cellParagraphs(c),
                }),
            ),
          }),
      ),
    ],
  });
}

function blockToDocx(block: PaperBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADING[block.level] })];
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun({ text: block.text, bold: block.strong ?? false })] })];
    case 'marking':
      return [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: block.text, bold: true, allCaps: false })] })];
    case 'list':
      return block.items.map((text) => (block.marked ? markedPoint(text) : new Paragraph({ text, bullet: { level: 0 } })));
    case 'facts':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            ([label, value]) =>
              new TableRow({
                children: [
                  new TableCell({
                    width: { size: 30, type: WidthType.PERCENTAGE },
                    children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })],
                  }),
                  new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: value.split('\n').map((line) => new Paragraph(line)) }),
                ],
              }),
          ),
        }),
        new Paragraph(''),
      ];
    case 'table':
      return [
        new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }),
        tableOf(block.headers, block.rows, block.widths),
        new Paragraph(''),
      ];
  }
}

/** Wide tables (five columns or more) are set on landscape pages, as councils print response tables. */
function isWide(paper: Paper): boolean {
  return paper.blocks.some((b) => b.kind === 'table' && b.headers.length >= 5);
}

export async function paperToDocx(paper: Paper): Promise<Buffer> {
  const marking = paper.marking ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: paper.marking, bold: true })] })] : [];
  const document = new Document({
    title: paper.title,
    creator: paper.council,
    description: paper.title,
    styles: {
      // The document's language (en-GB) on every run, so spelling and screen readers use British English.
      default: { document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } } },
    },
    sections: [
      {
        properties: isWide(paper) ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children: [
          ...marking,
          new Paragraph({ children: [new TextRun({ text: paper.council })] }),
          new Paragraph({ text: paper.title, heading: HeadingLevel.HEADING_1 }),
          ...paper.blocks.flatMap(blockToDocx),
          ...marking,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
