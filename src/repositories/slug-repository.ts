// Readable public addresses: the first slug of `base`, `base-2`, `base-3`… that no row of a table has yet, in one query.
import type { RepositoryContext } from './repository-context.ts';

/** Tables with a unique public slug. */
export type SluggedTable = 'organisations' | 'people' | 'meetings' | 'documents' | 'scrutiny_reviews' | 'issues' | 'forward_plan_entries';

export function createSlugRepository({ db }: RepositoryContext) {
  return {
    /**
     * The first of `base`, `base-2`, `base-3`… not yet used as a slug in the table (DESIGN.md: public
     * URLs use readable slugs). Two writers may both be given the same one; the unique index refuses
     * the second, and its unit of work runs again (unit-of-work.ts), then finding the next.
     */
    async free(table: SluggedTable, base: string): Promise<string> {
      // Slugs hold only a-z, 0-9 and '-', so LIKE's wildcards cannot occur in `base`.
      const rows = await db
        .selectFrom(table)
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute();
      const taken = new Set(rows.map((r) => r.slug));
      if (!taken.has(base)) return base;
      for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
    },
  };
}
