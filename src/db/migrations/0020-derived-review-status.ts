// Replaces each review's typed status with the one its records derive (src/domain/review-lifecycle.ts), so existing databases agree with what every later write stores.
import type { Kysely } from 'kysely';
import { deriveReviewStatus, responseGivenOn } from '../../domain/review-lifecycle.ts';
import type { Database } from '../schema.ts';

// The same facts the services gather (review-lifecycle-repository.ts statusFacts), read here for
// every review at once; the rule itself is the domain's, so the two cannot disagree.
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Database>;
  const reviews = await db
    .selectFrom('scrutiny_reviews as r')
    .leftJoin('meetings as m', 'm.id', 'r.response_meeting_id')
    .select(['r.id', 'r.status', 'r.report_date', 'r.received_on', 'r.report_meeting_id', 'm.meeting_date as response_meeting_date'])
    .execute();
  if (reviews.length === 0) return;
  const recommendations = await db
    .selectFrom('recommendations as rec')
    .leftJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
    .select(['rec.review_id', 'rec.status', 'er.id as response_id', 'er.responded_on'])
    .execute();
  const progressed = new Set(
    (
      await db
        .selectFrom('progress_updates as p')
        .innerJoin('recommendations as rec', 'rec.id', 'p.recommendation_id')
        .select('rec.review_id')
        .distinct()
        .execute()
    ).map((r) => r.review_id),
  );
  const reported = new Set((await db.selectFrom('monitoring_reports').select('review_id').distinct().execute()).map((r) => r.review_id));
  for (const review of reviews) {
    const recs = recommendations.filter((r) => r.review_id === review.id);
    const status = deriveReviewStatus({
      reportDate: review.report_date,
      received: review.received_on !== null || review.report_meeting_id !== null,
      responseGivenOn: responseGivenOn({
        responseMeetingDate: review.response_meeting_date,
        responses: recs.map((r) => (r.response_id === null ? null : (r.responded_on ?? review.response_meeting_date ?? null))),
      }),
      recommendationStatuses: recs.map((r) => r.status),
      monitored: progressed.has(review.id) || reported.has(review.id),
    });
    if (status !== review.status) await db.updateTable('scrutiny_reviews').set({ status }).where('id', '=', review.id).execute();
  }
}

// The typed statuses are not kept: a derived status is as good a starting point as any.
export async function down(): Promise<void> {}
