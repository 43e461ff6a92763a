// HTTP caching of public pages and API documents: ETag, Cache-Control and 304 Not Modified (RFC 9110 §8.8.3, §13.1.2; RFC 9111 §5.2).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How long a browser or a shared cache may reuse a public page without asking again. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/**
 * The session cookie of a signed-in user starts with this. Pages for a signed-in user may show what
 * the public must not see (drafts, exempt items), so they are never stored by anyone.
 */
export const SESSION_COOKIE_PREFIX = 'scrutineer_session';

/** Response types worth validating: pages, API documents, feeds, calendars and CSV. */
const CACHEABLE_TYPES = /^(text\/html|application\/json|application\/[a-z.+-]*\+json|application\/atom\+xml|application\/rss\+xml|text\/calendar|text\/csv)\b/i;

/** Headers of a 200 that its 304 leaves out: they describe the content a 304 does not carry. */
export const NOT_MODIFIED_DROPPED_HEADERS: readonly string[] = ['content-type', 'content-length', 'content-disposition'];

const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_PREFIX}[^=]*=`);

export function hasSessionCookie(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  return typeof cookie === 'string' && SESSION_COOKIE.test(cookie);
}

/**
 * Adds the caching headers in an onSend hook, after the page is rendered, so that every route gets
 * them without doing anything. A route that sets its own Cache-Control (assets, /healthz, a
 * download) keeps it.
 */
export function installHttpCache(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    if (reply.statusCode !== 200) return payload;
    if (reply.hasHeader('cache-control')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!CACHEABLE_TYPES.test(type)) return payload;

    // The response differs for a signed-in user, so a shared cache must key on the cookie.
    reply.header('vary', appendVary(reply.getHeader('vary'), 'Cookie'));
    if (hasSessionCookie(request) || reply.hasHeader('set-cookie')) {
      // RFC 9111 §5.2.2.5: no-store, so that a signed-in user's page is kept by no cache at all.
      reply.header('cache-control', 'private, no-store');
      return payload;
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;

    const etag = entityTag(payload);
    reply.header('etag', etag);
    reply.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      // RFC 9110 §15.4.5: a 304 carries no content, and no representation metadata beyond what
      // updates the stored response (its other headers replace the stored ones, RFC 9111 §4.3.4).
      for (const name of NOT_MODIFIED_DROPPED_HEADERS) reply.removeHeader(name);
      reply.code(304);
      return '';
    }
    return payload;
  });
}

/**
 * A weak tag (RFC 9110 §8.8.3) from the bytes: a page carries nothing made per request (no CSP
 * nonce, see GOVUK_INLINE_SCRIPT_HASH), so unchanged content keeps its tag across renderings.
 */
function entityTag(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; '*' matches any current representation. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

function appendVary(existing: unknown, field: string): string {
  const current = typeof existing === 'string' ? existing : Array.isArray(existing) ? existing.join(', ') : '';
  const fields = current
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.some((f) => f === '*' || f.toLowerCase() === field.toLowerCase())) return current;
  return [...fields, field].join(', ');
}
