// The JSON API in-process: documents match their schemas and the OpenAPI document, cursors round-trip, caching answers 304, bad input is a named 400 problem, OpenAPI validates, a review holds what its page shows.
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, DEMO_NOW, type DemoApp } from '../support/demo-app.ts';
import { jsonOf } from '../support/json.ts';
import { callIn, forwardPlanEntry, topic } from '../support/factories.ts';
import { createTestDb, testDialects } from '../support/test-db.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { z } from 'zod';
import {
  API_RESOURCES,
  Decision,
  listOf,
  Meeting,
  MeetingDetail,
  one,
  Person,
  Problem,
  Recommendation,
  Review,
  Body,
  Membership,
} from '../../src/web/api-schemas.ts';
import { presentReview } from '../../src/web/presenters/review-presenter.ts';
import { decodeCursor, encodeCursor } from '../../src/web/routes/api/api-routes.ts';
import { buildOpenApiDocument } from '../../src/web/routes/api/openapi.ts';

let demo: DemoApp;

beforeAll(async () => {
  demo = await buildDemoApp();
  const r = createRepositories({ db: demo.database.db, clock: demo.services.clock });
  const council = await r.organisations.findBySlug('council');
  await r.meetings.create({
    slug: 'council-imported',
    organisation_id: council!.id,
    title: null,
    meeting_date: '2026-01-14',
    start_time: '10:00',
    starts_at: null,
    location: null,
    status: 'scheduled',
    is_executive: 0,
    agenda_published_on: null,
    urgency_reason: null,
    source_system: 'moderngov',
    source_id: '4967',
  });
  // The reference case holds no forward plan: one entry, so that every collection has a record.
  const entry = await forwardPlanEntry(demo.database, { organisation_id: council!.id, title: 'Award of the leisure management contract' });
  // Nor a work programme: one topic from that entry, planned for a meeting with a lead, so every part of its document is shown.
  const meeting = await r.meetings.findBySlug('council-imported');
  const lead = await demo.database.db.selectFrom('people').select('id').orderBy('id').executeTakeFirstOrThrow();
  await topic(demo.database, {
    organisation_id: council!.id,
    title: 'Leisure contract before the decision',
    method: 'pre_decision',
    source: 'forward_plan',
    state: 'scheduled',
    meeting_id: meeting!.id,
    lead_member_id: lead.id,
    forward_plan_entry_id: entry.id,
    public_interest: 1,
  });
  // Nor a call-in: one of a public executive decision.
  const decision = await demo.database.db
    .selectFrom('resolutions as r')
    .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
    .leftJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
    .select('r.id')
    .where('r.is_executive_decision', '=', 1)
    .where((eb) => eb.or([eb('ai.id', 'is', null), eb.and([eb('ai.exempt_paragraph', 'is', null), eb('ai.is_confidential', '=', 0)])]))
    .orderBy('r.id')
    .executeTakeFirstOrThrow();
  await callIn(demo.database, { resolution_id: decision.id });
});
afterAll(async () => demo?.close());

async function get(url: string, headers: Record<string, string> = {}) {
  return demo.app.inject({ url, headers });
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: unknown;
};

/** What the OpenAPI test reads of the served document; the rest is kept for the validator. */
const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({ get: z.looseObject({ parameters: z.array(z.looseObject({ name: z.string() })), responses: z.unknown() }) })),
});
/** The validator's idea of an OpenAPI document: it checks the document itself, so the test hands it over as such. */
type ApiDocument = Exclude<Parameters<typeof validate>[0], string>;

/** Where a document holds a field its OpenAPI schema does not describe (the schemas forbid additional properties). */
function undescribed(value: unknown, schema: JsonSchema, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const branch = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  if (Array.isArray(value)) return branch.items ? value.flatMap((v, i) => undescribed(v, branch.items!, `${at}[${i}]`)) : [`${at}: not an array in the schema`];
  if (!branch.properties) return branch.additionalProperties ? [] : [`${at}: not an object in the schema`];
  return Object.entries(value).flatMap(([key, v]) => (branch.properties![key] ? undescribed(v, branch.properties![key], `${at}.${key}`) : [`${at}.${key}`]));
}

describe('collections', () => {
  it('lists every collection, each document matching its schema', async () => {
    for (const [name, resource] of Object.entries(API_RESOURCES)) {
      const response = await get(`/api/v1/${name}?limit=200`);
      expect(response.statusCode, name).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const body = listOf(resource.item).parse(response.json());
      expect(body.data.length, name).toBeGreaterThan(0);
      const first = body.data[0] as unknown as { id: number; links: { self: string } };
      const item = await get(first.links.self);
      expect(item.statusCode, first.links.self).toBe(200);
      expect(one(resource.detail).parse(item.json()).data).toMatchObject({ id: first.id });
      const title = name
        .split('-')
        .map((part) => part[0]!.toUpperCase() + part.slice(1))
        .join('');
      const schemas = (buildOpenApiDocument() as { components: { schemas: Record<string, JsonSchema> } }).components.schemas;
      expect(undescribed(item.json(), schemas[`${title}Item`]!), `${name} fields the OpenAPI document leaves out`).toEqual([]);
      expect(undescribed(body, schemas[`${title}List`]!), `${name} list fields the OpenAPI document leaves out`).toEqual([]);
    }
  });

  it('pages with an opaque cursor that round-trips', async () => {
    const all = jsonOf(await get('/api/v1/people?limit=200'), listOf(Person));
    expect(all.data).toHaveLength(11);
    const seen: number[] = [];
    let url: string | null = '/api/v1/people?limit=4';
    while (url) {
      const response = await get(url);
      const page = jsonOf(response, listOf(Person));
      expect(page.data.length).toBeLessThanOrEqual(4);
      seen.push(...page.data.map((p) => p.id));
      url = page.links.next;
    }
    expect(seen).toEqual(all.data.map((p) => p.id));
    expect(decodeCursor(encodeCursor(1234))).toBe(1234);
  });

  it('filters by updated_since and by body', async () => {
    const later = jsonOf(await get('/api/v1/meetings?updated_since=2030-01-01T00:00:00Z'), listOf(Meeting));
    expect(later.data).toEqual([]);
    const bodies = jsonOf(await get('/api/v1/bodies?limit=200'), listOf(Body));
    const council = bodies.data.find((b) => b.slug === 'council')!;
    const meetings = jsonOf(await get(`/api/v1/meetings?body=${council.id}`), listOf(Meeting));
    expect(meetings.data.map((m) => m.body_name)).toEqual(['Council', 'Council', 'Council']);
  });

  it('shows where imported records came from', async () => {
    const meetings = jsonOf(await get('/api/v1/meetings?limit=200'), listOf(Meeting));
    expect(meetings.data.find((m) => m.slug === 'council-imported')!.source).toEqual({ system: 'moderngov', id: '4967' });
    expect(meetings.data.find((m) => m.slug !== 'council-imported')!.source).toBeNull();
  });
});

describe('records', () => {
  it('gives a recommendation with its response, and a meeting with its agenda and minute', async () => {
    const recs = jsonOf(await get('/api/v1/recommendations?limit=200'), listOf(Recommendation));
    expect(recs.data.find((r) => r.number === 3)!.response).toMatchObject({ action_by_text: 'Annual Participation', decision: 'not_accepted' });
    const decisions = jsonOf(await get('/api/v1/decisions'), listOf(Decision));
    const minute109 = decisions.data.find((d) => d.minute.number === 109)!;
    expect(minute109.limbs).toHaveLength(3);
    const meeting = jsonOf(await get(`/api/v1/meetings/${minute109.meeting_id}`), one(MeetingDetail));
    expect(meeting.data.agenda_items[0]!.minute!.number).toBe(109);
    expect(meeting.data.agenda_items[0]!.documents).toHaveLength(1);
  });

  it('is a 404 problem for a record that does not exist', async () => {
    const response = await get('/api/v1/meetings/99999');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('caching and CORS', () => {
  it('answers 304 to If-None-Match and to If-Modified-Since', async () => {
    const first = await get('/api/v1/reviews');
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toBeTruthy();
    expect(new Date(lastModified).toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect((await get('/api/v1/reviews', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get('/api/v1/reviews', { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get('/api/v1/reviews', { 'if-modified-since': 'Sat, 21 Nov 2026 12:00:00 GMT' })).statusCode).toBe(200);
  });

  it('answers a CORS preflight', async () => {
    const response = await demo.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/meetings',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toContain('GET');
  });
});

describe('bad requests', () => {
  it('names an unknown parameter in a 400 problem document', async () => {
    const response = await get('/api/v1/meetings?colour=blue');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, errors: [{ field: 'colour' }] });
    expect(jsonOf(response, Problem).detail).toContain('colour');
  });

  it('refuses a bad cursor and an out-of-range limit, naming them', async () => {
    for (const cursor of ['not-a-cursor', encodeCursor(5).slice(0, 1), Buffer.from('-1').toString('base64url'), '%00']) {
      const response = await get(`/api/v1/people?cursor=${cursor}`);
      expect(response.statusCode, cursor).toBe(400);
      expect(jsonOf(response, Problem).errors?.[0]?.field).toBe('cursor');
    }
    const limit = await get('/api/v1/people?limit=201');
    expect(limit.statusCode).toBe(400);
    expect(jsonOf(limit, Problem).errors?.[0]?.field).toBe('limit');
    const since = await get('/api/v1/people?updated_since=yesterday');
    expect(jsonOf(since, Problem).errors?.[0]?.field).toBe('updated_since');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document that a validator accepts', async () => {
    const response = await get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = jsonOf(response, OpenApiDocument);
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as unknown as ApiDocument);
    expect(result).toMatchObject({ valid: true });
    // The validator does reject a broken document, so the check above can fail.
    const broken = structuredClone(document);
    broken.paths['/api/v1/meetings']!.get.responses = 'none';
    expect((await validate(broken as unknown as ApiDocument)).valid).toBe(false);
    expect(Object.keys(document.paths)).toContain('/api/v1/recommendations/{id}');
    const listParams = document.paths['/api/v1/meetings']!.get.parameters.map((p) => p.name);
    expect(listParams).toEqual(['cursor', 'limit', 'updated_since', 'body']);
  });
});

describe.each(testDialects())('a review document on %s', (dialect) => {
  const SLUG = 'alternative-management-arrangements-for-childrens-services';

  it('holds the terms, criteria, evidence, members and schedule the public review page shows, in its order', async () => {
    const database = await createTestDb(dialect);
    const services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    const app = await buildApp({ services });
    try {
      await services.demo.loadIfAbsent();
      const fetch = async <S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> => {
        const response = await app.inject({ url });
        expect(response.statusCode, url).toBe(200);
        return jsonOf(response, schema);
      };
      const reviews = (await fetch('/api/v1/reviews', listOf(z.looseObject(Review.shape)))).data;
      const listed = reviews.find((r) => r.slug === SLUG)!;
      expect(listed.terms, 'list items stay as they were').toBeUndefined();
      const json = await fetch(`/api/v1/reviews/${listed.id}`, z.looseObject({ data: z.looseObject({ members: z.array(z.looseObject({})) }) }));
      const review = one(API_RESOURCES.reviews.detail).parse(json).data;
      const page = presentReview(await services.reviews.bySlug(SLUG));

      expect(review.terms).toEqual(page.terms);
      expect(review.terms[0]).toMatchObject({ number: '1.1', text: 'The following terms of reference were agreed by the review group:' });
      expect(review.terms[0]!.points).toHaveLength(2);
      expect(review.criteria_heading).toBe(page.criteriaHeading);
      expect(review.criteria).toEqual(page.criteria);
      expect(review.criteria.map((c) => c.number)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
      expect(review.schedule.map((s) => s.business)).toEqual(page.schedule.map((s) => s.business));
      expect(review.schedule[4]).toMatchObject({ starts_on: '2017-01-23', ends_on: '2017-02-28' });

      // The page prints visits and tele-conferences first, then the other evidence; the document gives each its kind.
      const shown = (e: { organisation: string | null; subject: string | null; date: string | null }) => [e.organisation, e.subject, e.date];
      const visits = review.evidence.filter((e) => e.kind === 'visit' || e.kind === 'teleconference');
      expect(visits.map(shown)).toEqual(page.visits.map(shown));
      expect(review.evidence.filter((e) => !visits.includes(e)).map(shown)).toEqual(page.otherEvidence.map(shown));
      expect(review.evidence).toHaveLength(14);
      const slough = review.evidence.find((e) => e.organisation === 'Slough Borough Council')!;
      expect((await fetch(slough.links.body!, one(Body))).data).toMatchObject({ id: slough.body_id, name: 'Slough Borough Council' });

      expect(review.members.map((m) => [m.honorific, m.name].join(' '))).toEqual(page.members.map((m) => m.person.text));
      const chair = review.members[0]!;
      expect(chair).toMatchObject({ name: 'Maggi Clark', honorific: 'Councillor', role: 'chair' });
      expect(review.members.filter((m) => m.role === 'chair')).toHaveLength(1);
      const person = (await fetch(chair.links.person!, one(Person))).data;
      expect(person).toMatchObject({ id: chair.person_id, name: 'Maggi Clark' });
      expect(person.links.html).toBe(page.members[0]!.person.href);
      expect((await fetch(chair.links.membership!, one(Membership))).data).toMatchObject({
        person_id: chair.person_id,
        body_id: review.group_id,
        role: 'chair',
      });

      // Every field is in the OpenAPI document, and the check does catch one that is not.
      const schema = (buildOpenApiDocument() as { components: { schemas: Record<string, JsonSchema> } }).components.schemas.ReviewsItem!;
      expect(undescribed(json, schema)).toEqual([]);
      const extra = structuredClone(json);
      extra.data.members[0]!.email = 'chair@example.org';
      expect(undescribed(extra, schema)).toEqual(['.data.members[0].email']);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
