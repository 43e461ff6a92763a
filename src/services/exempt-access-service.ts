// Who may read exempt papers: officers who keep the record, and councillors of the body concerned; everyone else is told nothing exists.
import { londonToday, type Clock } from '../domain/clock.ts';
import { isEditor, type Actor } from '../domain/roles.ts';
import { isSlug } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';

export function createExemptAccessService(deps: { repos: () => Repositories; clock: Clock }) {
  const { repos, clock } = deps;

  /**
   * The bodies whose exempt papers the actor may read: all (null) for democratic services officers
   * and administrators; for a councillor, the bodies they sit on today (LGA 1972 s.100F gives
   * members access to papers of the business of a committee they belong to); none for anyone else.
   */
  async function readableBodies(actor: Actor | null): Promise<number[] | null> {
    if (actor === null) return [];
    if (isEditor(actor.role)) return null;
    if (actor.role !== 'councillor' || actor.personId === null) return [];
    return repos().workspace.bodiesOf(actor.personId, londonToday(clock));
  }

  function allowed(bodies: number[] | null, organisationId: number): boolean {
    return bodies === null || bodies.includes(organisationId);
  }

  return {
    /** The exempt items and documents the actor may read. */
    async papers(actor: Actor | null) {
      const bodies = await readableBodies(actor);
      const r = repos();
      const [items, documents] = await Promise.all([r.workspace.withheldItems(bodies), r.workspace.withheldDocuments(bodies)]);
      return { items, documents };
    },

    /** One exempt item; "not found" whether it does not exist or the actor may not read it, so existence is not disclosed. */
    async item(actor: Actor | null, id: number) {
      const bodies = await readableBodies(actor);
      const found = (await repos().workspace.withheldItems(bodies)).find((i) => i.id === id);
      if (!found || !allowed(bodies, found.organisation_id)) throw new NotFoundError('No such paper');
      return found;
    },

    async document(actor: Actor | null, slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such paper');
      const bodies = await readableBodies(actor);
      const found = (await repos().workspace.withheldDocuments(bodies)).find((d) => d.slug === slug);
      if (!found || !allowed(bodies, found.organisation_id)) throw new NotFoundError('No such paper');
      return found;
    },
  };
}

export type ExemptAccessService = ReturnType<typeof createExemptAccessService>;
