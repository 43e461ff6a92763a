// Form pages in the GOV.UK pattern: the error summary, each field's message, and the values as typed.
import type { FieldError } from '../services/errors.ts';

export interface FormState {
  /** GOV.UK error summary items: text and a link to the field (#id). */
  readonly errorList: readonly { text: string; href: string }[];
  /** Message per field name, for each macro's errorMessage. */
  readonly errors: Readonly<Record<string, { text: string }>>;
  /** The values as the user typed them, to put back into the fields. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Field names become element ids; dotted paths ('rows.3.status') become 'rows-3-status'. */
export function fieldId(field: string): string {
  return field.replaceAll('.', '-') || 'main-content';
}

export function formState(values: Record<string, unknown> = {}, fieldErrors: readonly FieldError[] = []): FormState {
  const errors: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const error of fieldErrors) {
    if (errors[error.field]) continue;
    errors[error.field] = { text: error.message };
    errorList.push({ text: error.message, href: `#${fieldId(error.field)}` });
  }
  return { errorList, errors, values };
}

/** The posted form as plain strings (first value of repeated fields), without the CSRF token and the one-time submission key. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || key === '_submission') continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[key] = first;
  }
  return values;
}
