// Uploaded document files (PDF, Word): their text for search, size, type and page count; the bytes served for public documents only.
import type { Actor, SystemActor } from '../domain/roles.ts';
import { isSlug } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import { EXTRACTION_LIMITS, extractDocumentText, type ExtractionLimits, type ExtractionOutcome } from './document-text-extraction.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { EDITORS, NO_INPUT, authorise, createWriteRunner, declareWrite } from './command.ts';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOCUMENT_MEDIA_TYPES = [PDF, DOCX] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** The largest file accepted: a council agenda pack with scanned appendices fits well within it. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface ExtractedFile {
  text: string;
  /** Pages of a PDF; null for a Word file, whose pages depend on the printer and the fonts. */
  pageCount: number | null;
  byteSize: number;
  mediaType: DocumentMediaType;
}

function isDocumentMediaType(value: string): value is DocumentMediaType {
  return (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(value);
}

/** A PDF starts "%PDF-"; a .docx is a zip ("PK\x03\x04"). The declared type must agree with the bytes. */
function looksLike(buffer: Buffer, mediaType: DocumentMediaType): boolean {
  return mediaType === PDF ? buffer.subarray(0, 5).toString('latin1') === '%PDF-' : buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Why a file was refused, naming the limit it broke (EXTRACTION_LIMITS in document-text-extraction.ts). */
function refusal(outcome: Exclude<ExtractionOutcome, { ok: true }>, limits: ExtractionLimits): string {
  switch (outcome.problem) {
    case 'too-many-pages':
      return `The PDF has ${outcome.pageCount.toLocaleString('en-GB')} pages: a file may have at most ${limits.maxPages.toLocaleString('en-GB')} pages`;
    case 'too-large-expanded':
      return `The Word file expands to ${megabytes(outcome.expandedBytes)}: a file may expand to at most ${megabytes(limits.maxExpandedBytes)}`;
    case 'too-slow':
      return `The file took longer than ${limits.timeMs / 1000} seconds to read, the most allowed: it may be damaged, or split it into smaller files`;
    case 'too-much-memory':
      return `The file needs more than ${limits.memoryMb} MB of memory to read, the most allowed: it may be damaged, or split it into smaller files`;
    case 'unreadable':
      return 'The file could not be read: it may be damaged or protected by a password';
  }
}

/**
 * Stores a document's file in the caller's transaction, replacing any earlier one, and keeps its
 * facts (name, type, size, pages, text) on the document. The name a browser sent is made safe (no
 * path separators); a blank one is named for the document.
 */
export function storeDocumentFile(tx: Repositories, document: { id: number; slug: string }, buffer: Buffer, fileName: string, facts: ExtractedFile) {
  const name = fileName.replace(/[\\/]/g, '_').slice(0, 200) || `${document.slug}.${facts.mediaType === PDF ? 'pdf' : 'docx'}`;
  return tx.documentFiles.put(
    { document_id: document.id, file_name: name, media_type: facts.mediaType, byte_size: facts.byteSize, content: buffer },
    {
      file_name: name,
      media_type: facts.mediaType,
      byte_size: facts.byteSize,
      page_count: facts.pageCount,
      text_content: facts.text,
      storage_key: `document_files:${document.id}`,
    },
  );
}

/** Editors attach a paper's file in the workspace; the command line attaches one as the system. */
const ATTACH_FILE = declareWrite('document.attachFile', [...EDITORS, 'system'], NO_INPUT);

export interface DocumentFileServiceDeps {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  /** Limits on reading a file (default EXTRACTION_LIMITS). */
  extractionLimits?: ExtractionLimits;
}

export function createDocumentFileService(deps: DocumentFileServiceDeps) {
  const write = createWriteRunner(deps.unitOfWork);

  async function extract(buffer: Buffer, mediaType: string): Promise<ExtractedFile> {
    if (!isDocumentMediaType(mediaType)) {
      throw new ValidationError([{ field: 'file', message: 'The file must be a PDF or a Word (.docx) document' }]);
    }
    if (buffer.length === 0) throw new ValidationError([{ field: 'file', message: 'The file is empty' }]);
    if (buffer.length > MAX_DOCUMENT_BYTES) throw new ValidationError([{ field: 'file', message: 'The file must be smaller than 50 MB' }]);
    if (!looksLike(buffer, mediaType)) {
      throw new ValidationError([{ field: 'file', message: mediaType === PDF ? 'The file is not a PDF' : 'The file is not a Word (.docx) document' }]);
    }
    // Read in a worker thread with its own time and memory budget: the server keeps answering
    // while it reads, and a file that breaks a limit is refused naming the limit.
    const limits = deps.extractionLimits ?? EXTRACTION_LIMITS;
    const outcome = await extractDocumentText(buffer, mediaType === PDF ? 'pdf' : 'docx', limits);
    if (!outcome.ok) throw new ValidationError([{ field: 'file', message: refusal(outcome, limits) }]);
    return { text: outcome.text, pageCount: mediaType === PDF ? outcome.pageCount : null, byteSize: buffer.length, mediaType };
  }

  return {
    extract,

    /** Stores a document's file, replacing any earlier one, and keeps its text, size, type and page count on the document. */
    async attach(actor: Actor | SystemActor, documentSlug: string, file: { buffer: Buffer; fileName: string; mediaType: string }) {
      // Refused before the file is read; the write below runs the same declaration.
      authorise(ATTACH_FILE, actor);
      if (!isSlug(documentSlug)) throw new NotFoundError('No such document');
      const facts = await extract(file.buffer, file.mediaType);
      return write(ATTACH_FILE, actor, undefined, async (_values, { repos, audit, touched }) => {
        const document = await repos.documents.findBySlug(documentSlug);
        if (!document) throw new NotFoundError('No such document');
        const updated = await storeDocumentFile(repos, document, file.buffer, file.fileName, facts);
        const { text_content: _before, ...before } = document;
        const { text_content: _after, ...after } = updated;
        await audit('attach_file', 'document', document.id, before, after);
        // The document's text goes into search (or stays out, when withheld) in this transaction.
        touched('document', document.id);
        return updated;
      });
    },

    /** The bytes of a public document's file; a withheld document answers exactly as a missing one. */
    async publicFile(documentSlug: string) {
      if (!isSlug(documentSlug)) throw new NotFoundError('No such document');
      const r = deps.repos();
      const document = await r.documents.findPublicBySlug(documentSlug);
      // A paper of a withheld item is withheld with it, as on the meeting page; a draft item's paper is not public yet.
      if (!document) throw new NotFoundError('No such document');
      const file = await r.documentFiles.forDocument(document.id);
      if (!file) throw new NotFoundError('This document has no file');
      return {
        fileName: file.file_name,
        mediaType: file.media_type,
        byteSize: file.byte_size,
        content: Buffer.from(file.content),
        updatedAt: document.updated_at,
      };
    },
  };
}

export type DocumentFileService = ReturnType<typeof createDocumentFileService>;
