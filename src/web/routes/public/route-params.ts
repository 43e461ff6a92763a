// Reads the parts of a public URL that are not slugs (page numbers, recommendation numbers): anything malformed is "not found".
import { z } from 'zod';
import { NotFoundError } from '../../../services/errors.ts';
import type { Services } from '../../../services/index.ts';

/** What every public route plugin is registered with. */
export interface PublicRouteDeps {
  readonly services: Services;
}

/** Digits only, no sign, no leading zero, small enough to be a safe integer. */
const positiveWhole = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/)
  .transform(Number);

const pageQuery = z.object({ page: positiveWhole.optional() });

/**
 * `?page=N` of a list. An address that names no page of the list ("?page=abc", "?page=0", a page
 * past the end) is not a page we have, so it gets the 404 page rather than silently showing page 1.
 */
export function readPage(query: unknown): number {
  const parsed = pageQuery.safeParse(query ?? {});
  if (!parsed.success) throw new NotFoundError('There is no such page of this list');
  return parsed.data.page ?? 1;
}

/** Throws "not found" when a list has fewer pages than the one asked for. */
export function checkPageExists(page: number, pageCount: number): void {
  if (page > pageCount) throw new NotFoundError('There is no such page of this list');
}

/** A number in a path ("/recommendations/3"). */
export function readNumber(value: string, what: string): number {
  const parsed = positiveWhole.safeParse(value);
  if (!parsed.success) throw new NotFoundError(`No such ${what}`);
  return parsed.data;
}
