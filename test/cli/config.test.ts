// The environment is read in one place: each variable's parsing, and an error that names the bad one.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/cli/config.ts';

describe('readConfig', () => {
  it('gives the defaults for an empty environment', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1' });
    expect(config.COOKIE_SECURE).toBeUndefined();
    expect(config.COUNCIL_NAME).toBeUndefined();
    expect(config.BASE_URL).toBeUndefined();
    expect(config.TRUST_PROXY).toBe(false);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['true', true],
    ['1', true],
    ['FALSE', false],
    ['0', false],
  ] as const)('reads COOKIE_SECURE=%s as %s', (value, expected) => {
    expect(readConfig(value === undefined ? {} : { COOKIE_SECURE: value }).COOKIE_SECURE).toBe(expected);
  });

  it('reads LOG_REQUESTS=1 as on, trims a trailing slash off BASE_URL, numbers PORT and lists TRUST_PROXY', () => {
    const config = readConfig({
      LOG_REQUESTS: '1',
      BASE_URL: 'https://democracy.example.gov.uk/',
      PORT: '8080',
      SEARCH_RATE_LIMIT: '0',
      TRUST_PROXY: '10.0.0.0/8, loopback',
    });
    expect(config).toMatchObject({
      LOG_REQUESTS: true,
      BASE_URL: 'https://democracy.example.gov.uk',
      PORT: 8080,
      SEARCH_RATE_LIMIT: 0,
      TRUST_PROXY: ['10.0.0.0/8', 'loopback'],
    });
  });

  it.each([
    ['COOKIE_SECURE', 'yes please'],
    ['PORT', '70000'],
    ['SEARCH_RATE_LIMIT', '-1'],
    ['SMTP_URL', 'http://mail'],
    ['BASE_URL', 'not a url'],
    ['BASE_URL', 'javascript:alert(1)'],
    ['TRUST_PROXY', 'everyone'],
    ['MAIL_FROM', 'x'],
    ['LOG_REQUESTS', 'verbose'],
  ])('names %s when its value (%s) cannot be used', (variable, value) => {
    let thrown: unknown;
    try {
      readConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(`invalid environment variable ${variable}`);
  });
});
