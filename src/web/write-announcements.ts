// For a site served by several processes (`scrutineer serve --workers N`): a request that wrote is answered only once the other processes know, so none of them answers a page stored before the write.
import type { FastifyInstance } from 'fastify';

export interface WriteAnnouncer {
  /** How many statements that may have written this process has run: it moves while a request writes. */
  writes(): number;
  /** Tells the other processes that the record changed; resolves once they have let go of their stored pages. */
  announce(): Promise<void>;
  /** Named on every response as `x-worker` (outside production), so that one can see which process answered. */
  readonly name?: string;
}

/**
 * Each process keeps its own stored pages (src/web/page-cache.ts), let go when its change token
 * moves. Another process's commit moves it only when the database is next asked (SQLite's
 * data_version within 100 ms, PostgreSQL's log position within a second); a visitor whose save was
 * answered, and whose next page comes from another process, must not see the page from before it.
 * So the response to a request that wrote waits until every other process has moved its token.
 */
export function installWriteAnnouncements(app: FastifyInstance, announcer: WriteAnnouncer): void {
  const writesAtStart = new WeakMap<object, number>();
  app.addHook('onRequest', async (request, reply) => {
    writesAtStart.set(request, announcer.writes());
    if (announcer.name !== undefined) reply.header('x-worker', announcer.name);
  });
  // The handler has finished, so its transaction has committed; the response has not gone yet.
  app.addHook('onSend', async (request, _reply, payload) => {
    const before = writesAtStart.get(request);
    if (before !== undefined && announcer.writes() !== before) await announcer.announce();
    return payload;
  });
}
