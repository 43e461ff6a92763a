// Reads generated papers back with independent tools: mammoth for Word, poppler's pdftotext and pdfinfo for PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';

export async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

export async function docxHtml(buffer: Buffer): Promise<string> {
  return (await mammoth.convertToHtml({ buffer })).value;
}

function withPdfFile<T>(buffer: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-pdf-'));
  const file = path.join(dir, 'paper.pdf');
  try {
    writeFileSync(file, buffer);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(buffer: Buffer): string {
  return withPdfFile(buffer, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** pdfinfo's "Key: value" lines as a map ("Tagged" → "yes", "Title" → …). */
export function pdfInfo(buffer: Buffer): Map<string, string> {
  const out = withPdfFile(buffer, (file) => execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }));
  return new Map(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim(), l.slice(i + 1).trim()] as [string, string];
      }),
  );
}

/** Letters and digits only, lower case: compares wording across formats that break lines, hyphenate and bullet differently. */
export function wording(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
