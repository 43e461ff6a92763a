// Reuses a rendered public page or API document until the record changes, answering a repeat from prepared bytes before Fastify sees it: rendering and per-request plumbing, not the database, are what a page costs.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { ChangeService } from '../services/change-service.ts';
import { matchesIfNoneMatch, NOT_MODIFIED_DROPPED_HEADERS } from './http-cache.ts';
import { present } from '../domain/present.ts';

export interface PageCacheOptions {
  readonly changes: ChangeService;
  /** The services' clock: how old a page is, and how long ago the last write was (tests move it rather than wait). */
  readonly clock?: Clock;
  /** Most pages kept (least recently used go first). */
  readonly maxEntries?: number;
  /** Most bytes of stored bodies (least recently used go first). */
  readonly maxBytes?: number;
  /**
   * Longest a page is reused even when no change was seen. Writes by any client and the turn of
   * the London date change the token, so this only bounds what the token cannot see; after it,
   * the stored page is still answered while one request renders it again.
   */
  readonly maxAgeMs?: number;
}

interface Entry {
  readonly token: string;
  readonly storedAt: number;
  readonly body: Buffer;
  readonly etag: string;
  /** Every header of the 200 the page was rendered with (security headers included), Content-Length set. */
  readonly headers: OutgoingHttpHeaders;
  /** The headers of a 304 for it, as http-cache.ts sends them. */
  readonly notModifiedHeaders: OutgoingHttpHeaders;
}

export interface PageCache {
  /**
   * Answers an anonymous GET or HEAD from a stored page that is still current, and says whether it
   * did; otherwise the request is left untouched for Fastify.
   */
  serve(request: IncomingMessage, response: ServerResponse): boolean;
  /** Keeps the pages Fastify renders (for cacheable requests) and serves stored ones from an onRequest hook. */
  install(app: FastifyInstance): void;
  /**
   * For Fastify's `serverFactory`: the HTTP server that offers each request to `serve` first, so a
   * stored page costs no routing, hooks or reply object. Set up as Fastify sets up its own server.
   */
  serverFactory: (handler: (request: IncomingMessage, response: ServerResponse) => void, options: FastifyServerOptions) => Server;
}

const MAX_BODY_BYTES = 2_000_000;
/** A write's transaction may still be open this long after its last statement: nothing rendered then is kept. */
const SETTLE_MS = 1000;
/** How long a page whose rendering could not be kept is rendered separately for each request. */
const UNKEPT_MS = 10_000;
/** Headers of a rendered response that belong to that one response and are never replayed. */
const NOT_KEPT_HEADERS = new Set(['content-length', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

const NEVER_CACHED = /^\/(healthz|readyz|admin|sign-in|sign-out|account|static|assets|follow|unsubscribe)(\/|$|\?)/;

/**
 * Only for visitors who send no cookie and no credentials: a page may carry something made for the
 * one who asked (a CSRF token tied to their cookie, a signed-in view with the workspace bar), and
 * such a page must never reach anyone else.
 */
function cacheable(method: string | undefined, headers: IncomingHttpHeaders, url: string): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    headers.cookie === undefined &&
    headers.authorization === undefined &&
    // A route that answers If-Modified-Since itself (the API) keeps doing so.
    headers['if-modified-since'] === undefined &&
    // A byte range of a file (a meeting pack) is answered by its route, not with the whole stored body.
    headers.range === undefined &&
    !NEVER_CACHED.test(url)
  );
}

/**
 * Pages embed the address they were asked at (feeds' ids, absolute links), so the host is part of
 * the key; behind a proxy trusted with TRUST_PROXY that address comes from X-Forwarded-Host and
 * -Proto, which a client can send through the proxy, so they are part of it too (else one visitor's
 * forged host would be kept and shown to everyone).
 */
function keyOf(headers: IncomingHttpHeaders, url: string): string {
  return [headers.host, headers['x-forwarded-host'], headers['x-forwarded-proto'], url].map((part) => String(part ?? '')).join(' ');
}

/**
 * How a rendering ended: the page as rendered (kept, or not when a write came during it), or none
 * because the response is not one to keep (an error, private, too big) or not known (a 304).
 */
interface Outcome {
  readonly page?: Entry;
  readonly keepable: boolean;
}

/** A rendering in progress for one key, and the requests for the same page waiting for it. */
interface Rendering {
  readonly key: string;
  readonly token: string;
  readonly waiting: [IncomingMessage, ServerResponse][];
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 300_000;
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now().getTime();
  const entries = new Map<string, Entry>();
  let storedBytes = 0;
  /** Renderings under way, for requests that came through serverFactory's server. */
  const renderings = new Map<string, Rendering>();
  const leading = new WeakMap<IncomingMessage, Rendering>();
  /** Pages whose last rendering could not be kept (an error, a private or oversized response), until when: not coalesced. */
  const unkept = new Map<string, number>();
  let fastify: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  let closing = false;

  function forget(key: string): void {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    storedBytes -= entry.body.length;
  }

  function keep(key: string, entry: Entry): void {
    forget(key);
    entries.set(key, entry);
    storedBytes += entry.body.length;
    while (entries.size > maxEntries || storedBytes > maxBytes) forget(present(entries.keys().next().value, 'the oldest entry'));
  }

  /** The stored page for this key if nothing was written since it was rendered (it may be older than maxAgeMs). */
  function unchanged(key: string, token: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined || entry.token !== token) return undefined;
    // Most recently used last, so that the oldest is the first to go.
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  }

  function isFresh(entry: Entry): boolean {
    return now() - entry.storedAt < maxAgeMs;
  }

  function answer(request: IncomingMessage, response: ServerResponse, entry: Entry): void {
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
      response.writeHead(304, entry.notModifiedHeaders);
      response.end();
      return;
    }
    response.writeHead(200, entry.headers);
    if (request.method === 'HEAD') response.end();
    else response.end(entry.body);
  }

  function serve(request: IncomingMessage, response: ServerResponse): boolean {
    // While stopping, Fastify answers (503 on a kept-alive connection) so that clients go elsewhere.
    if (closing) return false;
    const url = request.url ?? '/';
    if (!cacheable(request.method, request.headers, url)) return false;
    const entry = unchanged(keyOf(request.headers, url), options.changes.token());
    if (entry === undefined || !isFresh(entry)) return false;
    answer(request, response, entry);
    return true;
  }

  /**
   * The server's way in: a stored page is answered at once; a page being rendered for another
   * visitor is waited for rather than rendered again by each of them (on a busy page, every
   * request that arrives while it renders after a write would otherwise render it too); a stored
   * page past maxAgeMs with no write seen since is answered while one request renders it afresh.
   */
  function dispatch(request: IncomingMessage, response: ServerResponse): void {
    const handler = present(fastify, 'the Fastify handler');
    const url = request.url ?? '/';
    if (closing || !cacheable(request.method, request.headers, url)) return handler(request, response);
    const key = keyOf(request.headers, url);
    const token = options.changes.token();
    const entry = unchanged(key, token);
    if (entry !== undefined && isFresh(entry)) return answer(request, response, entry);
    const rendering = renderings.get(key);
    if (rendering !== undefined && rendering.token === token) {
      if (entry !== undefined) return answer(request, response, entry);
      rendering.waiting.push([request, response]);
      return;
    }
    if ((unkept.get(key) ?? 0) > now()) return handler(request, response);
    const lead: Rendering = { key, token, waiting: [] };
    renderings.set(key, lead);
    leading.set(request, lead);
    // Should Fastify's onResponse not report (the visitor went away), the waiting are let go anyway.
    response.once('close', () => setImmediate(() => settle(lead, { keepable: true })));
    handler(request, response);
  }

  /**
   * Lets the waiting go. They came before any write since the rendering began (their token was
   * its token), so the page as rendered is what each would have rendered; without one they are
   * dispatched again, or all handed to Fastify when the page is not one to keep.
   */
  function settle(rendering: Rendering, outcome: Outcome): void {
    if (renderings.get(rendering.key) !== rendering) return;
    renderings.delete(rendering.key);
    unkept.delete(rendering.key);
    if (!outcome.keepable) {
      unkept.set(rendering.key, now() + UNKEPT_MS);
      // Bounded like the pages: addresses that are not found must not grow it without end.
      while (unkept.size > maxEntries) unkept.delete(present(unkept.keys().next().value, 'the oldest entry'));
    }
    for (const [request, response] of rendering.waiting) {
      if (outcome.page !== undefined) answer(request, response, outcome.page);
      else if (outcome.keepable) dispatch(request, response);
      else present(fastify, 'the Fastify handler')(request, response);
    }
  }

  function install(app: FastifyInstance): void {
    const tokenAtStart = new WeakMap<object, string>();
    const rendered = new WeakMap<object, Omit<Entry, 'storedAt'>>();

    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });

    // The same answer for requests that reach Fastify without the server in front (inject, or a
    // server not made by serverFactory).
    app.addHook('onRequest', async (request, reply) => {
      if (!cacheable(request.method, request.headers, request.url)) return;
      const token = options.changes.token();
      if (!leading.has(request.raw) && serve(request.raw, reply.raw)) {
        reply.hijack();
        return;
      }
      tokenAtStart.set(request, token);
    });

    // After http-cache.ts's onSend (registered first), so the ETag and Cache-Control are set.
    app.addHook('onSend', async (request, reply, payload) => {
      const token = tokenAtStart.get(request);
      if (token === undefined || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const etag = reply.getHeader('etag');
      const cacheControl = String(reply.getHeader('cache-control') ?? '');
      if (typeof etag !== 'string' || !/\bpublic\b/.test(cacheControl) || /no-store|private/.test(cacheControl)) return payload;
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      if (body.length > MAX_BODY_BYTES) return payload;
      const headers: OutgoingHttpHeaders = {};
      const notModifiedHeaders: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value === undefined || NOT_KEPT_HEADERS.has(name)) continue;
        headers[name] = value;
        if (!NOT_MODIFIED_DROPPED_HEADERS.includes(name)) notModifiedHeaders[name] = value;
      }
      headers['content-length'] = String(body.length);
      rendered.set(request, { token, body, etag, headers, notModifiedHeaders });
      return body;
    });

    // Kept once sent: only now are cookies set by plugins whose onSend hooks ran after ours visible,
    // and a response that set one was made for this visitor alone.
    app.addHook('onResponse', async (request, reply) => {
      const outcome = store(request.raw, request.url, rendered.get(request), reply.statusCode, reply.hasHeader('set-cookie'));
      const rendering = leading.get(request.raw);
      if (rendering !== undefined) settle(rendering, outcome);
    });
  }

  function store(request: IncomingMessage, url: string, rendered: Omit<Entry, 'storedAt'> | undefined, status: number, setCookie: boolean): Outcome {
    // A 304 to the one who rendered it says nothing about whether the page can be kept.
    if (status === 304) return { keepable: true };
    if (rendered === undefined || status !== 200 || setCookie) return { keepable: false };
    const page: Entry = { ...rendered, storedAt: now() };
    // Kept only when nothing changed while it was rendered, and no write is still settling.
    if (options.changes.token() === page.token && now() - options.changes.lastChangeAt() >= SETTLE_MS) keep(keyOf(request.headers, url), page);
    return { page, keepable: true };
  }

  function serverFactory(handler: (request: IncomingMessage, response: ServerResponse) => void, settings: FastifyServerOptions): Server {
    fastify = handler;
    const server = createServer(dispatch);
    // As Fastify configures the server it makes itself (fastify/lib/server.js getServerInstance).
    if (settings.keepAliveTimeout !== undefined) server.keepAliveTimeout = settings.keepAliveTimeout;
    if (settings.requestTimeout !== undefined) server.requestTimeout = settings.requestTimeout;
    if (settings.connectionTimeout !== undefined) server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket !== undefined && settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  }

  return { serve, install, serverFactory };
}
