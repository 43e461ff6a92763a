// The error catalogue: the only failures a use case reports on purpose; the web layer maps each class to one HTTP status.
//
// Callers tell errors apart with `instanceof`, never by reading the message (DESIGN.md "How we
// write code" 2). A message here is written for the person using the service: pages and API
// problem documents may show it, so it must never carry secrets, SQL or stack details.

import type { ZodError } from 'zod';

/** One problem with one input, named by its field ('title', 'recommendations.0.text'). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  /** For an error about one row of many: the message without naming the row, for a page that shows the field once for all rows. */
  readonly unqualified?: string;
  /** For an identical duplicate refused: the record that exists already, which the page links to. */
  readonly existing?: ExistingRecord;
}

/** A record that a refused duplicate would have repeated: its kind and id, for the web layer to link. */
export interface ExistingRecord {
  readonly kind: 'membership' | 'recommendation' | 'agenda_item';
  readonly id: number;
}

/** Base of the catalogue; not exported as a thing to throw, only to recognise. */
export abstract class ServiceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The record asked for does not exist (or the caller may not know that it does). */
export class NotFoundError extends ServiceError {}

/** The caller is known but may not do this. */
export class ForbiddenError extends ServiceError {}

/** The input broke one or more rules; each broken rule names its field. */
export class ValidationError extends ServiceError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], message = 'There is a problem with the information you gave', options?: ErrorOptions) {
    super(message, options);
    this.errors = errors;
  }

  /** Turns a zod failure from an edge schema into field errors, one per issue, fields as dotted paths. */
  static fromZod(error: ZodError, message?: string): ValidationError {
    const errors = error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return new ValidationError(errors, message);
  }
}

/** The version a form was opened at, and the record's version now (null when the record is gone or was not read). */
export interface VersionClash {
  readonly opened: number | null;
  readonly current: number | null;
}

/** The request clashes with the record's current state (already signed off, edited by someone else, duplicate slug). */
export class ConflictError extends ServiceError {
  /** Set for a stale save: the 409 page shows their version beside what was typed. */
  readonly versions: VersionClash | null;

  constructor(message: string, options?: ErrorOptions & { versions?: VersionClash }) {
    super(message, options);
    this.versions = options?.versions ?? null;
  }
}

/**
 * A form was submitted again with the one-time key its first submission used (a double click, or the
 * back button and a resubmit): nothing is written twice. Not a ConflictError, so that no form
 * re-renders it as a clash of versions; the web layer sends the user where the first submission led.
 */
export class RepeatedSubmissionError extends ServiceError {
  readonly key: string;

  constructor(key: string, options?: ErrorOptions) {
    super('This form was sent already: what it saved is kept, and nothing was saved twice', options);
    this.key = key;
  }
}
