// The search page: GET /search?q=…&type=…&body=…&from=…&to=…&page=…
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../services/errors.ts';
import { SEARCH_KINDS } from '../../../services/search-index-service.ts';
import { routePatterns } from '../../paths.ts';
import { presentSearch, type SearchFormValues } from '../../presenters/search-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export async function searchRoutes(app: FastifyInstance, { services }: PublicRouteDeps): Promise<void> {
  app.get(routePatterns.search, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const type = query.type;
    const values: SearchFormValues = {
      q: one(query.q), body: one(query.body), from: one(query.from), to: one(query.to),
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
