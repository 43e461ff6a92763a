// The public home page: the way into committees, meetings, issues, reviews and people, with what is coming up and what was decided lately.
import type { FastifyInstance } from 'fastify';
import { paths } from '../../paths.ts';
import { LIST_PAGE_SHOWS } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { presentHome } from '../../presenters/home-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

export type HomeRouteDeps = PublicRouteDeps;

export function homeRoutes(app: FastifyInstance, { services }: HomeRouteDeps): void {
  app.get(paths.home(), async (request, reply) => {
    pageShows(request, LIST_PAGE_SHOWS.home);
    return reply.view('home.njk', presentHome(await services.home.overview()));
  });
}
