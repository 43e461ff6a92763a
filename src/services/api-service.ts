// Reads for the public JSON API: pages of each collection after a cursor, and single records with what they hold; public data only.
import type { Repositories } from '../repositories/index.ts';
import type { PageRequest } from '../repositories/open-data-repository.ts';
import { NotFoundError } from './errors.ts';
import { callInLine, decisionEffect } from '../domain/call-in.ts';
import type { CallInOutcome, CallInStatus } from '../domain/vocabulary.ts';
import { isWithheld } from '../domain/withheld.ts';
import { optionsAppraisal } from '../domain/options-appraisal.ts';
import { termTree } from './review-parts-service.ts';
import { present } from '../domain/present.ts';

export interface ApiPage extends PageRequest {
  body?: number;
  person?: number;
  review?: number;
  /** A municipal year by the year it starts in (the work programme). */
  year?: number;
}

function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new NotFoundError(`No such ${what}`);
  return row;
}

export function createApiService(repos: () => Repositories) {
  const data = () => repos().openData;

  async function withLimbs<T extends { id: number; is_executive_decision: number }>(decisions: T[]) {
    // Only an executive decision is called in; these decisions are public, and so are their call-ins (RULES.md 5a).
    const executive = decisions.filter((d) => d.is_executive_decision === 1).map((d) => d.id);
    const [limbs, callIns] = await Promise.all([data().limbs(decisions.map((d) => d.id)), repos().callIns.forResolutions(executive)]);
    return decisions.map((d) => ({
      ...d,
      limbs: limbs.filter((l) => l.resolution_id === d.id),
      callIns: callIns
        .filter((c) => c.resolution_id === d.id)
        .map((c) => ({
          id: c.id,
          status: c.status,
          held: decisionEffect({ status: c.status as CallInStatus, outcome: c.outcome as CallInOutcome | null, reconsideration: c.reconsideration }).held,
          summary: callInLine(c),
        })),
    }));
  }

  async function withResponseDetail<T extends { id: number }>(recommendations: T[]) {
    const ids = recommendations.map((r) => r.id);
    const [points, progress] = await Promise.all([data().points(ids), data().progress(ids)]);
    return recommendations.map((r) => ({
      ...r,
      points: points.filter((p) => p.recommendation_id === r.id).map((p) => p.text),
      progress: progress.filter((p) => p.recommendation_id === r.id),
    }));
  }

  function page(p: ApiPage): PageRequest {
    return { limit: p.limit, ...(p.after !== undefined ? { after: p.after } : {}), ...(p.updatedSince !== undefined ? { updatedSince: p.updatedSince } : {}) };
  }
  const opt = <K extends string>(key: K, value: number | undefined) => (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;

  return {
    bodies: (p: ApiPage) => data().bodies(page(p)),
    body: async (id: number) => found(await data().body(id), 'body'),
    people: (p: ApiPage) => data().people(page(p)),
    person: async (id: number) => found(await data().person(id), 'person'),
    memberships: (p: ApiPage) => data().memberships({ ...page(p), ...opt('personId', p.person), ...opt('organisationId', p.body) }),
    membership: async (id: number) => found(await data().membership(id), 'membership'),
    meetings: (p: ApiPage) => data().meetings({ ...page(p), ...opt('organisationId', p.body) }),

    /** A meeting with its agenda: withheld items keep their number and title only (RULES.md rule 9). */
    async meeting(id: number) {
      const meeting = found(await data().meeting(id), 'meeting');
      const [items, documents, minutes, attendance] = await Promise.all([
        data().agendaItems(id),
        data().publicDocumentsOfMeeting(id),
        data().publicMinutesOfMeeting(id),
        data().attendance(id),
      ]);
      return {
        meeting,
        attendance,
        documents: documents.filter((d) => d.agenda_item_id === null),
        items: items.map((item) => {
          const withheld = isWithheld(item);
          return {
            ...item,
            withheld,
            description: withheld ? null : item.description,
            report_of: withheld ? null : item.report_of,
            documents: withheld ? [] : documents.filter((d) => d.agenda_item_id === item.id),
            minute: withheld ? null : (minutes.find((m) => m.agenda_item_id === item.id) ?? null),
          };
        }),
      };
    },

    issues: (p: ApiPage) => data().issues(page(p)),
    async issue(id: number) {
      const issue = found(await data().issue(id), 'issue');
      const history = await data().issueHistory(id);
      return {
        issue,
        // A consideration of a withheld item keeps its place in the history, not its words.
        history: history.map((h) => ({ ...h, decision_summary: isWithheld(h) ? null : h.decision_summary })),
      };
    },

    decisions: async (p: ApiPage) => withLimbs(await data().decisions({ ...page(p), ...opt('organisationId', p.body) })),
    decision: async (id: number) => present((await withLimbs([found(await data().decision(id), 'decision')]))[0], 'the decision'),
    reviews: (p: ApiPage) => data().reviews(page(p)),

    /** A review with the parts its public page shows: terms of reference, criteria, evidence, the group's members and its schedule. */
    async review(id: number) {
      const review = found(await data().review(id), 'review');
      const r = repos();
      // The queries of the public page (review-service.ts bySlug): nothing in these parts is withheld.
      const [terms, criteria, evidence, members, schedule, options, judgements] = await Promise.all([
        r.reviews.terms(id),
        r.reviews.criteria(id),
        r.reviews.evidence(id),
        review.group_organisation_id === null ? Promise.resolve([]) : r.organisations.members(review.group_organisation_id),
        r.reviews.schedule(id),
        r.reviews.options(id),
        r.reviews.judgements(id),
      ]);
      return {
        ...review,
        terms: termTree(terms).map((node) => ({ number: node.term.number, text: node.term.text, points: node.children.map((c) => c.text) })),
        criteria,
        evidence,
        members,
        schedule,
        appraisal: optionsAppraisal(criteria, options, judgements, evidence),
      };
    },
    recommendations: async (p: ApiPage) => withResponseDetail(await data().recommendations({ ...page(p), ...opt('reviewId', p.review) })),
    recommendation: async (id: number) =>
      present((await withResponseDetail([found(await data().recommendation(id), 'recommendation')]))[0], 'the recommendation'),
  };
}

export type ApiService = ReturnType<typeof createApiService>;
