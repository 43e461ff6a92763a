// People: their roles, the reviews they served on, the decisions they moved or seconded, what they owe.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';
import { isWithheld, type WithholdingFlags } from '../domain/withheld.ts';

export const PEOPLE_PAGE_SIZE = 100;

export function createPersonService(repos: () => Repositories) {
  return {
    async list(options: { page: number }) {
      const r = repos();
      const page = Math.max(1, options.page);
      const [people, total] = await Promise.all([r.people.list({ limit: PEOPLE_PAGE_SIZE, offset: (page - 1) * PEOPLE_PAGE_SIZE }), r.people.count()]);
      return { people, total, page, pageCount: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)) };
    },

    async bySlug(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such person');
      const r = repos();
      const person = await r.people.findBySlug(slug);
      if (!person) throw new NotFoundError('No such person');
      const [memberships, reviews, motions, reportRoles, responsibilities] = await Promise.all([
        r.organisations.membershipsOf(person.id),
        r.reviews.forMember(person.id),
        r.people.motions(person.id),
        r.people.reportRoles(person.id),
        r.recommendations.forOfficer(person.id),
      ]);
      // Motions on, and roles named in, exempt or confidential items are not public (RULES.md rule 9).
      const open = (row: WithholdingFlags) => !isWithheld(row);
      return { person, memberships, reviews, motions: motions.filter(open), reportRoles: reportRoles.filter(open), responsibilities };
    },
  };
}

export type PersonService = ReturnType<typeof createPersonService>;
