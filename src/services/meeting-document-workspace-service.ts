// The officer workspace's meeting papers: upload a PDF or Word paper for a meeting or one of its items, checked by its bytes and read for search.
import { z } from 'zod';
import { londonToday } from '../domain/clock.ts';
import type { Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import { DocumentKind } from '../domain/vocabulary.ts';
import { DOCX, MAX_DOCUMENT_BYTES, PDF, storeDocumentFile, type DocumentMediaType, type ExtractedFile } from './document-file-service.ts';
import { NO_FILE } from '../repositories/document-repository.ts';
import { ValidationError, type FieldError } from './errors.ts';
import { confidential, exemptParagraph, meetingWorkspaceSupport, optionalId, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { authorise, createWriteRunner, declareWrite, EDITORS, NO_INPUT } from './command.ts';

const DocumentSchema = z.object({
  title: z
    .string({ error: 'Enter the title of the document' })
    .trim()
    .min(1, 'Enter the title of the document')
    .max(500, 'The title must be 500 characters or fewer'),
  kind: z.string({ error: 'Choose the type of document' }).refine((v) => DocumentKind.is(v), 'Choose the type of document'),
  agendaItemId: optionalId,
  exemptParagraph,
  isConfidential: confidential,
});

/** What the bytes are: a PDF starts "%PDF-", a .docx is a zip ("PK\x03\x04"); the name and declared type are not trusted. */
export function sniffDocumentType(buffer: Buffer): DocumentMediaType | null {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return DOCX;
  return null;
}

export interface UploadedFile {
  buffer: Buffer;
  fileName: string;
}

const UPLOAD_DOCUMENT = declareWrite('document.uploadDocument', EDITORS, NO_INPUT);

export function createMeetingDocumentWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);
  const { meeting, itemOf } = meetingWorkspaceSupport(deps);

  return {
    /**
     * Takes a paper for a meeting or one of its items. The file is checked by its bytes (a PDF or a
     * Word .docx, whatever its name says) and read for its text, so that a public paper is found by
     * search. An exempt paper names its Schedule 12A paragraph; a paper on an exempt or confidential
     * item is withheld with it (RULES.md rule 9: exempt text never appears in anything public).
     */
    async uploadDocument(actor: Actor, meetingId: number, input: Record<string, string>, file: UploadedFile | null) {
      // Refused before the form is read; the write below runs the same declaration.
      authorise(UPLOAD_DOCUMENT, actor);
      const m = await meeting(meetingId);
      const parsed = DocumentSchema.safeParse(input);
      const errors: FieldError[] = parsed.success ? [] : [...ValidationError.fromZod(parsed.error).errors];
      let facts: ExtractedFile | null = null;
      const mediaType = file ? sniffDocumentType(file.buffer) : null;
      if (!file || file.buffer.length === 0) errors.push({ field: 'file', message: 'Select a PDF or Word (.docx) file' });
      else if (file.buffer.length > MAX_DOCUMENT_BYTES)
        errors.push({ field: 'file', message: `The file must be smaller than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
      else if (mediaType === null) errors.push({ field: 'file', message: 'The file must be a PDF or a Word (.docx) document' });
      else if (!deps.documentFiles) throw new Error('The document file service is not wired into the meeting workspace');
      else {
        try {
          facts = await deps.documentFiles.extract(file.buffer, mediaType);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          errors.push(...error.errors);
        }
      }
      if (!parsed.success || errors.length > 0 || facts === null || file === null) throw new ValidationError(errors);
      const values = parsed.data;
      const today = londonToday(clock);
      return write(UPLOAD_DOCUMENT, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const item = await itemOf(tx, m.id, values.agendaItemId);
        const slug = await tx.slugs.free('documents', slugify(`${m.slug} ${values.title}`));
        const created = await tx.documents.create({
          slug,
          title: values.title,
          kind: values.kind,
          meeting_id: m.id,
          agenda_item_id: item?.id ?? null,
          review_id: null,
          exempt_paragraph: values.exemptParagraph ?? item?.exempt_paragraph ?? null,
          is_confidential: values.isConfidential === 1 || item?.is_confidential === 1 || item?.is_restricted === 1 ? 1 : 0,
          url: null,
          ...NO_FILE,
          text_content: null,
          published_on: today,
          source_system: null,
          source_id: null,
        });
        const updated = await storeDocumentFile(tx, created, file.buffer, file.fileName, facts);
        // The audit keeps the facts about the file, not its text (which may be exempt and is long).
        const { text_content: _text, ...after } = updated;
        await audit('create', 'document', updated.id, null, after);
        touched('document', updated.id);
        return updated;
      });
    },
  };
}

export type MeetingDocumentWorkspaceService = ReturnType<typeof createMeetingDocumentWorkspaceService>;
