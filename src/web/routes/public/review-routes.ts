// The reviews list, each review's page, its executive response and each recommendation.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { LIST_PAGE_SHOWS, recommendationPageShows, reviewPageShows } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { presentRecommendationPage, presentResponse, presentReview, presentReviews } from '../../presenters/review-presenter.ts';
import { presentReviewClock, presentTimeline } from '../../presenters/clock-presenter.ts';
import { checkPageExists, readNumber, readPage, type PublicRouteDeps } from './route-params.ts';

export function reviewRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.reviews, async (request, reply) => {
    const result = await services.reviews.list({ page: readPage(request.query) });
    checkPageExists(result.page, result.pageCount);
    pageShows(request, LIST_PAGE_SHOWS.reviews);
    return reply.view('reviews/list.njk', presentReviews(result));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.review, async (request, reply) => {
    const [review, clock] = await Promise.all([services.reviews.bySlug(request.params.slug), services.tracker.reviewClock(request.params.slug)]);
    pageShows(request, reviewPageShows(review));
    return reply.view('reviews/review.njk', { ...presentReview(review), clock: presentReviewClock(clock) });
  });

  app.get<{ Params: { slug: string } }>(routePatterns.reviewResponse, async (request, reply) => {
    return reply.view('reviews/response.njk', presentResponse(await services.reviews.response(request.params.slug)));
  });

  app.get<{ Params: { slug: string; number: string } }>(routePatterns.recommendation, async (request, reply) => {
    const number = readNumber(request.params.number, 'recommendation');
    const [page, timeline] = await Promise.all([
      services.reviews.recommendation(request.params.slug, number),
      services.recommendations.timeline(request.params.slug, number),
    ]);
    pageShows(request, recommendationPageShows(page));
    return reply.view('reviews/recommendation.njk', { ...presentRecommendationPage(page), timeline: presentTimeline(timeline) });
  });
}
