// Committees and other bodies of the council: their members and their meetings.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';

export function createCommitteeService(repos: () => Repositories) {
  return {
    async list() {
      return repos().organisations.listCouncilBodies();
    },

    async bySlug(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such committee');
      const r = repos();
      const organisation = await r.organisations.findBySlug(slug);
      if (!organisation || organisation.kind === 'external') throw new NotFoundError('No such committee');
      const [members, meetings, meetingCount, children, parent, reviews] = await Promise.all([
        r.organisations.members(organisation.id),
        r.meetings.list({ organisationId: organisation.id, limit: 20, offset: 0 }),
        r.meetings.count({ organisationId: organisation.id }),
        r.organisations.children(organisation.id),
        organisation.parent_id ? r.organisations.findById(organisation.parent_id) : Promise.resolve(undefined),
        r.reviews.list({ organisationId: organisation.id, limit: 50, offset: 0 }),
      ]);
      return { organisation, members, meetings, meetingCount, children, parent: parent ?? null, reviews };
    },
  };
}

export type CommitteeService = ReturnType<typeof createCommitteeService>;
