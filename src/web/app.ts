// Builds the Fastify web app: Nunjucks with GOV.UK Frontend, assets, security headers, error pages and problem documents, and the routes.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import './nunjucks-imports.ts';
import { formatLongDate, formatLongDateWithWeekday, parseIsoDate } from '../domain/iso-date.ts';
import { ConflictError, RepeatedSubmissionError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../services/errors.ts';
import { ASSETS_PREFIX, STATIC_PREFIX, isApiPath, paths, routableUrl } from './paths.ts';
import { homeRoutes } from './routes/public/home-routes.ts';
import { committeeRoutes } from './routes/public/committee-routes.ts';
import { meetingRoutes } from './routes/public/meeting-routes.ts';
import { issueRoutes } from './routes/public/issue-routes.ts';
import { reviewRoutes } from './routes/public/review-routes.ts';
import { personRoutes } from './routes/public/person-routes.ts';
import { documentRoutes } from './routes/public/document-routes.ts';
import { searchRoutes } from './routes/public/search-routes.ts';
import { feedRoutes, installFeedLinks, OPEN_DATA_LINKS } from './routes/public/feed-routes.ts';
import { apiRoutes } from './routes/api/api-routes.ts';
import { deadlineRoutes } from './routes/api/deadline-routes.ts';
import { trackerRoutes } from './routes/public/tracker-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { dateInputView, vocabularyLabel } from './form-view.ts';
import { textBlocks } from '../domain/text-blocks.ts';
import { installHttpCache } from './http-cache.ts';
import { installNulGuard } from './nul-guard.ts';
import { installSecurityHeaders, securityHeaders } from './security-headers.ts';
import { createPageCache } from './page-cache.ts';
import { GOVUK_INLINE_SCRIPT_HASH } from './govuk-inline-script.ts';
import type { Services } from '../services/index.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { installWorkspace } from './workspace.ts';
import type { TrustProxy } from './trust-proxy.ts';
import { accountRoutes } from './routes/admin/account-routes.ts';
import { auditRoutes } from './routes/admin/audit-routes.ts';
import { scrutinyRoutes } from './routes/admin/scrutiny-routes.ts';
import { reviewLifecycleRoutes } from './routes/admin/review-lifecycle-routes.ts';
import { responseImportRoutes } from './routes/admin/response-import-routes.ts';
import { meetingWorkspaceRoutes } from './routes/admin/meeting-routes.ts';
import { exemptRoutes } from './routes/admin/exempt-routes.ts';
import { organisationRoutes } from './routes/admin/organisation-routes.ts';
import { userRoutes } from './routes/admin/user-routes.ts';
import { withdrawalRoutes } from './routes/admin/withdrawal-routes.ts';
import { callInRoutes as callInWorkspaceRoutes } from './routes/admin/call-in-routes.ts';
import { callInRoutes } from './routes/public/call-in-routes.ts';
import { followRoutes } from './routes/public/follow-routes.ts';
import { paperRoutes } from './routes/public/paper-routes.ts';
import { meetingPackRoutes } from './routes/public/meeting-pack-routes.ts';
import { documentFileRoutes } from './routes/public/document-file-routes.ts';
import { workProgrammeRoutes } from './routes/admin/work-programme-routes.ts';
import { workProgrammePublicRoutes } from './routes/public/work-programme-routes.ts';
import { forwardPlanRoutes } from './routes/public/forward-plan-routes.ts';
import { forwardPlanWorkspaceRoutes } from './routes/admin/forward-plan-routes.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Per-request template variables, merged by @fastify/view into every `reply.view` call (untyped upstream). */
    locals: Record<string, unknown> | null;
  }
}

export interface Link {
  readonly text: string;
  readonly href: string;
}

export interface Council {
  /** Shown in the header, the footer and every page title. */
  readonly name: string;
  /** The council's own website, linked from its name in the header; our home page when absent. */
  readonly url?: string;
}

export interface BuildAppOptions {
  /** The use cases the routes call (from createServices). */
  readonly services: Services;
  /** Log requests and errors with pino; off by default so tests stay quiet. */
  readonly logger?: boolean;
  /** The council in the header and titles; by default the services' council name (COUNCIL_NAME), linking to our home page. */
  readonly council?: Council;
  /** Footer "Open data" links; by default the feeds, files and API (OPEN_DATA_LINKS in routes/public/feed-routes.ts). */
  readonly openDataLinks?: readonly Link[];
  /** Sign-in attempts allowed per client address per minute (default 10; the per-email lockout is separate). */
  readonly signInRateLimit?: number;
  /** Largest request body accepted, in bytes (default DEFAULT_BODY_LIMIT); larger ones get 413. */
  readonly bodyLimit?: number;
  /** Searches allowed per client address per minute (default DEFAULT_SEARCH_RATE_LIMIT; 0 for no limit): see search-routes.ts. */
  readonly searchRateLimit?: number;
  /** Which reverse proxies to believe about the client's address and protocol (TRUST_PROXY, read by src/cli/config.ts; by default none). */
  readonly trustProxy?: TrustProxy;
  /**
   * The site's public address and From address for emails (BASE_URL and MAIL_FROM, read by
   * src/cli/config.ts). Without it nothing is offered that would email a link (following).
   */
  readonly mail?: NotificationSettings;
  /** COOKIE_SECURE and NODE_ENV as read by src/cli/config.ts (the cookie rule in cookie-policy.ts). */
  readonly cookieSecure?: boolean;
  readonly nodeEnv?: string;
}

/** TRUST_PROXY as Fastify takes it: a number of proxies becomes "trust the nearest N hops" (proxy-addr's hop index). */
function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return typeof setting === 'boolean' ? setting : [...setting];
}

/** Node's default header limit (16 KiB) bounds a request line, and so any one path parameter. */
const MAX_PATH_PARAMETER_LENGTH = 16 * 1024;

/** Forms and API documents are small; refusing big bodies early stops a client tying up memory. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const SERVICE_NAME = 'Scrutineer';

const VIEWS_DIR = path.join(import.meta.dirname, 'views');
const PUBLIC_DIR = path.join(import.meta.dirname, 'public');
const GOVUK_DIST_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
const GOVUK_DIR = path.join(GOVUK_DIST_DIR, 'govuk');
const GOVUK_ASSETS_DIR = path.join(GOVUK_DIR, 'assets');
/**
 * The only files served from govuk-frontend's dist/govuk itself (the rest of that folder is Sass and
 * templates). Fonts, images and manifest.json come from dist/govuk/assets, the folder its
 * precompiled CSS expects at '/assets'.
 */
const GOVUK_BUILT_FILES = new Set(['/govuk-frontend.min.css', '/govuk-frontend.min.css.map', '/govuk-frontend.min.js', '/govuk-frontend.min.js.map']);

/**
 * Content-Security-Policy with no 'unsafe-inline'. GOV.UK Frontend's page template has one inline
 * script (it adds `js-enabled` to <body>); script-src allows it by its sha256 hash, computed from
 * the installed template (govuk-inline-script.ts), rather than by a per-request nonce: the policy
 * and the page are then the same bytes on every request, which is what lets a stored page be
 * answered without rendering or rewriting it (page-cache.ts).
 * 'upgrade-insecure-requests' is left out: it breaks plain-HTTP use on a local network, and
 * production sits behind TLS with HSTS (which helmet sends).
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'", GOVUK_INLINE_SCRIPT_HASH],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
};

const SECURITY_HEADERS = securityHeaders({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  // Agrees with the CSP's frame-ancestors 'none' for browsers that only know X-Frame-Options.
  frameguard: { action: 'deny' },
});

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const council = options.council ?? { name: options.services.councilName };
  const mail = options.mail;
  const logger = options.logger ?? false;
  const pageCache = options.services.changes ? createPageCache({ changes: options.services.changes, clock: options.services.clock }) : undefined;
  const app = Fastify({
    // A stored public page is answered by the HTTP server before Fastify sees the request
    // (page-cache.ts); with request logging on, every request goes through Fastify to be logged.
    ...(pageCache && !logger ? { serverFactory: pageCache.serverFactory } : {}),
    logger,
    // With a trusted proxy, request.ip, request.protocol and request.hostname come from its
    // X-Forwarded-For, -Proto and -Host: the Secure cookie rule, rate limits and sign-in throttling
    // then see the real client and the https the visitor used.
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Fastify refuses a path parameter over 100 characters with 414; a slug that long is simply one
    // we do not have, so let it through to the services, which answer "not found" (isSlug caps at
    // 200). Node refuses a request line over its 16 KiB header limit before Fastify sees it, so no
    // parameter can be longer than this.
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    // A path that does not decode ("/meetings/%ff": not UTF-8) names nothing we have. The router
    // would refuse it with a bare 400; sent instead to an address no route matches, it gets the
    // helpful "Page not found" page (a 404 problem under /api) through every hook, as any other
    // unknown address does.
    rewriteUrl: (request) => routableUrl(request.url ?? '/'),
  });

  installSecurityHeaders(app, SECURITY_HEADERS);

  await app.register(fastifyView, {
    engine: { nunjucks },
    // Our views first, then govuk-frontend's dist so that templates can
    // `{% from "govuk/components/button/macro.njk" import govukButton %}`.
    templates: [VIEWS_DIR, GOVUK_DIST_DIR],
    options: {
      autoescape: true,
      onConfigure: (env: nunjucks.Environment) => {
        configureNunjucks(env, { council, openDataLinks: options.openDataLinks ?? OPEN_DATA_LINKS, emailUpdates: mail !== undefined });
      },
    },
  });

  // Every page needs the current path to mark the service navigation. Registered after view,
  // whose onRequest hook creates reply.locals.
  app.addHook('onRequest', async (request, reply) => {
    reply.locals = { ...reply.locals, ...pageLocals(request) };
  });

  await app.register(fastifyStatic, {
    root: [GOVUK_ASSETS_DIR, GOVUK_DIR],
    prefix: `${ASSETS_PREFIX}/`,
    index: false,
    allowedPath: (pathName, root) => root === GOVUK_ASSETS_DIR || GOVUK_BUILT_FILES.has(pathName),
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: `${STATIC_PREFIX}/`,
    index: false,
    decorateReply: false,
  });

  await app.register(fastifyFormbody);

  app.setNotFoundHandler(async (request, reply) => {
    return sendError(request, reply, NOT_FOUND_PROBLEM);
  });

  app.setErrorHandler(async (error, request, reply) => {
    // A form sent again with its used one-time key: go where the first submission led, if known.
    if (error instanceof RepeatedSubmissionError) {
      const url = await options.services.submissions.resultOf(error.key);
      if (url !== null) return reply.header('cache-control', 'no-store').redirect(url, 303);
    }
    const problem = classify(error);
    if (problem.status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
    } else {
      request.log.info({ err: error, status: problem.status }, 'request refused');
    }
    return sendError(request, reply, problem);
  });

  installNulGuard(app);
  installHttpCache(app);
  pageCache?.install(app);
  installFeedLinks(app);
  // The officer workspace: cookies, the signed-in user of every request, CSRF, sign-in and the /admin
  // pages (src/web/workspace.ts). Before the page routes, so that its hooks reach them all.
  const { services, signInRateLimit, cookieSecure, nodeEnv } = options;
  const workspace = await installWorkspace(app, { services, signInRateLimit, cookieSecure, nodeEnv, mail });
  await app.register(accountRoutes, workspace);
  await app.register(auditRoutes, workspace);
  await app.register(scrutinyRoutes, workspace);
  await app.register(reviewLifecycleRoutes, workspace);
  await app.register(responseImportRoutes, workspace);
  await app.register(meetingWorkspaceRoutes, workspace);
  await app.register(exemptRoutes, workspace);
  await app.register(organisationRoutes, workspace);
  await app.register(userRoutes, workspace);
  await app.register(withdrawalRoutes, workspace);
  await app.register(workProgrammeRoutes, workspace);
  await app.register(forwardPlanWorkspaceRoutes, workspace);
  await app.register(callInWorkspaceRoutes, workspace);
  await app.register(followRoutes, workspace);
  await app.register(healthRoutes, { services: options.services });

  await app.register(homeRoutes, { services: options.services });
  await app.register(committeeRoutes, { services: options.services });
  await app.register(workProgrammePublicRoutes, {
    ...workspace,
    ...(options.searchRateLimit === undefined ? {} : { searchRateLimit: options.searchRateLimit }),
  });
  await app.register(meetingRoutes, { services: options.services });
  await app.register(callInRoutes, { services: options.services });
  await app.register(issueRoutes, { services: options.services });
  await app.register(reviewRoutes, { services: options.services });
  await app.register(personRoutes, { services: options.services });
  await app.register(documentRoutes, { services: options.services });
  await app.register(searchRoutes, {
    services: options.services,
    ...(options.searchRateLimit === undefined ? {} : { searchRateLimit: options.searchRateLimit }),
  });
  await app.register(feedRoutes, { services: options.services });
  await app.register(apiRoutes, { services: options.services });
  await app.register(deadlineRoutes, { services: options.services });
  await app.register(trackerRoutes, { services: options.services });
  // Generated papers; after the workspace so an officer's session can ask for the full version.
  await app.register(paperRoutes, { services: options.services });
  await app.register(documentFileRoutes, { services: options.services });
  await app.register(meetingPackRoutes, { services: options.services });
  await app.register(forwardPlanRoutes, { services: options.services });

  return app;
}

interface NunjucksSettings {
  readonly council: Council;
  readonly openDataLinks: readonly Link[];
  /** Whether following by email is offered: only with the site's public address (BASE_URL) configured. */
  readonly emailUpdates: boolean;
}

function configureNunjucks(env: nunjucks.Environment, settings: NunjucksSettings): void {
  env.addGlobal('paths', paths);
  // GOV.UK Frontend's macros pipe every component's HTML through `trim`. Nunjucks trims with
  // /^\s*|\s*$/g, which tries `\s*$` from every position and so costs time in the square of the
  // page's whitespace runs; String.prototype.trim strips the same characters (ECMA-262: \s is
  // WhiteSpace and LineTerminator, exactly what trim removes) in one pass.
  const nunjucksTrim = env.getFilter('trim') as (value: unknown) => unknown;
  env.addFilter('trim', (value: unknown) => {
    if (typeof value === 'string') return value.trim();
    if (value instanceof nunjucks.runtime.SafeString) return new nunjucks.runtime.SafeString(String(value).trim());
    return nunjucksTrim(value);
  });
  // `reuse("govukX", govukX, params)`: a GOV.UK component's HTML depends on its params alone, so
  // the frame every page repeats (skip link, header, service navigation) is rendered once per
  // distinct params and then reused (memoComponent).
  env.addGlobal('reuse', memoComponent());
  // A fresh one-time submission key for each form shown (src/web/views/admin/form-macros.njk).
  env.addGlobal('submissionKey', () => randomUUID());
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addGlobal('councilName', settings.council.name);
  env.addGlobal('councilUrl', settings.council.url ?? paths.home());
  env.addGlobal('openDataLinks', settings.openDataLinks);
  env.addGlobal('emailUpdates', settings.emailUpdates);
  env.addGlobal('dateInputView', dateInputView);
  // `value | label("ProgressStatus")`: a vocabulary value in the words shown to people, never the stored code (DESIGN.md rule 11).
  env.addFilter('label', (value: unknown, vocabulary: unknown) => vocabularyLabel(vocabulary, value));
  // `text | textBlocks`: typed text as paragraphs and lists (src/domain/text-blocks.ts).
  env.addFilter('textBlocks', (value: unknown) => textBlocks(typeof value === 'string' ? value : null));

  // Dates arrive from presenters as 'YYYY-MM-DD'; anything else is a bug and should fail loudly.
  env.addFilter('longDate', (value: unknown) => (isBlank(value) ? '' : formatLongDate(parseIsoDate(String(value)))));
  env.addFilter('longDateWithWeekday', (value: unknown) => (isBlank(value) ? '' : formatLongDateWithWeekday(parseIsoDate(String(value)))));
  // `paths.committees() | isCurrentSection(currentPath)`: marks a navigation item as the section being viewed.
  env.addFilter('isCurrentSection', (href: unknown, currentPath: unknown) => {
    if (typeof href !== 'string' || typeof currentPath !== 'string') return false;
    return currentPath === href || currentPath.startsWith(href === '/' ? href : `${href}/`);
  });
}

/** Distinct renderings kept; the frame has a few dozen (sections, signed in or not), so this is never reached in use. */
const MAX_REUSED_COMPONENTS = 500;

function memoComponent(): (name: unknown, component: unknown, params: unknown) => unknown {
  const rendered = new Map<string, unknown>();
  return (name, component, params) => {
    if (typeof component !== 'function') throw new TypeError(`reuse: ${String(name)} is not a macro`);
    const render = component as (params: unknown) => unknown;
    // SafeString params (captured HTML) serialise with their text, so different HTML is a different key.
    const key = `${String(name)}\u0000${JSON.stringify(params)}`;
    const known = rendered.get(key);
    if (known !== undefined) return known;
    const html = render(params);
    if (rendered.size >= MAX_REUSED_COMPONENTS) rendered.clear();
    rendered.set(key, html);
    return html;
  };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function pageLocals(request: FastifyRequest): Record<string, unknown> {
  return {
    currentPath: request.url.split('?', 1)[0],
  };
}

interface Problem {
  readonly status: number;
  /** Safe to show: a catalogue error's message (written for users) or our own words, never an internal error's. */
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
}

const NOT_FOUND_PROBLEM: Problem = { status: 404, detail: 'There is nothing at this address.', fieldErrors: [] };

const SERVER_PROBLEM: Problem = {
  status: 500,
  detail: 'Sorry, there is a problem with the service. Try again later.',
  fieldErrors: [],
};

/** Maps an error to its status by class (never by message); anything unrecognised is a 500. */
function classify(error: unknown): Problem {
  if (error instanceof NotFoundError) return { status: 404, detail: error.message, fieldErrors: [] };
  if (error instanceof ForbiddenError) return { status: 403, detail: error.message, fieldErrors: [] };
  if (error instanceof ValidationError) return { status: 400, detail: error.message, fieldErrors: error.errors };
  if (error instanceof ConflictError || error instanceof RepeatedSubmissionError) return { status: 409, detail: error.message, fieldErrors: [] };
  // A rate limit (@fastify/rate-limit, which has already set Retry-After): say what to do, in our words.
  if (isFastifyClientError(error) && error.statusCode === 429) {
    return { status: 429, detail: 'Too many requests from this address. Wait for the number of seconds in Retry-After, then try again.', fieldErrors: [] };
  }
  if (isFastifyClientError(error)) {
    return {
      status: error.statusCode,
      detail: STATUS_CODES[error.statusCode] ?? 'Bad request',
      fieldErrors: schemaFieldErrors(error.validation),
    };
  }
  return SERVER_PROBLEM;
}

interface FastifyClientError {
  statusCode: number;
  validation?: unknown;
}

/** Fastify's own refusals (bad JSON, unsupported media type, schema validation, body too large) carry a 4xx statusCode. */
function isFastifyClientError(error: unknown): error is FastifyClientError {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return false;
  const { statusCode } = error;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/** Fastify schema validation (ajv) reports instancePath '/title'; we name the field 'title'. */
function schemaFieldErrors(validation: unknown): FieldError[] {
  if (!Array.isArray(validation)) return [];
  return validation.map((entry: { instancePath?: string; message?: string; params?: { missingProperty?: string } }) => {
    const pointer = (entry.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const missing = entry.params?.missingProperty;
    const field = [pointer, missing].filter((part) => part !== undefined && part !== '').join('.');
    return { field, message: entry.message ?? 'is invalid' };
  });
}

const ERROR_TEMPLATES: Record<number, string> = {
  403: 'errors/403.njk',
  404: 'errors/404.njk',
  409: 'errors/409.njk',
  429: 'errors/429.njk',
  500: 'errors/500.njk',
};

async function sendError(request: FastifyRequest, reply: FastifyReply, problem: Problem): Promise<FastifyReply> {
  reply.code(problem.status);
  if (isApiPath(request.url)) {
    // RFC 9457 problem details. 'about:blank' until we publish pages describing our own problem
    // types (§4.2.1: its title is then the HTTP status phrase); `errors` is an extension member.
    const body = {
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      ...(problem.fieldErrors.length > 0 ? { errors: problem.fieldErrors } : {}),
    };
    return reply.type('application/problem+json').send(JSON.stringify(body));
  }

  const template = ERROR_TEMPLATES[problem.status] ?? (problem.status >= 500 ? 'errors/500.njk' : 'errors/400.njk');
  try {
    const html = await reply.viewAsync(template, {
      ...pageLocals(request),
      status: problem.status,
      detail: problem.detail,
      fieldErrors: problem.fieldErrors,
    });
    return reply.type('text/html; charset=utf-8').send(html);
  } catch (renderError) {
    // The error page itself failed: say as little as possible rather than expose the cause.
    request.log.error({ err: renderError }, 'error page failed to render');
    return reply
      .code(problem.status >= 500 ? problem.status : 500)
      .type('text/plain; charset=utf-8')
      .send(SERVER_PROBLEM.detail);
  }
}
