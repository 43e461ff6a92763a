// The committees list and each committee's page.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { presentCommittee, presentCommittees } from '../../presenters/committee-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

export function committeeRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.committees, async (_request, reply) => {
    return reply.view('committees/list.njk', presentCommittees(await services.committees.list()));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.committee, async (request, reply) => {
    return reply.view('committees/committee.njk', presentCommittee(await services.committees.bySlug(request.params.slug)));
  });
}
