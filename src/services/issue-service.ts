// Issues and their history across meetings, as modern.gov's issue history shows them.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';
import { isWithheld } from '../domain/withheld.ts';

export const ISSUES_PAGE_SIZE = 50;

export function createIssueService(repos: () => Repositories) {
  return {
    async list(options: { page: number }) {
      const r = repos();
      const page = Math.max(1, options.page);
      const [issues, total] = await Promise.all([r.issues.list({ limit: ISSUES_PAGE_SIZE, offset: (page - 1) * ISSUES_PAGE_SIZE }), r.issues.count()]);
      return { issues, total, page, pageCount: Math.max(1, Math.ceil(total / ISSUES_PAGE_SIZE)) };
    },

    async bySlug(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such issue');
      const r = repos();
      const issue = await r.issues.findBySlug(slug);
      if (!issue) throw new NotFoundError('No such issue');
      // A meeting that considered the issue in private is still part of its history, but what it
      // decided there is not public (RULES.md rule 9): no decision text, no resolution limbs.
      const history = (await r.issues.history(issue.id)).map((h) => {
        const withheld = isWithheld(h);
        return { ...h, withheld, decision_summary: withheld ? null : h.decision_summary, minute_id: withheld ? null : h.minute_id };
      });
      // Items linked to the issue whose consideration is not recorded yet are listed beside the history.
      const considered = new Set(history.map((h) => h.agenda_item_id));
      const items = (await r.issues.linkedItems(issue.id)).filter((i) => !considered.has(i.id));
      const resolutions = await r.minutes.resolutionsFor(history.map((h) => h.minute_id).filter((id): id is number => id !== null));
      const limbs = await r.minutes.limbsFor(resolutions.map((x) => x.id));
      return {
        issue,
        items,
        history: history.map((h) => ({
          ...h,
          resolutions: resolutions
            .filter((res) => res.minute_id === h.minute_id)
            .map((res) => ({ ...res, limbs: limbs.filter((l) => l.resolution_id === res.id) })),
        })),
      };
    },
  };
}

export type IssueService = ReturnType<typeof createIssueService>;
