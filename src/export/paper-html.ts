// Writes a generated paper as a standalone, printable HTML page (the "print view").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Paper } from '../domain/paper.ts';

const TEMPLATES = path.join(import.meta.dirname, 'templates');
// Autoescape on: every string in a paper is record text and must print as text, never as markup.
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { autoescape: true, throwOnUndefined: false });

/** The print stylesheet, for a caller that serves it at its own address or inlines it. */
export const PAPER_CSS = readFileSync(path.join(TEMPLATES, 'paper.css'), 'utf8');

export interface PaperHtmlOptions {
  /** Where the page finds the print stylesheet (a web page must not inline styles under our CSP). */
  stylesheetHref?: string;
  /** Inline the stylesheet instead: for a file written to disk by the command line. */
  inlineStylesheet?: boolean;
  /** A link back to the record the paper comes from, hidden when printed. */
  back?: { href: string; text: string };
}

export function paperToHtml(paper: Paper, options: PaperHtmlOptions = {}): string {
  return env.render('paper.njk', {
    paper,
    stylesheetHref: options.stylesheetHref ?? null,
    inlineCss: options.inlineStylesheet ? PAPER_CSS : null,
    backHref: options.back?.href ?? null,
    backText: options.back?.text ?? null,
  });
}
