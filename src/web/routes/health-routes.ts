// /healthz (liveness: the process answers) and /readyz (readiness: the database answers) for load balancers.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { paths } from '../paths.ts';

export interface HealthRouteDeps {
  readonly services: Pick<Services, 'health'>;
}

export function healthRoutes(app: FastifyInstance, deps: HealthRouteDeps): void {
  // Liveness says nothing about the database: restarting a process because its database is down
  // would not bring the database back.
  app.get(paths.healthz(), async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  // Readiness: a balancer stops sending traffic while the database does not answer. The refusal is
  // an RFC 9457 problem document, as machines (not people) read this address.
  app.get(paths.readyz(), async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const readiness = await deps.services.health.readiness();
    if (readiness.ready) return reply.send({ status: 'ready' });
    return reply
      .code(503)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: readiness.detail,
        }),
      );
  });
}
