// Every URL the web app serves or links to, built in one typed place so that routes and templates cannot drift apart.

/** Path segments are percent-encoded so a slug can never add a segment, a query or a fragment. */
function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** URL prefix of GOV.UK Frontend's built CSS, JS, fonts and images (its precompiled CSS hard-codes '/assets'). */
export const ASSETS_PREFIX = '/assets';
/** URL prefix of our own static files (src/web/public). */
export const STATIC_PREFIX = '/static';
/** URL prefix of the JSON API, whose errors are problem documents rather than pages. */
export const API_PREFIX = '/api';

export interface MeetingsQuery {
  /** 1-based page of the meetings list. */
  page?: number;
}

export const paths = {
  home: () => '/',
  healthz: () => '/healthz',

  committees: () => '/committees',
  committee: (slug: string) => `/committees/${segment(slug)}`,

  meetings: (query: MeetingsQuery = {}) => {
    // Page 1 is the list itself: one canonical URL per page, so links and caches agree.
    if (query.page === undefined || query.page <= 1) return '/meetings';
    return `/meetings?${new URLSearchParams({ page: String(query.page) }).toString()}`;
  },
  meeting: (slug: string) => `/meetings/${segment(slug)}`,

  issues: () => '/issues',
  issue: (slug: string) => `/issues/${segment(slug)}`,

  reviews: () => '/reviews',
  review: (slug: string) => `/reviews/${segment(slug)}`,
  reviewResponse: (slug: string) => `/reviews/${segment(slug)}/response`,
  recommendation: (reviewSlug: string, number: number | string) =>
    `/reviews/${segment(reviewSlug)}/recommendations/${segment(number)}`,

  people: () => '/people',
  person: (slug: string) => `/people/${segment(slug)}`,

  document: (slug: string) => `/documents/${segment(slug)}`,

  /** Where GOV.UK Frontend's assets live, without a trailing slash (its page template's `assetPath`). */
  assetRoot: () => ASSETS_PREFIX,
  /** A GOV.UK Frontend asset, e.g. `paths.assets('govuk-frontend.min.css')` or `paths.assets('images/favicon.svg')`. */
  assets: (file: string) => `${ASSETS_PREFIX}/${file.split('/').map(segment).join('/')}`,
  /** One of our own static files, e.g. `paths.staticFile('app.css')`. */
  staticFile: (file: string) => `${STATIC_PREFIX}/${file.split('/').map(segment).join('/')}`,
} as const;

export type Paths = typeof paths;

/** True when a request path (query string ignored) belongs to the JSON API. */
export function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}
