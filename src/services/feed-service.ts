// The public record as feeds and files: meetings for calendars and CSV, decisions, and recommendation progress (public data only).
import type { Repositories } from '../repositories/index.ts';
import { callInLine } from '../domain/call-in.ts';
import { groupBy } from '../domain/group-by.ts';
import { isSlug } from '../domain/slug.ts';
import { NotFoundError } from './errors.ts';
import { present } from '../domain/present.ts';

/** A feed carries the latest entries, as feeds do; the CSV files carry everything. */
export const FEED_ENTRY_LIMIT = 100;

/** Whether `a` comes after `b` in a feed: an older date (none is oldest), or the same date and an older change. */
function isOlder(a: { date: string | null; updatedAt: string }, b: { date: string | null; updatedAt: string }): boolean {
  return ((b.date ?? '').localeCompare(a.date ?? '') || b.updatedAt.localeCompare(a.updatedAt)) > 0;
}

/** The first `limit` of two lists each already newest first, the first list's entry first where they are equal. */
function mergeNewestFirst<A extends { date: string | null; updatedAt: string }, B extends { date: string | null; updatedAt: string }>(
  first: readonly A[],
  second: readonly B[],
  limit: number,
): (A | B)[] {
  const merged: (A | B)[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit && (i < first.length || j < second.length)) {
    if (j >= second.length || (i < first.length && !isOlder(present(first[i], 'first[i]'), present(second[j], 'second[j]'))))
      merged.push(present(first[i++], 'first[i++]'));
    else merged.push(present(second[j++], 'second[j++]'));
  }
  return merged;
}

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
      const ids = decisions.map((d) => d.id);
      // Only executive decisions are called in (LGA 2000 s.9F(2)); the decisions here are public, and so are their call-ins.
      const executive = decisions.filter((d) => d.is_executive_decision === 1).map((d) => d.id);
      const [limbRows, callInRows] = await Promise.all([r.openData.limbs(ids), r.callIns.forResolutions(executive)]);
      const limbs = groupBy(limbRows, (l) => l.resolution_id);
      const callIns = groupBy(callInRows, (c) => c.resolution_id);
      return decisions.map((d) => ({ ...d, limbs: limbs.get(d.id) ?? [], callIns: (callIns.get(d.id) ?? []).map(callInLine) }));
    },

    /** Recommendations with their response and dated progress, site-wide or for one review: for the CSV file. */
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
      return { review: one, recommendations: rows };
    },

    /**
     * The newest `limit` responses and progress updates, site-wide or of one review, each as something
     * that happened to its recommendation: newest date first (a response without one last), then the
     * latest change; equal ones in the recommendations' order (by review report date, newest first,
     * then review and number), a response before progress, progress as recorded. Each kind is read
     * newest first and no further than the limit, then the two are merged.
     */
    async progressEvents(reviewSlug?: string, limit = FEED_ENTRY_LIMIT) {
      const r = repos();
      const one = reviewSlug === undefined ? null : await review(reviewSlug);
      const reviewId = one?.id;
      const [dated, progress] = await Promise.all([r.openData.latestResponses(limit, { reviewId }), r.openData.latestProgress(limit, { reviewId })]);
      // Undated responses come after every dated entry: read only when the dated ones fall short.
      const undated = dated.length + progress.length < limit ? await r.openData.latestResponses(limit, { reviewId, undated: true }) : [];
      const responses = [...dated, ...undated];
      const recommendationOf = new Map(
        (await r.openData.recommendationsById([...new Set([...responses, ...progress].map((x) => x.recommendation_id))])).map((x) => [x.id, x]),
      );
      const responseEvents = responses.map((x) => ({
        type: 'response' as const,
        id: x.id,
        recommendation: present(recommendationOf.get(x.recommendation_id), 'the recommendation'),
        date: x.responded_on,
        updatedAt: x.updated_at,
      }));
      const progressEvents = progress.map((p) => ({
        type: 'progress' as const,
        id: p.id,
        recommendation: present(recommendationOf.get(p.recommendation_id), 'the recommendation'),
        date: p.update_date,
        updatedAt: p.created_at,
        update: p,
      }));
      return { review: one, events: mergeNewestFirst(responseEvents, progressEvents, limit) };
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
