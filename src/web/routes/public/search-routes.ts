// The search page: GET /search?q=…&type=…&body=…&from=…&to=…&page=…
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { ValidationError } from '../../../services/errors.ts';
import { SEARCH_KINDS } from '../../../services/search-index-service.ts';
import { routePatterns } from '../../paths.ts';
import { presentSearch, type SearchFormValues } from '../../presenters/search-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

/**
 * Searches allowed per client address per minute. A person searching makes a few a minute; a
 * search is the one public page that cannot be stored and reused (each query is new), so a client
 * asking for thousands would take the server from everyone else. Set with SEARCH_RATE_LIMIT
 * (`scrutineer serve`); 0 turns the limit off (the benchmark does, as it searches from one address).
 */
export const DEFAULT_SEARCH_RATE_LIMIT = 120;

export interface SearchRouteDeps extends PublicRouteDeps {
  readonly searchRateLimit?: number;
}

/**
 * The route options that rate-limit a search route: past `max` a minute, 429 with Retry-After (set by
 * @fastify/rate-limit) and the app's error page or, under /api/, a problem document (app.ts).
 * Pages answered from the page cache never reach the route, so they are not counted.
 */
export function searchRateLimit(max: number): RouteShorthandOptions {
  return max > 0 ? { config: { rateLimit: { max, timeWindow: '1 minute' } } } : {};
}

function one(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export async function searchRoutes(app: FastifyInstance, { services, searchRateLimit: max = DEFAULT_SEARCH_RATE_LIMIT }: SearchRouteDeps): Promise<void> {
  // The workspace registers the rate-limit plugin for the whole app (global: false: only routes that
  // ask are limited); registered here too when it has not been, so that the limit never silently lapses.
  if (max > 0 && !app.hasDecorator('rateLimit')) await app.register(fastifyRateLimit, { global: false });
  app.get(routePatterns.search, searchRateLimit(max), async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const type = query.type;
    const values: SearchFormValues = {
      q: one(query.q),
      body: one(query.body),
      from: one(query.from),
      to: one(query.to),
      type: (Array.isArray(type) ? type : type === undefined ? [] : [type]).filter((t): t is string => typeof t === 'string'),
    };
    try {
      const result = await services.search.search(query);
      return reply.view('search/search.njk', presentSearch({ values, kinds: SEARCH_KINDS, bodies: result.bodies, result, errors: [] }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // GOV.UK error pattern: the form again, with an error summary and each field's message, status 400.
      const bodies = (await services.committees.list()).map((b) => ({ slug: b.slug, name: b.name }));
      reply.code(400);
      return reply.view('search/search.njk', presentSearch({ values, kinds: SEARCH_KINDS, bodies, result: null, errors: error.errors }));
    }
  });
}
