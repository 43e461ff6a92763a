// The issues list and each issue's history across meetings.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { issuePageShows, LIST_PAGE_SHOWS } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { presentIssue, presentIssues } from '../../presenters/issue-presenter.ts';
import { checkPageExists, readPage, type PublicRouteDeps } from './route-params.ts';

export function issueRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.issues, async (request, reply) => {
    const result = await services.issues.list({ page: readPage(request.query) });
    checkPageExists(result.page, result.pageCount);
    pageShows(request, LIST_PAGE_SHOWS.issues);
    return reply.view('issues/list.njk', presentIssues(result));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.issue, async (request, reply) => {
    const issue = await services.issues.bySlug(request.params.slug);
    pageShows(request, issuePageShows(issue));
    return reply.view('issues/issue.njk', presentIssue(issue));
  });
}
