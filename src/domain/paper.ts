// The shape of a generated council paper (response table, agenda front sheet, minutes, …): plain blocks that every format renders alike.
//
// A paper is built once from the record by a service and then written out as an HTML print view,
// a Word document and a tagged PDF, so the three can never disagree about what a paper says.

import { itemLine, textBlocks, type TextBlock } from './text-blocks.ts';

/** Which version of a paper: the one anyone may read, or the full one for officers. */
export type PaperAudience = 'public' | 'officer';

export const PAPER_FORMATS = ['print', 'docx', 'pdf'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const PAPER_KINDS = [
  'response',
  'annex',
  'agenda',
  'minutes',
  'decision',
  'forward-plan',
  'tracker-report',
  'work-programme',
  'urgency-report',
  'annual-report',
  'council-annual-report',
] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export function isPaperKind(value: unknown): value is PaperKind {
  return typeof value === 'string' && (PAPER_KINDS as readonly string[]).includes(value);
}

/** A table cell: its first paragraph, the typed text's further paragraphs and lists, any further paragraphs, and any bulleted points. */
export interface PaperCell {
  readonly text: string;
  readonly blocks?: readonly TextBlock[];
  readonly paragraphs?: readonly string[];
  readonly bullets?: readonly string[];
}

export type PaperBlock =
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly strong?: boolean }
  /** `marked`: each item begins with its own marker ("(a) …", "1. …"), printed instead of a bullet. */
  | { readonly kind: 'list'; readonly items: readonly string[]; readonly marked?: boolean }
  /** Label and value pairs, each label a row header (date, time, place; reasons, alternatives). */
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  /** A table whose first row is column headers; `widths` are relative column widths. */
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly PaperCell[])[];
      readonly widths?: readonly number[];
    }
  /** The "Not for publication" marking on an officer's full version, with the Schedule 12A paragraph. */
  | { readonly kind: 'marking'; readonly text: string };

export interface Paper {
  readonly kind: PaperKind;
  /** The document's title: its H1, the PDF's Title and the Word document's title. */
  readonly title: string;
  /** The council that publishes it, shown above the title. */
  readonly council: string;
  /** Set on an officer's version that holds exempt or confidential text: printed at the top of every format. */
  readonly marking: string | null;
  readonly blocks: readonly PaperBlock[];
  /** A file name without extension, e.g. "cabinets-response-to-scrutiny-review-of-…". */
  readonly fileName: string;
}

export function cell(text: string, extra: { paragraphs?: readonly string[]; bullets?: readonly string[] } = {}): PaperCell {
  return { text, ...extra };
}

/**
 * A cell holding typed text (a recommendation, a response): its first paragraph after `prefix`
 * ("2."), then its further paragraphs and sub-points as blocks, so line breaks and "(a) …" survive
 * in every format (src/domain/text-blocks.ts).
 */
export function textCell(
  text: string | null | undefined,
  extra: { prefix?: string; paragraphs?: readonly string[]; bullets?: readonly string[] } = {},
): PaperCell {
  const blocks = textBlocks(text);
  const first = blocks[0];
  const lead = first?.kind === 'paragraph' ? first.text : '';
  const rest = first?.kind === 'paragraph' ? blocks.slice(1) : blocks;
  const { prefix, ...more } = extra;
  return { text: [prefix, lead].filter((part) => part !== undefined && part !== '').join(' '), ...(rest.length > 0 ? { blocks: rest } : {}), ...more };
}

/** Typed text as paper blocks: each paragraph, and each list (marked lists keep their markers). */
export function textParagraphs(text: string | null | undefined): PaperBlock[] {
  return textBlocks(text).map((b): PaperBlock =>
    b.kind === 'paragraph'
      ? { kind: 'paragraph', text: b.text }
      : { kind: 'list', items: b.items.map((item) => (b.marked ? itemLine(item) : item.text)), marked: b.marked },
  );
}

/** A cell's typed blocks as lines of text: paragraphs, and points with their markers or bullets. */
export function blockLines(blocks: readonly TextBlock[] | undefined): string[] {
  return (blocks ?? []).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.items.map(itemLine)));
}

/** Every piece of text a paper holds, in reading order: what a reader of any format should find. */
export function paperText(paper: Paper): string[] {
  const out: string[] = [paper.council, paper.title];
  if (paper.marking) out.push(paper.marking);
  for (const block of paper.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
      case 'marking':
        out.push(block.text);
        break;
      case 'list':
        out.push(...block.items);
        break;
      case 'facts':
        for (const [label, value] of block.rows) out.push(label, value);
        break;
      case 'table':
        out.push(block.caption, ...block.headers);
        for (const row of block.rows) {
          for (const c of row) out.push(c.text, ...blockLines(c.blocks), ...(c.paragraphs ?? []), ...(c.bullets ?? []));
        }
        break;
    }
  }
  return out;
}
