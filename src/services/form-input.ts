// What every workspace form's service shares: reading a form through its schema, the record version it was opened at, and who may change the record.
import { z } from 'zod';
import { readDateAnswer, type DateAnswer } from '../domain/date-answer.ts';
import type { IsoDate } from '../domain/iso-date.ts';
import { isEditor, type Actor } from '../domain/roles.ts';
import { ForbiddenError, ValidationError } from './errors.ts';

/** Reads input through a schema; a refusal names each field (ValidationError), so the form re-renders with them marked. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(foldDateBoxes(input ?? {}));
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

/**
 * The GOV.UK date input posts three fields, `<name>-day`, `<name>-month` and `<name>-year`; they are
 * gathered under `<name>` as { day, month, year } so that one field schema (`dateInput`) reads them.
 * Anything else is left as it is (a CLI or API caller may pass `<name>` as one string).
 */
export function foldDateBoxes(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const folded: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [key, value] of Object.entries(input)) {
    const match = /^(.+)-(day|month|year)$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const [, name = '', part = ''] = match;
    const existing = folded[name];
    const boxes: Record<string, unknown> = typeof existing === 'object' && existing !== null ? { ...(existing as Record<string, unknown>) } : {};
    // An older form's single field beside the boxes: "5/3/2026" typed there is read like one typed into the day box.
    if (typeof existing === 'string' && existing.trim() !== '' && boxes.day === undefined) boxes.whole = existing;
    boxes[part] = value;
    folded[name] = boxes;
    delete folded[key];
  }
  for (const [name, value] of Object.entries(folded)) {
    if (typeof value !== 'object' || value === null || !('whole' in value)) continue;
    const { whole, ...boxes } = value as Record<string, unknown>;
    const blank = ['day', 'month', 'year'].every((part) => typeof boxes[part] !== 'string' || boxes[part].trim() === '');
    folded[name] = blank ? { day: whole } : boxes;
  }
  return folded;
}

const DateBoxes = z
  .union([
    z.string().transform((whole): DateAnswer => ({ day: whole })),
    z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() }),
  ])
  .nullable()
  .optional();

/**
 * A date from the GOV.UK date input (day, month and year boxes), or typed whole as people type it
 * ("5/3/2026", "5 March 2026", "2026-03-05"), as 'YYYY-MM-DD'. `label` names the date in a sentence
 * ("the date of the response"): the refusals are the Design System's ("Enter the date of the
 * response", "The date of the response must include a month", "… must be a real date"), placed on
 * the box in error (`<name>.month`) or on the date as a whole.
 */
function optionalDateSchema(label: string, required = false) {
  return DateBoxes.transform((answer, ctx): IsoDate | null => {
    const reading = readDateAnswer(answer ?? {}, label, required);
    if (reading.ok) return reading.value;
    ctx.addIssue({ code: 'custom', message: reading.message, path: reading.part === null ? [] : [reading.part] });
    return z.NEVER;
  });
}

function requiredDateSchema(label: string) {
  return optionalDateSchema(label, true).transform((value, ctx): IsoDate => {
    if (value !== null) return value;
    ctx.addIssue({ code: 'custom', message: `Enter ${label}` });
    return z.NEVER;
  });
}

export function dateInput(label: string, options: { required: true }): ReturnType<typeof requiredDateSchema>;
export function dateInput(label: string, options?: { required?: false }): ReturnType<typeof optionalDateSchema>;
export function dateInput(label: string, options: { required?: boolean } = {}) {
  return options.required === true ? requiredDateSchema(label) : optionalDateSchema(label);
}

/** An optional date (blank is null): see `dateInput`. */
export const optionalDate = (label: string) => dateInput(label);

/** A choice of record from a list: its id. */
export const recordId = (message: string) => z.string({ error: message }).trim().regex(RECORD_ID, message).transform(Number);

/** An optional choice of record from a list: its id, or null when blank. */
export const optionalRecordId = (message: string) =>
  z
    .string()
    .optional()
    .transform(blankToNull)
    .refine((v) => v === null || RECORD_ID.test(v), message)
    .transform((v) => (v === null ? null : Number(v)));

/** The version of the record the form was opened at (a hidden field), checked on save to refuse a stale one. */
export const formVersion = z
  .string({ error: 'The form is out of date: reload the page' })
  .regex(/^\d{1,9}$/, 'The form is out of date: reload the page')
  .transform(Number);

/** Changing the record is for democratic services officers and administrators. */
export function requireEditor(actor: Actor): void {
  if (!isEditor(actor.role)) throw new ForbiddenError('Only democratic services officers can change the record');
}
