// Reuses a rendered public page or API document until the record changes: rendering, not the database, is what a page costs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeService } from '../services/change-service.ts';

export interface PageCacheOptions {
  readonly changes: ChangeService;
  /** Most pages kept (least recently used go first). */
  readonly maxEntries?: number;
  /**
   * Longest a page is reused even when no change was seen: writes by another server on the same
   * PostgreSQL database are not seen, so they show within this time (as Cache-Control already
   * allows browsers PUBLIC_MAX_AGE_SECONDS).
   */
  readonly maxAgeMs?: number;
}

interface Entry {
  readonly token: string;
  readonly storedAt: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** The per-request CSP nonce stands in the stored copy as these, and is filled in afresh on every reuse. */
const SCRIPT_NONCE = '\u0000script-nonce\u0000';
const STYLE_NONCE = '\u0000style-nonce\u0000';
const MAX_BODY_CHARS = 2_000_000;
/** Headers the route set that belong to the content (kept with it); security headers are set per request by helmet. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'last-modified', 'link', 'access-control-allow-origin', 'access-control-expose-headers'];
/** A write's transaction may still be open this long after its last statement: nothing rendered then is kept. */
const SETTLE_MS = 1000;

const NEVER_CACHED = /^\/(healthz|readyz|admin|sign-in|sign-out|account|static|assets)(\/|$|\?)/;

/**
 * Only for visitors who send no cookie and no credentials: a page may carry something made for the
 * one who asked (a CSRF token tied to their cookie, a signed-in view), and such a page must never
 * reach anyone else.
 */
function cacheable(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD')
    && request.headers.cookie === undefined && request.headers.authorization === undefined
    // A route that answers If-Modified-Since itself (the API) keeps doing so.
    && request.headers['if-modified-since'] === undefined
    && !NEVER_CACHED.test(request.url);
}

export function installPageCache(app: FastifyInstance, options: PageCacheOptions): void {
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const entries = new Map<string, Entry>();
  const tokenAtStart = new WeakMap<FastifyRequest, string>();
  const served = new WeakSet<FastifyRequest>();

  // Runs after helmet's onRequest hook, so the request already has its own nonce.
  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const token = options.changes.token();
    const key = request.url;
    const entry = entries.get(key);
    if (entry && entry.token === token && Date.now() - entry.storedAt < maxAgeMs) {
      // Most recently used last, so that the oldest is the first to go.
      entries.delete(key);
      entries.set(key, entry);
      served.add(request);
      for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
      return reply.code(200).send(withNonces(entry.body, reply));
    }
    tokenAtStart.set(request, token);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const token = tokenAtStart.get(request);
    if (token === undefined || served.has(request)) return payload;
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie') || typeof payload !== 'string' || payload.length > MAX_BODY_CHARS) return payload;
    const cacheControl = String(reply.getHeader('cache-control') ?? '');
    if (/no-store|private/.test(cacheControl)) return payload;
    // Kept only when nothing changed while it was rendered, and no write is still settling.
    if (options.changes.token() !== token || Date.now() - options.changes.lastChangeAt() < SETTLE_MS) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    entries.set(request.url, { token, storedAt: Date.now(), body: withoutNonces(payload, reply), headers });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return payload;
  });
}

function withoutNonces(body: string, reply: FastifyReply): string {
  let text = body;
  if (reply.cspNonce?.script) text = text.replaceAll(reply.cspNonce.script, SCRIPT_NONCE);
  if (reply.cspNonce?.style) text = text.replaceAll(reply.cspNonce.style, STYLE_NONCE);
  return text;
}

function withNonces(body: string, reply: FastifyReply): string {
  return body.replaceAll(SCRIPT_NONCE, reply.cspNonce?.script ?? '').replaceAll(STYLE_NONCE, reply.cspNonce?.style ?? '');
}
