// The success banner after a save: the redirect carries what was saved in a short-lived signed cookie, shown once on the page it leads to.
//
// GOV.UK Design System, Notification banner: "use a success banner to tell the user about the
// outcome of something they've just done", on the page they land on after the action, with
// role="alert" so that screen readers announce it. The message is signed with the signed-in
// user's session token, which only their browser and the server hold: every process serving the
// site (and a restarted one) can check it with no shared key to configure, and no one can plant a
// banner, neither a stranger nor another officer tossing a cookie made for their own session (as
// session.ts binds each CSRF token to its session).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const FLASH_COOKIE = 'scrutineer_saved';
const MAX_MESSAGE = 300;

function sign(sessionToken: string, message: string): string {
  // The cookie's name is mixed in so that this MAC is never one the session token makes for anything else.
  return createHmac('sha256', sessionToken).update(`${FLASH_COOKIE}\n${message}`).digest('base64url');
}

/** The cookie's value for the session with this token: the message and its signature. */
export function flashValue(sessionToken: string, message: string): string {
  const text = message.slice(0, MAX_MESSAGE);
  return `${Buffer.from(text).toString('base64url')}.${sign(sessionToken, text)}`;
}

/** The message of a cookie value, or null when it was not made here for this session. */
export function readFlash(sessionToken: string, value: string | undefined): string | null {
  if (!value) return null;
  const [encoded = '', signature = ''] = value.split('.');
  const message = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(sessionToken, message));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? message : null;
}

/** Options the cookie is set with: for this site, HTTP only, and gone a minute later if never shown. */
export type FlashCookieOptions = { path: string; httpOnly: boolean; sameSite: 'lax'; secure?: boolean; maxAge?: number };

/** Redirects (303, Post/Redirect/Get) after a save, with `message` ("Recommendation 2 saved") for the page it leads to. */
export function redirectSaved(reply: FastifyReply, options: FlashCookieOptions, url: string, message: string) {
  // A save is made in a session; without one (never, behind requireRole) there is no one to tell.
  const sessionToken = reply.request.sessionToken;
  if (sessionToken !== null) reply.setCookie(FLASH_COOKIE, flashValue(sessionToken, message), { ...options, maxAge: 60 });
  return reply.redirect(url, 303);
}

/** Takes the banner's message off the request (once: the cookie is cleared) for the page's `flash`. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply, options: FlashCookieOptions): string | null {
  const value = request.cookies[FLASH_COOKIE];
  if (value === undefined || request.method !== 'GET') return null;
  reply.clearCookie(FLASH_COOKIE, options);
  return request.sessionToken === null ? null : readFlash(request.sessionToken, value);
}
