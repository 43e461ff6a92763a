// Reads rendered pages as a person would: the words without the markup, and the cells of a table by row.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Runs of white space (including the line breaks of the markup) read as one space. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Curly quotes and apostrophes read as straight ones: for comparing text typed by different hands. */
export function straightenQuotes(text: string): string {
  return text.replace(/[‘’‛′]/g, "'").replace(/[“”]/g, '"');
}

/** The visible words of an HTML fragment or page (scripts and the head left out), whitespace collapsed. */
export function pageText(html: string): string {
  const body = html.includes('<body') ? html.slice(html.indexOf('<body')) : html;
  return normaliseText(decodeEntities(body.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ')));
}

/** The main content only (no header, navigation or footer), so that a fact found there is on the page itself. */
export function mainText(html: string): string {
  const match = html.match(/<main[\s\S]*?<\/main>/);
  if (!match) throw new Error('page has no <main>');
  return pageText(match[0]);
}

/** The <title> text. */
export function titleOf(html: string): string {
  return normaliseText(decodeEntities(html.match(/<title[^>]*>([\s\S]*?)<\/title>/)?.[1] ?? ''));
}

/** The h1 text. */
export function h1Of(html: string): string {
  return pageText(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '');
}

/** Every table whose caption contains `caption`, as rows of cell texts (header row included). */
export function tableRows(html: string, caption: string): string[][] {
  const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
  const table = tables.find((t) => pageText(t.match(/<caption[\s\S]*?<\/caption>/)?.[0] ?? '').includes(caption));
  if (!table) throw new Error(`no table captioned "${caption}"`);
  return (table.match(/<tr[\s\S]*?<\/tr>/g) ?? []).map((row) => (row.match(/<t[hd][\s>][\s\S]*?<\/t[hd]>/g) ?? []).map((cell) => pageText(cell)));
}

/** Every internal link (href starting with '/') on a page, without duplicates, skipping assets. */
export function internalLinks(html: string): string[] {
  const hrefs = [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => decodeEntities(m[1]!));
  return [...new Set(hrefs)].filter((href) => !href.startsWith('/assets/') && !href.startsWith('/static/'));
}
