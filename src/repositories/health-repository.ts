// Database readiness: the cheapest round trip that proves a connection answers queries.
import { sql } from 'kysely';
import type { RepositoryContext } from './repository-context.ts';

export function createHealthRepository({ db }: RepositoryContext) {
  return {
    /** Runs `select 1`; throws when the database cannot answer. */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
  };
}

export type HealthRepository = ReturnType<typeof createHealthRepository>;
