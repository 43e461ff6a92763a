// The security headers of every response (helmet's, with our Content-Security-Policy), worked out once at start-up rather than on every request.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export type SecurityHeaders = readonly (readonly [name: string, value: string])[];

/**
 * Runs helmet once against a recording response and keeps the headers it sets. The options are
 * fixed when the app is built and helmet's headers depend on nothing in the request, so every
 * response gets the same bytes; helmet itself would parse the policy again on each request.
 */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(options)(undefined as never, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure instanceof Error) throw failure;
  if (failure !== undefined) throw new Error('helmet refused the security header options');
  return [...headers];
}

/** Sets the headers on every response, first thing, so that routes and later hooks may still change one. */
export function installSecurityHeaders(app: FastifyInstance, headers: SecurityHeaders): void {
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
