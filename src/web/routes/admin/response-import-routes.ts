// Workspace upload form for a review: read a Word executive response table, show what was understood, and create it only on confirmation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { ResponseDecision } from '../../../domain/vocabulary.ts';
import { ConflictError, ValidationError } from '../../../services/errors.ts';
import type { ResponseImportPreview } from '../../../services/response-import-service.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';

/** Largest Word response accepted: a response table runs to a few hundred kilobytes even with a logo. */
export const MAX_DOCX_BYTES = 2 * 1024 * 1024;
const MAX_DOCX_LABEL = '2 MB';

/** Every .docx is a ZIP archive, which starts "PK\x03\x04". */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

type Params = { Params: { id: string } };

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
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: number,
    data: { fileError?: string; conflict?: string; preview?: ResponseImportPreview; docx?: string },
    status = 200,
  ) {
    const { review } = await ws.review(actorOf(request), reviewId);
    const failed = status >= 400;
    return reply.code(status).view('admin/response-import.njk', {
      pageTitle: `${failed ? 'Error: ' : ''}Import a Word response`,
      review,
      maxSize: MAX_DOCX_LABEL,
      decisionLabel: (value: string) => ResponseDecision.label(value),
      csrfToken: csrfToken(request, reply, cookies),
      ...data,
    });
  }

  app.get<Params>(paths.admin.importResponse.pattern, editors, async (request, reply) => page(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.importResponse.pattern, editorPosts, async (request, reply) => {
    const reviewId = readId(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const refuse = (fileError: string) => page(request, reply, reviewId, { fileError }, 400);
    const confirming = typeof body.docx === 'string';
    let buffer: Buffer;
    if (confirming) {
      // The confirmation: the previewed file, sent back unchanged.
      buffer = Buffer.from(body.docx as string, 'base64');
    } else {
      const file = body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return refuse('Select a Word document (.docx)');
      buffer = file;
    }
    if (buffer.length > MAX_DOCX_BYTES) return refuse(`The file must be smaller than ${MAX_DOCX_LABEL}`);
    if (!buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) return refuse('The file must be a Word document (.docx)');

    let preview: ResponseImportPreview;
    try {
      preview = await imports.previewResponseImport(buffer);
    } catch (error) {
      if (error instanceof ValidationError) return refuse(error.errors[0]?.message ?? error.message);
      throw error;
    }
    if (!confirming || body.confirm !== 'yes') {
      return page(request, reply, reviewId, { preview, docx: buffer.toString('base64') });
    }
    try {
      await imports.applyResponseImport(actorOf(request), { review: reviewId, preview });
    } catch (error) {
      if (error instanceof ConflictError) return page(request, reply, reviewId, { conflict: error.message, preview }, 409);
      if (error instanceof ValidationError) return refuse(error.errors[0]?.message ?? error.message);
      throw error;
    }
    return reply.redirect(paths.admin.review(reviewId), 303);
  });
}
