// Reuses a rendered public page or API document until a record it shows changes, answering a repeat from prepared bytes before Fastify sees it: rendering and per-request plumbing, not the database, are what a page costs.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { systemClock, type Clock } from '../domain/clock.ts';
import { CHANGE_LOG_KEPT, CHANGE_LOG_LOOKBACK, EVERYTHING, reaches } from '../domain/page-tags.ts';
import type { ChangeService } from '../services/change-service.ts';
import { matchesIfNoneMatch, NOT_MODIFIED_DROPPED_HEADERS } from './http-cache.ts';
import { present } from '../domain/present.ts';

export interface PageCacheOptions {
  readonly changes: Pick<ChangeService, 'token' | 'since' | 'writing' | 'onCommitted' | 'unexplained'>;
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
  /** The tags of the records the page shows (src/domain/page-tags.ts); none said, and every write lets go of it. */
  readonly shows: ReadonlySet<string> | undefined;
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
  /** Whether a page is stored for this address (asked without a host), for tests of what a write lets go of. */
  stored(url: string): boolean;
}

/** What each rendering says it shows, by request: set by routes through `pageShows`. */
const shownBy = new WeakMap<IncomingMessage, Set<string>>();

/**
 * Says which records a page shows, as tags ("meeting:12", "organisation:3", or a kind such as
 * "person" for a page that shows records of it it cannot list): a write lets go of the stored page
 * only when it changed one of them. A page that never says stays stored only until the next write.
 * Tags must cover everything the page shows, including what it shows of other records.
 */
export function pageShows(request: FastifyRequest, tags: Iterable<string | null | undefined>): void {
  const shown = shownBy.get(request.raw) ?? new Set<string>();
  for (const tag of tags) if (tag) shown.add(tag);
  shownBy.set(request.raw, shown);
}

const MAX_BODY_BYTES = 2_000_000;
/** How many recent let-gos are remembered, so that a page rendered across one of them is not kept; a rendering older than all of them is not kept. */
const RECENT_DROPS = 256;
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

/** A page as rendered, with the let-go count when its rendering began. */
type Rendered = Omit<Entry, 'storedAt'> & { readonly since: number };

/** The London day a change token names (src/services/change-service.ts): pages count days, so a new one lets go of all. */
function dayOf(token: string): string {
  return token.slice(token.lastIndexOf('|') + 1);
}

/** A rendering in progress for one key, and the requests for the same page waiting for it. */
interface Rendering {
  readonly key: string;
  /** The let-go count when it began: waiting requests join it only while no page was let go. */
  readonly seq: number;
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
  /** The change token as last caught up with: while the token differs, no stored page is answered. */
  let syncedToken: string | undefined;
  let syncing: Promise<void> | undefined;
  /** The newest change-log row read, and the rows read lately (a lower id may commit after a higher one on PostgreSQL). */
  let lastSeenId: number | undefined;
  const seenIds = new Set<number>();
  /** This process's writes committed since the change log was last read: a moved token with no new row is theirs. */
  let localCommits = 0;
  /** Let-gos so far, and the latest of them with what they reached, for renderings that began before them. */
  let seq = 0;
  const recentDrops: { readonly seq: number; readonly tags: readonly string[] }[] = [];

  /** Lets go of every stored page that shows something the write changed. */
  function drop(tags: readonly string[]): void {
    seq += 1;
    recentDrops.push({ seq, tags });
    if (recentDrops.length > RECENT_DROPS) recentDrops.shift();
    for (const [key, entry] of entries) if (reaches(tags, entry.shows)) forget(key);
  }

  function see(id: number): void {
    seenIds.add(id);
    lastSeenId = Math.max(lastSeenId ?? id, id);
  }

  // This process's own writes let go of what they changed as they commit, before their response goes.
  options.changes.onCommitted((change) => {
    localCommits += 1;
    see(change.id);
    drop(change.tags);
  });

  /**
   * Catches up with the change token: reads the change log since the last row seen and lets go of
   * the pages those writes reached. Correctness first: when it cannot tell what changed (the token
   * moved with no row to say why and none of this process's writes to explain it, a new day, a log
   * read that failed, a log pruned past where it was, or replaced by a restore) every page goes.
   */
  async function sync(token: string): Promise<void> {
    const previous = syncedToken;
    const explained = localCommits;
    localCommits = 0;
    try {
      if (previous === undefined || token.startsWith('uncounted:') || dayOf(previous) !== dayOf(token)) drop([EVERYTHING]);
      const log = await options.changes.since(lastSeenId ?? Number.MAX_SAFE_INTEGER);
      if (lastSeenId === undefined) {
        lastSeenId = log.newest;
      } else if (log.newest < lastSeenId || log.newest - lastSeenId > CHANGE_LOG_KEPT - CHANGE_LOG_LOOKBACK) {
        drop([EVERYTHING]);
        seenIds.clear();
        lastSeenId = log.newest;
      } else {
        const fresh = log.changes.filter((change) => !seenIds.has(change.id));
        if (
          fresh.length === 0 &&
          explained === 0 &&
          options.changes.writing() === 0 &&
          (previous === undefined || options.changes.unexplained(previous, token))
        )
          drop([EVERYTHING]);
        for (const change of fresh) drop(change.tags);
      }
      for (const change of log.changes) see(change.id);
      const horizon = (lastSeenId ?? 0) - CHANGE_LOG_LOOKBACK;
      for (const id of seenIds) if (id <= horizon) seenIds.delete(id);
    } catch {
      drop([EVERYTHING]);
    }
    syncedToken = token;
  }

  /** Undefined when the stored pages are current with the change token; else the catching up, begun or under way. */
  function catchingUp(): Promise<void> | undefined {
    const token = options.changes.token();
    if (token === syncedToken) return undefined;
    syncing ??= sync(token).finally(() => {
      syncing = undefined;
    });
    return syncing;
  }

  /** Whether a page rendered from let-go count `since` may be kept: no let-go since reached what it shows. */
  function untouchedSince(since: number, shows: ReadonlySet<string> | undefined): boolean {
    if (since === seq) return true;
    const oldest = recentDrops[0];
    if (oldest === undefined || oldest.seq > since + 1) return false;
    return !recentDrops.some((d) => d.seq > since && reaches(d.tags, shows));
  }

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

  /** The stored page for this key: nothing it shows was written since it was rendered (it may be older than maxAgeMs). */
  function unchanged(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
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
    if (catchingUp() !== undefined) return false;
    const entry = unchanged(keyOf(request.headers, url));
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
  function dispatch(request: IncomingMessage, response: ServerResponse, waited = false): void {
    const handler = present(fastify, 'the Fastify handler');
    const url = request.url ?? '/';
    if (closing || !cacheable(request.method, request.headers, url)) return handler(request, response);
    // Once caught up with the writes seen so far; should more come meanwhile, the page is rendered.
    const pending = catchingUp();
    if (pending !== undefined) {
      if (!waited) {
        void pending.then(() => dispatch(request, response, true));
        return;
      }
      return handler(request, response);
    }
    const key = keyOf(request.headers, url);
    const entry = unchanged(key);
    if (entry !== undefined && isFresh(entry)) return answer(request, response, entry);
    const rendering = renderings.get(key);
    if (rendering !== undefined && rendering.seq === seq) {
      if (entry !== undefined) return answer(request, response, entry);
      rendering.waiting.push([request, response]);
      return;
    }
    if ((unkept.get(key) ?? 0) > now()) return handler(request, response);
    const lead: Rendering = { key, seq, waiting: [] };
    renderings.set(key, lead);
    leading.set(request, lead);
    // Should Fastify's onResponse not report (the visitor went away), the waiting are let go anyway.
    response.once('close', () => setImmediate(() => settle(lead, { keepable: true })));
    handler(request, response);
  }

  /**
   * Lets the waiting go. They came before any let-go since the rendering began, so the page as rendered is what each would have rendered; without one they are
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
    const seqAtStart = new WeakMap<object, number>();
    const rendered = new WeakMap<object, Rendered>();

    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });

    // The same answer for requests that reach Fastify without the server in front (inject, or a
    // server not made by serverFactory).
    app.addHook('onRequest', async (request, reply) => {
      if (!cacheable(request.method, request.headers, request.url)) return;
      if (!leading.has(request.raw)) {
        await catchingUp();
        if (serve(request.raw, reply.raw)) {
          reply.hijack();
          return;
        }
      }
      seqAtStart.set(request, seq);
    });

    // After http-cache.ts's onSend (registered first), so the ETag and Cache-Control are set.
    app.addHook('onSend', async (request, reply, payload) => {
      const since = seqAtStart.get(request);
      if (since === undefined || reply.statusCode !== 200) return payload;
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
      rendered.set(request, { since, shows: shownBy.get(request.raw), body, etag, headers, notModifiedHeaders });
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

  function store(request: IncomingMessage, url: string, rendered: Rendered | undefined, status: number, setCookie: boolean): Outcome {
    // A 304 to the one who rendered it says nothing about whether the page can be kept.
    if (status === 304) return { keepable: true };
    if (rendered === undefined || status !== 200 || setCookie) return { keepable: false };
    const { since, ...kept } = rendered;
    const page: Entry = { ...kept, storedAt: now() };
    // Kept only when caught up with every write seen (a write still open lets go of it as it
    // commits) and none let go of what it shows while it was rendered.
    if (options.changes.token() === syncedToken && untouchedSince(since, page.shows)) keep(keyOf(request.headers, url), page);
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

  function stored(url: string): boolean {
    return [...entries.keys()].some((key) => key.endsWith(` ${url}`));
  }

  return { serve, install, serverFactory, stored };
}
