/**
 * Who interacts with whom. Each tie has an initiator drawn by activity (super-connectors are
 * rare and busy) or by degree (preferential attachment: the well connected get more), and a
 * partner drawn with homophily: a fellow group member, someone in the same industry or city,
 * else anyone (by degree). Ties live for a while and then fade, so many end up dormant.
 */
import type { Calendar } from './dates.js';
import type { Groups } from './groups.js';
import type { Population } from './population.js';
import { Rng, WeightedPicker, streamSeed } from './prng.js';

export interface Ties {
  count: number;
  /** Initiator and partner (person indexes). */
  a: Int32Array;
  b: Int32Array;
  /** First and last day of contact (the tie fades after `last`). */
  first: Int32Array;
  last: Int32Array;
}

/** Mean interactions on a tie: sets how many ties a budget makes. */
export const MEAN_INTERACTIONS_PER_TIE = 2.6;
/** Mean active life of a tie in days; a third of ties stay active to the anchor date. */
const MEAN_TIE_LIFE = 200;
const ENDURING_SHARE = 0.35;

/** Draws `wanted` distinct ties (fewer when the people run out of new pairs). */
export function buildTies(seed: number, wanted: number, pop: Population, groups: Groups, cal: Calendar): Ties {
  const rng = new Rng(streamSeed(seed, 6));
  const n = pop.count;
  const target = Math.min(wanted, Math.max(1, Math.floor(((n * (n - 1)) / 2) * 0.6)));
  const a = new Int32Array(target);
  const b = new Int32Array(target);
  const first = new Int32Array(target);
  const last = new Int32Array(target);
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  const activityPicker = new WeightedPicker(pop.activity);
  // Two candidates, keep the better connected: a cheap stand-in for degree-proportional choice.
  const preferred = (x: number, y: number) => (degree[x]! + pop.activity[x]! >= degree[y]! + pop.activity[y]! ? x : y);
  const fromList = (list: ArrayLike<number>) => preferred(list[rng.int(list.length)]!, list[rng.int(list.length)]!);
  let count = 0;
  let failures = 0;
  while (count < target && failures < 1000 + target) {
    const u = count > 10 && rng.chance(0.3) ? (rng.chance(0.5) ? a : b)[rng.int(count)]! : activityPicker.pick(rng);
    const r = rng.float();
    let v: number;
    const g0 = groups.personOffset[u]!;
    const gn = groups.personOffset[u + 1]! - g0;
    if (r < 0.45 && gn > 0) v = fromList(groups.members[groups.personGroups[g0 + rng.int(gn)]!]!);
    else if (r < 0.65) v = fromList(pop.byIndustry[pop.industry[u]!]!);
    else if (r < 0.8) v = fromList(pop.byLocation[pop.location[u]!]!);
    else if (count > 10 && rng.chance(0.6)) v = (rng.chance(0.5) ? a : b)[rng.int(count)]!;
    else v = rng.int(n);
    const key = u < v ? u * n + v : v * n + u;
    if (u === v || seen.has(key)) {
      failures++;
      continue;
    }
    seen.add(key);
    degree[u]!++;
    degree[v]!++;
    a[count] = u;
    b[count] = v;
    const start = cal.start + rng.int(cal.span);
    first[count] = start;
    last[count] = rng.chance(ENDURING_SHARE) ? cal.end - 1 - rng.int(20) : Math.min(cal.end - 1, start + Math.floor(rng.exponential(MEAN_TIE_LIFE)));
    if (last[count]! < start) last[count] = start;
    count++;
  }
  return { count, a: a.subarray(0, count), b: b.subarray(0, count), first: first.subarray(0, count), last: last.subarray(0, count) };
}

/**
 * Interactions per tie summing exactly to `total`: longer-lived ties see more contact; the
 * remainder is spread (or taken back) at random.
 */
export function interactionCounts(seed: number, ties: Ties, total: number): Uint32Array {
  const rng = new Rng(streamSeed(seed, 7));
  const counts = new Uint32Array(ties.count);
  if (ties.count === 0) return counts;
  let sum = 0;
  const base = total >= ties.count ? 1 : 0;
  for (let t = 0; t < ties.count; t++) {
    const life = ties.last[t]! - ties.first[t]! + 1;
    const extraMean = (MEAN_INTERACTIONS_PER_TIE - 1) * Math.min(3, life / MEAN_TIE_LIFE);
    counts[t] = base + (base ? rng.geometric(extraMean) : 0);
    sum += counts[t]!;
  }
  while (sum > total) {
    const t = rng.int(ties.count);
    if (counts[t]! > base || (base === 0 && counts[t]! > 0)) {
      counts[t]!--;
      sum--;
    }
  }
  while (sum < total) {
    counts[rng.int(ties.count)]!++;
    sum++;
  }
  return counts;
}

export interface ReferralPlan {
  /** Referrals a→b and b→a on each tie. */
  forward: Uint32Array;
  backward: Uint32Array;
}

/** Probability that a receiver refers back on a tie that has only carried business one way. */
export const RECIPROCATE_CHANCE = 0.35;

/**
 * Spreads `total` referrals over ties, favouring ties with more contact and generous givers.
 * The first referral on a tie goes from the more giving side; later ones are reciprocated with
 * RECIPROCATE_CHANCE, so a share of receivers refer back and many never do.
 */
export function planReferrals(seed: number, ties: Ties, counts: Uint32Array, pop: Population, total: number): ReferralPlan {
  const rng = new Rng(streamSeed(seed, 8));
  const forward = new Uint32Array(ties.count);
  const backward = new Uint32Array(ties.count);
  if (ties.count === 0 || total === 0) return { forward, backward };
  const weights = new Float64Array(ties.count);
  for (let t = 0; t < ties.count; t++) {
    weights[t] = Math.pow(1 + counts[t]!, 1.5) * (pop.giving[ties.a[t]!]! + pop.giving[ties.b[t]!]!);
  }
  const picker = new WeightedPicker(weights);
  for (let k = 0; k < total; k++) {
    const t = picker.pick(rng);
    const f = forward[t]!;
    const bw = backward[t]!;
    if (f === 0 && bw === 0) {
      const ga = pop.giving[ties.a[t]!]!;
      const gb = pop.giving[ties.b[t]!]!;
      if (rng.float() * (ga + gb) < ga) forward[t] = 1;
      else backward[t] = 1;
    } else if (rng.chance(RECIPROCATE_CHANCE)) {
      // The receiver side of the tie gives back (or gives again).
      if (f >= bw) backward[t]!++;
      else forward[t]!++;
    } else if (f >= bw) forward[t]!++;
    else backward[t]!++;
  }
  return { forward, backward };
}
