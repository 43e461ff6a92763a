// What every workspace form's service shares: reading a form through its schema, the record version it was opened at, and who may change the record.
import { z } from 'zod';
import { isIsoDate } from '../domain/iso-date.ts';
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

// The field schemas every workspace form shares (DESIGN.md rule 9: "shared zod field schemas").

/** Record ids start at 1: "0", a sign, a decimal or more than nine digits is no record. */
const RECORD_ID = /^[1-9][0-9]{0,8}$/;

/** A required answer, trimmed, at most `max` characters. */
export const requiredText = (message: string, max = 20_000) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);

/** An optional answer, trimmed, at most `max` characters; blank is null. */
export const optionalText = (max = 20_000) => z.string().max(max, `Must be ${max} characters or fewer`).optional().transform(blankToNull);

/** An optional date in the form YYYY-MM-DD that the calendar has; blank is null. */
export const optionalDate = (label: string) =>
  z.string().optional().transform(blankToNull).refine((v) => v === null || isIsoDate(v), `${label} must be a real date in the form YYYY-MM-DD`);

/** A choice of record from a list: its id. */
export const recordId = (message: string) => z.string({ error: message }).trim().regex(RECORD_ID, message).transform(Number);

/** An optional choice of record from a list: its id, or null when blank. */
export const optionalRecordId = (message: string) =>
  z.string().optional().transform(blankToNull).refine((v) => v === null || RECORD_ID.test(v), message).transform((v) => (v === null ? null : Number(v)));

/** The version of the record the form was opened at (a hidden field), checked on save to refuse a stale one. */
export const formVersion = z.string({ error: 'The form is out of date: reload the page' })
  .regex(/^\d{1,9}$/, 'The form is out of date: reload the page').transform(Number);

/** Changing the record is for democratic services officers and administrators. */
export function requireEditor(actor: Actor): void {
  if (!isEditor(actor.role)) throw new ForbiddenError('Only democratic services officers can change the record');
}
