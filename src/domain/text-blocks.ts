// Splits text typed into a form (a recommendation, a response, a resolution, terms of reference) into paragraphs and lists, so pages and papers keep its line breaks and sub-points.
//
// Officers paste recommendations from Word: "The Council should:" then "(a) …", "(b) …" on their own
// lines, or "1. …", or bullets ("- …", "• …"). Every page and paper shows the same blocks, so a
// line break is never lost on a page nor printed as a stray glyph in a PDF.

/** One point of a list: its marker as typed ("(a)", "1.", "iv)"), or null for a bullet. */
export interface TextListItem {
  readonly marker: string | null;
  readonly text: string;
}

export type TextBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  /** `marked`: the points carry their own markers ("(a)", "1."), which are shown as typed, since minutes and reports cite them. */
  | { readonly kind: 'list'; readonly marked: boolean; readonly items: readonly TextListItem[] };

/** "(a)", "(iv)", "(12)", "a.", "a)", "1.", "1)", "iv." – a marked point; "-", "*", "•", "–" – a bullet. */
// Without brackets only lower-case letters count, so "A. Smith said …" stays a sentence.
const MARKED = /^(\((?:[a-zA-Z]|[ivxlcIVXLC]+|\d{1,3})\)|(?:[a-z]|[ivxlc]+|\d{1,3})[.)])\s+(\S.*)$/;
const BULLET = /^[-*•–·]\s+(\S.*)$/;

/**
 * Control characters other than the line break, and the Unicode line and paragraph separators, are
 * what print as stray glyphs: separators become line breaks, tabs spaces, and the rest go.
 */
function clean(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085\v\f]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
      .replace(/[ \u00a0]+$/gm, '')
  );
}

function point(line: string): TextListItem | null {
  const marked = MARKED.exec(line);
  if (marked) return { marker: marked[1] ?? null, text: (marked[2] ?? '').trim() };
  const bullet = BULLET.exec(line);
  return bullet ? { marker: null, text: (bullet[1] ?? '').trim() } : null;
}

/**
 * The text's blocks in order. Each line is a paragraph of its own (a line break typed in a form is
 * meant), except that consecutive points make one list and an indented line continues the point
 * above it. Blank lines only separate. Empty or missing text has no blocks.
 */
export function textBlocks(text: string | null | undefined): TextBlock[] {
  if (text === null || text === undefined) return [];
  const blocks: TextBlock[] = [];
  let list: { marked: boolean; items: TextListItem[] } | null = null;
  let lastWasBlank = false;
  const endList = () => {
    if (list) blocks.push({ kind: 'list', marked: list.marked, items: list.items });
    list = null;
  };
  for (const raw of clean(text).split('\n')) {
    const line = raw.trim();
    if (line === '') {
      lastWasBlank = true;
      continue;
    }
    const item = point(line);
    if (item) {
      const marked = item.marker !== null;
      if (list === null || list.marked !== marked) {
        endList();
        list = { marked, items: [] };
      }
      list.items.push(item);
    } else if (list !== null && !lastWasBlank && /^\s/.test(raw)) {
      // An indented line carries on the point above it.
      const last = list.items.pop();
      if (last) list.items.push({ marker: last.marker, text: `${last.text} ${line}` });
    } else {
      endList();
      blocks.push({ kind: 'paragraph', text: line });
    }
    lastWasBlank = false;
  }
  endList();
  return blocks;
}

/** A point as printed where lists cannot be drawn (a table cell of a PDF, a plain-text line): "(a) …" or "• …". */
export function itemLine(item: TextListItem): string {
  return `${item.marker ?? '\u2022'} ${item.text}`;
}

/** The text as plain lines, one a paragraph or point: for a CSV cell, an email or a PDF table cell. */
export function textLines(text: string | null | undefined): string[] {
  return textBlocks(text).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.items.map(itemLine)));
}
