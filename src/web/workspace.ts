// The officer workspace's plumbing: cookies, the session of the signed-in user, CSRF tokens, sign-in rate limiting and role checks.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Actor, Role } from '../domain/roles.ts';
import { ROLE_LABELS } from '../domain/roles.ts';
import { hashToken } from '../services/auth-service.ts';
import type { Services } from '../services/index.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { ForbiddenError } from '../services/errors.ts';
import { cookieSecure, parseCookieSecure } from './cookie-policy.ts';
import { ASSETS_PREFIX, STATIC_PREFIX, paths } from './paths.ts';
import { accountRoutes } from './routes/admin/account-routes.ts';
import { auditRoutes } from './routes/admin/audit-routes.ts';
import { scrutinyRoutes } from './routes/admin/scrutiny-routes.ts';
import { reviewLifecycleRoutes } from './routes/admin/review-lifecycle-routes.ts';
import { responseImportRoutes } from './routes/admin/response-import-routes.ts';
import { meetingWorkspaceRoutes } from './routes/admin/meeting-routes.ts';
import { exemptRoutes } from './routes/admin/exempt-routes.ts';
import { organisationRoutes } from './routes/admin/organisation-routes.ts';
import { followRoutes } from './routes/public/follow-routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for the public. Set for every page request. */
    actor: Actor | null;
    /** The session cookie's token, when it names a live session. */
    sessionToken: string | null;
  }
}

export const SESSION_COOKIE = 'scrutineer_session';
export const CSRF_COOKIE = 'scrutineer_csrf';

export interface WorkspaceOptions {
  readonly services: Services;
  /** COOKIE_SECURE as given (true/false); undefined lets the rule in cookie-policy.ts decide per request. */
  readonly cookieSecure?: boolean;
  /** Sign-in attempts allowed per client address per minute (default 10). */
  readonly signInRateLimit?: number;
  /** The site's public address for links in emails, from configuration; without it following by email is off. */
  readonly mail?: NotificationSettings;
}

export interface WorkspaceRouteDeps {
  readonly services: Services;
  readonly cookies: CookieSettings;
  readonly signInRateLimit: number;
  readonly mail?: NotificationSettings;
}

export interface CookieSettings {
  /** Options for a cookie set on this request's response. */
  options(request: FastifyRequest, maxAgeSeconds?: number): { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean; maxAge?: number };
}

/**
 * The key of the HMAC that mixes the session into each CSRF token. It need not be secret: what an
 * attacker lacks is the session's token, whose hash is the mixed-in value; a fixed key keeps forms
 * valid across restarts and between processes serving one site.
 */
const CSRF_HMAC_KEY = 'scrutineer csrf session binding';

/** What a CSRF token is bound to: the session's token hash, or the public (no session). */
function csrfBinding(request: FastifyRequest): string {
  return request.sessionToken ? `session:${hashToken(request.sessionToken)}` : 'public';
}

function isAssetPath(url: string): boolean {
  return url.startsWith(`${ASSETS_PREFIX}/`) || url.startsWith(`${STATIC_PREFIX}/`);
}

/** Registers cookies, CSRF, rate limiting, the session hook and the workspace's routes on the app. */
export async function installWorkspace(app: FastifyInstance, options: WorkspaceOptions): Promise<void> {
  const { services } = options;
  const setting = options.cookieSecure ?? parseCookieSecure(process.env.COOKIE_SECURE);
  const nodeEnv = process.env.NODE_ENV;
  const cookies: CookieSettings = {
    options: (request, maxAgeSeconds) => ({
      path: '/',
      httpOnly: true,
      // SameSite=Lax: the cookie goes with a link followed from elsewhere (so a signed-in officer
      // arriving from an email stays signed in) but not with another site's form POST.
      sameSite: 'lax',
      secure: cookieSecure(setting, nodeEnv, request),
      ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    }),
  };

  await app.register(fastifyCookie);
  // Double-submit CSRF: a random secret in an HTTP-only cookie, and a token derived from it in a
  // hidden `_csrf` field of every form. A double-submit cookie alone can be planted by whoever can
  // set a cookie for the site, so each token is also bound to the session it was made for (OWASP
  // CSRF Prevention Cheat Sheet, "Signed Double-Submit Cookie"): a pair made for the public, or for
  // another session, is refused. The secret cookie is also replaced at sign-in and sign-out.
  await app.register(fastifyCsrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax' },
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: CSRF_HMAC_KEY },
  });
  await app.register(fastifyRateLimit, { global: false });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    if (isAssetPath(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await services.auth.actorForToken(token) : null;
    request.actor = actor;
    request.sessionToken = actor ? token ?? null : null;
    reply.locals = {
      ...reply.locals,
      currentUser: actor ? { name: actor.name, role: actor.role, roleLabel: ROLE_LABELS[actor.role] } : null,
    };
  });

  const deps: WorkspaceRouteDeps = { services, cookies, signInRateLimit: options.signInRateLimit ?? 10, ...(options.mail ? { mail: options.mail } : {}) };
  await app.register(accountRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(scrutinyRoutes, deps);
  await app.register(reviewLifecycleRoutes, deps);
  await app.register(responseImportRoutes, deps);
  await app.register(meetingWorkspaceRoutes, deps);
  await app.register(exemptRoutes, deps);
  await app.register(organisationRoutes, deps);
  await app.register(followRoutes, deps);
}

/**
 * preHandler for workspace routes: the public is sent to sign in (303, returning here after);
 * a signed-in user without one of the roles gets 403. Checked on the server for every request.
 */
export function requireRole(...roles: readonly Role[]): preHandlerAsyncHookHandler {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply) {
    if (!request.actor) {
      const next = request.method === 'GET' ? request.url : undefined;
      return reply.redirect(paths.signIn(next), 303);
    }
    if (!roles.includes(request.actor.role)) {
      throw new ForbiddenError('Your account does not allow you to use this page');
    }
  };
}

/** The signed-in actor of a request that passed requireRole. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ForbiddenError('Sign in to use this page');
  return request.actor;
}

/** A CSRF token for the page's forms (sets the secret cookie when the visitor has none yet). */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, cookies: CookieSettings): string {
  // The token is tied to this visitor's cookie, so the page is theirs alone (RFC 9111 §5.2.2.5):
  // the cookie is only added after the caching hooks have run, so they cannot see it to decide.
  reply.header('cache-control', 'private, no-store');
  return reply.generateCsrf({ ...cookies.options(request), userInfo: csrfBinding(request) });
}
