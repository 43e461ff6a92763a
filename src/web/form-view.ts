// Form pages in the GOV.UK pattern: the error summary, each field's message, and the values as typed.
import type { FastifyReply } from 'fastify';
import * as vocabulary from '../domain/vocabulary.ts';
import { ConflictError, ValidationError, type ExistingRecord, type FieldError } from '../services/errors.ts';
import { redirectSaved, type FlashCookieOptions } from './flash.ts';
import { paths } from './paths.ts';

export interface FormState {
  /** GOV.UK error summary items: text and a link to the field (#id). */
  readonly errorList: readonly { text: string; href: string }[];
  /** Message per field name, for each macro's errorMessage. */
  readonly errors: Readonly<Record<string, { text: string }>>;
  /** The values as the user typed them, to put back into the fields. */
  readonly values: Readonly<Record<string, unknown>>;
  /** When an identical duplicate was refused: a link to the record that exists already. */
  readonly existing: { readonly href: string; readonly text: string } | null;
}

/** Where the workspace shows a record that a refused duplicate would have repeated. */
function existingLink(record: ExistingRecord): { href: string; text: string } {
  switch (record.kind) {
    case 'membership':
      return { href: paths.admin.membership(record.id), text: 'See the existing membership' };
    case 'recommendation':
      return { href: paths.admin.recommendation(record.id), text: 'See the existing recommendation' };
    case 'agenda_item':
      return { href: paths.admin.agendaItem(record.id), text: 'See the existing agenda item' };
  }
}

/** Field names become element ids; dotted paths ('rows.3.status') become 'rows-3-status'. */
export function fieldId(field: string): string {
  return field.replaceAll('.', '-') || 'main-content';
}

export function formState(values: Record<string, unknown> = {}, fieldErrors: readonly FieldError[] = []): FormState {
  const errors: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  const duplicate = fieldErrors.find((e) => e.existing !== undefined)?.existing;
  for (const error of fieldErrors) {
    if (errors[error.field]) continue;
    errors[error.field] = { text: error.message };
    // A date input's error as a whole links to its first box, the day ("link to the first field", Design System, Error summary).
    const href = Object.hasOwn(values, `${error.field}-day`) ? `${fieldId(error.field)}-day` : fieldId(error.field);
    errorList.push({ text: error.message, href: `#${href}` });
  }
  return { errorList, errors, values, existing: duplicate ? existingLink(duplicate) : null };
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

/** A date written 'YYYY-MM-DD' as the boxes show it ("5", "3", "2026"), even one that cannot be (typed as 2026-02-30, it comes back as typed). */
function isoShaped(value: string | undefined): { day: string; month: string; year: string } | null {
  const match = value === undefined ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!match) return null;
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/**
 * The GOV.UK date input's boxes for the date field `name`: the values as typed (`<name>-day` …), or
 * the stored 'YYYY-MM-DD' split into day, month and year, or an answer typed whole ("5/3/2026")
 * put back into the day box; and the field's error, marking only the box in error ("If you're
 * highlighting just one of the day, month or year, only style the field with an error", Design
 * System, Date input) or all three when the date as a whole is wrong.
 */
export function dateInputView(
  form: FormState | undefined,
  name: string,
): { items: { name: string; classes: string; value: string }[]; errorMessage: { text: string } | undefined } {
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const typed = (key: string) => (typeof values[key] === 'string' ? values[key] : undefined);
  const stored = typed(name);
  const hasBoxes = ['day', 'month', 'year'].some((part) => typed(`${name}-${part}`) !== undefined);
  const boxes = hasBoxes
    ? { day: typed(`${name}-day`) ?? '', month: typed(`${name}-month`) ?? '', year: typed(`${name}-year`) ?? '' }
    : (isoShaped(stored) ?? { day: stored ?? '', month: '', year: '' });
  const partError = (part: string) => errors[`${name}.${part}`] ?? errors[`${name}-${part}`];
  const wrongPart = (['day', 'month', 'year'] as const).find((part) => partError(part) !== undefined);
  const whole = errors[name];
  const errorMessage = whole ?? (wrongPart === undefined ? undefined : partError(wrongPart));
  return {
    items: (['day', 'month', 'year'] as const).map((part) => ({
      name: part,
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${whole !== undefined || wrongPart === part ? ' govuk-input--error' : ''}`,
      value: boxes[part],
    })),
    errorMessage,
  };
}

/** The vocabularies a template may label a value from, by name (`ProgressStatus`, `Rag`, …). */
const VOCABULARIES: Readonly<Record<string, { label(value: string | null | undefined): string }>> = {
  OrganisationKind: vocabulary.OrganisationKind,
  PersonKind: vocabulary.PersonKind,
  MembershipRole: vocabulary.MembershipRole,
  MeetingStatus: vocabulary.MeetingStatus,
  DocumentKind: vocabulary.DocumentKind,
  ResolutionVerb: vocabulary.ResolutionVerb,
  ReferralStatus: vocabulary.ReferralStatus,
  EvidenceKind: vocabulary.EvidenceKind,
  EvidenceMode: vocabulary.EvidenceMode,
  ReviewStatus: vocabulary.ReviewStatus,
  ResponseDecision: vocabulary.ResponseDecision,
  ResponseOutcome: vocabulary.ResponseOutcome,
  SignOffOutcome: vocabulary.SignOffOutcome,
  RecommendationStatus: vocabulary.RecommendationStatus,
  ProgressStatus: vocabulary.ProgressStatus,
  Rag: vocabulary.Rag,
  AttendanceStatus: vocabulary.AttendanceStatus,
  DeclarationKind: vocabulary.DeclarationKind,
  AgendaItemPersonRole: vocabulary.AgendaItemPersonRole,
};

/** A vocabulary value in the words shown to people; a value already in words (a presenter's label) is shown as it is. */
export function vocabularyLabel(name: unknown, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  const table = typeof name === 'string' ? VOCABULARIES[name] : undefined;
  if (!table) throw new Error(`No vocabulary called ${String(name)}`);
  return table.label(text);
}

/** What a 409 page says after the service's message: the other person's version is on the page, and what was typed is in the form. */
export const CONFLICT_ADVICE = 'Their version is shown below; your changes are still in the form. Check them, then save again.';

/**
 * The one form route helper: runs a save and redirects (303) to the address it gives. A
 * ValidationError re-renders the form with status 400, the error summary and the values as typed;
 * a ConflictError (a stale version) with 409, the message on `conflictField` and the page showing
 * their version beside what was typed (the rerender gives the form the current version, so saving
 * again is a deliberate choice); with `saved` (or a save that returns its own message) and `flash`, the next page shows it in a success banner. Anything else is a real failure and goes to the error handler.
 */
export async function saveForm(
  reply: FastifyReply,
  save: () => Promise<string | { url: string; saved: string }>,
  rerender: (errors: readonly FieldError[], status: 400 | 409) => Promise<unknown>,
  conflictField: string,
  options: { advice?: string; saved?: string; flash?: FlashCookieOptions } = {},
): Promise<unknown> {
  try {
    const done = await save();
    const url = typeof done === 'string' ? done : done.url;
    const saved = typeof done === 'string' ? options.saved : done.saved;
    // The page the save leads to shows a success banner once (GOV.UK notification banner).
    return saved !== undefined && options.flash ? redirectSaved(reply, options.flash, url, saved) : reply.redirect(url, 303);
  } catch (error) {
    if (error instanceof ValidationError) return rerender(error.errors, 400);
    if (error instanceof ConflictError) return rerender([{ field: conflictField, message: `${error.message}. ${options.advice ?? CONFLICT_ADVICE}` }], 409);
    throw error;
  }
}
