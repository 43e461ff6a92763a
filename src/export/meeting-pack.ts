// Assembles a meeting pack as one PDF: a generated front sheet and agenda with page references, then each paper in agenda order, page numbers on every page and an outline.
//
// The generated parts (front sheet, agenda, papers rendered from their text, placeholders) are one
// tagged PDFKit document (see paper-pdf.ts), so their structure tree, /Lang and MarkInfo survive:
// uploaded PDFs are inserted between its pages with pdf-lib (@cantoo/pdf-lib, the maintained fork),
// which keeps the generated pages and their tags as they are. The page numbers and any "Not for
// publication" marking are stamped on every page as /Artifact marked content (PDF 1.7 §14.8.2.2),
// so a screen reader does not read them as part of a paper. An uploaded PDF that cannot be read
// (encrypted, damaged) is left out with a placeholder page saying where to find it, never failing
// the whole pack.
import {
  beginMarkedContent,
  endMarkedContent,
  PDFDocument as PdfLibDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  StandardFonts,
  type PDFDict,
  type PDFFont,
  type PDFRef,
} from '@cantoo/pdf-lib';
import type { PaperBlock } from '../domain/paper.ts';
import { block, heading, paragraph, taggedDocument, type Doc, type Struct } from './paper-pdf.ts';

export type PackPaperSource =
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array }
  | { readonly kind: 'text'; readonly text: string }
  /** A paper generated from the record (a review's annex or response), in the blocks every format renders. */
  | { readonly kind: 'blocks'; readonly blocks: readonly PaperBlock[] };

export interface PackPaper {
  readonly title: string;
  /** Where a reader finds the paper if it cannot be put in the pack: its page on the council's site. */
  readonly href: string | null;
  readonly source: PackPaperSource;
}

export interface PackItem {
  /** The agenda item's number as printed ("3", "5a"). */
  readonly number: string;
  readonly title: string;
  /** Lines printed under the title on the agenda (who reports, why it is urgent, that it is exempt). */
  readonly notes: readonly string[];
  readonly papers: readonly PackPaper[];
}

export interface PackInput {
  readonly title: string;
  readonly council: string;
  /** Printed at the top of every page of the exempt pack: "NOT FOR PUBLICATION: … Schedule 12A …". */
  readonly marking: string | null;
  /** The front sheet's label and value rows: body, date, time, place, contact. */
  readonly facts: readonly (readonly [string, string])[];
  readonly members: readonly string[];
  /** The meeting's page, linked from the front sheet. */
  readonly meetingUrl: string | null;
  /** Paragraphs after the facts (a supplement's reasons for lateness, the exempt pack's warning). */
  readonly introduction: readonly string[];
  readonly agendaHeading: string;
  readonly items: readonly PackItem[];
  /** Paragraphs after the agenda (the section 100A(4) note on exempt items). */
  readonly closing: readonly string[];
}

export interface PackProblem {
  readonly title: string;
  readonly reason: string;
}

export interface BuiltPack {
  readonly bytes: Buffer;
  readonly pageCount: number;
  readonly problems: readonly PackProblem[];
}

type Prepared =
  | { kind: 'pdf'; doc: PdfLibDocument; pages: number }
  | { kind: 'text'; text: string }
  | { kind: 'blocks'; blocks: readonly PaperBlock[] }
  | { kind: 'missing'; reason: string };

interface Slot {
  /** Where the paper starts among the generated pages (0-based); an uploaded PDF is inserted there. */
  generatedStart: number;
  generatedPages: number;
}

async function prepare(paper: PackPaper): Promise<Prepared> {
  if (paper.source.kind === 'text') return { kind: 'text', text: paper.source.text };
  if (paper.source.kind === 'blocks') return { kind: 'blocks', blocks: paper.source.blocks };
  try {
    const doc = await PdfLibDocument.load(paper.source.bytes, { updateMetadata: false });
    if (doc.isEncrypted) return { kind: 'missing', reason: 'the file is protected by a password' };
    const pages = doc.getPageCount();
    if (pages === 0) return { kind: 'missing', reason: 'the file has no pages' };
    return { kind: 'pdf', doc, pages };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    // An encrypted PDF names its encryption dictionary in the trailer (PDF 1.7 §7.6.1).
    const encrypted = /encrypt/i.test(name) || Buffer.from(paper.source.bytes).includes('/Encrypt');
    return { kind: 'missing', reason: encrypted ? 'the file is protected by a password' : 'the file is damaged and could not be read' };
  }
}

function textParagraphs(text: string): string[] {
  return text
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
}

/** Renders the generated pages; `refs` holds each paper's first page in the finished pack, once known. */
async function renderGenerated(input: PackInput, prepared: readonly (readonly Prepared[])[], refs: readonly (readonly number[])[] | null) {
  const { doc, root, done } = taggedDocument({ title: input.title, author: input.council });
  let pages = 1;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  if (input.marking) paragraph(doc, root, input.marking, true);
  paragraph(doc, root, input.council);
  heading(doc, root, 1, input.title);
  block(doc, root, { kind: 'facts', rows: input.facts });
  if (input.meetingUrl) link(doc, root, 'The meeting’s page, with every paper and the minutes once agreed: ', input.meetingUrl);
  for (const p of input.introduction) paragraph(doc, root, p);
  heading(doc, root, 2, 'Members');
  block(doc, root, input.members.length === 0 ? { kind: 'paragraph', text: 'No members are recorded for this body.' } : { kind: 'list', items: input.members });
  heading(doc, root, 2, input.agendaHeading);
  if (input.items.length === 0) paragraph(doc, root, 'There are no papers in this pack.');
  else {
    block(doc, root, {
      kind: 'table',
      caption: 'Each item of business, its papers, and the page of this pack where each paper starts',
      headers: ['Item', 'Business', 'Papers', 'Page'],
      widths: [1, 6, 5, 1.2],
      rows: input.items.map((item, i) => [
        { text: item.number },
        { text: item.title, paragraphs: item.notes },
        item.papers.length === 0 ? { text: 'No papers' } : { text: item.papers[0]?.title ?? '', paragraphs: item.papers.slice(1).map((p) => p.title) },
        item.papers.length === 0 ? { text: '' } : { text: pageRef(refs, i, 0), paragraphs: item.papers.slice(1).map((_, j) => pageRef(refs, i, j + 1)) },
      ]),
    });
  }
  for (const p of input.closing) paragraph(doc, root, p);
  const frontPages = pages;

  const slots: Slot[][] = [];
  input.items.forEach((item, i) => {
    const itemSlots: Slot[] = [];
    item.papers.forEach((paper, j) => {
      const ready = prepared[i]?.[j];
      if (ready === undefined || ready.kind === 'pdf') {
        itemSlots.push({ generatedStart: pages, generatedPages: 0 });
        return;
      }
      doc.addPage();
      const start = pages - 1;
      heading(doc, root, 2, `Item ${item.number}: ${item.title}`);
      heading(doc, root, 3, paper.title);
      if (ready.kind === 'text') {
        const ps = textParagraphs(ready.text);
        if (ps.length === 0) paragraph(doc, root, 'This paper has no text.');
        for (const p of ps) paragraph(doc, root, p);
      } else if (ready.kind === 'blocks') {
        for (const b of ready.blocks) block(doc, root, b);
      } else {
        paragraph(doc, root, `This paper could not be included in the pack: ${ready.reason}.`, true);
        if (paper.href) link(doc, root, 'Read it on the council’s website: ', paper.href);
        else paragraph(doc, root, 'Ask Democratic Services for a copy.');
      }
      itemSlots.push({ generatedStart: start, generatedPages: pages - start });
    });
    slots.push(itemSlots);
  });
  root.end();
  doc.end();
  return { bytes: await done, frontPages, slots };
}

function pageRef(refs: readonly (readonly number[])[] | null, item: number, paper: number): string {
  const page = refs?.[item]?.[paper];
  return page === undefined ? '00' : String(page);
}

function link(doc: Doc, root: Struct, label: string, url: string): void {
  root.add(
    doc.struct('P', {}, () => {
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(label, doc.page.margins.left, doc.y, { continued: true })
        .fillColor('#1d70b8')
        .text(url, { link: url, underline: true })
        .fillColor('black');
    }),
  );
  doc.moveDown(0.4);
}

/** Each paper's first page in the finished pack (1-based), generated pages and inserted ones counted alike. */
function pageNumbers(slots: readonly (readonly Slot[])[], prepared: readonly (readonly Prepared[])[]): number[][] {
  let inserted = 0;
  return slots.map((itemSlots, i) =>
    itemSlots.map((slot, j) => {
      const page = slot.generatedStart + inserted + 1;
      const ready = prepared[i]?.[j];
      if (ready?.kind === 'pdf') inserted += ready.pages;
      return page;
    }),
  );
}

/** Text the standard Helvetica font can encode (WinAnsi); anything else would stop pdf-lib drawing it. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}

/** Lets requests waiting on the event loop run between the steps of a long build (the server builds packs in its own process). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function stamp(pack: PdfLibDocument, font: PDFFont, marking: string | null): Promise<void> {
  const pages = pack.getPages();
  for (const [index, page] of pages.entries()) {
    if (index % 25 === 24) await yieldToEventLoop();
    const { width, height } = page.getSize();
    const label = `Page ${index + 1} of ${pages.length}`;
    page.pushOperators(beginMarkedContent('Artifact'));
    page.drawText(label, { x: (width - font.widthOfTextAtSize(label, 9)) / 2, y: 18, size: 9, font });
    if (marking) {
      const text = winAnsi(marking);
      // As large as fits across the page, never larger than 9pt.
      const size = Math.min(9, (width - 40) / Math.max(1, font.widthOfTextAtSize(text, 1)));
      page.drawText(text, { x: 20, y: height - 16, size, font });
    }
    page.pushOperators(endMarkedContent());
  }
}

interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

/** Writes the outline (bookmarks, PDF 1.7 §12.3.3): the agenda, then each item with each of its papers. */
function outline(pack: PdfLibDocument, entries: readonly OutlineEntry[]): void {
  const { context } = pack;
  const pageRefs = pack.getPages().map((p) => p.ref);
  const outlinesRef = context.nextRef();
  const build = (list: readonly OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | null => {
    if (list.length === 0) return null;
    const refs = list.map(() => context.nextRef());
    let count = 0;
    list.forEach((entry, n) => {
      const target = pageRefs[Math.min(entry.page, pageRefs.length - 1)];
      const dict: PDFDict = context.obj({ Title: PDFHexString.fromText(entry.title), Parent: parent });
      if (target) dict.set(PDFName.of('Dest'), context.obj([target, PDFName.of('Fit')]));
      const prev = refs[n - 1];
      const next = refs[n + 1];
      if (prev) dict.set(PDFName.of('Prev'), prev);
      if (next) dict.set(PDFName.of('Next'), next);
      const ref = refs[n];
      if (!ref) return;
      const kids = build(entry.children, ref);
      if (kids) {
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(kids.count));
        count += kids.count;
      }
      count += 1;
      context.assign(ref, dict);
    });
    const first = refs[0];
    const last = refs[refs.length - 1];
    return first && last ? { first, last, count } : null;
  };
  const top = build(entries, outlinesRef);
  const root: PDFDict = context.obj({ Type: 'Outlines' });
  if (top) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last);
    root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  }
  context.assign(outlinesRef, root);
  pack.catalog.set(PDFName.of('Outlines'), outlinesRef);
  pack.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

export async function buildMeetingPack(input: PackInput): Promise<BuiltPack> {
  const prepared: Prepared[][] = [];
  for (const item of input.items) {
    const ready: Prepared[] = [];
    for (const paper of item.papers) {
      ready.push(await prepare(paper));
      await yieldToEventLoop();
    }
    prepared.push(ready);
  }
  const problems: PackProblem[] = [];
  input.items.forEach((item, i) =>
    item.papers.forEach((paper, j) => {
      const ready = prepared[i]?.[j];
      if (ready?.kind === 'missing') problems.push({ title: paper.title, reason: ready.reason });
    }),
  );

  // The agenda's page references depend on how long the front sheet is, which they may change:
  // render until the front sheet's length settles (in practice the second rendering).
  let rendered = await renderGenerated(input, prepared, null);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const again = await renderGenerated(input, prepared, pageNumbers(rendered.slots, prepared));
    const settled = again.frontPages === rendered.frontPages;
    rendered = again;
    if (settled) break;
  }
  const starts = pageNumbers(rendered.slots, prepared);

  const pack = await PdfLibDocument.load(rendered.bytes, { updateMetadata: false });
  let inserted = 0;
  for (let i = 0; i < input.items.length; i += 1) {
    for (let j = 0; j < (input.items[i]?.papers.length ?? 0); j += 1) {
      const ready = prepared[i]?.[j];
      const slot = rendered.slots[i]?.[j];
      if (ready?.kind !== 'pdf' || !slot) continue;
      const copied = await pack.copyPages(ready.doc, ready.doc.getPageIndices());
      copied.forEach((page, k) => {
        // The uploaded file's structure tree is not copied, so its pages' keys into it would dangle.
        page.node.delete(PDFName.of('StructParents'));
        pack.insertPage(slot.generatedStart + inserted + k, page);
      });
      inserted += copied.length;
      await yieldToEventLoop();
    }
  }

  const font = await pack.embedFont(StandardFonts.Helvetica);
  await stamp(pack, font, input.marking);
  outline(pack, [
    { title: input.agendaHeading, page: 0, children: [] },
    ...input.items.map((item, i) => ({
      title: `Item ${item.number}: ${item.title}`,
      page: (starts[i]?.[0] ?? 1) - 1,
      children: item.papers.map((paper, j) => ({ title: paper.title, page: (starts[i]?.[j] ?? 1) - 1, children: [] })),
    })),
  ]);
  pack.setTitle(input.title, { showInWindowTitleBar: true });
  pack.setLanguage('en-GB');
  pack.setAuthor(input.council);
  pack.setCreator('Scrutineer');
  // objectsPerTick lets other work run on the event loop while a long pack is written out.
  const bytes = Buffer.from(await pack.save({ objectsPerTick: 200 }));
  return { bytes, pageCount: pack.getPageCount(), problems };
}
