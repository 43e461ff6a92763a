// Every URL the web app serves or links to, built in one typed place so that routes and templates cannot drift apart.
import type { PaperFormat } from '../domain/paper.ts';

/** Path segments are percent-encoded so a slug can never add a segment, a query or a fragment. */
function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** The values a route pattern's parameters take, in order: '/admin/meetings/:id/attendance/:entry/remove' takes [id, entry]. */
type RouteValues<P extends string> = P extends `${string}:${string}/${infer Rest}`
  ? [string | number, ...RouteValues<Rest>]
  : P extends `${string}:${string}`
    ? [string | number]
    : [];

/** An address of the app: called with its parameters' values, a link; `pattern` is the route Fastify registers. */
export type Route<P extends string, A extends unknown[] = RouteValues<P>> = ((...values: A) => string) & { readonly pattern: P };

/** Fills a pattern's parameters (':id', ':slug'…) in order with percent-encoded values. */
function fill(pattern: string, values: readonly (string | number)[]): string {
  let next = 0;
  return pattern.replace(/:[A-Za-z]+/g, (name) => {
    const value = values[next++];
    if (value === undefined) throw new Error(`No value for ${name} in ${pattern}`);
    return segment(value);
  });
}

function route<const P extends string>(pattern: P): Route<P> {
  return Object.assign((...values: RouteValues<P>) => fill(pattern, values), { pattern });
}

/** A route whose link may carry a query (a success banner, a page number): the query's fields left undefined are left out. */
function withQuery<const P extends string, Q>(pattern: P, toQuery: (query: Q) => Record<string, string | undefined>): Route<P, [...RouteValues<P>, Q?]> {
  const link = (...args: [...RouteValues<P>, Q?]) => {
    const count = (pattern.match(/:[A-Za-z]+/g) ?? []).length;
    const base = fill(pattern, args.slice(0, count) as (string | number)[]);
    const query = args[count] as Q | undefined;
    const params = new URLSearchParams();
    if (query !== undefined) for (const [key, value] of Object.entries(toQuery(query))) if (value !== undefined) params.append(key, value);
    const text = params.toString();
    return text === '' ? base : `${base}?${text}`;
  };
  return Object.assign(link, { pattern });
}

/** The parts of a review that each have a form to add, change and remove. */
export type ReviewPartName = 'terms' | 'criteria' | 'evidence' | 'meetings' | 'options' | 'judgements';

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
  /** A scrutiny committee's work programme for a municipal year (the current one without a year). */
  workProgramme: (slug: string, year?: number) => `/committees/${segment(slug)}/work-programme${year === undefined ? '' : `/${segment(year)}`}`,
  workProgrammeCsv: (slug: string, year: number) => `/committees/${segment(slug)}/work-programme/${segment(year)}/topics.csv`,
  workProgrammeCalendar: (slug: string, year: number) => `/committees/${segment(slug)}/work-programme/${segment(year)}/planned.ics`,
  /** Suggesting a topic for scrutiny (anyone; moderated before it is published), optionally to one committee. */
  suggestTopic: (committeeSlug?: string) =>
    committeeSlug === undefined ? '/work-programme/suggest' : `/work-programme/suggest?${new URLSearchParams({ committee: committeeSlug }).toString()}`,

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

  /** The forward plan of key decisions (SI 2012/2089 reg 9), each entry, and the plan as CSV. */
  forwardPlan: () => '/forward-plan',
  forwardPlanEntry: (slug: string) => `/forward-plan/${segment(slug)}`,
  forwardPlanCsv: () => '/forward-plan.csv',
  forwardPlanFeed: () => '/forward-plan.atom',
  workProgrammeFeed: (slug: string) => `/committees/${segment(slug)}/work-programme.atom`,

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
    workProgramme: (committeeSlug: string, year: number, format: PaperFormat) =>
      paperPath(`/committees/${segment(committeeSlug)}/work-programme/${segment(year)}/paper`, format),
    /** Key decisions taken under special urgency or the general exception in a period (SI 2012/2089 reg 19). */
    urgencyReport: (format: PaperFormat, period: { from?: string; to?: string } = {}) => {
      const params = new URLSearchParams();
      if (period.from) params.append('from', period.from);
      if (period.to) params.append('to', period.to);
      const query = params.toString();
      return paperPath('/forward-plan/urgency-report', format) + (query === '' ? '' : `?${query}`);
    },
    /** The annual scrutiny report for the municipal year starting in `year` (the last complete one when left out). */
    annualReport: (committeeSlug: string, format: PaperFormat, year?: number) =>
      paperPath(`/committees/${segment(committeeSlug)}/annual-report`, format) + (year === undefined ? '' : `?year=${year}`),
    /** The council's annual scrutiny report, every scrutiny committee by committee, for the municipal year starting in `year` (the last complete one when left out). */
    councilAnnualReport: (format: PaperFormat, year?: number) => paperPath('/annual-report', format) + (year === undefined ? '' : `?year=${year}`),
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
  follow: (entityType?: 'review' | 'recommendation' | 'meeting' | 'body', id?: number) =>
    entityType && id !== undefined ? `/follow?${new URLSearchParams({ type: entityType, id: String(id) }).toString()}` : '/follow',
  followConfirm: (token: string) => `/follow/confirm/${segment(token)}`,
  unsubscribe: (token: string) => `/unsubscribe/${segment(token)}`,

  /**
   * The officer workspace: every page here checks the signed-in user's role on the server. Each
   * address is a route: called, it gives a link; its `pattern` is what the route registers, so a
   * route and the links to it cannot drift apart.
   */
  admin: {
    home: route('/admin'),
    password: route('/admin/account/password'),
    users: route('/admin/users'),
    newUser: route('/admin/users/new'),
    user: route('/admin/users/:id'),
    userPassword: route('/admin/users/:id/temporary-password'),
    userAccess: route('/admin/users/:id/access'),
    history: route('/admin/:type/:id/history'),
    reviews: route('/admin/reviews'),
    newReview: route('/admin/reviews/new'),
    review: route('/admin/reviews/:id'),
    newRecommendation: route('/admin/reviews/:id/recommendations/new'),
    importResponse: route('/admin/reviews/:id/import-response'),
    /** A review's parts: `part` is terms, criteria, evidence or meetings (its schedule); each has a form to add, to change and to remove. */
    newReviewPart: Object.assign((reviewId: number, part: ReviewPartName) => `/admin/reviews/${segment(reviewId)}/${part}/new`, {
      pattern: (part: ReviewPartName) => `/admin/reviews/:id/${part}/new`,
    }),
    reviewPart: Object.assign((reviewId: number, part: ReviewPartName, id: number) => `/admin/reviews/${segment(reviewId)}/${part}/${segment(id)}`, {
      pattern: (part: ReviewPartName) => `/admin/reviews/:id/${part}/:part`,
    }),
    removeReviewPart: Object.assign(
      (reviewId: number, part: ReviewPartName, id: number) => `/admin/reviews/${segment(reviewId)}/${part}/${segment(id)}/remove`,
      { pattern: (part: ReviewPartName) => `/admin/reviews/:id/${part}/:part/remove` },
    ),
    moveReviewTerm: route('/admin/reviews/:id/terms/:part/move'),
    newReviewMember: route('/admin/reviews/:id/members/new'),
    endReviewMember: route('/admin/reviews/:id/members/:part/end'),
    /** Where a review's report was received and its response agreed. */
    reviewReportAndResponse: route('/admin/reviews/:id/report-and-response'),
    /** The committee signs recommendations off at one of its meetings. */
    meetingSignOff: route('/admin/meetings/:id/sign-off'),
    reopenRecommendation: route('/admin/recommendations/:id/reopen'),
    /** A recommendation in the workspace. */
    recommendation: route('/admin/recommendations/:id'),
    response: route('/admin/recommendations/:id/response'),
    progress: route('/admin/recommendations/:id/progress'),
    assigned: route('/admin/assigned'),
    assignedUpload: route('/admin/assigned/upload'),
    meetings: route('/admin/meetings'),
    newMeeting: route('/admin/meetings/new'),
    meeting: route('/admin/meetings/:id'),
    editMeeting: route('/admin/meetings/:id/edit'),
    cancelMeeting: route('/admin/meetings/:id/cancel'),
    newAgendaItem: route('/admin/meetings/:id/items/new'),
    publishAgenda: route('/admin/meetings/:id/publish'),
    newMinute: route('/admin/meetings/:id/minutes/new'),
    newMeetingDocument: route('/admin/meetings/:id/documents/new'),
    meetingAttendance: route('/admin/meetings/:id/attendance'),
    /** Attendance of every member of the body on one form. */
    meetingMembersAttendance: route('/admin/meetings/:id/attendance/members'),
    removeAttendance: route('/admin/meetings/:id/attendance/:entry/remove'),
    meetingDeclarations: route('/admin/meetings/:id/declarations'),
    removeDeclaration: route('/admin/meetings/:id/declarations/:entry/remove'),
    agendaItem: route('/admin/agenda-items/:id'),
    minute: route('/admin/minutes/:id'),
    /** Correct a limb of a resolution (and where it refers the matter), or withdraw it or its referral with a reason. */
    limb: route('/admin/limbs/:id'),
    withdrawLimb: route('/admin/limbs/:id/withdraw'),
    withdrawReferral: route('/admin/limbs/:id/referral/withdraw'),
    /** Exempt papers, for councillors of the body and officers only. */
    exempt: route('/admin/exempt'),
    exemptItem: route('/admin/exempt/items/:id'),
    exemptDocument: route('/admin/exempt/documents/:slug'),
    /** Bodies, people and who sits on what (memberships). */
    bodies: route('/admin/bodies'),
    newBody: route('/admin/bodies/new'),
    body: route('/admin/bodies/:id'),
    people: withQuery('/admin/people', (query: { page?: number }) => ({ page: query.page === undefined || query.page <= 1 ? undefined : String(query.page) })),
    newPerson: route('/admin/people/new'),
    person: route('/admin/people/:id'),
    /** The form to add a membership, with the body or the person already chosen when it is opened from their page. */
    newMembership: withQuery('/admin/memberships/new', (query: { organisationId?: number; personId?: number }) => ({
      organisationId: query.organisationId === undefined ? undefined : String(query.organisationId),
      personId: query.personId === undefined ? undefined : String(query.personId),
    })),
    membership: route('/admin/memberships/:id'),
    /**
     * Withdraw a record created in error (`kind`: review, recommendation, membership, agenda_item,
     * document, progress_update, attendance), or restore it.
     */
    withdraw: route('/admin/withdraw/:kind/:id'),
    /** Rename an issue (its address is kept). */
    issue: route('/admin/issues/:id'),
    restore: route('/admin/withdraw/:kind/:id/restore'),
    endMembership: route('/admin/memberships/:id/end'),
    /** The scrutiny committees' work programmes, and public suggestions waiting to be accepted. */
    workProgramme: route('/admin/work-programme'),
    workProgrammeBody: withQuery('/admin/work-programme/bodies/:id', (query: { year?: number }) => ({ year: query.year?.toString() })),
    newTopic: withQuery('/admin/work-programme/topics/new', (query: { body?: number; year?: number }) => ({
      body: query.body?.toString(),
      year: query.year?.toString(),
    })),
    topic: route('/admin/work-programme/topics/:id'),
    /** One step of a topic's path (`action`: accept, agree, schedule, placeOnAgenda, startReview, markHeard, drop). */
    topicAction: Object.assign((topicId: number, action: string) => `/admin/work-programme/topics/${segment(topicId)}/${segment(action)}`, {
      pattern: (action: string) => `/admin/work-programme/topics/:id/${action}`,
    }),
    /** The forward plan of key decisions: every entry, and the form to add or change one. */
    forwardPlan: route('/admin/forward-plan'),
    newForwardPlanEntry: route('/admin/forward-plan/new'),
    forwardPlanEntry: route('/admin/forward-plan/:id'),
    /** Suggest a forward-plan entry to a scrutiny committee's work programme for pre-decision scrutiny. */
    forwardPlanSuggestTopic: route('/admin/forward-plan/:id/suggest-topic'),
    // Call-in of executive decisions (RULES.md 5a): the notice is recorded against the decision, each later step on the call-in.
    callIns: route('/admin/call-ins'),
    newCallIn: route('/admin/decisions/:id/call-in'),
    callIn: route('/admin/call-ins/:id'),
    callInCheck: route('/admin/call-ins/:id/check'),
    callInHearing: route('/admin/call-ins/:id/hearing'),
    callInOutcome: route('/admin/call-ins/:id/outcome'),
    callInReconsideration: route('/admin/call-ins/:id/reconsideration'),
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
  callIns: () => '/call-ins',
  callInsCsv: () => '/call-ins.csv',
  callInsFeed: () => '/call-ins.atom',
  recommendationsFeed: () => '/recommendations.atom',
  recommendationsCsv: () => '/recommendations.csv',
  reviewProgressFeed: (slug: string) => `/reviews/${segment(slug)}/progress.atom`,

  /** The recommendation tracker, with its filters (empty ones left out so each view has one URL). */
  tracker: (query: TrackerQueryParams = {}) => withTrackerQuery('/tracker', query),
  trackerCsv: (query: TrackerQueryParams = {}) => withTrackerQuery('/tracker.csv', query),

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
  /** Where the recommendations came from: review, meeting or motion. */
  origin?: string;
  /** The page of the HTML table; the CSV always holds every row. */
  page?: number;
}

function withTrackerQuery(base: string, query: TrackerQueryParams): string {
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
  callIns: '/call-ins',
  callInsCsv: '/call-ins.csv',
  callInsFeed: '/call-ins.atom',
  recommendationsFeed: '/recommendations.atom',
  recommendationsCsv: '/recommendations.csv',
  reviewProgressFeed: '/reviews/:slug/progress.atom',
  tracker: '/tracker',
  trackerCsv: '/tracker.csv',
  workProgramme: '/committees/:slug/work-programme',
  workProgrammeYear: '/committees/:slug/work-programme/:year',
  workProgrammeCsv: '/committees/:slug/work-programme/:year/topics.csv',
  workProgrammeCalendar: '/committees/:slug/work-programme/:year/planned.ics',
  suggestTopic: '/work-programme/suggest',
  forwardPlan: '/forward-plan',
  forwardPlanEntry: '/forward-plan/:slug',
  forwardPlanCsv: '/forward-plan.csv',
  forwardPlanFeed: '/forward-plan.atom',
  workProgrammeFeed: '/committees/:slug/work-programme.atom',
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
  workProgramme: '/committees/:slug/work-programme/:year/paper',
  urgencyReport: '/forward-plan/urgency-report',
  annualReport: '/committees/:slug/annual-report',
  councilAnnualReport: '/annual-report',
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
