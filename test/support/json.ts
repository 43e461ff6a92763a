// Reads a response's JSON through a zod schema: the test works with typed values, and a document of another shape fails where it is read.
import type { z } from 'zod';

/** The response body parsed as JSON and checked against `schema` (unknown keys are dropped unless the schema is loose). */
export function jsonOf<S extends z.ZodType>(response: { readonly body: string }, schema: S): z.output<S> {
  return schema.parse(JSON.parse(response.body));
}
