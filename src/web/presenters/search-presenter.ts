// The search page's view model: the form as filled in, each hit as a link with its kind, body and date, and the empty state's suggestions.
import type { FieldError } from '../../services/errors.ts';
import type { SearchHitView, SearchService } from '../../services/search-service.ts';
import type { SearchKind } from '../../services/search-index-service.ts';
import { paths, type SearchQueryParams } from '../paths.ts';
import { HOME_CRUMB, longDate, pagination, type PageModel } from './presenter-support.ts';

export const KIND_LABELS: Record<SearchKind, { one: string; many: string }> = {
  meeting: { one: 'Meeting', many: 'Meetings' },
  agenda_item: { one: 'Agenda item', many: 'Agenda items' },
  minute: { one: 'Minute', many: 'Minutes' },
  resolution: { one: 'Decision', many: 'Decisions and resolutions' },
  review: { one: 'Scrutiny review', many: 'Scrutiny reviews' },
  recommendation: { one: 'Recommendation', many: 'Recommendations' },
  response: { one: 'Executive response', many: 'Executive responses' },
  document: { one: 'Document', many: 'Documents' },
  issue: { one: 'Issue', many: 'Issues' },
  person: { one: 'Person', many: 'People' },
  body: { one: 'Committee', many: 'Committees and other bodies' },
};

/** Where a hit links to: the page that shows the record. */
export function hitHref(hit: Pick<SearchHitView, 'kind' | 'urlKey'>): string {
  switch (hit.kind) {
    case 'meeting':
    case 'agenda_item':
    case 'minute':
    case 'resolution':
      return paths.meeting(hit.urlKey);
    case 'review':
      return paths.review(hit.urlKey);
    case 'recommendation':
    case 'response': {
      const cut = hit.urlKey.lastIndexOf('/');
      return paths.recommendation(hit.urlKey.slice(0, cut), hit.urlKey.slice(cut + 1));
    }
    case 'document':
      return paths.document(hit.urlKey);
    case 'issue':
      return paths.issue(hit.urlKey);
    case 'person':
      return paths.person(hit.urlKey);
    case 'body':
      return paths.committee(hit.urlKey);
  }
}

type SearchResult = Awaited<ReturnType<SearchService['search']>>;

export interface SearchFormValues {
  q: string;
  type: readonly string[];
  body: string;
  from: string;
  to: string;
}

interface SearchPageOptions {
  values: SearchFormValues;
  kinds: readonly SearchKind[];
  bodies: readonly { slug: string; name: string }[];
  result: SearchResult | null;
  errors: readonly FieldError[];
}

export function presentSearch(options: SearchPageOptions): PageModel & Record<string, unknown> {
  const { values, result } = options;
  const current: SearchQueryParams = { q: values.q, type: values.type, body: values.body, from: values.from, to: values.to };
  const title = values.q.trim() ? `Search results for “${values.q.trim()}”` : 'Search';
  const errorFor = (field: string) => options.errors.find((e) => e.field.split('.')[0] === field)?.message;
  return {
    pageTitle: options.errors.length > 0 ? `Error: ${title}` : title,
    breadcrumbs: [HOME_CRUMB, { text: 'Search' }],
    values,
    errors: options.errors.map((e) => ({ text: e.message, href: `#search-${e.field.split('.')[0] || 'q'}` })),
    errorFor: { q: errorFor('q'), type: errorFor('type'), body: errorFor('body'), from: errorFor('from'), to: errorFor('to') },
    typeItems: options.kinds.map((kind) => ({ value: kind, text: KIND_LABELS[kind].many, checked: values.type.includes(kind) })),
    bodyItems: [
      { value: '', text: 'Any committee or body' },
      ...options.bodies.map((b) => ({ value: b.slug, text: b.name, selected: b.slug === values.body })),
    ],
    searched: result !== null && !result.empty,
    total: result?.total ?? 0,
    // "More than 1,000 results": a common word's matches are not all counted (SEARCH_RESULT_LIMIT).
    totalText: result?.more
      ? `More than ${result.total.toLocaleString('en-GB')} results`
      : `${(result?.total ?? 0).toLocaleString('en-GB')} ${result?.total === 1 ? 'result' : 'results'}`,
    more: result?.more ?? false,
    hits: (result?.hits ?? []).map((hit) => ({
      title: hit.title,
      href: hitHref(hit),
      kind: KIND_LABELS[hit.kind].one,
      organisation: hit.organisationName,
      date: hit.date ? longDate(hit.date) : null,
      snippetHtml: hit.snippetHtml,
    })),
    pagination: result ? pagination(result.page, result.pageCount, (page) => paths.search({ ...current, page })) : null,
    withoutFilters: result?.suggestions.withoutFilters ? { total: result.suggestions.withoutFilters, href: paths.search({ q: values.q }) } : null,
    perWord: (result?.suggestions.perWord ?? []).map((w) => ({ text: w.text, total: w.total, href: paths.search({ ...current, q: w.text }) })),
    browse: [
      { text: 'committees', href: paths.committees() },
      { text: 'meetings', href: paths.meetings() },
      { text: 'scrutiny reviews', href: paths.reviews() },
      { text: 'people', href: paths.people() },
    ],
  };
}
