// The signed-in user's session as routes see it: cookie names, cookie settings, role checks and CSRF tokens for forms.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Actor, Role } from '../domain/roles.ts';
import type { Services } from '../services/index.ts';
import { hashToken } from '../services/auth-service.ts';
import { ForbiddenError } from '../services/errors.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { paths } from './paths.ts';

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

/**
 * The key of the HMAC that mixes the session into each CSRF token. It need not be secret: what an
 * attacker lacks is the session's token, whose hash is the mixed-in value; a fixed key keeps forms
 * valid across restarts and between processes serving one site.
 */
export const CSRF_HMAC_KEY = 'scrutineer csrf session binding';

/** What a CSRF token is bound to: the session's token hash, or the public (no session). */
export function csrfBinding(request: FastifyRequest): string {
  return request.sessionToken ? `session:${hashToken(request.sessionToken)}` : 'public';
}

export interface WorkspaceRouteDeps {
  readonly services: Services;
  readonly cookies: CookieSettings;
  readonly signInRateLimit: number;
  /** The site's public address for links in emails, from configuration; without it following by email is off. */
  readonly mail?: NotificationSettings;
}

export interface CookieSettings {
  /** Options for a cookie set on this request's response. */
  options(request: FastifyRequest, maxAgeSeconds?: number): { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean; maxAge?: number };
}

/**
 * preHandler for workspace routes: the public is sent to sign in (303, returning here after);
 * a signed-in user without one of the roles gets 403, and one holding a temporary password is sent
 * to choose their own. Checked on the server for every request.
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
    // A password an administrator chose is known to two people: its holder replaces it before anything else.
    if (request.actor.mustChangePassword && request.routeOptions.url !== paths.admin.password.pattern) {
      return reply.redirect(paths.admin.password(), 303);
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
