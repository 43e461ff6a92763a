// The public, read-only JSON API under /api/v1: collections with cursor pages, single records, CORS, Last-Modified and the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { NotFoundError, ValidationError, type FieldError } from '../../../services/errors.ts';
import type { Services } from '../../../services/index.ts';
import type { ApiPage } from '../../../services/api-service.ts';
import { MAX_RECORD_ID } from '../../../domain/record-id.ts';
import { API_RESOURCES, ItemParams, ItemQuery, type ApiCollection } from '../../api-schemas.ts';
import { paths } from '../../paths.ts';
import {
  bodyDocument,
  callInDocument,
  decisionDocument,
  forwardPlanDocument,
  issueDetailDocument,
  issueDocument,
  meetingDetailDocument,
  meetingDocument,
  membershipDocument,
  personDocument,
  recommendationDocument,
  reviewDetailDocument,
  reviewDocument,
  workProgrammeDocument,
} from './api-documents.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { present } from '../../../domain/present.ts';

export const DEFAULT_LIMIT = 50;

/** The cursor is the last id of the page, base64url-encoded: opaque to clients, so it can change shape later. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(String(lastId), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9]\d{0,15}$/.test(text) || encodeCursor(Number(text)) !== cursor) return null;
  // A cursor is an id this API gave out, so never past the largest id.
  const id = Number(text);
  return id <= MAX_RECORD_ID ? id : null;
}

/** A strict zod failure as field errors: an unknown parameter is named as the field, with what to do. */
function queryErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, message: `Unknown query parameter "${key}"` }))
      : [{ field: issue.path.map(String).join('.'), message: issue.message }],
  );
}

function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const errors = queryErrors(parsed.error);
  throw new ValidationError(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
}

/** RFC 9110 §8.8.2: Last-Modified from the newest record; §13.1.3: If-Modified-Since, when no If-None-Match was sent. */
function notModifiedSince(request: FastifyRequest, reply: FastifyReply, instants: readonly string[]): boolean {
  if (instants.length === 0) return false;
  const newest = instants.reduce((a, b) => (a > b ? a : b));
  const seconds = Math.floor(Date.parse(newest) / 1000) * 1000;
  if (Number.isNaN(seconds)) return false;
  reply.header('last-modified', new Date(seconds).toUTCString());
  const since = request.headers['if-modified-since'];
  if (request.headers['if-none-match'] || !since) return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && seconds <= at;
}

function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown, instants: readonly string[]): FastifyReply {
  if (notModifiedSince(request, reply, instants)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

type Lister = (services: Services, page: ApiPage) => Promise<{ id: number; updated_at: string }[]>;
type Getter = (services: Services, id: number) => Promise<{ updated_at: string; document: unknown }>;

const LIST: Record<ApiCollection, { list: Lister; document: (row: never) => unknown }> = {
  bodies: { list: (s, p) => s.api.bodies(p), document: bodyDocument },
  people: { list: (s, p) => s.api.people(p), document: personDocument },
  memberships: { list: (s, p) => s.api.memberships(p), document: membershipDocument },
  meetings: { list: (s, p) => s.api.meetings(p), document: meetingDocument },
  issues: { list: (s, p) => s.api.issues(p), document: issueDocument },
  decisions: { list: (s, p) => s.api.decisions(p), document: decisionDocument },
  reviews: { list: (s, p) => s.api.reviews(p), document: reviewDocument },
  recommendations: { list: (s, p) => s.api.recommendations(p), document: recommendationDocument },
  'forward-plan': { list: (s, p) => s.forwardPlan.apiPage(p), document: forwardPlanDocument },
  'work-programme': { list: (s, p) => s.workProgramme.apiPage(p), document: workProgrammeDocument },
  'call-ins': { list: (s, p) => s.callIns.apiPage(p), document: callInDocument },
};

const GET: Record<ApiCollection, Getter> = {
  bodies: async (s, id) => {
    const b = await s.api.body(id);
    return { updated_at: b.updated_at, document: bodyDocument(b) };
  },
  people: async (s, id) => {
    const p = await s.api.person(id);
    return { updated_at: p.updated_at, document: personDocument(p) };
  },
  memberships: async (s, id) => {
    const m = await s.api.membership(id);
    return { updated_at: m.updated_at, document: membershipDocument(m) };
  },
  meetings: async (s, id) => {
    const m = await s.api.meeting(id);
    return { updated_at: m.meeting.updated_at, document: meetingDetailDocument(m) };
  },
  issues: async (s, id) => {
    const i = await s.api.issue(id);
    return { updated_at: i.issue.updated_at, document: issueDetailDocument(i) };
  },
  decisions: async (s, id) => {
    const d = await s.api.decision(id);
    return { updated_at: d.updated_at, document: decisionDocument(d) };
  },
  reviews: async (s, id) => {
    const r = await s.api.review(id);
    // The group's memberships change on their own: the newest of them or the review is when the document last changed.
    const updatedAt = r.members.reduce((newest, m) => (m.updated_at > newest ? m.updated_at : newest), r.updated_at);
    return { updated_at: updatedAt, document: reviewDetailDocument(r) };
  },
  recommendations: async (s, id) => {
    const r = await s.api.recommendation(id);
    return { updated_at: r.updated_at, document: recommendationDocument(r) };
  },
  'forward-plan': async (s, id) => {
    const e = await s.forwardPlan.publicEntryById(id);
    return { updated_at: e.updated_at, document: forwardPlanDocument(e) };
  },
  'work-programme': async (s, id) => {
    const t = await s.workProgramme.publicTopicById(id);
    return { updated_at: t.updated_at, document: workProgrammeDocument(t) };
  },
  'call-ins': async (s, id) => {
    const c = await s.callIns.publicById(id);
    return { updated_at: c.updated_at, document: callInDocument(c) };
  },
};

export function apiRoutes(app: FastifyInstance, { services }: { services: Services }): void {
  // CORS for a read-only public API: any origin may GET (Fetch standard, CORS protocol).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'ETag, Last-Modified');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  app.options(`${paths.api.root()}/*`, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, If-Modified-Since')
      .header('access-control-max-age', '86400')
      .send(),
  );

  const openapi = JSON.stringify(buildOpenApiDocument());
  app.get(paths.api.openapi(), async (_request, reply) => reply.type('application/json; charset=utf-8').send(openapi));

  app.get(paths.api.root(), async (request, reply) => {
    parseQuery(ItemQuery, request.query);
    const links: Record<string, string> = { self: paths.api.root(), openapi: paths.api.openapi() };
    for (const name of Object.keys(API_RESOURCES)) links[name] = paths.api.collection(name);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ links }));
  });

  for (const name of Object.keys(API_RESOURCES) as ApiCollection[]) {
    const resource = API_RESOURCES[name];
    app.get(paths.api.collection(name), async (request, reply) => {
      const query = parseQuery(resource.query, request.query) as {
        cursor?: string;
        limit?: number;
        updated_since?: string;
        body?: number;
        person?: number;
        review?: number;
        year?: number;
      };
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (after === null)
        throw new ValidationError([{ field: 'cursor', message: 'The cursor is not one this API gave out' }], 'cursor: the cursor is not one this API gave out');
      const limit = query.limit ?? DEFAULT_LIMIT;
      const page: ApiPage = {
        limit: limit + 1,
        ...(after !== undefined ? { after } : {}),
        ...(query.updated_since ? { updatedSince: new Date(query.updated_since).toISOString() } : {}),
        ...(query.body !== undefined ? { body: query.body } : {}),
        ...(query.person !== undefined ? { person: query.person } : {}),
        ...(query.review !== undefined ? { review: query.review } : {}),
        ...(query.year !== undefined ? { year: query.year } : {}),
      };
      const rows = await LIST[name].list(services, page);
      const pageRows = rows.slice(0, limit);
      const nextParams = new URLSearchParams(request.query as Record<string, string>);
      let next: string | null = null;
      if (rows.length > limit) {
        nextParams.set('cursor', encodeCursor(present(pageRows.at(-1), 'the last row').id));
        next = `${paths.api.collection(name)}?${nextParams.toString()}`;
      }
      const self = request.url;
      const data = pageRows.map((row) => LIST[name].document(row as never));
      return sendJson(
        request,
        reply,
        { data, links: { self, next } },
        pageRows.map((r) => r.updated_at),
      );
    });

    app.get<{ Params: { id: string } }>(`${paths.api.collection(name)}/:id`, async (request, reply) => {
      parseQuery(ItemQuery, request.query);
      const params = ItemParams.safeParse(request.params);
      if (!params.success) throw new ValidationError([{ field: 'id', message: 'An id is a whole number from 1' }], 'id: an id is a whole number from 1');
      // A number past the largest id is a record we do not have, as on a page.
      if (params.data.id > MAX_RECORD_ID) throw new NotFoundError('No such record');
      const { updated_at, document } = await GET[name](services, params.data.id);
      return sendJson(request, reply, { data: document }, [updated_at]);
    });
  }
}
