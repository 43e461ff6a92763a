// Writes checked tracker rows: reviews (reused by title), recommendations, responses, officers and progress updates.
import type { IsoDate } from '../domain/iso-date.ts';
import { slugify } from '../domain/slug.ts';
import { ProgressStatus, ResponseDecision } from '../domain/vocabulary.ts';
import type { TrackerRow } from '../import/tracker/tracker-csv.ts';
import type { Repositories } from '../repositories/index.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';

export const TRACKER = 'tracker';

export interface TrackerRowReport {
  line: number;
  outcome: 'created' | 'updated' | 'unchanged';
  /** What happened, in words: "recommendation R1 of "Review" created; officer Jo Bloggs created". */
  notes: string[];
}

const CLOSING: ReadonlySet<string> = new Set(['achieved', 'no_further_action', 'no_longer_relevant']);

export class TrackerBodyError extends Error {
  override name = 'TrackerBodyError';
}

export function createTrackerWriter(repos: Repositories, options: { body?: string; today: IsoDate }) {
  const imports = repos.imports;
  let bodyId: number | null = null;

  /** The committee new reviews belong to: --body (found by slug or name, else created), or the only scrutiny committee. */
  async function body(): Promise<number> {
    if (bodyId !== null) return bodyId;
    if (options.body) {
      const found = (await imports.findOrganisationBySlug(options.body)) ?? (await imports.findOrganisationByName(options.body));
      bodyId = found
        ? found.id
        : (
            await imports.insert('organisations', {
              slug: await imports.freeSlug('organisations', slugify(options.body)),
              name: options.body,
              kind: 'scrutiny_committee',
              parent_id: null,
              description: null,
              category: null,
              source_system: TRACKER,
              source_id: null,
            })
          ).id;
      return bodyId;
    }
    const committees = await imports.organisationsOfKind('scrutiny_committee');
    if (committees.length !== 1) {
      throw new TrackerBodyError(
        committees.length === 0
          ? 'there is no scrutiny committee to hold new reviews: name one with --body "Committee name"'
          : `there are ${committees.length} scrutiny committees: say which holds new reviews with --body (one of ${committees.map((c) => `"${c.name}"`).join(', ')})`,
      );
    }
    bodyId = present(committees[0], 'committees[0]').id;
    return bodyId;
  }

  async function officer(name: string, notes: string[]): Promise<number> {
    const found = await imports.findPersonByName(name, 'officer');
    if (found) return found.id;
    const row = await imports.insert('people', {
      slug: await imports.freeSlug('people', slugify(name)),
      name,
      honorific: null,
      kind: 'officer',
      job_title: null,
      party: null,
      ward: null,
      email: null,
      photo_url: null,
      source_system: TRACKER,
      source_id: null,
    });
    notes.push(`officer ${name} created`);
    return row.id;
  }

  return {
    async write(row: TrackerRow): Promise<TrackerRowReport> {
      const notes: string[] = [];
      let changed = false;

      let review = await imports.findReviewByTitle(row.review);
      if (!review) {
        review = await imports.insert('scrutiny_reviews', {
          slug: await imports.freeSlug('scrutiny_reviews', slugify(row.review)),
          title: row.review,
          short_title: null,
          organisation_id: await body(),
          group_organisation_id: null,
          summary: null,
          scope: null,
          criteria_heading: null,
          status: 'monitoring',
          started_on: null,
          report_date: null,
          report_meeting_id: null,
          received_on: null,
          response_meeting_id: null,
          response_title: null,
          issue_id: null,
        });
        notes.push(`review "${row.review}" created`);
      }

      // The tracker's reference is the source id; a plain number ("3", "R3") is also the recommendation's number.
      const sourceId = row.reference ?? `line ${row.line}`;
      const numbered = row.reference ? /^\D*?(\d+)$/.exec(row.reference) : null;
      let rec = await imports.findRecommendationBySource(review.id, TRACKER, sourceId);
      if (!rec && numbered) {
        const byNumber = await imports.findRecommendation(review.id, Number(numbered[1]));
        if (byNumber && byNumber.source_system === null) rec = byNumber;
      }
      const withResponse = row.response !== null;
      const status = row.status !== null && CLOSING.has(row.status) ? 'closed' : withResponse ? 'open' : 'awaiting_response';
      const label = `recommendation ${row.reference ?? `on line ${row.line}`}`;
      if (rec) {
        if (await imports.updateChanged('recommendations', rec, { text: row.recommendation, status })) {
          changed = true;
          notes.push(`${label} updated`);
        }
      } else {
        const wanted = numbered ? Number(numbered[1]) : null;
        const number = wanted !== null && !(await imports.findRecommendation(review.id, wanted)) ? wanted : await imports.nextRecommendationNumber(review.id);
        rec = await imports.insert('recommendations', {
          review_id: review.id,
          number,
          text: row.recommendation,
          status,
          signed_off_on: null,
          signed_off_meeting_id: null,
          source_system: TRACKER,
          source_id: sourceId,
        });
        changed = true;
        notes.push(`${label} created`);
      }

      if (withResponse) {
        const decision = row.decision ?? 'accepted';
        if (row.decision === null) notes.push(`decision not stated: recorded as ${ResponseDecision.label('accepted').toLowerCase()}`);
        const officerId = row.leadOfficer ? await officer(row.leadOfficer, notes) : null;
        const values = {
          decision,
          response_text: present(row.response, 'row.response'),
          responsible_person_id: officerId,
          responsible_name: row.leadOfficer,
          action_by_date: row.targetDate,
          action_by_text: row.targetText,
          responded_on: row.dateAgreed,
        };
        const response = await imports.findResponse(rec.id);
        if (response) {
          if (await imports.updateChanged('executive_responses', response, values)) {
            changed = true;
            notes.push('response updated');
          }
        } else {
          await imports.insert('executive_responses', {
            ...values,
            recommendation_id: rec.id,
            proposed_action: null,
            reason: null,
            outcome: null,
            agreed_meeting_id: null,
          });
          changed = true;
          notes.push('response created');
        }
      }

      if (row.status !== null) {
        const narrative = row.latestUpdate ?? ProgressStatus.label(row.status);
        const latest = await imports.latestProgress(rec.id);
        // Progress updates are append-only: the same latest update read again is not a new one.
        if (!latest || latest.status !== row.status || latest.narrative !== narrative) {
          await repos.recommendations.addProgress({
            recommendation_id: rec.id,
            update_date: row.updateDate ?? options.today,
            status: row.status,
            rag: null,
            narrative,
            previous_target_date: null,
            new_target_date: null,
            slip_reason: null,
            author_name: null,
          });
          changed = true;
          notes.push(`progress update added (${ProgressStatus.label(row.status).toLowerCase()})`);
        }
      }

      await refreshReviewStatus(repos, review.id);
      const created = notes.some((n) => n === `${label} created`);
      return { line: row.line, outcome: created ? 'created' : changed ? 'updated' : 'unchanged', notes };
    },
  };
}
