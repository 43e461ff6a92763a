// The public record as feeds and files: meetings for calendars and CSV, decisions, and recommendation progress (public data only).
import type { Repositories } from '../repositories/index.ts';
import { groupBy } from '../domain/group-by.ts';
import { isSlug } from '../domain/slug.ts';
import { NotFoundError } from './errors.ts';

/** A feed carries the latest entries, as feeds do; the CSV files carry everything. */
export const FEED_ENTRY_LIMIT = 100;

export function createFeedService(repos: () => Repositories) {
  async function body(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such committee');
    const organisation = await repos().organisations.findBySlug(slug);
    if (!organisation || organisation.kind === 'external') throw new NotFoundError('No such committee');
    return organisation;
  }

  async function review(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such review');
    const found = await repos().openData.reviewBySlug(slug);
    if (!found) throw new NotFoundError('No such review');
    return found;
  }

  return {
    /** Every meeting, or one body's, in date order. */
    async meetings(bodySlug?: string) {
      const organisation = bodySlug === undefined ? null : await body(bodySlug);
      const meetings = await repos().openData.allMeetings(organisation?.id);
      return { organisation, meetings };
    },

    /** Public decisions (resolutions with their numbered limbs), newest first; all, or the latest `limit`. */
    async decisions(limit?: number) {
      const r = repos();
      const decisions = await r.openData.allDecisions(limit);
      const limbs = groupBy(await r.openData.limbs(decisions.map((d) => d.id)), (l) => l.resolution_id);
      return decisions.map((d) => ({ ...d, limbs: limbs.get(d.id) ?? [] }));
    },

    /**
     * Recommendations with their response and dated progress, site-wide or for one review; `events`
     * lists each response and progress update as something that happened, newest first.
     */
    async recommendations(reviewSlug?: string) {
      const r = repos();
      const one = reviewSlug === undefined ? null : await review(reviewSlug);
      const recommendations = await r.openData.allRecommendations(one?.id);
      const ids = recommendations.map((x) => x.id);
      const [points, progress] = await Promise.all([r.openData.points(ids), r.openData.progress(ids)]);
      const pointsOf = groupBy(points, (p) => p.recommendation_id);
      const progressOf = groupBy(progress, (p) => p.recommendation_id);
      const rows = recommendations.map((x) => ({
        ...x,
        points: (pointsOf.get(x.id) ?? []).map((p) => p.text),
        progress: progressOf.get(x.id) ?? [],
      }));
      const events = [
        ...rows.filter((x) => x.response_id !== null).map((x) => ({
          type: 'response' as const, id: x.response_id!, recommendation: x, date: x.responded_on, updatedAt: x.response_updated_at!,
        })),
        ...rows.flatMap((x) => x.progress.map((p) => ({
          type: 'progress' as const, id: p.id, recommendation: x, date: p.update_date as string | null, updatedAt: p.created_at, update: p,
        }))),
      ].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.updatedAt.localeCompare(a.updatedAt));
      return { review: one, recommendations: rows, events };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
