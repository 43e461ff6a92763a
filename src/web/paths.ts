// Every URL the web app serves or links to, built in one typed place so that routes and templates cannot drift apart.
import type { PaperFormat } from '../domain/paper.ts';

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

/** What the meeting page's success banner can say was saved. */
export const MEETING_SAVED = {
  scheduled: 'Meeting scheduled',
  updated: 'Meeting details saved',
  cancelled: 'Meeting cancelled',
  published: 'Agenda published',
  item: 'Agenda item saved',
  minute: 'Minute saved',
} as const;
export type MeetingSaved = keyof typeof MEETING_SAVED;

export interface MeetingsQuery {
  /** 1-based page of the meetings list. */
  page?: number;
}

/** A generated paper's address in one format: a file with its extension, or the print view under `/print`. */
function paperPath(base: string, format: PaperFormat): string {
  return format === 'print' ? `${base}/print` : `${base}.${format}`;
}

export const paths = {
  home: () => '/',
  healthz: () => '/healthz',
  readyz: () => '/readyz',

  committees: () => '/committees',
  committee: (slug: string) => `/committees/${segment(slug)}`,

  meetings: (query: MeetingsQuery = {}) => {
    // Page 1 is the list itself: one canonical URL per page, so links and caches agree.
    if (query.page === undefined || query.page <= 1) return '/meetings';
    return `/meetings?${new URLSearchParams({ page: String(query.page) }).toString()}`;
  },
  meeting: (slug: string) => `/meetings/${segment(slug)}`,
  /** A minute on its meeting's page (the anchor the page gives it), or the page when the minute has no number. */
  meetingMinute: (slug: string, minuteNumber: number | null) => `/meetings/${segment(slug)}${minuteNumber === null ? '' : `#minute-${minuteNumber}`}`,

  issues: (query: { page?: number } = {}) => {
    if (query.page === undefined || query.page <= 1) return '/issues';
    return `/issues?${new URLSearchParams({ page: String(query.page) }).toString()}`;
  },
  issue: (slug: string) => `/issues/${segment(slug)}`,

  reviews: (query: { page?: number } = {}) => {
    if (query.page === undefined || query.page <= 1) return '/reviews';
    return `/reviews?${new URLSearchParams({ page: String(query.page) }).toString()}`;
  },
  review: (slug: string) => `/reviews/${segment(slug)}`,
  reviewResponse: (slug: string) => `/reviews/${segment(slug)}/response`,
  recommendation: (reviewSlug: string, number: number | string) => `/reviews/${segment(reviewSlug)}/recommendations/${segment(number)}`,

  people: (query: { page?: number } = {}) => {
    if (query.page === undefined || query.page <= 1) return '/people';
    return `/people?${new URLSearchParams({ page: String(query.page) }).toString()}`;
  },
  person: (slug: string) => `/people/${segment(slug)}`,

  document: (slug: string) => `/documents/${segment(slug)}`,

  /** A document's uploaded file (PDF or Word), public documents only. */
  documentFile: (slug: string) => `/documents/${segment(slug)}/file`,

  /**
   * Generated papers, each in three formats: 'print' (the HTML print view), 'docx' and 'pdf'.
   * `/reviews/<slug>/response.docx`, `/reviews/<slug>/response.pdf`, `/reviews/<slug>/response/print`.
   */
  papers: {
    response: (reviewSlug: string, format: PaperFormat) => paperPath(`/reviews/${segment(reviewSlug)}/response`, format),
    annex: (reviewSlug: string, format: PaperFormat) => paperPath(`/reviews/${segment(reviewSlug)}/annex`, format),
    agenda: (meetingSlug: string, format: PaperFormat) => paperPath(`/meetings/${segment(meetingSlug)}/agenda`, format),
    minutes: (meetingSlug: string, format: PaperFormat) => paperPath(`/meetings/${segment(meetingSlug)}/minutes`, format),
    decision: (meetingSlug: string, resolutionId: number, format: PaperFormat) =>
      paperPath(`/meetings/${segment(meetingSlug)}/decisions/${segment(resolutionId)}`, format),
    forwardPlan: (committeeSlug: string, format: PaperFormat, period: { from?: string; to?: string } = {}) => {
      const params = new URLSearchParams();
      if (period.from) params.append('from', period.from);
      if (period.to) params.append('to', period.to);
      const query = params.toString();
      return paperPath(`/committees/${segment(committeeSlug)}/forward-plan`, format) + (query === '' ? '' : `?${query}`);
    },
    trackerReport: (committeeSlug: string, format: PaperFormat) => paperPath(`/committees/${segment(committeeSlug)}/tracker-report`, format),
    /** The print view's stylesheet (our CSP allows no inline styles). */
    stylesheet: () => '/papers/paper.css',
  },

  /** A meeting's packs: the agenda pack, numbered supplementary packs, and the exempt pack (workspace only). */
  packs: {
    agenda: (meetingSlug: string) => `/meetings/${segment(meetingSlug)}/agenda-pack.pdf`,
    supplement: (meetingSlug: string, number: number) => `/meetings/${segment(meetingSlug)}/supplementary-packs/${segment(number)}.pdf`,
    exempt: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/exempt-pack.pdf`,
    /** The printed minutes with the meeting's decisions, or the signed copy once confirmed. */
    minutes: (meetingSlug: string) => `/meetings/${segment(meetingSlug)}/minutes-pack.pdf`,
    /** The workspace form that uploads the signed minutes. */
    signedMinutes: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/signed-minutes`,
  },

  /** Signing in and out of the officer workspace; `next` is a path on this site to return to. */
  signIn: (next?: string) => (next ? `/sign-in?${new URLSearchParams({ next }).toString()}` : '/sign-in'),
  signOut: () => '/sign-out',

  /** Following a review, recommendation or meeting by email (anyone; confirmed by a link; one-click unsubscribe). */
  follow: (entityType?: 'review' | 'recommendation' | 'meeting', id?: number) =>
    entityType && id !== undefined ? `/follow?${new URLSearchParams({ type: entityType, id: String(id) }).toString()}` : '/follow',
  followConfirm: (token: string) => `/follow/confirm/${segment(token)}`,
  unsubscribe: (token: string) => `/unsubscribe/${segment(token)}`,

  /** The officer workspace: every page here checks the signed-in user's role on the server. */
  admin: {
    home: () => '/admin',
    password: () => '/admin/account/password',
    history: (entityType: string, id: number) => `/admin/${segment(entityType)}/${segment(id)}/history`,
    reviews: () => '/admin/reviews',
    newReview: () => '/admin/reviews/new',
    review: (id: number) => `/admin/reviews/${segment(id)}`,
    newRecommendation: (reviewId: number) => `/admin/reviews/${segment(reviewId)}/recommendations/new`,
    importResponse: (reviewId: number) => `/admin/reviews/${segment(reviewId)}/import-response`,
    /** A review's parts: `part` is terms, criteria, evidence or meetings (its schedule); each has a form to add, to change and to remove. */
    newReviewPart: (reviewId: number, part: 'terms' | 'criteria' | 'evidence' | 'meetings') => `/admin/reviews/${segment(reviewId)}/${part}/new`,
    reviewPart: (reviewId: number, part: 'terms' | 'criteria' | 'evidence' | 'meetings', id: number) =>
      `/admin/reviews/${segment(reviewId)}/${part}/${segment(id)}`,
    removeReviewPart: (reviewId: number, part: 'terms' | 'criteria' | 'evidence' | 'meetings', id: number) =>
      `/admin/reviews/${segment(reviewId)}/${part}/${segment(id)}/remove`,
    moveReviewTerm: (reviewId: number, termId: number) => `/admin/reviews/${segment(reviewId)}/terms/${segment(termId)}/move`,
    newReviewMember: (reviewId: number) => `/admin/reviews/${segment(reviewId)}/members/new`,
    endReviewMember: (reviewId: number, membershipId: number) => `/admin/reviews/${segment(reviewId)}/members/${segment(membershipId)}/end`,
    /** Where a review's report was received and its response agreed; `saved` shows the success banner. */
    reviewReportAndResponse: (id: number, query: { saved?: boolean } = {}) =>
      `/admin/reviews/${segment(id)}/report-and-response${query.saved ? '?saved=1' : ''}`,
    /** The committee signs recommendations off at one of its meetings; `saved` is how many were, for the banner. */
    meetingSignOff: (meetingId: number, query: { saved?: number } = {}) =>
      `/admin/meetings/${segment(meetingId)}/sign-off${query.saved ? `?saved=${query.saved}` : ''}`,
    reopenRecommendation: (id: number) => `/admin/recommendations/${segment(id)}/reopen`,
    /** A recommendation in the workspace; `saved` names what was just saved, for the success banner. */
    recommendation: (id: number, query: { saved?: 'reopened' } = {}) => `/admin/recommendations/${segment(id)}${query.saved ? `?saved=${query.saved}` : ''}`,
    response: (id: number) => `/admin/recommendations/${segment(id)}/response`,
    progress: (id: number) => `/admin/recommendations/${segment(id)}/progress`,
    assigned: () => '/admin/assigned',
    assignedUpload: () => '/admin/assigned/upload',
    meetings: () => '/admin/meetings',
    newMeeting: () => '/admin/meetings/new',
    meeting: (id: number) => `/admin/meetings/${segment(id)}`,
    /** The meeting's workspace page after a save, with the success banner saying what was saved. */
    meetingSaved: (id: number, saved: MeetingSaved) => `/admin/meetings/${segment(id)}?${new URLSearchParams({ saved }).toString()}`,
    editMeeting: (id: number) => `/admin/meetings/${segment(id)}/edit`,
    cancelMeeting: (id: number) => `/admin/meetings/${segment(id)}/cancel`,
    newAgendaItem: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/items/new`,
    publishAgenda: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/publish`,
    newMinute: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/minutes/new`,
    newMeetingDocument: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/documents/new`,
    meetingAttendance: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/attendance`,
    /** Attendance of every member of the body on one form. */
    meetingMembersAttendance: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/attendance/members`,
    removeAttendance: (meetingId: number, entryId: number) => `/admin/meetings/${segment(meetingId)}/attendance/${segment(entryId)}/remove`,
    meetingDeclarations: (meetingId: number) => `/admin/meetings/${segment(meetingId)}/declarations`,
    removeDeclaration: (meetingId: number, entryId: number) => `/admin/meetings/${segment(meetingId)}/declarations/${segment(entryId)}/remove`,
    agendaItem: (id: number) => `/admin/agenda-items/${segment(id)}`,
    minute: (id: number) => `/admin/minutes/${segment(id)}`,
    /** Correct a limb of a resolution (and where it refers the matter), or withdraw it or its referral with a reason. */
    limb: (id: number) => `/admin/limbs/${segment(id)}`,
    withdrawLimb: (id: number) => `/admin/limbs/${segment(id)}/withdraw`,
    withdrawReferral: (limbId: number) => `/admin/limbs/${segment(limbId)}/referral/withdraw`,
    /** Exempt papers, for councillors of the body and officers only. */
    exempt: () => '/admin/exempt',
    exemptItem: (id: number) => `/admin/exempt/items/${segment(id)}`,
    exemptDocument: (slug: string) => `/admin/exempt/documents/${segment(slug)}`,
    /** Bodies, people and who sits on what (memberships). */
    bodies: () => '/admin/bodies',
    newBody: () => '/admin/bodies/new',
    body: (id: number) => `/admin/bodies/${segment(id)}`,
    people: (query: { page?: number } = {}) =>
      query.page === undefined || query.page <= 1 ? '/admin/people' : `/admin/people?${new URLSearchParams({ page: String(query.page) }).toString()}`,
    newPerson: () => '/admin/people/new',
    person: (id: number) => `/admin/people/${segment(id)}`,
    /** The form to add a membership, with the body or the person already chosen when it is opened from their page. */
    newMembership: (query: { organisationId?: number; personId?: number } = {}) => {
      const params = new URLSearchParams();
      if (query.organisationId !== undefined) params.append('organisationId', String(query.organisationId));
      if (query.personId !== undefined) params.append('personId', String(query.personId));
      const text = params.toString();
      return text === '' ? '/admin/memberships/new' : `/admin/memberships/new?${text}`;
    },
    membership: (id: number) => `/admin/memberships/${segment(id)}`,
    /**
     * Withdraw a record created in error (`kind`: review, recommendation, membership, agenda_item,
     * document, progress_update, attendance); `done` shows the success banner after a withdrawal or restoration.
     */
    withdraw: (kind: string, id: number, query: { done?: 'withdrawn' | 'restored' } = {}) =>
      `/admin/withdraw/${segment(kind)}/${segment(id)}${query.done ? `?${new URLSearchParams({ done: query.done }).toString()}` : ''}`,
    /** Rename an issue (its address is kept); `saved` shows the success banner. */
    issue: (id: number, query: { saved?: boolean } = {}) => `/admin/issues/${segment(id)}${query.saved ? '?saved=1' : ''}`,
    restore: (kind: string, id: number) => `/admin/withdraw/${segment(kind)}/${segment(id)}/restore`,
    endMembership: (id: number) => `/admin/memberships/${segment(id)}/end`,
  },

  /** Where GOV.UK Frontend's assets live, without a trailing slash (its page template's `assetPath`). */
  assetRoot: () => ASSETS_PREFIX,
  /** A GOV.UK Frontend asset, e.g. `paths.assets('govuk-frontend.min.css')` or `paths.assets('images/favicon.svg')`. */
  assets: (file: string) => `${ASSETS_PREFIX}/${file.split('/').map(segment).join('/')}`,
  /** One of our own static files, e.g. `paths.staticFile('app.css')`. */
  staticFile: (file: string) => `${STATIC_PREFIX}/${file.split('/').map(segment).join('/')}`,

  /** Search: only the fields given appear in the query string, in a fixed order, so links are canonical. */
  search: (query: SearchQueryParams = {}) => {
    const params = new URLSearchParams();
    if (query.q !== undefined) params.append('q', query.q);
    for (const type of query.type ?? []) params.append('type', type);
    if (query.body) params.append('body', query.body);
    if (query.from) params.append('from', query.from);
    if (query.to) params.append('to', query.to);
    if (query.page !== undefined && query.page > 1) params.append('page', String(query.page));
    const text = params.toString();
    return text === '' ? '/search' : `/search?${text}`;
  },

  // Feeds and files (RFC 5545 iCalendar, RFC 4287 Atom, CSV): the open-data doors beside the pages.
  meetingsCalendar: () => '/meetings.ics',
  committeeCalendar: (slug: string) => `/committees/${segment(slug)}/meetings.ics`,
  meetingsCsv: () => '/meetings.csv',
  decisionsFeed: () => '/decisions.atom',
  decisionsCsv: () => '/decisions.csv',
  recommendationsFeed: () => '/recommendations.atom',
  recommendationsCsv: () => '/recommendations.csv',
  reviewProgressFeed: (slug: string) => `/reviews/${segment(slug)}/progress.atom`,

  /** The recommendation tracker, with its filters (empty ones left out so each view has one URL). */
  tracker: (query: TrackerQueryParams = {}) => withQuery('/tracker', query),
  trackerCsv: (query: TrackerQueryParams = {}) => withQuery('/tracker.csv', query),

  /** The JSON API (read-only, public). */
  api: {
    root: () => `${API_PREFIX}/v1`,
    openapi: () => `${API_PREFIX}/v1/openapi.json`,
    collection: (name: string) => `${API_PREFIX}/v1/${segment(name)}`,
    item: (name: string, id: number) => `${API_PREFIX}/v1/${segment(name)}/${segment(id)}`,
    /** A statutory deadline computed from a date: `/api/v1/deadlines/response?date=2017-10-18`. */
    deadline: (rule: string, date: string) => `${API_PREFIX}/v1/deadlines/${segment(rule)}?${new URLSearchParams({ date }).toString()}`,
  },
} as const;

export interface TrackerQueryParams {
  committee?: string;
  officer?: string;
  status?: string;
  year?: string;
  /** The page of the HTML table; the CSV always holds every row. */
  page?: number;
}

function withQuery(base: string, query: TrackerQueryParams): string {
  const entries = Object.entries(query)
    .map(([k, v]): [string, unknown] => [k, typeof v === 'number' ? String(v) : v])
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length === 0 ? base : `${base}?${new URLSearchParams(entries).toString()}`;
}

export interface SearchQueryParams {
  q?: string;
  type?: readonly string[];
  body?: string;
  from?: string;
  to?: string;
  page?: number;
}

export type Paths = typeof paths;

/**
 * Fastify route patterns of the public pages, beside the builders above so the two cannot drift
 * apart: each `:param` is the segment its builder fills (test/web/smoke.test.ts requests every link).
 */
export const routePatterns = {
  committees: '/committees',
  committee: '/committees/:slug',
  meetings: '/meetings',
  meeting: '/meetings/:slug',
  issues: '/issues',
  issue: '/issues/:slug',
  reviews: '/reviews',
  review: '/reviews/:slug',
  reviewResponse: '/reviews/:slug/response',
  recommendation: '/reviews/:slug/recommendations/:number',
  people: '/people',
  person: '/people/:slug',
  document: '/documents/:slug',
  search: '/search',
  meetingsCalendar: '/meetings.ics',
  committeeCalendar: '/committees/:slug/meetings.ics',
  meetingsCsv: '/meetings.csv',
  decisionsFeed: '/decisions.atom',
  decisionsCsv: '/decisions.csv',
  recommendationsFeed: '/recommendations.atom',
  recommendationsCsv: '/recommendations.csv',
  reviewProgressFeed: '/reviews/:slug/progress.atom',
  tracker: '/tracker',
  trackerCsv: '/tracker.csv',
} as const;

/** Fastify patterns of the generated papers, without the format: each is served as `.docx`, `.pdf` and `/print`. */
export const paperRoutePatterns = {
  response: '/reviews/:slug/response',
  annex: '/reviews/:slug/annex',
  agenda: '/meetings/:slug/agenda',
  minutes: '/meetings/:slug/minutes',
  decision: '/meetings/:slug/decisions/:resolution',
  forwardPlan: '/committees/:slug/forward-plan',
  trackerReport: '/committees/:slug/tracker-report',
} as const;

/** Route patterns of paths.packs. */
export const packRoutePatterns = {
  agenda: '/meetings/:slug/agenda-pack.pdf',
  supplement: '/meetings/:slug/supplementary-packs/:number.pdf',
  exempt: '/admin/meetings/:id/exempt-pack.pdf',
  minutes: '/meetings/:slug/minutes-pack.pdf',
  signedMinutes: '/admin/meetings/:id/signed-minutes',
} as const;

/** True when a request path (query string ignored) belongs to the JSON API. */
export function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

/** Where an address whose path does not decode is sent: no route matches it (see app.ts, rewriteUrl). */
const UNDECODABLE_PATH = '/.not-found';

/**
 * The address to route: itself, or, when its path is not valid percent-encoded UTF-8 (RFC 3986
 * §2.1, "/meetings/%ff"), an address that matches no route, under /api for an API address so that
 * the answer is a problem document.
 */
export function routableUrl(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return isApiPath(url) ? `${API_PREFIX}${UNDECODABLE_PATH}` : UNDECODABLE_PATH;
  }
}
