// Refuses a NUL character in any path parameter, query parameter or form field before it reaches a service or the database.
import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError, type FieldError } from '../services/errors.ts';

/**
 * PostgreSQL cannot store U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00") and no
 * form, slug or search has a use for it, so both engines refuse it at the edge alike: in a path
 * parameter the address names nothing (404); in a query parameter or form field the request is a
 * 400 naming the field (DESIGN.md "How we write code" 1).
 */
export function installNulGuard(app: FastifyInstance): void {
  // preHandler, not preValidation: multipart forms attach their fields in their own preValidation
  // hook, and this global hook runs before every route's own preHandler (role and CSRF checks).
  app.addHook('preHandler', (request, _reply, done) => {
    if (fieldsWithNul(request.params).length > 0) return done(new NotFoundError('There is nothing at this address.'));
    const fields = [...fieldsWithNul(request.query), ...fieldsWithNul(request.body)];
    if (fields.length > 0) {
      const errors: FieldError[] = [...new Set(fields)].map((field) => ({ field, message: `${field} must not contain a NUL character (U+0000)` }));
      return done(new ValidationError(errors, errors.map((e) => e.message).join('; ')));
    }
    done();
  });
}

/** The top-level names of the fields whose text (or any text within them, as in an uploaded file's name) holds a NUL. */
function fieldsWithNul(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Buffer.isBuffer(input)) return [];
  return Object.entries(input)
    .filter(([key, value]) => key.includes('\u0000') || holdsNul(value, 0))
    .map(([key]) => key.replaceAll('\u0000', ''));
}

function holdsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  // Forms nest at most a little (repeated fields, an uploaded file's name); a buffer is file content, not text.
  if (depth > 4 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner, depth + 1));
}
