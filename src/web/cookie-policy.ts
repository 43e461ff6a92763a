// When the session and CSRF cookies carry the Secure attribute: one explicit rule, tested in cookie-policy.test.ts.

export interface CookieRequest {
  /** 'http' or 'https' as Fastify sees it (behind a proxy, only with trustProxy). */
  readonly protocol: string;
  /** Host name without the port. */
  readonly hostname: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The rule, in order:
 * 1. COOKIE_SECURE=true (or 1) always sets Secure; COOKIE_SECURE=false (or 0) never does;
 * 2. NODE_ENV=development never sets it (a developer's plain-HTTP machine);
 * 3. a plain-HTTP request to this machine itself (localhost, 127.0.0.1, ::1) does not get it, so
 *    `scrutineer serve` works out of the box on a laptop;
 * 4. everything else does: a council's site is served over HTTPS, and a cookie marked Secure is
 *    never sent over plain HTTP (RFC 6265bis §4.1.2.5).
 * Any other COOKIE_SECURE value is refused when a command starts (src/cli/config.ts).
 */
export function cookieSecure(setting: boolean | undefined, nodeEnv: string | undefined, request: CookieRequest): boolean {
  if (setting !== undefined) return setting;
  if (nodeEnv === 'development') return false;
  if (request.protocol === 'http' && LOCAL_HOSTS.has(request.hostname.toLowerCase())) return false;
  return true;
}
