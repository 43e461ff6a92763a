// What every workspace form's service shares: reading a form through its schema, the record version it was opened at, and who may change the record.
import { z } from 'zod';
import { isEditor, type Actor } from '../domain/roles.ts';
import { ForbiddenError, ValidationError } from './errors.ts';

/** Reads input through a schema; a refusal names each field (ValidationError), so the form re-renders with them marked. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return parsed.data;
}

/** A blank optional answer is stored as null, never as an empty string; answers are trimmed. */
export const blankToNull = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

/** The version of the record the form was opened at (a hidden field), checked on save to refuse a stale one. */
export const formVersion = z.string({ error: 'The form is out of date: reload the page' })
  .regex(/^\d{1,9}$/, 'The form is out of date: reload the page').transform(Number);

/** Changing the record is for democratic services officers and administrators. */
export function requireEditor(actor: Actor): void {
  if (!isEditor(actor.role)) throw new ForbiddenError('Only democratic services officers can change the record');
}
