/**
 * The map's request and response as zod schemas, the single source of truth: the API validates
 * the query with `mapQuerySchema`, the OpenAPI document is generated from both, and the browser
 * app (viz/) imports the response types inferred here.
 */
import { z } from 'zod';
import type { Sees } from '../analytics/context.js';
import { dateSchema } from '../schema.js';
import { queryInteger } from '../service/query-number.js';

/** Largest view sent in one response; above it the server picks an ego network. */
export const MAP_MAX_NODES = 15_000;
export const MAP_MAX_EDGES = 80_000;

const VIEWS = ['auto', 'all', 'ego', 'group', 'community'] as const;

/** GET /api/map's query. A view that names its subject (ego: person, group: group) must name it. */
export const mapQuerySchema = z
  .strictObject({
    asOf: dateSchema.optional().describe('the network as it stood then (a date means the end of that UTC day); default now'),
    view: z.enum(VIEWS).default('auto').describe('auto: everyone, or an ego network when too large; all; ego (person, radius); group; community'),
    person: z.string().min(1).optional().describe('the centre of view=ego'),
    radius: queryInteger({ min: 1, max: 4 }).default(2).describe('hops around the person for view=ego (1–4)'),
    group: z.string().min(1).optional().describe('the group of view=group'),
    community: queryInteger({ min: 0 }).optional().describe('the community number of view=community'),
    maxNodes: queryInteger({ min: 1, max: MAP_MAX_NODES }).default(MAP_MAX_NODES).describe(`most people sent (at most ${MAP_MAX_NODES})`),
    maxEdges: queryInteger({ min: 1, max: MAP_MAX_EDGES }).default(MAP_MAX_EDGES).describe(`most ties sent (at most ${MAP_MAX_EDGES})`),
    /** edges=false: people only (name pickers), never cut down for the ties' sake. */
    edges: z.stringbool().default(true).describe('false: people only, no ties'),
  })
  .superRefine((q, ctx) => {
    if (q.view === 'ego' && q.person === undefined) ctx.addIssue({ code: 'custom', path: ['person'], message: 'is required for view=ego' });
    if (q.view === 'group' && q.group === undefined) ctx.addIssue({ code: 'custom', path: ['group'], message: 'is required for view=group' });
  });

/** What the map use-case is asked: the parsed query, asOf as an instant, and whom it may show. */
export type MapRequest = Omit<z.infer<typeof mapQuerySchema>, 'asOf'> & {
  /** ms; undefined means now (the analytics' live view, cached between requests) */
  asOf: number | undefined;
  /** the people the viewer sees (undefined: everyone): only they are drawn, and count towards maxNodes */
  sees?: Sees;
};

const viewKind = z.enum(['all', 'ego', 'group', 'community']);

export const mapNodeSchema = z.object({
  id: z.string(),
  label: z.string(),
  x: z.number(),
  y: z.number(),
  community: z.number().int(),
  degree: z.number().int(),
  betweenness: z.number().optional(),
  industry: z.string().optional(),
  profession: z.string().optional(),
  company: z.string().optional(),
  location: z.string().optional(),
  groups: z.array(z.number().int()).describe('indexes into `groups`'),
});

export const mapResponseSchema = z.object({
  version: z.number().int().describe('the analytics projection version the view was built from (bumped by every write): it orders the views of one running server, and starts afresh with each start (it is no version of the records)'),
  asOf: z.string().describe('ISO 8601 date-time'),
  layout: z.enum(['client', 'server']).describe('always "server": the positions are final, the browser draws them as they are'),
  total: z.object({ people: z.number().int(), ties: z.number().int() }),
  view: z.object({ kind: viewKind, person: z.string().optional(), radius: z.number().int().optional(), group: z.string().optional(), community: z.number().int().optional() }),
  filtered: z.object({ reason: z.string() }).optional().describe('present when the server cut the network down: why, in words'),
  stages: z.array(z.string()).readonly(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  communities: z.number().int(),
  categories: z
    .object({ industry: z.array(z.string()), community: z.array(z.number().int()) })
    .describe(
      "categories of the whole network, most common first: the i-th takes the i-th colour in every view of this version; for a caller who does not see everyone, the industries someone they see holds (one only another member's private contacts hold is left out)",
    ),
  communityNames: z
    .array(z.string())
    .describe("each community's name (its dominant industry), by community id; \"community N\" when no one the caller sees holds that industry"),
  extent: z
    .object({ x: z.tuple([z.number(), z.number()]), y: z.tuple([z.number(), z.number()]) })
    .describe("the bounding box of the version's whole layout (the same for every date), to frame the time slider's frames alike"),
  timeline: z.object({ first: z.string(), last: z.string() }).optional().describe('first contact and latest record (ISO 8601): the time slider’s range'),
  hasBetweenness: z.boolean(),
  betweenness: z.object({ status: z.string(), exact: z.boolean().nullable() }).describe('where betweenness stands: exact, sampled, or still being computed in the background'),
  nodes: z.array(mapNodeSchema),
  edges: z
    .array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number()]))
    .describe('[source index, target index, stage index into `stages`, dormant 0|1, tie strength 0–1]'),
});

export type MapNode = z.infer<typeof mapNodeSchema>;
export type MapResponse = z.infer<typeof mapResponseSchema>;
