/**
 * Query schemas of the analytics endpoints (the single source of truth: requests are validated
 * with them and the OpenAPI description is generated from them), and their registration.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dateSchema } from '../../graph/schema.js';
import { queryInteger } from '../../graph/service/query-number.js';
import {
  diversityGapResponse,
  dimensionsResponse,
  groupMetricsResponse,
  introductionsResponse,
  networkMetricsResponse,
  pathsResponse,
  personMetricsResponse,
  relationshipResponse,
  renetworkingResponse,
} from '../schemas/analytics-responses.js';
import { problemResponse } from '../schemas/problem.js';

const asOf = dateSchema.optional().describe('the graph as it stood then (a date means the end of that UTC day); default now');
const id = z.string().min(1).max(256);
const dimension = z.string().min(1).max(100);
// Defaults and caps of k and maxHops are settings (config.paths; path-limits.ts applies them), so
// the schema only asks for a whole number ≥ 1.
const k = queryInteger({ min: 1 }).optional().describe('how many paths; default and cap: settings paths.k (3) and paths.kCap (10)');
const maxHops = queryInteger({ min: 1 })
  .optional()
  .describe('most hops of a path; default and cap: settings paths.maxHops (4) and paths.maxHopsCap (8)');

export const asOfQuerySchema = z.strictObject({ asOf });
/** GET /api/dimensions takes nothing: the names offered do not depend on a date. */
export const dimensionsQuerySchema = z.strictObject({});
export const personMetricsQuerySchema = z.strictObject({ asOf, dimension: dimension.optional().describe('only this diversity dimension') });
export const pathsQuerySchema = z.strictObject({
  asOf,
  from: id.describe('the person the paths start from'),
  to: id.optional().describe('the person to reach, someone other than from: a path to oneself is a 400 (or give toCompany, or where[DIMENSION]; the person asking is left out of those)'),
  toCompany: id.optional().describe('reach anyone at this company id'),
  k,
  maxHops,
});
export const renetworkingQuerySchema = z.strictObject({
  asOf,
  person: id.describe('whose ties to rank'),
  limit: queryInteger({ min: 1, max: 500 }).default(20).describe('most rows in the queue (1–500)'),
});
export const introductionsQuerySchema = z.strictObject({
  asOf,
  dimension: dimension.default('industry').describe('the dimension whose cross-category referral traffic ranks the pairs'),
  limit: queryInteger({ min: 1, max: 200 }).default(20).describe('most pairs (1–200)'),
  includeCompetitors: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('also list pairs of the same profession (flagged competitors)'),
});
/**
 * A comma-separated category list, each item trimmed. An empty value is refused like every other
 * empty filter (`where[DIM]=`, `?industry=`): read as "no target" it silently answered against the
 * whole network, and an empty item was silently dropped from the list.
 */
const targetList = z
  .string()
  .max(5000)
  .min(1, 'must not be empty: give comma-separated categories, or leave target out to compare with the whole network')
  .transform((v, ctx) => {
    const items = v.split(',').map((s) => s.trim());
    const empty = items.flatMap((s, i) => (s === '' ? [i + 1] : []));
    if (items.length > 0 && empty.length === items.length) ctx.addIssue({ code: 'custom', message: 'must not be empty: give comma-separated categories, or leave target out to compare with the whole network' });
    else if (empty.length) ctx.addIssue({ code: 'custom', message: `${empty.length === 1 ? 'item' : 'items'} ${empty.join(', ')} of the list ${empty.length === 1 ? 'is' : 'are'} empty: give a category between each pair of commas` });
    return items;
  });

export const diversityGapQuerySchema = z.strictObject({
  asOf,
  person: id.optional().describe("the person whose ties are examined (or give group)"),
  group: id.optional().describe("the group whose members are examined (or give person)"),
  dimension: dimension.describe('industry, profession, location, company, title, group or an attribute key'),
  target: targetList
    .optional()
    .describe('comma-separated target categories (equal shares), each matching the stored spelling in any case and without accents; one no one holds is a 400 naming the closest ones (unless allowAbsent=true); an empty list or an empty item (`target=`, `target=law,,tech`) is a 400, as every empty filter is; omit it to compare with the whole network'),
  allowAbsent: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: target categories no one holds are taken as given (listed as missing, with no one to fill them) instead of refused'),
  maxHops,
});

const ERRORS = {
  400: problemResponse('Invalid query (every problem listed)', 400),
  404: problemResponse('Unknown person, group or company'),
  503: problemResponse('Analytics are warming up (`warmingUp: true`, Retry-After), or the store is unavailable'),
};

/** Registers the analytics paths in the OpenAPI registry the app builds. */
export function registerAnalyticsOpenApi(registry: OpenAPIRegistry): void {
  const tags = ['analytics'];
  const get = (path: string, summary: string, response: z.ZodType, query: z.ZodObject, params?: z.ZodObject) =>
    registry.registerPath({
      method: 'get', path, tags, summary,
      request: { query, ...(params ? { params } : {}) },
      responses: { 200: { description: summary, content: { 'application/json': { schema: response } } }, ...ERRORS },
    });
  get('/api/relationships/{a}/{b}', 'VCP stage with evidence, dormant flag and tie strength with components', relationshipResponse, asOfQuerySchema, z.object({ a: id.describe('one person id'), b: id.describe('the other person id') }));
  get('/api/people/{id}/metrics', 'Visibility, brokerage, reciprocity, diversity per dimension and tie stages of a person', personMetricsResponse, personMetricsQuerySchema, z.object({ id: id.describe('the person id') }));
  get('/api/metrics/network', 'People, ties, reciprocity, stage distribution, Louvain communities, top brokers', networkMetricsResponse, asOfQuerySchema);
  get('/api/groups/{id}/metrics', 'Coverage, overlaps, Herfindahl (of the members the caller sees), referral flow, reciprocity inside, return on attendance', groupMetricsResponse, asOfQuerySchema, z.object({ id: id.describe('the group id') }));
  get('/api/paths', 'k best loopless warm paths (Yen) to a person, a company, or where[DIMENSION]=VALUE; 200 with no paths and a reason when unreachable', pathsResponse, pathsQuerySchema.extend({ 'where[DIMENSION]': z.string().optional().describe('e.g. where[industry]=Legal; the value matches case- and accent-insensitively, and a category no one holds is a 400 naming the closest ones') }));
  get('/api/renetworking', 'Dormant and fading ties ranked by value and time since contact, plus follow-ups due', renetworkingResponse, renetworkingQuerySchema);
  get('/api/people/{id}/introductions', 'Pairs of contacts to introduce, ranked by cross-category referral traffic', introductionsResponse, introductionsQuerySchema, z.object({ id: id.describe('the person who would make the introductions') }));
  get('/api/dimensions', 'The dimensions the other endpoints take (dimension=, where[DIMENSION]=), as offered on the data', dimensionsResponse, dimensionsQuerySchema);
  get('/api/reports/diversity-gap', 'Shares vs the network or a target list; missing and under-represented categories with candidates and warm paths', diversityGapResponse, diversityGapQuerySchema);
}
