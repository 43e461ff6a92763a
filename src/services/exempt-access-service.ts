// Who may read withheld business, as the services ask it: the reader's reach by the rule of src/domain/withheld.ts, and the papers within it; everyone else is told nothing exists.
import { londonToday, type Clock } from '../domain/clock.ts';
import type { Actor } from '../domain/roles.ts';
import { isSlug } from '../domain/slug.ts';
import { withheldReach, withheldReachBasis, type WithheldReach } from '../domain/withheld.ts';
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';

export function createExemptAccessService(deps: { repos: () => Repositories; clock: Clock }) {
  const { repos, clock } = deps;

  /** The reader's reach; a councillor's seats are the memberships they hold today (LGA 1972 s.100F). */
  async function reach(actor: Actor | null): Promise<WithheldReach> {
    const personId = actor?.personId ?? null;
    const seats = withheldReachBasis(actor) === 'seats' && personId !== null ? await repos().workspace.bodiesOf(personId, londonToday(clock)) : [];
    return withheldReach(actor, seats);
  }

  return {
    reach,

    /** The withheld items and documents the actor may read. */
    async papers(actor: Actor | null) {
      const within = await reach(actor);
      const r = repos();
      const [items, documents] = await Promise.all([r.workspace.withheldItems(within), r.workspace.withheldDocuments(within)]);
      return { items, documents };
    },

    /** One withheld item; "not found" whether it does not exist or the actor may not read it, so existence is not disclosed. */
    async item(actor: Actor | null, id: number) {
      const found = (await repos().workspace.withheldItems(await reach(actor))).find((i) => i.id === id);
      if (!found) throw new NotFoundError('No such paper');
      return found;
    },

    async document(actor: Actor | null, slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such paper');
      const found = (await repos().workspace.withheldDocuments(await reach(actor))).find((d) => d.slug === slug);
      if (!found) throw new NotFoundError('No such paper');
      return found;
    },
  };
}

export type ExemptAccessService = ReturnType<typeof createExemptAccessService>;
