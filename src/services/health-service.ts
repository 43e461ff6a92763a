// Liveness and readiness for load balancers and orchestrators: is the database answering?
import { createHealthRepository } from '../repositories/health-repository.ts';
import type { RepositoryContext } from '../repositories/repository-context.ts';

export interface Readiness {
  ready: boolean;
  /** One line naming the cause when not ready; never the database's own error text (it may name hosts). */
  detail: string;
}

/** Where a failed readiness check says why (the server's log); the probe's answer never does. */
export type HealthLog = (message: string, cause: unknown) => void;

export function createHealthService(
  context: RepositoryContext,
  log: HealthLog = (message, cause) => process.emitWarning(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`),
) {
  const health = createHealthRepository(context);
  return {
    async readiness(): Promise<Readiness> {
      try {
        await health.ping();
        return { ready: true, detail: 'The database is answering.' };
      } catch (error) {
        log('readiness: the database is not answering', error);
        return { ready: false, detail: 'The database is not answering.' };
      }
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
