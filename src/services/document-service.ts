// Documents at their stable public address; exempt and confidential documents are not public.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';

export function createDocumentService(repos: () => Repositories) {
  return {
    async bySlug(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such document');
      const r = repos();
      const document = await r.documents.findPublicBySlug(slug);
      // A withheld document answers exactly as a missing one: its existence is not disclosed. So does
      // a paper of a withheld item, which the agenda and the meeting page leave out with the item, and
      // a paper of a draft item, not public until the agenda is published.
      if (!document) throw new NotFoundError('No such document');
      const item = document.agenda_item_id ? await r.meetings.findAgendaItem(document.agenda_item_id) : undefined;
      const [meetings, review] = await Promise.all([
        r.meetings.findByIds(document.meeting_id ? [document.meeting_id] : []),
        document.review_id ? r.reviews.findById(document.review_id) : Promise.resolve(undefined),
      ]);
      if (document.review_id !== null && !review) throw new NotFoundError('No such document');
      const recommendations = review && document.kind === 'response' ? await r.recommendations.forReview(review.id) : [];
      const points = await r.recommendations.points(recommendations.map((x) => x.id));
      return {
        document,
        meeting: meetings[0] ?? null,
        review: review ?? null,
        agendaItem: item ?? null,
        recommendations: recommendations.map((rec) => ({ ...rec, points: points.filter((p) => p.recommendation_id === rec.id).map((p) => p.text) })),
      };
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
