// Workspace upload form for a review: read a Word executive response table, show what was understood, and create it only on confirmation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { ResponseDecision } from '../../../domain/vocabulary.ts';
import { ValidationError, type FieldError } from '../../../services/errors.ts';
import type { ResponseImportPreview } from '../../../services/response-import-service.ts';
import { formState, saveForm } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { workspaceAccess, workspaceView } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

/** Largest Word response accepted: a response table runs to a few hundred kilobytes even with a logo. */
export const MAX_DOCX_BYTES = 2 * 1024 * 1024;
const MAX_DOCX_LABEL = '2 MB';

/** Every .docx is a ZIP archive, which starts "PK\x03\x04". */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

type Params = { Params: { id: string } };

/** The uploaded (or confirmed) file's bytes, or the reason it cannot be read, shown on the file field. */
function uploadedDocx(body: Record<string, unknown>): Buffer {
  const refuse = (message: string) => new ValidationError([{ field: 'file', message }]);
  // The confirmation sends the previewed file back unchanged.
  const buffer = typeof body.docx === 'string' ? Buffer.from(body.docx, 'base64') : body.file;
  if (!Buffer.isBuffer(buffer) || buffer.length === 0) throw refuse('Select a Word document (.docx)');
  if (buffer.length > MAX_DOCX_BYTES) throw refuse(`The file must be smaller than ${MAX_DOCX_LABEL}`);
  if (!buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) throw refuse('The file must be a Word document (.docx)');
  return buffer;
}

/** A refusal of the file as a whole: its first reason, on the file field. */
function onFile(error: ValidationError): ValidationError {
  return new ValidationError([{ field: 'file', message: error.errors[0]?.message ?? error.message }], error.message, { cause: error });
}

/**
 * Two steps, like the progress CSV upload: the upload shows a preview and writes nothing; the
 * confirmation sends the same file back as base64 in a hidden field (with the CSRF token) and the
 * server reads it again, so nothing the browser says about the rows is trusted. Multipart parsing
 * is registered in this plugin only, so no other route accepts uploads.
 */
export async function responseImportRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): Promise<void> {
  // One byte over the limit is read (and not thrown), so an oversized file is refused on the page with status 400.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_DOCX_BYTES + 1, files: 1, fields: 5, fieldSize: Math.ceil(MAX_DOCX_BYTES / 3) * 4 + 16 },
  });
  const imports = services.responseImport;
  const ws = services.scrutinyWorkspace;
  // Only those who keep the whole record may create recommendations and responses.
  const access = workspaceAccess(app, EDITOR_ROLES);

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: number,
    showing: { errors?: readonly FieldError[]; preview?: ResponseImportPreview; docx?: string },
    status = 200,
  ) {
    const { review } = await ws.review(actorOf(request), reviewId);
    return workspaceView(
      request,
      reply,
      cookies,
      'admin/response-import.njk',
      {
        pageTitle: 'Import a Word response',
        review,
        maxSize: MAX_DOCX_LABEL,
        decisionLabel: (value: string) => ResponseDecision.label(value),
        // A stale import creates nothing: the summary says so above the file's rows.
        conflict: status === 409,
        preview: showing.preview,
        docx: showing.docx,
        form: formState({}, showing.errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.importResponse.pattern, access.read, async (request, reply) => page(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.importResponse.pattern, access.write, async (request, reply) => {
    const reviewId = readId(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    let preview: ResponseImportPreview | undefined;
    const rerender = async (errors: readonly FieldError[], status: 400 | 409) =>
      page(request, reply, reviewId, { errors, preview: status === 409 ? preview : undefined }, status);
    /** The file read again, whichever step this is: nothing the browser says about its rows is trusted. */
    async function read() {
      const buffer = uploadedDocx(body);
      try {
        preview = await imports.previewResponseImport(buffer);
      } catch (error) {
        throw error instanceof ValidationError ? onFile(error) : error;
      }
      return { buffer, preview };
    }
    if (typeof body.docx === 'string' && body.confirm === 'yes') {
      return saveForm(
        reply,
        async () => {
          const { preview: rows } = await read();
          const result = await imports.applyResponseImport(actorOf(request), { review: reviewId, preview: rows });
          const count = result.created.length;
          return {
            url: paths.admin.review(reviewId),
            saved: `${count} recommendation${count === 1 ? '' : 's'} and response${count === 1 ? '' : 's'} created from the Word file`,
          };
        },
        rerender,
        'preview',
        { advice: 'Nothing was created: check the review’s recommendations, then import again.', flash: cookies.options(request) },
      );
    }
    // The preview writes nothing: it is shown (200) or refused (400) the same way as a save.
    try {
      const checked = await read();
      return await page(request, reply, reviewId, { preview: checked.preview, docx: checked.buffer.toString('base64') });
    } catch (error) {
      if (error instanceof ValidationError) return rerender(error.errors, 400);
      throw error;
    }
  });
}
