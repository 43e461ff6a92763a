// Each public document at its stable address.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { presentDocument } from '../../presenters/document-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

export function documentRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get<{ Params: { slug: string } }>(routePatterns.document, async (request, reply) => {
    return reply.view('documents/document.njk', presentDocument(await services.documents.bySlug(request.params.slug)));
  });
}
