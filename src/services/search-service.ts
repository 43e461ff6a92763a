// Public search: what was typed and the filters chosen, in; a page of ranked hits with safe highlighted snippets, out.
import { z } from 'zod';
import { isIsoDate, makeIsoDate, daysInMonth } from '../domain/iso-date.ts';
import { highlight, isEmptyQuery, parseSearchQuery } from '../domain/search-query.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SearchFilter } from '../repositories/search-repository.ts';
import { ValidationError } from './errors.ts';
import { SEARCH_KINDS, isSearchKind, type SearchKind } from './search-index-service.ts';

export const SEARCH_PAGE_SIZE = 20;
/**
 * Most results a search counts and pages through (50 pages). Past it the page says "more than
 * 1,000 results" rather than counting a common word's hundreds of thousands of matches, and
 * suggests narrowing the search.
 */
export const SEARCH_RESULT_LIMIT = 1000;

/** Reads "18/10/2017", "18-10-2017" or "2017-10-18" as a date; anything else (or 31/02/2026) is refused. */
function readDate(value: string): string | null {
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return makeIsoDate(year, month, day);
}

const dateField = (label: string) =>
  z
    .string()
    .max(20)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const date = readDate(value);
      if (date === null) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date, for example 18/10/2017` });
        return z.NEVER;
      }
      return date;
    });

/** The search form's fields, as they arrive in the query string. */
export const SearchInput = z
  .object({
    q: z.string().max(500, 'Search for 500 characters or fewer').optional().default(''),
    type: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string({ error: 'Choose a type from the list' }).refine(isSearchKind, 'Choose a type from the list'))),
    body: z
      .string()
      .max(200)
      .optional()
      .transform((v) => (v === undefined || v === '' ? undefined : v)),
    from: dateField('The from date'),
    to: dateField('The to date'),
    page: z.coerce.number().int().min(1).max(10_000).optional().default(1).catch(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'The to date must be the same as or after the from date' });

export type SearchInput = z.input<typeof SearchInput>;

export interface SearchHitView {
  kind: SearchKind;
  recordId: number;
  title: string;
  urlKey: string;
  date: string | null;
  organisationName: string | null;
  /** Escaped HTML with <mark> around matches: safe to print as it is. */
  snippetHtml: string;
}

export function createSearchService(repos: () => Repositories) {
  return {
    kinds: SEARCH_KINDS,

    async search(raw: Record<string, unknown>) {
      const parsed = SearchInput.safeParse(raw);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      const input = parsed.data;
      const r = repos();
      const query = parseSearchQuery(input.q);
      // The filter's list of bodies: their names only (the committees page's list also counts every
      // body's meetings, a scan of the archive that a search has no use for).
      const bodies = (await r.searchSources.bodies(undefined)).sort((x, y) => x.name.localeCompare(y.name, 'en-GB'));
      const body = input.body === undefined ? undefined : bodies.find((b) => b.slug === input.body);
      if (input.body !== undefined && !body) throw new ValidationError([{ field: 'body', message: 'Choose a committee from the list' }]);

      const filter: Omit<SearchFilter, 'limit' | 'offset'> = {
        kinds: input.type,
        ...(body ? { organisationId: body.id } : {}),
        ...(input.from ? { from: input.from } : {}),
        ...(input.to ? { to: input.to } : {}),
      };
      const offset = (input.page - 1) * SEARCH_PAGE_SIZE;
      // Pages past the result limit are not offered (pageCount stops there), so none is read.
      const limit = Math.max(0, Math.min(SEARCH_PAGE_SIZE, SEARCH_RESULT_LIMIT - offset));
      const result = await r.search.search(query, { ...filter, limit, offset });
      const filtered = input.type.length > 0 || body !== undefined || input.from !== undefined || input.to !== undefined;
      // For the empty state: how many hits the same words find with no filters, and with each word alone.
      const withoutFilters = result.total === 0 && filtered && !isEmptyQuery(query) ? (await r.search.search(query, { limit: 1, offset: 0 })).total : null;
      const perWord =
        result.total === 0 && query.parts.length > 1
          ? await Promise.all(
              query.parts.map(async (words) => ({
                text: words.join(' '),
                total: (await r.search.search({ parts: [words] }, { ...filter, limit: 1, offset: 0 })).total,
              })),
            )
          : [];

      const hits: SearchHitView[] = result.hits.map((h) => {
        const fromBody = highlight(h.body_text, query);
        return {
          kind: h.kind as SearchKind,
          recordId: h.record_id,
          title: h.title,
          urlKey: h.url_key,
          date: h.date,
          organisationName: h.organisation_name,
          snippetHtml: fromBody.matched || h.body_text ? fromBody.html : highlight(h.title, query).html,
        };
      });
      const more = result.pooled || result.total > SEARCH_RESULT_LIMIT;
      const total = Math.min(result.total, SEARCH_RESULT_LIMIT);
      return {
        input,
        empty: isEmptyQuery(query),
        /** Exact when `more` is false; otherwise SEARCH_RESULT_LIMIT, and more records match. */
        total,
        more,
        page: input.page,
        pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
        hits,
        bodies: bodies.map((b) => ({ slug: b.slug, name: b.name })),
        suggestions: { withoutFilters, perWord: perWord.filter((w) => w.total > 0) },
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
