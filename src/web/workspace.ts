// The officer workspace's plumbing: cookies, the session of the signed-in user, CSRF tokens and sign-in rate limiting.
import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import { ROLE_LABELS } from '../domain/roles.ts';
import type { Services } from '../services/index.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { cookieSecure } from './cookie-policy.ts';
import { ASSETS_PREFIX, STATIC_PREFIX } from './paths.ts';
import { CSRF_COOKIE, CSRF_HMAC_KEY, csrfBinding, SESSION_COOKIE, type CookieSettings, type WorkspaceRouteDeps } from './session.ts';
import { takeFlash } from './flash.ts';

/** The hidden field of every workspace form that carries its one-time submission key. */
export const SUBMISSION_FIELD = '_submission';

export interface WorkspaceOptions {
  readonly services: Services;
  /** COOKIE_SECURE as given (true/false); undefined lets the rule in cookie-policy.ts decide per request. */
  readonly cookieSecure?: boolean;
  /** NODE_ENV: `development` leaves the Secure attribute off (cookie-policy.ts). */
  readonly nodeEnv?: string;
  /** Sign-in attempts allowed per client address per minute (default 10). */
  readonly signInRateLimit?: number;
  /** The site's public address for links in emails, from configuration; without it following by email is off. */
  readonly mail?: NotificationSettings;
}

function isAssetPath(url: string): boolean {
  return url.startsWith(`${ASSETS_PREFIX}/`) || url.startsWith(`${STATIC_PREFIX}/`);
}

/**
 * Registers cookies, CSRF, rate limiting and the session hook on the app, and returns what the
 * workspace's routes need (app.ts registers them: the routes use session.ts, never this file).
 */
export async function installWorkspace(app: FastifyInstance, options: WorkspaceOptions): Promise<WorkspaceRouteDeps> {
  const { services } = options;
  const setting = options.cookieSecure;
  const nodeEnv = options.nodeEnv;
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

  // Every form carries a one-time submission key (form-macros.njk, beside the CSRF token). A POST is
  // handled with room for its key, so the first write of the request uses it in the write's own
  // transaction (src/services/unit-of-work.ts) and a repeat of the same form writes nothing.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method !== 'POST') {
      done();
      return;
    }
    services.submissions.run(() => done());
  });
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method === 'POST' && typeof request.body === 'object' && request.body !== null) {
      services.submissions.receive((request.body as Record<string, unknown>)[SUBMISSION_FIELD]);
    }
    done();
  });
  // Where the first submission led, so that a repeat of it is sent there too.
  app.addHook('onSend', async (_request, reply, payload) => {
    const key = services.submissions.usedKey();
    const location = reply.getHeader('location');
    if (key !== null && reply.statusCode === 303 && typeof location === 'string') await services.submissions.remember(key, location);
    return payload;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isAssetPath(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await services.auth.actorForToken(token) : null;
    request.actor = actor;
    request.sessionToken = actor ? (token ?? null) : null;
    reply.locals = {
      ...reply.locals,
      currentUser: actor
        ? { name: actor.name, role: actor.role, roleLabel: ROLE_LABELS[actor.role], mustChangePassword: actor.mustChangePassword === true }
        : null,
    };
    // The success banner of the save that led here, shown once (flash.ts).
    const flash = actor && request.url.startsWith('/admin') ? takeFlash(request, reply, cookies.options(request)) : null;
    if (flash !== null) reply.locals = { ...reply.locals, flash };
  });

  return {
    services,
    cookies,
    signInRateLimit: options.signInRateLimit ?? 10,
    ...(options.mail ? { mail: options.mail } : {}),
  };
}
