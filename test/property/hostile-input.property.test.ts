// Property-based tests of every parser of outside input: CSV trackers, modern.gov XML, API and page query strings. Never a 500 or an uncaught error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportInputError } from '../../src/import/import-error.ts';
import { readModernGovResponse } from '../../src/import/moderngov/responses.ts';
import { parseTrackerDate, readTracker } from '../../src/import/tracker/tracker-csv.ts';
import { createServices } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { isIsoDate } from '../../src/domain/iso-date.ts';
import { buildApp } from '../../src/web/app.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/moderngov');
const encoder = new TextEncoder();

/** Text a hostile or careless source might send: unicode, control characters, quotes, formulas, markup. */
const nastyText = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '=cmd|" /C calc"!A0',
    '<script>alert(1)</script>',
    '"',
    '""',
    '\r\n',
    '\u0000',
    '\uFEFF',
    ',,,,',
    '31/02/2026',
    '99/99/9999',
    '../../etc/passwd',
    '%00',
    '😀',
  ),
);

function expectOnly(error: unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  expect(
    allowed.some((kind) => error instanceof kind),
    `unexpected ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
  ).toBe(true);
}

describe('CSV tracker reader', () => {
  it('reads any bytes into rows and row errors, or refuses the file with an ImportInputError', () => {
    const header = 'Recommendation,Response,Officer,Action by,Status,Update';
    const row = fc
      .array(nastyText, { minLength: 0, maxLength: 8 })
      .map((cells) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.array(row, { maxLength: 6 }).map((rows) => encoder.encode([header, ...rows].join('\r\n'))),
      fc.array(nastyText, { maxLength: 10 }).map((parts) => encoder.encode(parts.join(','))),
    );
    fc.assert(
      fc.property(file, (bytes) => {
        try {
          const result = readTracker('tracker.csv', bytes);
          expect(result).toBeTypeOf('object');
        } catch (error) {
          expectOnly(error, ImportInputError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads a date cell as a date, as not a date (null), or refuses an impossible one', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nastyText,
          fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 9999 })).map(([d, m, y]) => `${d}/${m}/${y}`),
        ),
        (text) => {
          try {
            const date = parseTrackerDate(text);
            expect(date === null || isIsoDate(date)).toBe(true);
          } catch (error) {
            expectOnly(error, RangeError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('modern.gov XML reader', () => {
  const fixtures = ['committees.xml', 'meetings.xml', 'meeting_4967.xml', 'councillors_by_ward.xml'].map((f) => readFileSync(path.join(FIXTURES, f), 'utf8'));

  it('reads any damaged response, or refuses it with an ImportInputError', () => {
    const damaged = fc
      .tuple(fc.constantFrom(...fixtures), fc.nat(), fc.nat(), nastyText, fc.constantFrom('truncate', 'insert', 'replace', 'entity'))
      .map(([xml, a, b, text, how]) => {
        const at = a % (xml.length + 1);
        if (how === 'truncate') return xml.slice(0, at);
        if (how === 'insert') return xml.slice(0, at) + text + xml.slice(at);
        if (how === 'entity') return xml.slice(0, at) + '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>&b;' + xml.slice(at);
        return xml.slice(0, at) + text + xml.slice(Math.min(xml.length, at + (b % 50)));
      });
    fc.assert(
      fc.property(fc.oneof(damaged, nastyText), (xml) => {
        try {
          const response = readModernGovResponse('response.xml', encoder.encode(xml));
          expect(['committees', 'getmeetings', 'meeting', 'councillorsbyward']).toContain(response.kind);
        } catch (error) {
          expectOnly(error, ImportInputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('query strings of the API and the public pages', () => {
  let database: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDb('sqlite');
    const services = createServices({ database, clock: fixedClock('2024-05-01T10:00:00Z') });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const PARAMS = ['cursor', 'limit', 'updated_since', 'body', 'person', 'review', 'q', 'type', 'from', 'to', 'page', 'format', 'id'];
  const value = fc.oneof(
    nastyText,
    fc.integer().map(String),
    fc.double().map(String),
    fc.constantFrom('-1', '0', '1e309', 'NaN', '2024-13-45', '9'.repeat(400), '[]', '{}'),
  );
  const query = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), nastyText), value), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
  const paths = [
    '/api/v1',
    '/api/v1/meetings',
    '/api/v1/bodies',
    '/api/v1/people',
    '/api/v1/reviews',
    '/api/v1/recommendations',
    '/api/v1/decisions',
    '/api/v1/issues',
    '/api/v1/meetings/1',
    '/api/v1/meetings/abc',
    '/search',
    '/meetings',
    '/reviews',
    '/issues',
    '/people',
    '/committees',
  ];

  it('answers any query with a page, a 304, a 404 or a clean 400, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (target, q) => {
        const url = q === '' ? target : `${target}?${q}`;
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, `${url} -> ${response.statusCode}`).toBeLessThan(500);
        expect([200, 304, 400, 404]).toContain(response.statusCode);
        if (response.statusCode === 400 && target.startsWith('/api/')) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.json()).toMatchObject({ status: 400 });
        }
      }),
      { numRuns: 250 },
    );
  });

  it('treats hostile path segments as not found, never as an error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/meetings/', '/reviews/', '/issues/', '/people/', '/committees/', '/documents/', '/api/v1/meetings/'),
        nastyText,
        async (prefix, segment) => {
          const response = await app.inject({ method: 'GET', url: `${prefix}${encodeURIComponent(segment)}` });
          expect(response.statusCode, `${prefix}${segment}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
