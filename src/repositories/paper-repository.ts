// Queries that generated papers need beyond the record pages: a decision with its meeting, key decisions in a period, open recommendations of a committee, a committee's year of scrutiny.
import type { RepositoryContext } from './repository-context.ts';
import { resolutionsWithMinute } from './minute-repository.ts';
import { madeInPublic, recommendationsWithOrigin } from './recommendation-repository.ts';
import { notWithdrawn } from './withheld-expression.ts';

export function createPaperRepository({ db }: RepositoryContext) {
  /**
   * The public recommendations a committee made, of every origin, with where each came from: the
   * review (its own or its task group's), or the minute of its meeting and the body it is addressed
   * to. A minute on withheld business or a limb recorded in error makes none the public may see.
   */
  const madeBy = (organisationId: number) =>
    recommendationsWithOrigin(db)
      .leftJoin('scrutiny_reviews as rv', 'rv.id', 'rec.review_id')
      .select([
        'rec.id',
        'rec.review_id',
        'rec.number',
        'rec.text',
        'rec.status',
        'rec.origin_kind',
        'rec.municipal_year',
        'rec.year_sequence',
        'rec.made_on',
        'rv.title as review_title',
        'rv.short_title as review_short_title',
        'rv.report_date',
        'mn.number as minute_number',
        'made_at.meeting_date as made_at_date',
        'addressee.name as addressee_name',
      ])
      .where((eb) =>
        eb.or([
          eb('rv.organisation_id', '=', organisationId),
          eb('rv.group_organisation_id', '=', organisationId),
          eb.and([eb('rec.review_id', 'is', null), eb('rec.organisation_id', '=', organisationId)]),
        ]),
      )
      .where(notWithdrawn('rec', { optional: 'rv' }))
      .where(madeInPublic());

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

    /**
     * Every recommendation the committee made between two dates, whatever its origin: its reviews'
     * (made when the review reported) and its meetings' minutes (made on the meeting's day), with
     * the reference, the executive's decision and the minute that made it. What the public may see
     * only: a minute on exempt or confidential business, or a limb recorded in error, is left out
     * (RULES.md rule 9).
     */
    async recommendationsMadeBetween(organisationId: number, from: string, to: string) {
      return madeBy(organisationId)
        .select(['er.decision'])
        .where((eb) => eb(eb.fn.coalesce('rv.report_date', 'rec.made_on'), '>=', from))
        .where((eb) => eb(eb.fn.coalesce('rv.report_date', 'rec.made_on'), '<=', to))
        .orderBy((eb) => eb.fn.coalesce('rv.report_date', 'rec.made_on'))
        .orderBy('rec.municipal_year')
        .orderBy('rec.year_sequence')
        .orderBy('rec.number')
        .execute();
    },

    /** Recommendations the committee made (by any origin) and signed off between two dates, with the outcome and where they came from. */
    async signedOffBetween(organisationId: number, from: string, to: string) {
      return madeBy(organisationId)
        .select(['rec.signed_off_on', 'rec.signed_off_outcome'])
        .where('rec.signed_off_on', '>=', from)
        .where('rec.signed_off_on', '<=', to)
        .orderBy('rec.signed_off_on')
        .orderBy('rec.id')
        .execute();
    },

    /**
     * Recommendations the committee made (by its reviews or its task groups', or at its meetings)
     * that it has not yet signed off or closed, with the executive's response and where they came
     * from; public ones only, its reviews' first in report order, then its meetings' by reference.
     */
    async openRecommendations(organisationId: number) {
      return madeBy(organisationId)
        .leftJoin('people as officer', 'officer.id', 'er.responsible_person_id')
        .select([
          'rv.slug as review_slug',
          'er.decision',
          'er.response_text',
          'er.proposed_action',
          'er.responsible_name',
          'er.action_by_date',
          'er.action_by_text',
          'er.outcome',
          'officer.name as officer_name',
        ])
        .where('rec.status', 'not in', ['signed_off', 'closed'])
        .orderBy((eb) => eb.case().when('rv.id', 'is', null).then(1).else(0).end())
        .orderBy('rv.report_date')
        .orderBy('rv.id')
        .orderBy('rec.municipal_year')
        .orderBy('rec.year_sequence')
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
