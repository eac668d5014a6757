/** The response schema of GET /api/map (built by api/routes/map-view.ts), checked against its type. */
import { z } from 'zod';
import type { MapResponse } from '../routes/map-view.js';
import type { Assignable } from './assignable.js';

const viewKind = z.enum(['all', 'ego', 'group', 'community']);

export const mapResponse = z.object({
  version: z.number().int(),
  asOf: z.string().describe('ISO 8601 date-time'),
  layout: z.enum(['client', 'server']),
  total: z.object({ people: z.number().int(), ties: z.number().int() }),
  view: z.object({ kind: viewKind, person: z.string().optional(), radius: z.number().int().optional(), group: z.string().optional(), community: z.number().int().optional() }),
  filtered: z.object({ reason: z.string() }).optional().describe('present when the server cut the network down: why, in words'),
  stages: z.array(z.string()).readonly(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  communities: z.number().int(),
  hasBetweenness: z.boolean(),
  betweenness: z.object({ status: z.string(), exact: z.boolean().nullable() }),
  nodes: z.array(
    z.object({
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
    }),
  ),
  edges: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])).describe('[source index, target index, stage index into `stages`, dormant 0|1]'),
});

const agree = true satisfies Assignable<MapResponse, z.infer<typeof mapResponse>>;
void agree;
