// Liveness and readiness for load balancers and orchestrators: is the database answering?
import { createHealthRepository } from '../repositories/health-repository.ts';
import type { RepositoryContext } from '../repositories/repository-context.ts';

export interface Readiness {
  ready: boolean;
  /** One line naming the cause when not ready; never the database's own error text (it may name hosts). */
  detail: string;
}

export function createHealthService(context: RepositoryContext) {
  const health = createHealthRepository(context);
  return {
    async readiness(): Promise<Readiness> {
      try {
        await health.ping();
        return { ready: true, detail: 'The database is answering.' };
      } catch {
        return { ready: false, detail: 'The database is not answering.' };
      }
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
