// The success banner after a save: the redirect carries what was saved in a short-lived signed cookie, shown once on the page it leads to.
//
// GOV.UK Design System, Notification banner: "use a success banner to tell the user about the
// outcome of something they've just done", on the page they land on after the action, with
// role="alert" so that screen readers announce it. The message is signed with a key that lives
// as long as the process (the cookie lives only for the redirect), so no one can plant a banner.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const FLASH_COOKIE = 'scrutineer_saved';
let key: Buffer = randomBytes(32);
const MAX_MESSAGE = 300;

/** Signs with `shared` instead: the key of every process serving the site (`serve --workers N`), where the redirect may land on another process. */
export function shareFlashKey(shared: Buffer): void {
  key = shared;
}

function sign(message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

/** The cookie's value: the message and its signature. */
export function flashValue(message: string): string {
  const text = message.slice(0, MAX_MESSAGE);
  return `${Buffer.from(text).toString('base64url')}.${sign(text)}`;
}

/** The message of a cookie value, or null when it was not made here. */
export function readFlash(value: string | undefined): string | null {
  if (!value) return null;
  const [encoded = '', signature = ''] = value.split('.');
  const message = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(message));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? message : null;
}

/** Options the cookie is set with: for this site, HTTP only, and gone a minute later if never shown. */
export type FlashCookieOptions = { path: string; httpOnly: boolean; sameSite: 'lax'; secure?: boolean; maxAge?: number };

/** Redirects (303, Post/Redirect/Get) after a save, with `message` ("Recommendation 2 saved") for the page it leads to. */
export function redirectSaved(reply: FastifyReply, options: FlashCookieOptions, url: string, message: string) {
  reply.setCookie(FLASH_COOKIE, flashValue(message), { ...options, maxAge: 60 });
  return reply.redirect(url, 303);
}

/** Takes the banner's message off the request (once: the cookie is cleared) for the page's `flash`. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply, options: FlashCookieOptions): string | null {
  const value = request.cookies[FLASH_COOKIE];
  if (value === undefined || request.method !== 'GET') return null;
  reply.clearCookie(FLASH_COOKIE, options);
  return readFlash(value);
}
