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

/** The values in runs of at most `size`: one statement each, within the engines' limits on bound parameters. */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
