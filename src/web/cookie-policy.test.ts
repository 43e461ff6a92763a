// The Secure-cookie rule as a table of cases.
import { describe, expect, it } from 'vitest';
import { cookieSecure } from './cookie-policy.ts';

describe('cookieSecure', () => {
  it.each([
    [true, 'development', 'http', 'localhost', true],
    [false, 'production', 'https', 'council.gov.uk', false],
    [undefined, 'development', 'https', 'council.gov.uk', false],
    [undefined, undefined, 'http', 'localhost', false],
    [undefined, 'production', 'http', '127.0.0.1', false],
    [undefined, undefined, 'http', '::1', false],
    [undefined, undefined, 'http', 'democracy.council.gov.uk', true],
    [undefined, undefined, 'https', 'localhost', true],
    [undefined, 'production', 'https', 'democracy.council.gov.uk', true],
  ] as const)('COOKIE_SECURE=%s NODE_ENV=%s %s://%s → %s', (setting, nodeEnv, protocol, hostname, expected) => {
    expect(cookieSecure(setting, nodeEnv, { protocol, hostname })).toBe(expected);
  });
});
