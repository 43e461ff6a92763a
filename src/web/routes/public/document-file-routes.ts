// A public document's uploaded file at its stable address, `/documents/<slug>/file`, with its own type and name.
import type { FastifyInstance } from 'fastify';
import type { PublicRouteDeps } from './route-params.ts';

/**
 * Content-Disposition with the file's own name (RFC 6266 §4.3): an ASCII fallback in `filename`
 * and the UTF-8 name in `filename*` (RFC 8187), so "Children’s Services.pdf" keeps its apostrophe.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The pattern of paths.documentFile(slug). */
const DOCUMENT_FILE_ROUTE = '/documents/:slug/file';

export function documentFileRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get<{ Params: { slug: string } }>(DOCUMENT_FILE_ROUTE, async (request, reply) => {
    const file = await services.documentFiles.publicFile(request.params.slug);
    return (
      reply
        .type(file.mediaType)
        // PDFs open in the browser's viewer; Word files download.
        .header('content-disposition', contentDisposition(file.mediaType === 'application/pdf' ? 'inline' : 'attachment', file.fileName))
        .header('last-modified', new Date(file.updatedAt).toUTCString())
        .header('x-content-type-options', 'nosniff')
        .send(file.content)
    );
  });
}
