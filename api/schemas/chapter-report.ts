/**
 * The chapter report's request and response schemas (GET /api/groups/{id}/report): requests are
 * validated with them, the OpenAPI document is generated from them, and the compile-time check at
 * the bottom keeps them in step with graph/analytics/chapter.ts.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { ChapterReport } from '../../graph/analytics/chapter.js';
import { dateSchema } from '../../graph/schema.js';
import type { Assignable } from './assignable.js';
import { warmPath } from './analytics-responses.js';
import { contactCardResponse } from './this-week-responses.js';
import { problemResponse } from './problem.js';

const count = z.number().int().nonnegative();
const isoTime = z.string().describe('ISO 8601 date-time');
const insideOutside = z.object({ inside: count, outside: count });
const light = z.enum(['green', 'amber', 'red', 'grey']);

export const chapterReportQuerySchema = z.strictObject({
  from: dateSchema.optional().describe('first day of the period (a date means the start of that UTC day); default: chapter.periodMonths months before `to`'),
  to: dateSchema.optional().describe('last day of the period (a date means the end of that UTC day); default asOf'),
  asOf: dateSchema.optional().describe('the records as they stood then (a date means the end of that UTC day); default now'),
});

const memberRow = z.object({
  person: z.string(),
  name: z.string(),
  weeks: z.number().describe('weeks of membership inside the period (an end at the last instant of a UTC day counts as the next midnight, so whole days measure whole days)'),
  present: count,
  absent: count,
  attendanceRate: z.number().nullable(),
  referralsGiven: insideOutside,
  referralsReceived: insideOutside,
  oneToOnes: insideOutside,
  tyfcb: z.object({ generated: z.number(), received: z.number() }),
  points: z.object({ attendance: z.number(), referrals: z.number(), oneToOnes: z.number(), tyfcb: z.number() }),
  score: z.number(),
  light,
});

export const chapterReportResponse = z.object({
  group: z.string(),
  name: z.string(),
  from: isoTime,
  to: isoTime.describe('the end of the period asked'),
  measuredTo: isoTime.describe('where the figures end: `to`, or asOf when the period is not over by then (meetings, referrals, one-to-ones and weeks are counted up to it)'),
  asOf: isoTime,
  meetings: count,
  members: z.array(memberRow),
  visitors: z.array(z.object({ person: z.string(), name: z.string(), firstVisit: isoTime, joined: z.boolean() })),
  totals: z.object({ referrals: count, oneToOnes: count, tyfcb: z.number() }),
  oneToOnesThatWouldPay: z.array(
    z.object({ a: z.string(), b: z.string(), professions: z.tuple([z.array(z.string()), z.array(z.string())]), referralPotential: z.number() }),
  ),
  openSeats: z
    .array(
      z.object({
        profession: z.string(),
        referralPotential: z.number().nullable(),
        candidates: z.array(z.object({ person: z.string(), path: warmPath })),
      }),
    )
    .describe("professions no current member holds, by referral potential (up to 5); for a caller who does not see everyone, picked among the professions someone they see holds (one only another member's private contacts hold is never named)"),
  giversAndTakers: z.array(
    z.object({ person: z.string(), given: count, received: count, balance: z.number().int(), kind: z.enum(['giver', 'taker', 'balanced']) }),
  ),
  powerTeams: z
    .array(z.object({ members: z.array(z.string()), professions: z.array(z.string()) }))
    .describe("Louvain communities of the ties among the members, of two or more; formed among the members the caller sees (another member's private contacts are left out before, not after)"),
  people: z.array(contactCardResponse).describe('the name and contact details of everyone the report mentions'),
  withheld: z.array(z.string()).optional().describe('the sections left out or cut to the caller\'s own row (members, visitors, oneToOnesThatWouldPay, openSeats, giversAndTakers, powerTeams, change) for a caller who does not organise the chapter, and the parts drawn from professions when `profession` is a sensitive dimension (docs/SECURITY.md)'),
  change: z.array(
    z.object({
      person: z.string(),
      score: z.number(),
      previousScore: z.number().nullable(),
      previousLight: light.nullable(),
      trend: z.enum(['up', 'down', 'same', 'new']),
    }),
  ),
});

export function registerChapterReportOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/groups/{id}/report',
    tags: ['analytics'],
    summary:
      "The organiser's chapter report: attendance, referrals, one-to-ones, closed business (TYFCB), points and a traffic light per member, visitors and totals, with one-to-ones that would pay, open seats, givers and takers, power teams and the change since the previous period",
    request: { query: chapterReportQuerySchema, params: z.object({ id: z.string().min(1).max(256).describe('the group (chapter) id') }) },
    responses: {
      200: { description: 'The chapter report', content: { 'application/json': { schema: chapterReportResponse } } },
      400: problemResponse('Invalid query (every problem listed)'),
      404: problemResponse('Unknown group'),
      503: problemResponse('Analytics are warming up (`warmingUp: true`, Retry-After), or the store is unavailable'),
    },
  });
}

const agree = true satisfies Assignable<ChapterReport, z.infer<typeof chapterReportResponse>>;
void agree;
