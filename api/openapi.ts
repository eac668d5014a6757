/**
 * The OpenAPI 3.1 description of the API, generated from the same zod schemas that validate the
 * requests, so the documentation cannot drift from the behaviour.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { filterNamesOf, listQuerySchemas } from '../graph/service/list-queries.js';
import type { RecordKind } from '../graph/records.js';
import { CREATE_SCHEMAS, RECORD_SCHEMAS, type IdKind } from '../graph/service/record-schemas.js';
import { networkDocumentSchema, REFERRAL_STATUSES } from '../graph/schema.js';
import { RESOURCE_PATHS } from './routes/records.js';
import { problemResponse } from './schemas/problem.js';
import { fileImportQuerySchema } from './routes/import-files.js';
import { importReportResponse } from './schemas/import-report.js';

const NAMES: Record<IdKind, string> = {
  person: 'Person',
  company: 'Company',
  group: 'Group',
  event: 'Event',
  interaction: 'Interaction',
  referral: 'Referral',
};

/**
 * Component names are attached with zod's own `.meta({ id })` (read by the generator) rather than
 * `registry.register`, which needs `.openapi()` patched into zod before graph/schema.ts loads.
 * Done once per process: zod's global registry refuses an id twice.
 */
const named = <S extends z.ZodType>(id: string, schema: S): S => schema.meta({ id });

const COMPONENTS = {
  Document: named('NetworkDocument', networkDocumentSchema),
  records: {
    ...(Object.fromEntries(Object.entries(NAMES).map(([kind, name]) => [kind, named(name, RECORD_SCHEMAS[kind as IdKind])])) as {
      [K in IdKind]: (typeof RECORD_SCHEMAS)[K];
    }),
    membership: named('Membership', RECORD_SCHEMAS.membership),
    attendance: named('Attendance', RECORD_SCHEMAS.attendance),
  },
};

/** A JSON Merge Patch body of a record: any of its fields, each a new value or null to remove it. */
function mergePatchOf(record: z.ZodObject): z.ZodType {
  return z
    .object(Object.fromEntries(Object.entries(record.shape).map(([field, schema]) => [field, (schema as z.ZodType).nullable().optional()])))
    .describe('the fields to change; null removes a field');
}

const countsSchema = z.object(Object.fromEntries(Object.keys(networkDocumentSchema.shape).map((k) => [k, z.number().int()])));

/** Builds the OpenAPI document (cheap enough to build once at start). */
export function buildOpenApiDocument(extra?: (registry: OpenAPIRegistry) => void): object {
  const registry = new OpenAPIRegistry();
  const { Document } = COMPONENTS;
  const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), problemResponse(STATUS_TEXT[s] ?? 'Problem', s)]));
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  /** A list's problems: an invalid query or a category value no one holds (400), an id filter naming nothing (404). */
  const listProblems = (kind: RecordKind) => {
    const { ids, categories } = filterNamesOf(kind);
    const held = categories.length ? `, or a ${categories.join(' / ')} value no one holds (named with its closest spellings; allowAbsent=true answers an empty page)` : '';
    return {
      400: problemResponse(`Invalid query (every problem listed)${held}`, 400),
      ...(ids.length ? { 404: problemResponse(`The ${ids.join(' / ')} filter names no record (or a person withheld from the caller)`, 404) } : {}),
    };
  };

  const fileBody = z.string().describe('the file as uploaded, in the charset the content type declares; without one UTF-16 when its byte order mark or its NUL bytes show it, else UTF-8, else Windows-1252 (a body still holding a NUL character is a 400)');
  registry.registerPath({
    method: 'post',
    path: '/api/import',
    tags: ['import/export'],
    summary:
      'Upsert a whole network document atomically (all or nothing; every problem listed), or import a CSV (comma, semicolon or tab; ?format=linkedin|people|interactions|referrals), Excel .xlsx or vCard file',
    request: {
      query: fileImportQuerySchema.describe('for CSV, .xlsx and vCard bodies only'),
      body: {
        content: {
          'application/json': { schema: Document },
          'text/csv': { schema: fileBody },
          'text/vcard': { schema: fileBody },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().describe('an Excel workbook (.xlsx): its first sheet is read as CSV') },
        },
      },
    },
    responses: {
      200: json(
        z.union([
          z.object({ created: countsSchema, updated: countsSchema, unchanged: countsSchema, version: z.number().int() }).describe('a network document import'),
          importReportResponse.describe('a CSV, .xlsx or vCard import (or its dry run)'),
        ]),
        'What the import did',
      ),
      ...problems(400, 413, 415, 503, 507),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/export',
    tags: ['import/export'],
    summary: 'The whole network as a document (import format); private contacts of others are left out, with every record naming them',
    responses: { 200: json(Document, 'The network document'), ...problems(503) },
  });

  for (const kind of Object.keys(NAMES) as IdKind[]) {
    const Record = COMPONENTS.records[kind];
    const base = `/api/${RESOURCE_PATHS[kind]}`;
    const idParam = z.object({ id: z.string().describe(`${kind} id`) });
    const tags = [RESOURCE_PATHS[kind]];
    registry.registerPath({
      method: 'get', path: base, tags, summary: `List ${RESOURCE_PATHS[kind]}`,
      request: { query: listQuerySchemas[kind] },
      responses: { 200: json(z.object({ items: z.array(Record), nextCursor: z.string().nullable() }), 'One page'), ...listProblems(kind) },
    });
    registry.registerPath({
      method: 'post', path: base, tags, summary: `Create a ${kind} (id generated when left out)`,
      request: { body: { content: { 'application/json': { schema: CREATE_SCHEMAS[kind] } } } },
      responses: { 201: json(Record, 'Created'), ...problems(400, 409, 413, 415) },
    });
    registry.registerPath({
      method: 'get', path: `${base}/{id}`, tags, summary: `One ${kind}`,
      request: { params: idParam },
      responses: { 200: json(Record, 'The record'), ...problems(404) },
    });
    registry.registerPath({
      method: 'put', path: `${base}/{id}`, tags, summary: `Create or replace a ${kind}`,
      request: { params: idParam, body: { content: { 'application/json': { schema: RECORD_SCHEMAS[kind] } } } },
      responses: { 200: json(Record, 'Replaced'), 201: json(Record, 'Created'), ...problems(400, 409) },
    });
    registry.registerPath({
      method: 'patch', path: `${base}/{id}`, tags,
      summary: `Change some fields of a ${kind} (JSON Merge Patch: null removes a field)${kind === 'referral' ? `; status moves forward only (${REFERRAL_STATUSES.join(' → ')})` : ''}`,
      request: { params: idParam, body: { content: { 'application/merge-patch+json': { schema: mergePatchOf(RECORD_SCHEMAS[kind]) } } } },
      responses: { 200: json(Record, 'The changed record'), ...problems(400, 404, 409) },
    });
    registry.registerPath({
      method: 'delete', path: `${base}/{id}`, tags,
      summary: kind === 'group' ? 'Delete a group and its memberships; its events stay, no longer hosted' : `Delete a ${kind} and every record that names it`,
      description:
        (kind === 'group'
          ? 'The events the group hosts are not deleted: they stay with their attendance, no longer hosted by it (un-hosted in the same write, which whoever may delete the group may do; an event with no host is then an admin\'s to edit). '
          : '') +
        'One atomic write. A caller who does not see every record the cascade reaches (a record naming another member\'s private contact) is refused 403 with their count, and nothing is deleted; an admin deletes them all.' +
        (kind === 'person' ? ' A person an enabled account is, or who owns private contacts, is not deleted (409 naming what holds them): disable or relink the account, share or hand over the contacts first (a merge moves both to the person kept).' : ''),
      request: { params: idParam },
      responses: { 200: json(z.object({ deleted: countsSchema.partial() }), 'Records deleted, per collection'), ...problems(...(kind === 'person' ? [404, 409] : [404])) },
    });
  }

  registry.registerPath({
    method: 'post', path: '/api/people/{id}/share', tags: ['people'],
    summary: "Share a private contact with the network (removes privateTo): only its owner or an admin (anyone else is 403, the person shared already or not); a person withheld from the caller is 404",
    request: { params: z.object({ id: z.string().describe('person id') }) },
    responses: { 200: json(COMPONENTS.records.person, 'The person, now shared'), ...problems(403, 404) },
  });

  for (const [kind, path, right] of [['membership', 'memberships', 'group'], ['attendance', 'attendance', 'event']] as const) {
    const Record = COMPONENTS.records[kind];
    const tags = [path];
    registry.registerPath({
      method: 'get', path: `/api/${path}`, tags, summary: `List ${path}`,
      request: { query: listQuerySchemas[kind] },
      responses: { 200: json(z.object({ items: z.array(Record), nextCursor: z.string().nullable() }), 'One page'), ...listProblems(kind) },
    });
    registry.registerPath({
      method: 'post', path: `/api/${path}`, tags, summary: `Add or replace a ${kind}`,
      request: { body: { content: { 'application/json': { schema: Record } } } },
      responses: { 200: json(Record, 'Replaced'), 201: json(Record, 'Created'), ...problems(400) },
    });
    registry.registerPath({
      method: 'delete', path: `/api/${path}/{person}/{${right}}`, tags, summary: `Remove a ${kind}`,
      request: { params: z.object({ person: z.string().describe('the person id'), [right]: z.string().describe(`the ${right} id`) }) },
      responses: { 204: { description: 'Removed' }, ...problems(404) },
    });
  }

  registry.registerPath({ method: 'get', path: '/healthz', tags: ['health'], summary: 'The process is alive', responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') } });
  registry.registerPath({
    method: 'get', path: '/readyz', tags: ['health'], summary: 'The store answers',
    responses: { 200: json(z.object({ status: z.literal('ready'), store: z.string(), version: z.number().int() }), 'Ready'), ...problems(503) },
  });

  extra?.(registry);
  for (const def of registry.definitions) if (def.type === 'route') addCommonProblems(def.route, problems);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'refnet API',
      version: '0.1.0',
      description: 'Referral-network graph analytics. Errors are RFC 9457 problem+json. See docs/API.md.',
    },
  });
}

type Route = { method: string; path: string; request?: { params?: unknown }; responses: Record<string, unknown> };

/**
 * The problems any operation can answer besides its own, in one place: an unreadable request line
 * (400: malformed percent-encoding in the path or the query, on any route), the guards in front
 * of every /api route (401 no or bad key, 403 scope, 429 rate limit), the store gone (503), a body
 * refused before the handler (413, 415), a write to a full store (507), an unknown id in the path
 * (404), and a fault (500).
 */
function addCommonProblems(route: Route, problems: (...statuses: number[]) => Record<string, unknown>): void {
  const statuses = [400, 500];
  if (route.path.startsWith('/api/')) statuses.push(401, 403, 429, 503);
  if (['post', 'put', 'patch'].includes(route.method)) statuses.push(413, 415);
  if (['post', 'put', 'patch', 'delete'].includes(route.method)) statuses.push(507);
  if (route.path.includes('{')) statuses.push(404);
  const missing = statuses.filter((s) => !(String(s) in route.responses));
  Object.assign(route.responses, problems(...missing));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (every problem listed in `errors`)',
  401: 'Not signed in and no API key, or a key that is not valid (WWW-Authenticate says how to send one)',
  403: 'The key lacks the scope this operation needs (`requiredScope`), the signed-in role may not write this record, or a cookie-authenticated write lacks X-CSRF-Token',
  404: 'Not found',
  405: 'Method not allowed',
  429: 'Too many requests (Retry-After says when to retry)',
  500: 'Internal error (the body carries only a request id to quote)',
  409: 'Conflict',
  413: 'Body over the size limit',
  415: 'A body of a type the operation does not read (the detail names those it does, `accepted` lists them), or JSON declaring a charset other than UTF-8',
  503: 'Store unavailable',
  507: 'Store out of space',
};
