// GET /api/v1/deadlines/<rule>?date=YYYY-MM-DD: a statutory deadline with the council's settings, as the CLI's --json prints it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../../services/errors.ts';
import type { Services } from '../../../services/index.ts';
import { API_PREFIX } from '../../paths.ts';

export interface DeadlineRouteDeps {
  readonly services: Services;
}

/** Only `date` is a parameter: anything else is refused and named, so a misspelt `dat=` cannot pass silently. */
const DeadlineQuery = z.strictObject({ date: z.string().optional() });

export function deadlineRoutes(app: FastifyInstance, deps: DeadlineRouteDeps): void {
  app.get<{ Params: { rule: string }; Querystring: Record<string, unknown> }>(`${API_PREFIX}/v1/deadlines/:rule`, async (request, reply) => {
    const errors: FieldError[] = [];
    const query = DeadlineQuery.safeParse(request.query ?? {});
    if (!query.success) {
      for (const issue of query.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) errors.push({ field: key, message: `Unknown query parameter "${key}": the only parameter is "date"` });
        } else {
          errors.push({ field: issue.path.map(String).join('.') || 'date', message: 'Give one date, as date=YYYY-MM-DD' });
        }
      }
      throw new ValidationError(errors, errors.map((e) => e.message).join('; '));
    }
    // The service names 'rule' and 'date' (unknown rule, missing or impossible date): a 400 problem document.
    const computed = await deps.services.deadlines.compute(request.params.rule, query.data.date);
    return reply.send(computed.json);
  });
}
