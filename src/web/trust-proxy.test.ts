// TRUST_PROXY as a table of cases: what is trusted, and what is refused at start-up.
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.ts';

describe('parseTrustProxy', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['TRUE', true],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    [' 10.0.0.0/8, ::1 ,loopback', ['10.0.0.0/8', '::1', 'loopback']],
    ['fd00::/8', ['fd00::/8']],
  ] as const)('TRUST_PROXY=%j → %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['yes', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', ',', '-1'])('refuses TRUST_PROXY=%j', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY must be/);
  });
});
