// The committees list and each committee's page.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { committeePageShows, LIST_PAGE_SHOWS } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { presentCommittee, presentCommittees } from '../../presenters/committee-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

export function committeeRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.committees, async (request, reply) => {
    pageShows(request, LIST_PAGE_SHOWS.committees);
    return reply.view('committees/list.njk', presentCommittees(await services.committees.list()));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.committee, async (request, reply) => {
    const committee = await services.committees.bySlug(request.params.slug);
    pageShows(request, committeePageShows(committee));
    return reply.view('committees/committee.njk', presentCommittee(committee));
  });
}
