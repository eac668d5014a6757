/**
 * Analytics settings: VCP thresholds, keep-in-touch cadences, tie-strength parameters and the
 * limits of the heavy kernels. One zod schema is the source of truth; every field has the
 * default docs/DOMAIN.md gives, so `analyticsConfigSchema.parse({})` is the documented behaviour.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const positive = z.number().finite().positive();
const fraction = z.number().finite().min(0).max(1);
/** Hard bounds of the path settings: the kernels' work grows fast with both. */
const MAX_HOPS = 10;
const MAX_K = 20;
const points = z.number().finite().min(0).max(100);
/** Threshold steps `{min, points}`, given as [min, points] pairs for the defaults. */
const steps = (defaults: [number, number][]) =>
  z
    .array(z.strictObject({ min: z.number().finite().min(0), points }))
    .min(1)
    .default(defaults.map(([min, p]) => ({ min, points: p })));

export const analyticsConfigSchema = z.strictObject({
  /** VCP credibility: any one of these is enough (Misner's "trust in competence"). */
  credibility: z
    .strictObject({
      minOneToOnes: z.number().int().min(1).default(1),
      minReferrals: z.number().int().min(1).default(1),
      minInteractions: z.number().int().min(1).default(3),
    })
    .prefault({}),
  /** VCP profitability: referrals in both directions and at least this many won. */
  profitability: z.strictObject({ minWon: z.number().int().min(1).default(1) }).prefault({}),
  /** Keep-in-touch cadence per stage, in days: a tie is dormant when its last contact is older. */
  cadenceDays: z
    .strictObject({
      profitability: positive.default(30),
      credibility: positive.default(60),
      visibility: positive.default(90),
    })
    .prefault({}),
  strength: z
    .strictObject({
      /** Base strength by stage (profitability > credibility > visibility). */
      base: z
        .strictObject({
          profitability: fraction.default(0.9),
          credibility: fraction.default(0.6),
          visibility: fraction.default(0.3),
        })
        .prefault({}),
      /** Recency decays as 2^(−days since last contact / halfLifeDays). */
      halfLifeDays: positive.default(180),
      /** Tenure bonus grows linearly to `tenureBonus` after `tenureFullDays` of knowing each other. */
      tenureBonus: fraction.default(0.1),
      tenureFullDays: positive.default(730),
      /** Bonus when referrals went both ways. */
      reciprocityBonus: fraction.default(0.1),
    })
    .prefault({}),
  /** Ties first seen this recently with no contact since are follow-ups due. */
  followUpDays: positive.default(14),
  /** A tie is "fading" when its recency factor is below this, even if not yet dormant. */
  fadingRecency: fraction.default(0.5),
  /** Events attended within this many days count towards visibility. */
  visibilityWindowDays: positive.default(365),
  /**
   * Warm paths (and the diversity gap's candidate paths): the hop bound and number of paths a
   * request gets when it names none, and the most a request may ask for (path-limits.ts).
   */
  paths: z
    .strictObject({
      maxHops: z.number().int().min(1).max(MAX_HOPS).default(4),
      k: z.number().int().min(1).max(MAX_K).default(3),
      maxHopsCap: z.number().int().min(1).max(MAX_HOPS).default(8),
      kCap: z.number().int().min(1).max(MAX_K).default(10),
    })
    .refine((p) => p.maxHops <= p.maxHopsCap, { path: ['maxHops'], error: (i) => `must be at most paths.maxHopsCap (${(i.input as { maxHopsCap: number }).maxHopsCap})` })
    .refine((p) => p.k <= p.kCap, { path: ['k'], error: (i) => `must be at most paths.kCap (${(i.input as { kCap: number }).kCap})` })
    .prefault({}),
  betweenness: z
    .strictObject({
      /** Up to this many people betweenness is exact (Brandes from every person); above, sampled Brandes. */
      exactMaxPeople: z.number().int().min(3).default(3000),
      /**
       * Live betweenness is recomputed on the request path after a change of ties while
       * people × arcs stays under this (well under 100 ms); above it, it is recomputed in the
       * background (exact up to exactMaxPeople, sampled above) and the last values are served
       * meanwhile, marked stale with their asOf.
       */
      syncMaxWork: z.number().int().min(0).default(50_000_000),
      samples: z.number().int().min(1).default(200),
      seed: z.number().int().default(1),
    })
    .prefault({}),
  /**
   * Worker threads for the background passes on large graphs (sampled or exact betweenness,
   * Louvain reruns after writes). The default leaves one core to the event loop; 0 runs them on
   * the main thread instead (betweenness in slices between requests, Louvain in one go).
   */
  backgroundThreads: z.number().int().min(0).max(16).default(Math.min(4, Math.max(1, availableParallelism() - 1))),
  /** Categories whose share is below this fraction of the reference share are under-represented. */
  underRepresentedRatio: fraction.default(0.5),
  /**
   * The chapter report's points and traffic lights (BNI-style PALMS/Traffic Lights): per measure
   * the points of the highest step reached (a step with min 0 means any value above zero).
   */
  chapter: z
    .strictObject({
      periodMonths: z.number().int().min(1).max(120).default(6),
      /** Open seats: candidates are looked for this many hops from the members (warm paths that short). */
      seatHops: z.number().int().min(1).max(MAX_HOPS).default(2),
      absences: z.array(z.strictObject({ max: z.number().int().min(0), points: points })).min(1).default([
        { max: 0, points: 25 },
        { max: 1, points: 20 },
        { max: 2, points: 10 },
      ]),
      referralsPerWeek: steps([[1.2, 25], [1, 20], [0.75, 15], [0.5, 10], [0, 5]]),
      oneToOnesPerWeek: steps([[1, 25], [0.75, 20], [0.5, 15], [0.25, 10], [0, 5]]),
      tyfcbGenerated: steps([[5000, 25], [2000, 20], [1000, 15], [0, 10]]),
      lights: z
        .strictObject({ green: points.default(70), amber: points.default(50), red: points.default(30) })
        .refine((l) => l.green >= l.amber && l.amber >= l.red, { message: 'green ≥ amber ≥ red' })
        .prefault({}),
    })
    .prefault({}),
});

/** The settings of an ANALYTICS_CONFIG file. */
export type AnalyticsSettings = z.infer<typeof analyticsConfigSchema>;
/**
 * What the metrics read: the file's settings and the currency of referral values (ISO 4217),
 * which the service takes from CURRENCY, its one setting, for the money in the sentences it
 * writes ("2 referrals exchanged worth €2,000"); not a field of the file.
 */
export type AnalyticsConfig = AnalyticsSettings & { currency: string };
export type ChapterThresholds = AnalyticsConfig['chapter'];
export type AnalyticsConfigInput = z.input<typeof analyticsConfigSchema> & { currency?: string };

const DEFAULT_CURRENCY = 'EUR';

/** The defaults of docs/DOMAIN.md. */
export const DEFAULT_CONFIG: AnalyticsConfig = { ...analyticsConfigSchema.parse({}), currency: DEFAULT_CURRENCY };

/** Merges partial settings over the defaults, validating them. */
export function resolveConfig(input: AnalyticsConfigInput = {}): AnalyticsConfig {
  const { currency = DEFAULT_CURRENCY, ...settings } = input;
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`refnet/analytics: currency must be a three-letter ISO 4217 code in capitals, got ${JSON.stringify(currency)}`);
  return { ...analyticsConfigSchema.parse(settings), currency };
}
