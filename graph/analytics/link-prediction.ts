/**
 * Link prediction, measured (issue #15): how well a ranking of unlinked pairs foretells which
 * pairs go on to form a tie. History is cut at an instant; the pairs are ranked on the ties before
 * it and checked against the ties after it (Liben-Nowell & Kleinberg 2007; Lü & Zhou 2011).
 *
 * - Candidates: unlinked pairs at distance 2 on the earlier ties, the pairs some common contact
 *   could introduce — exactly the pairs refnet's introductions rank. Pairs further apart are left
 *   out for every method alike.
 * - Baselines: common neighbours CN(x,y) = |Γ(x) ∩ Γ(y)| and resource allocation
 *   RA(x,y) = Σ_{z ∈ Γ(x) ∩ Γ(y)} 1/|Γ(z)| (Zhou, Lü & Zhang 2009).
 * - refnet: a pair's score is the best introduction score any of its common contacts gets for it
 *   (introductions.ts ranks pairs per person making the introduction); a pair no one would suggest
 *   (same company, no referral traffic between their categories) scores 0.
 * - Quality: precision@k over the global ranking, ties at the k-th place shared by expectation
 *   (as if broken at random), and AUC — the chance that a random positive outranks a random
 *   negative, ties counting ½ — computed exactly from mid-ranks (Mann–Whitney U).
 */
import type { Csr } from '../projection/csr.js';
import type { AnalyticsContext } from './context.js';
import { categoryFlow } from './category-flow.js';
import { companyResolver, INTRODUCTION_DEFAULTS, scoredIntroductions, type IntroductionOptions } from './introductions.js';

/** Unlinked pairs at distance 2, u < v (snapshot indexes), ordered by u then v. */
export interface CandidatePairs {
  us: Int32Array;
  vs: Int32Array;
  /** common neighbours of each pair */
  cn: Float64Array;
  /** resource allocation index of each pair */
  ra: Float64Array;
}

/** The candidate pairs of a snapshot with their CN and RA scores, in one sweep over 2-paths. */
export function candidatePairs(csr: Csr): CandidatePairs {
  const n = csr.ids.length;
  const mark = new Int32Array(n).fill(-1);
  const cnOf = new Float64Array(n);
  const raOf = new Float64Array(n);
  const us: number[] = [];
  const vs: number[] = [];
  const cn: number[] = [];
  const ra: number[] = [];
  const reached: number[] = [];
  for (let u = 0; u < n; u++) {
    const su = csr.start[u]!;
    const du = csr.deg[u]!;
    // u and its neighbours are marked u (never candidates), the 2-path ends reached from u n + u
    mark[u] = u;
    for (let e = su; e < su + du; e++) mark[csr.targets[e]!] = u;
    reached.length = 0;
    for (let e = su; e < su + du; e++) {
      const z = csr.targets[e]!;
      const sz = csr.start[z]!;
      const dz = csr.deg[z]!;
      for (let f = sz; f < sz + dz; f++) {
        const w = csr.targets[f]!;
        if (w <= u || mark[w] === u) continue;
        if (mark[w] !== n + u) {
          mark[w] = n + u;
          cnOf[w] = 0;
          raOf[w] = 0;
          reached.push(w);
        }
        cnOf[w]! += 1;
        raOf[w]! += 1 / dz;
      }
    }
    reached.sort((a, b) => a - b);
    for (const w of reached) {
      us.push(u);
      vs.push(w);
      cn.push(cnOf[w]!);
      ra.push(raOf[w]!);
    }
  }
  return { us: Int32Array.from(us), vs: Int32Array.from(vs), cn: Float64Array.from(cn), ra: Float64Array.from(ra) };
}

/** The position of pair (u, v) in the candidates, or -1. */
function pairIndex(pairs: CandidatePairs, firstOf: Int32Array, u: number, v: number): number {
  if (u > v) [u, v] = [v, u];
  let lo = firstOf[u]!;
  let hi = firstOf[u + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = pairs.vs[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * refnet's introduction score of every candidate: the best score the pair gets from any of its
 * common contacts, with every suggestion counted (no limit; competitors included, since they are
 * flagged rather than dropped), and likewise its best worth (the score without closure, as it was
 * before this evaluation). The options go to introductions.ts as they are (flow, dimension…).
 */
export function introductionScores(ctx: AnalyticsContext, pairs: CandidatePairs, options: IntroductionOptions = {}): { score: Float64Array; worth: Float64Array } {
  const n = ctx.csr.ids.length;
  const firstOf = new Int32Array(n + 1);
  for (const u of pairs.us) firstOf[u + 1]!++;
  for (let u = 0; u < n; u++) firstOf[u + 1]! += firstOf[u]!;
  const scores = new Float64Array(pairs.us.length);
  const worths = new Float64Array(pairs.us.length);
  // built once for everyone, not once per person
  const flow = options.flow ?? categoryFlow(ctx, options.dimension ?? INTRODUCTION_DEFAULTS.dimension);
  const companyOf = options.companyOf ?? companyResolver(ctx);
  for (let z = 0; z < n; z++) {
    if (ctx.csr.deg[z]! < 2 || !ctx.records.has('person', ctx.csr.ids[z]!)) continue;
    for (const s of scoredIntroductions(ctx, ctx.csr.ids[z]!, { includeCompetitors: true, ...options, flow, companyOf, limit: Infinity })) {
      const i = pairIndex(pairs, firstOf, ctx.csr.index.get(s.a)!, ctx.csr.index.get(s.b)!);
      if (i < 0) throw new Error(`refnet/link-prediction: suggestion ${s.a}–${s.b} is not an unlinked pair at distance 2`);
      if (s.score > scores[i]!) scores[i] = s.score;
      if (s.worth > worths[i]!) worths[i] = s.worth;
    }
  }
  return { score: scores, worth: worths };
}

/** Candidate indexes ordered by score, highest first (ties in index order). */
function byScore(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((i, j) => scores[j]! - scores[i]! || i - j);
}

/**
 * Precision at k: the share of positives among the k best-scored candidates (k capped at the
 * number of candidates). Candidates tied with the k-th share its remaining places pro rata, the
 * expected precision were the ties broken at random.
 */
export function precisionAt(scores: ArrayLike<number>, positive: ArrayLike<boolean>, k: number, order = byScore(scores)): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`refnet/link-prediction: k must be a positive integer, got ${k}`);
  const m = Math.min(k, order.length);
  if (m === 0) return NaN;
  const t = scores[order[m - 1]!]!;
  let above = 0;
  let abovePositive = 0;
  let tied = 0;
  let tiedPositive = 0;
  for (const i of order) {
    const s = scores[i]!;
    if (s > t) {
      above++;
      if (positive[i]) abovePositive++;
    } else if (s === t) {
      tied++;
      if (positive[i]) tiedPositive++;
    } else break;
  }
  return (abovePositive + ((m - above) * tiedPositive) / tied) / m;
}

/**
 * AUC: the probability that a random positive scores above a random negative, ties counting ½;
 * exact, from mid-ranks (Mann–Whitney U / (positives × negatives)). NaN with no positive or no negative.
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean>, order = byScore(scores)): number {
  const n = order.length;
  let positives = 0;
  let rankSum = 0; // ranks ascending from 1, so walk the descending order from the end
  for (let hi = n - 1; hi >= 0; ) {
    let lo = hi;
    while (lo > 0 && scores[order[lo - 1]!] === scores[order[hi]!]) lo--;
    const midRank = n - hi + (hi - lo) / 2; // ranks n-hi … n-lo, averaged
    for (let j = lo; j <= hi; j++) {
      if (positive[order[j]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    hi = lo - 1;
  }
  const negatives = n - positives;
  if (!positives || !negatives) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface RankingQuality {
  candidates: number;
  positives: number;
  /** k → precision@k */
  precision: Record<number, number>;
  auc: number;
}

/** Precision at each k and AUC of one ranking. */
export function rankingQuality(scores: ArrayLike<number>, positive: ArrayLike<boolean>, ks: readonly number[] = [10, 50]): RankingQuality {
  if (scores.length !== positive.length) throw new RangeError('refnet/link-prediction: one score per candidate and one label per candidate');
  const order = byScore(scores);
  let positives = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) positives++;
  return { candidates: scores.length, positives, precision: Object.fromEntries(ks.map((k) => [k, precisionAt(scores, positive, k, order)])), auc: auc(scores, positive, order) };
}

/** The instant splitting `times` so the earliest `fraction` of them fall at or before it. */
export function cutTime(times: readonly number[], fraction: number): number {
  if (!times.length) throw new RangeError('refnet/link-prediction: no dated records to split');
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`refnet/link-prediction: the training fraction must be in (0, 1), got ${fraction}`);
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * fraction) - 1)]!;
}
