// What every repository is built from: a query handle (the database or an open transaction) and a clock.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';

export interface RepositoryContext {
  db: Kysely<Database>;
  clock: Clock;
}

export function timestamps(clock: Clock): { created_at: string; updated_at: string } {
  const now = clock.now().toISOString();
  return { created_at: now, updated_at: now };
}

/** Counts come back as numbers from SQLite and as strings (bigint) from PostgreSQL. */
export function toCount(value: unknown): number {
  return Number(value ?? 0);
}
