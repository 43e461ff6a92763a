// Queries that generated papers need beyond the record pages: a decision with its meeting, key decisions in a period, open recommendations of a committee, a committee's year of scrutiny.
import type { RepositoryContext } from './repository-context.ts';
import { resolutionsWithMinute } from './minute-repository.ts';
import { recommendationsWithResponse } from './recommendation-repository.ts';
import { notWithdrawn } from './withheld-expression.ts';

export function createPaperRepository({ db }: RepositoryContext) {
  return {
    /**
     * One resolution with its minute, meeting, body and agenda item (for the record of an executive
     * decision). A withdrawn item's decision was never taken: the full version for members leaves it out too.
     */
    async decision(resolutionId: number) {
      return resolutionsWithMinute(db)
        .selectAll('r')
        .select([
          'mi.number as minute_number',
          'mi.title as minute_title',
          'mi.body as minute_body',
          'm.id as meeting_id',
          'm.slug as meeting_slug',
          'm.meeting_date',
          'm.is_executive',
          'o.name as organisation_name',
          'ai.id as agenda_item_id',
          'ai.title as item_title',
          'ai.exempt_paragraph',
          'ai.is_confidential',
          'ai.is_restricted',
          'ai.report_of',
        ])
        .where('r.id', '=', resolutionId)
        .where(notWithdrawn({ optional: 'ai' }))
        .executeTakeFirst();
    },

    /**
     * Recommendations of the reviews of a committee (or of its task groups) that the committee has
     * not yet signed off or closed, with the executive's response and the review they come from.
     */
    /** The committee's reviews (its own or its task groups') that reported between two dates, in date order. */
    async reviewsReported(organisationId: number, from: string, to: string) {
      return db
        .selectFrom('scrutiny_reviews as rv')
        .select(['rv.id', 'rv.slug', 'rv.title', 'rv.short_title', 'rv.report_date'])
        .where((eb) => eb.or([eb('rv.organisation_id', '=', organisationId), eb('rv.group_organisation_id', '=', organisationId)]))
        .where('rv.report_date', '>=', from)
        .where('rv.report_date', '<=', to)
        .where(notWithdrawn('rv'))
        .orderBy('rv.report_date')
        .orderBy('rv.id')
        .execute();
    },

    /** The recommendations of the given reviews with the executive's decision on each (null until it responds). */
    async recommendationsOf(reviewIds: readonly number[]) {
      if (reviewIds.length === 0) return [];
      return recommendationsWithResponse(db)
        .select(['rec.id', 'rec.review_id', 'rec.number', 'rec.status', 'rec.signed_off_outcome', 'er.decision'])
        .where('rec.review_id', 'in', [...reviewIds])
        .where(notWithdrawn('rec'))
        .orderBy('rec.review_id')
        .orderBy('rec.number')
        .execute();
    },

    /** Recommendations of the committee's reviews signed off between two dates, with the outcome and the review they came from. */
    async signedOffBetween(organisationId: number, from: string, to: string) {
      return db
        .selectFrom('recommendations as rec')
        .innerJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
        .select([
          'rec.id',
          'rec.number',
          'rec.text',
          'rec.signed_off_on',
          'rec.signed_off_outcome',
          'rv.title as review_title',
          'rv.short_title as review_short_title',
        ])
        .where((eb) => eb.or([eb('rv.organisation_id', '=', organisationId), eb('rv.group_organisation_id', '=', organisationId)]))
        .where('rec.signed_off_on', '>=', from)
        .where('rec.signed_off_on', '<=', to)
        .where(notWithdrawn('rec', 'rv'))
        .orderBy('rec.signed_off_on')
        .orderBy('rec.id')
        .execute();
    },

    async openRecommendations(organisationId: number) {
      return recommendationsWithResponse(db)
        .innerJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
        .leftJoin('people as officer', 'officer.id', 'er.responsible_person_id')
        .select([
          'rec.id',
          'rec.number',
          'rec.text',
          'rec.status',
          'rv.id as review_id',
          'rv.slug as review_slug',
          'rv.title as review_title',
          'rv.short_title as review_short_title',
          'er.decision',
          'er.response_text',
          'er.proposed_action',
          'er.responsible_name',
          'er.action_by_date',
          'er.action_by_text',
          'er.outcome',
          'officer.name as officer_name',
        ])
        .where((eb) => eb.or([eb('rv.organisation_id', '=', organisationId), eb('rv.group_organisation_id', '=', organisationId)]))
        .where('rec.status', 'not in', ['signed_off', 'closed'])
        .where(notWithdrawn('rec', 'rv'))
        .orderBy('rv.report_date')
        .orderBy('rv.id')
        .orderBy('rec.number')
        .execute();
    },

    /** People whose name is exactly this (an officer named in a response table). */
    async peopleNamed(name: string) {
      return db.selectFrom('people').select(['id', 'name', 'slug']).where('name', '=', name).execute();
    },
  };
}

export type PaperRepository = ReturnType<typeof createPaperRepository>;
