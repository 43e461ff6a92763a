// The people list and each person's page.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { LIST_PAGE_SHOWS } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { presentPeople, presentPerson } from '../../presenters/person-presenter.ts';
import { checkPageExists, readPage, type PublicRouteDeps } from './route-params.ts';

export function personRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.people, async (request, reply) => {
    const result = await services.people.list({ page: readPage(request.query) });
    checkPageExists(result.page, result.pageCount);
    pageShows(request, LIST_PAGE_SHOWS.people);
    return reply.view('people/list.njk', presentPeople(result));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.person, async (request, reply) => {
    return reply.view('people/person.njk', presentPerson(await services.people.bySlug(request.params.slug)));
  });
}
