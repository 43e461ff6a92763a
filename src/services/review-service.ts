// Scrutiny reviews: what was asked, who asked it, the evidence, the recommendations and the response.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';
import { isWithheld } from '../domain/withheld.ts';

export const REVIEWS_PAGE_SIZE = 50;

export function createReviewService(repos: () => Repositories) {
  async function find(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such review');
    const review = await repos().reviews.findBySlug(slug);
    if (!review) throw new NotFoundError('No such review');
    return review;
  }

  async function withPoints(reviewId: number) {
    const r = repos();
    const recommendations = await r.recommendations.forReview(reviewId);
    const points = await r.recommendations.points(recommendations.map((x) => x.id));
    return recommendations.map((rec) => ({ ...rec, points: points.filter((p) => p.recommendation_id === rec.id).map((p) => p.text) }));
  }

  return {
    async list(options: { page: number }) {
      const r = repos();
      const page = Math.max(1, options.page);
      const [reviews, total] = await Promise.all([r.reviews.list({ limit: REVIEWS_PAGE_SIZE, offset: (page - 1) * REVIEWS_PAGE_SIZE }), r.reviews.count()]);
      return { reviews, total, page, pageCount: Math.max(1, Math.ceil(total / REVIEWS_PAGE_SIZE)) };
    },

    async bySlug(slug: string) {
      const review = await find(slug);
      const r = repos();
      const [terms, criteria, schedule, evidence, members, recommendations, documents, meetings, options, judgements] = await Promise.all([
        r.reviews.terms(review.id),
        r.reviews.criteria(review.id),
        r.reviews.schedule(review.id),
        r.reviews.evidence(review.id),
        review.group_organisation_id ? r.organisations.members(review.group_organisation_id) : Promise.resolve([]),
        withPoints(review.id),
        r.documents.forReview(review.id),
        r.meetings.findByIds([review.report_meeting_id, review.response_meeting_id].filter((id): id is number => id !== null)),
        r.reviews.options(review.id),
        r.reviews.judgements(review.id),
      ]);
      return {
        review,
        terms,
        criteria,
        schedule,
        evidence,
        options,
        judgements,
        members,
        recommendations,
        documents: documents.filter((d) => !isWithheld(d)),
        reportMeeting: meetings.find((m) => m.id === review.report_meeting_id) ?? null,
        responseMeeting: meetings.find((m) => m.id === review.response_meeting_id) ?? null,
      };
    },

    /** The executive response: one row per recommendation (as the reference case's Appendix A). */
    async response(slug: string) {
      const review = await find(slug);
      const r = repos();
      const [recommendations, meetings] = await Promise.all([
        withPoints(review.id),
        r.meetings.findByIds(review.response_meeting_id ? [review.response_meeting_id] : []),
      ]);
      return { review, recommendations, responseMeeting: meetings[0] ?? null };
    },

    async recommendation(slug: string, number: number) {
      const review = await find(slug);
      if (!Number.isSafeInteger(number) || number < 1) throw new NotFoundError('No such recommendation');
      const r = repos();
      const recommendation = await r.recommendations.find(review.id, number);
      if (!recommendation) throw new NotFoundError('No such recommendation');
      const [points, progress, meetings, siblings] = await Promise.all([
        r.recommendations.points([recommendation.id]),
        r.recommendations.progress(recommendation.id),
        r.meetings.findByIds([review.report_meeting_id, recommendation.agreed_meeting_id].filter((id): id is number => id !== null)),
        r.recommendations.forReview(review.id),
      ]);
      return {
        review,
        recommendation: { ...recommendation, points: points.map((p) => p.text) },
        progress,
        reportMeeting: meetings.find((m) => m.id === review.report_meeting_id) ?? null,
        responseMeeting: meetings.find((m) => m.id === recommendation.agreed_meeting_id) ?? null,
        previous: siblings.filter((s) => s.number < number).at(-1)?.number ?? null,
        next: siblings.find((s) => s.number > number)?.number ?? null,
      };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
