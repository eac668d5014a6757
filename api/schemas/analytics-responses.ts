/**
 * Response schemas of the analytics endpoints: the OpenAPI document is generated from them and the
 * test suite validates every response against that document. The analytics keep their TypeScript
 * interfaces (graph/analytics/*); the checks at the bottom fail to compile when a handler could
 * return something these schemas do not allow, so the two cannot drift apart silently.
 */
import { z } from 'zod';
import { contactCardResponse } from './this-week-responses.js';
import { INTERACTION_KINDS } from '../../graph/schema.js';
import { STAGES } from '../../graph/analytics/vcp.js';
import { NO_PATH_REASONS } from '../../graph/analytics/warm-paths.js';
import type { Analytics } from '../../graph/analytics/engine.js';
import type { ProtectedCoverage, ProtectedDiversity, ProtectedGapReport } from '../../graph/privacy/protect-reports.js';
import type { Assignable } from './assignable.js';

const count = z.number().int().nonnegative();
const ratio = z.number().nullable();
const isoTime = z.string().describe('ISO 8601 date-time');
const stage = z.enum(STAGES);

const betweennessInfo = z.object({
  status: z.enum(['fresh', 'stale', 'computing']),
  exact: z.boolean().nullable(),
  asOf: isoTime.nullable(),
  computedAt: isoTime.nullable(),
  threads: z.number().int().nullable().optional(),
});

const communitiesInfo = z.object({
  status: z.enum(['fresh', 'stale', 'computing']),
  asOf: isoTime.nullable(),
  computedAt: isoTime.nullable(),
});

const stageDistribution = z.object({ ...Object.fromEntries(STAGES.map((s) => [s, count])), dormant: count }) as z.ZodObject<
  Record<(typeof STAGES)[number] | 'dormant', typeof count>
>;

/** Added to an answer the privacy layer changed (k rule on a sensitive dimension). */
const privacyNote = z.object({ sensitive: z.literal(true), k: z.number().int(), merged: count, suppressed: z.boolean() });

const vcpResult = z.object({
  stage,
  dormant: z.boolean(),
  daysSinceContact: z.number(),
  cadenceDays: z.number(),
  reason: z.string(),
  evidence: z.object({
    interactions: count,
    oneToOnes: count,
    byKind: z.partialRecord(z.enum(INTERACTION_KINDS), count),
    referralsGiven: count,
    referralsReceived: count,
    referralsWon: count,
    referralValueGiven: z.number(),
    referralValueReceived: z.number(),
    coAttendedEvents: count,
    firstContact: isoTime,
    lastContact: isoTime,
  }),
});

export const relationshipResponse = z.object({
  a: z.string(),
  b: z.string(),
  tie: z.boolean(),
  vcp: vcpResult.optional(),
  strength: z
    .object({
      strength: z.number(),
      cost: z.number(),
      components: z.object({ stage, base: z.number(), recency: z.number(), tenureBonus: z.number(), reciprocityBonus: z.number() }),
    })
    .optional(),
});

const diversityStats = z.object({
  richness: count,
  shannon: ratio,
  evenness: ratio,
  blau: ratio,
  iqv: ratio,
  contacts: count.nullable().describe('null: withheld under the k rule'),
  missing: count.nullable().describe('null: withheld under the k rule'),
  counts: z
    .record(z.string(), count)
    .describe("category → values counted (a contact with several values counts under each); for a caller who does not see everyone, only the categories someone they see holds: see `unnamed`"),
  unnamed: count
    .optional()
    .describe(
      "values counted under categories that no one the caller sees holds (only another member's private contacts do), which `counts` therefore does not name; present only when not 0. They count in everything else (richness, the indexes, `contacts`), so `counts` and `unnamed` add up to what `counts` alone adds up to for a caller who sees everyone",
    ),
  privacy: privacyNote.optional(),
});

export const personMetricsResponse = z.object({
  person: z.string(),
  asOf: isoTime,
  visibility: z.object({ degree: count, betweenness: ratio, groups: count, events: count, groupsReached: count }),
  brokerage: z.object({ effectiveSize: ratio, constraint: ratio }),
  reciprocity: z.object({
    given: count,
    received: count,
    givenValue: z.number(),
    receivedValue: z.number(),
    balance: z.number().int(),
    valueBalance: z.number(),
    reciprocatedPartners: z.array(z.string()),
    owed: z.array(z.string()),
  }),
  diversity: z.record(z.string(), diversityStats),
  stages: stageDistribution,
  betweennessInfo,
});

export const introductionsResponse = z.object({
  person: z.string(),
  dimension: z.string(),
  introductions: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      people: z.tuple([contactCardResponse, contactCardResponse]).describe('how to reach a and b'),
      categories: z.tuple([z.array(z.string()), z.array(z.string())]),
      referralTraffic: z.number().describe('referrals exchanged between their categories, each counted once'),
      strengths: z.tuple([z.number(), z.number()]).describe("the person's tie strength to a and to b"),
      commonContacts: z.number().int().describe('contacts a and b already share, besides the person'),
      sharedGroups: z.number().int().describe('groups both belong to'),
      novelty: z.number().describe('1 / (1 + commonContacts + sharedGroups)'),
      worth: z.number().describe('referralTraffic × both strengths × novelty'),
      closure: z.number().describe("how much a's and b's circles overlap: resource allocation (Σ 1/contacts of each common contact, the person included) × (1 + sharedGroups)"),
      competitors: z.boolean().describe('same profession (listed only with includeCompetitors=true)'),
      score: z.number().describe('worth^0.1 × closure^0.9: weighted towards closure, which predicted the ties that formed (docs/BENCHMARKS.md, introductions)'),
      reason: z.string(),
      message: z.string().describe('a drafted introduction to copy'),
    }),
  ),
});

export const networkMetricsResponse = z.object({
  asOf: isoTime,
  people: count,
  ties: count,
  reciprocity: z.object({
    people: count,
    arcs: count,
    referrals: count,
    reciprocatedArcs: count,
    edge: ratio,
    rho: ratio,
    weighted: z.object({ count: ratio, value: ratio }),
  }),
  stages: stageDistribution,
  communities: z.object({ count, modularity: z.number(), sizes: z.array(count) }),
  topBrokers: z.array(z.object({ person: z.string(), betweenness: z.number() })),
  betweennessInfo,
  communitiesInfo,
});

const coverage = z
  .object({
    dimension: z.string(),
    categories: z.record(z.string(), z.union([z.array(z.string()), count])).describe('category → members (counts only for a sensitive dimension)'),
    overlaps: z.array(z.object({ category: z.string(), members: z.array(z.string()) })).describe('categories held by two or more members, most members first'),
    missing: z.union([z.array(z.string()), count, z.null()]).describe('members with no value (a count, or null under k, for a sensitive dimension)'),
    herfindahl: ratio.describe('Σ share² of the categories (null when no member has a value)'),
    privacy: privacyNote.optional(),
  })
  .describe("of the members the caller sees: another member's private contacts are left out of every figure (so an overlap is two or more members the caller sees), while `members` and the referral figures count everyone");

export const groupMetricsResponse = z.object({
  group: z.string(),
  members: count,
  coverage: z.array(coverage),
  referrals: z.object({
    inside: count,
    outsideGiven: count,
    outsideReceived: count,
    insideValue: z.number(),
    insideShare: ratio,
    reciprocityInside: z.object({ arcs: count, edge: ratio, rho: ratio }),
  }),
  returnOnAttendance: z.object({
    events: count,
    tiesMade: count,
    referrals: count,
    won: count,
    wonValue: z.number(),
    byEvent: z.array(z.object({ event: z.string(), at: z.string(), tiesMade: count, referrals: count, won: count, wonValue: z.number() })),
  }),
});

export const warmPath = z.object({
  people: z.array(z.string().nullable()).describe("null: a hop withheld from the caller (another member's private contact), described in `anonymous`"),
  hops: count,
  cost: z.number().describe('Σ −ln s over the ties + Σ −ln r over the connectors'),
  strength: z.number().describe('Π s: the chance every tie carries the introduction'),
  chance: z.number().describe('Π s × Π r: with each connector\'s track record (= strength with no intro requests)'),
  steps: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      stage,
      dormant: z.boolean(),
      strength: z.number(),
      lastContact: isoTime,
      referralsExchanged: count,
      connector: z
        .object({ person: z.string(), reliability: z.number(), asked: count, made: count })
        .optional()
        .describe('when `to` passes the introduction on: r = (made + 2) / (asked + 2) over their decided intro requests'),
      cost: z.number().describe('−ln s − ln r'),
    }),
  ),
  anonymous: z.array(z.object({ index: count, contactOf: z.string().nullable(), label: z.string().describe('"a contact of Ann"') })).optional(),
  weakestLink: z
    .object({ kind: z.enum(['tie', 'connector']), people: z.array(z.string()), value: z.number(), words: z.string() })
    .optional()
    .describe('the factor most likely to break the path, in words'),
});

export const pathsResponse = z.object({
  from: z.string(),
  targets: count.describe('how many people the target stands for, among those you may see (the person asking aside)'),
  paths: z.array(warmPath),
  reason: z.string().optional().describe('why there is no path, when there is none'),
  reasonCode: z
    .enum(NO_PATH_REASONS)
    .optional()
    .describe('the reason for programs: self (the only one a company or where[] names, that you may see, is the person asking; to=from is a 400), no-target (no one it names that you may see has a tie), too-far (a path longer than maxHops exists), not-connected (none at any length)'),
  contacts: z.array(contactCardResponse).describe('how to reach each person on the paths (email, phone, LinkedIn), once each'),
  k: z.number().int(),
  maxHops: z.number().int(),
});

export const renetworkingResponse = z.object({
  person: z.string(),
  queue: z.array(
    z.object({
      person: z.string(),
      stage,
      dormant: z.boolean(),
      daysSinceContact: z.number(),
      cadenceDays: z.number(),
      strength: z.number(),
      referralsExchanged: count,
      referralValue: z.number(),
      sharedGroups: z.array(z.string()),
      score: z.number(),
      reason: z.string(),
    }),
  ),
  followUps: z.array(z.object({ person: z.string(), firstContact: isoTime, daysSince: z.number(), reason: z.string() })),
});

const gapCategory = z.object({
  category: z.string(),
  subjectShare: ratio,
  referenceShare: z.number(),
  subjectCount: count.nullable(),
  // null on a sensitive dimension (graph/privacy/protect-reports.ts): no potential is shown there.
  referralPotential: z.number().nullable(),
  rank: z.number().int().positive().describe('position in the one ranking of missing and under-represented gaps together: referral potential, then shortfall, then name'),
  candidates: z.array(z.object({ person: z.string(), path: warmPath.nullable() })),
});

export const diversityGapResponse = z.object({
  subject: z.union([z.object({ person: z.string() }), z.object({ group: z.string() })]),
  dimension: z.string(),
  reference: z.enum(['network', 'target']),
  subjectPeople: count,
  unknown: z
    .object({ subject: count.nullable(), network: count.nullable() })
    .describe('people with no value on the dimension, among the subject\'s ties or members and in the whole network (null: withheld under the k rule)'),
  shares: z
    .array(z.object({ category: z.string(), subjectShare: ratio, referenceShare: ratio }))
    .describe('for a caller who does not see everyone, only the categories someone they see holds, or that they gave as targets: see `unnamed`'),
  unnamed: z
    .object({
      subjectCount: count.nullable().describe("values the subject's ties (or members) hold in those categories (null: withheld under the k rule)"),
      subjectShare: ratio.describe('their share of the subject (null: withheld under the k rule)'),
      referenceShare: z.number().describe('their share of the reference'),
    })
    .optional()
    .describe(
      "the categories that no one the caller sees holds (only another member's private contacts do), added up: `shares` does not name them, and they are no gap of the caller's (`missing` and `underRepresented` are ranked without them); present only when there are any. The shares in `shares` and `unnamed` add up to what `shares` alone adds up to for a caller who sees everyone",
    ),
  missing: z.array(gapCategory),
  underRepresented: z.array(gapCategory),
  privacy: privacyNote.extend({ referenceMerged: count }).optional(),
});

export const dimensionsResponse = z.object({
  dimensions: z
    .array(z.string())
    .describe(
      'every dimension offered on the data, by the name the other endpoints take: the built-in fields (industry, profession, location, company, title), group, then each attribute key whose values are category labels shared by at least two people, by its short spelling when that is unambiguous and `attributes.KEY` otherwise (docs/DOMAIN.md, Dimensions). For a caller who does not see everyone, the keys of the people they see only. Sensitive keys are listed too: answers on them follow the k rule (docs/SECURITY.md)',
    ),
});

// Compile-time agreement: every value a handler can send is allowed by its schema.
type Out<M extends keyof Analytics> = Analytics[M] extends (...args: never[]) => infer R ? R : never;
const agree = {
  relationship: true satisfies Assignable<Out<'relationship'>, z.infer<typeof relationshipResponse>>,
  personMetrics: true satisfies Assignable<Out<'personMetrics'>, z.infer<typeof personMetricsResponse>>,
  protectedDiversity: true satisfies Assignable<ProtectedDiversity, z.infer<typeof diversityStats>>,
  introductions: true satisfies Assignable<Out<'introductions'>, z.infer<typeof introductionsResponse>>,
  networkMetrics: true satisfies Assignable<Out<'networkMetrics'>, z.infer<typeof networkMetricsResponse>>,
  groupMetrics: true satisfies Assignable<Out<'groupMetrics'>, z.infer<typeof groupMetricsResponse>>,
  protectedCoverage: true satisfies Assignable<ProtectedCoverage, z.infer<typeof coverage>>,
  paths: true satisfies Assignable<Out<'paths'> & { k: number; maxHops: number }, z.infer<typeof pathsResponse>>,
  renetworking: true satisfies Assignable<Out<'renetworking'>, z.infer<typeof renetworkingResponse>>,
  diversityGap: true satisfies Assignable<Out<'diversityGap'>, z.infer<typeof diversityGapResponse>>,
  protectedGap: true satisfies Assignable<ProtectedGapReport, z.infer<typeof diversityGapResponse>>,
};
void agree;
