// Runs in a worker thread: reads the text of one uploaded PDF or Word file within the limits it is given, so that a hostile file cannot stall or exhaust the server.
import { parentPort } from 'node:worker_threads';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { declaredExpandedBytes } from '../import/zip-directory.ts';
// Types only (erased when this file runs): the worker loads only what it reads files with.
import type { ExtractionReply, ExtractionRequest } from './document-text-extraction.ts';

async function pdfText(bytes: Uint8Array, request: ExtractionRequest): Promise<ExtractionReply> {
  const loadingTask = getDocument({ data: bytes, useSystemFonts: false, verbosity: 0 });
  const pdf = await loadingTask.promise;
  try {
    // The page count comes from the page tree's root: known before any page is read.
    if (pdf.numPages > request.limits.maxPages) return { ok: false, problem: 'too-many-pages', pageCount: pdf.numPages };
    const pages: string[] = [];
    let length = 0;
    // Reading stops once the extract is full: later pages would only be cut off.
    for (let n = 1; n <= pdf.numPages && length <= request.limits.maxCharacters; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .trim();
      pages.push(text);
      length += text.length + 2;
      page.cleanup();
    }
    return bounded(pages.join('\n\n'), pdf.numPages, request);
  } finally {
    await pdf.cleanup();
    await loadingTask.destroy();
  }
}

async function docxText(bytes: Uint8Array, request: ExtractionRequest): Promise<ExtractionReply> {
  const expanded = declaredExpandedBytes(bytes);
  if (expanded === null) return { ok: false, problem: 'unreadable' };
  if (expanded > request.limits.maxExpandedBytes) return { ok: false, problem: 'too-large-expanded', expandedBytes: expanded };
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return bounded(value.replace(/\n{3,}/g, '\n\n').trim(), null, request);
}

/** At most maxCharacters of the text are kept: what is stored, searched and shown. */
function bounded(text: string, pageCount: number | null, request: ExtractionRequest): ExtractionReply {
  const truncated = text.length > request.limits.maxCharacters;
  return { ok: true, text: truncated ? text.slice(0, request.limits.maxCharacters) : text, pageCount, truncated };
}

async function run(request: ExtractionRequest): Promise<ExtractionReply> {
  try {
    return request.kind === 'pdf' ? await pdfText(request.bytes, request) : await docxText(request.bytes, request);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

// One file at a time: the server sends the next only after this one's answer.
parentPort?.on('message', (request: ExtractionRequest) => {
  void run(request).then((reply) => parentPort?.postMessage(reply));
});
