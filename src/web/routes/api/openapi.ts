// Builds the OpenAPI 3.1 document of the JSON API from the same zod schemas the routes validate with (z.toJSONSchema, JSON Schema 2020-12).
import { z } from 'zod';
import { API_RESOURCES, Problem, listOf, one } from '../../api-schemas.ts';
import { paths } from '../../paths.ts';
import { present } from '../../../domain/present.ts';

type JsonSchema = Record<string, unknown>;

function schema(type: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** One OpenAPI query parameter per field of a strict query object. */
function queryParameters(query: z.ZodObject): JsonSchema[] {
  const json = schema(query, 'input') as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: false, ...(description ? { description } : {}), schema: rest };
  });
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const cacheHeaders = {
  ETag: { description: 'Entity tag; send it back in If-None-Match to get 304 when nothing changed', schema: { type: 'string' } },
  'Last-Modified': { description: 'When the newest record in the response changed', schema: { type: 'string' } },
};

export function buildOpenApiDocument(): JsonSchema {
  const schemas: Record<string, JsonSchema> = { Problem: schema(Problem) };
  const pathItems: Record<string, JsonSchema> = {};
  for (const [name, resource] of Object.entries(API_RESOURCES)) {
    // 'forward-plan' is ForwardPlan in schema and operation names.
    const title = name
      .split('-')
      .map((part) => present(part[0], 'part[0]').toUpperCase() + part.slice(1))
      .join('');
    schemas[`${title}List`] = schema(listOf(resource.item));
    schemas[`${title}Item`] = schema(one(resource.detail));
    pathItems[paths.api.collection(name)] = {
      get: {
        operationId: `list${title}`,
        summary: resource.summary,
        parameters: queryParameters(resource.query),
        responses: {
          200: {
            description: 'A page of records in id order',
            headers: cacheHeaders,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${title}List` } } },
          },
          304: { description: 'Not modified since the ETag or date you sent' },
          400: problemResponse('An unknown query parameter, a bad cursor or a bad value; the parameter is named'),
        },
      },
    };
    pathItems[`${paths.api.collection(name)}/{id}`] = {
      get: {
        operationId: `get${title}`,
        summary: `One of: ${resource.summary.charAt(0).toLowerCase()}${resource.summary.slice(1)}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: {
          200: { description: 'The record', headers: cacheHeaders, content: { 'application/json': { schema: { $ref: `#/components/schemas/${title}Item` } } } },
          304: { description: 'Not modified since the ETag or date you sent' },
          400: problemResponse('An unknown query parameter'),
          404: problemResponse('No such record'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Scrutineer open data API',
      version: '1.0.0',
      description:
        'Read-only public data: bodies, people, memberships, meetings with agendas, issues, decisions, scrutiny reviews and recommendations with the executive response and progress. Exempt, confidential and restricted information is never included. Lists are pages in id order: follow links.next (an opaque cursor). Any origin may read (CORS).',
      license: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: '/' }],
    paths: pathItems,
    components: { schemas },
  };
}
