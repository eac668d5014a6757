/**
 * Tie strength s ∈ (0, 1] — Granovetter's "combination of the amount of time, the emotional
 * intensity, the intimacy and the reciprocal services" (Granovetter 1973), made operational as:
 *
 *   s = min(1, base(stage) × 2^(−days since last contact / halfLife) × (1 + tenure + reciprocity))
 *
 * - base by VCP stage (profitability > credibility > visibility);
 * - recency: exponential decay with a half-life, no hard cut-off (cf. Burt 2000, "Decay functions");
 * - tenure bonus: grows linearly to its maximum after `tenureFullDays` since first contact;
 * - reciprocity bonus: referrals went both ways.
 *
 * DEFAULTS (config.ts): base 0.9 / 0.6 / 0.3, half-life 180 days, tenure bonus up to 0.1 after
 * 730 days, reciprocity bonus 0.1. Returned with its components so a person can see why.
 */
import type { ArcWeight } from '../projection/csr.js';
import type { AnalyticsConfig } from './config.js';
import { DAY_MS } from './time.js';
import type { TieFacts, TieSummary } from './tie-facts.js';
import { STAGES, stageIndexOf, stageInputs, vcpStage, type Stage, type StageInputs } from './vcp.js';

export interface TieStrength {
  strength: number;
  /** −ln s: the cost of the tie on a warm path */
  cost: number;
  components: { stage: Stage; base: number; recency: number; tenureBonus: number; reciprocityBonus: number };
}

/** Tie strength with its components, as of `asOf` (ms). */
export function tieStrength(f: TieFacts, asOf: number, config: AnalyticsConfig): TieStrength {
  return strengthOf(stageInputs(f), f.first, f.last, asOf, config);
}

/**
 * Paths keep, per tie, what its strength depends on besides the instant — a code for its stage's
 * base and reciprocity bonus (stage index × 2 + reciprocal), first and last contact — and
 * evaluate it at the instant asked for, so a path's cost is always Σ −ln s of its steps then.
 */
export interface StrengthTerms {
  term: number;
  first: number;
  last: number;
}

/** The VCP stage a tie's terms code holds (strengthTerms packs it as stage index · 2 + reciprocated). */
export function stageOfTerm(term: number): Stage {
  return STAGES[term >> 1]!;
}

/** The instant-free terms of a tie summary's strength; with `into`, written there (nothing allocated). */
export function strengthTerms(t: TieSummary, config: AnalyticsConfig, into?: StrengthTerms): StrengthTerms {
  const stage = stageIndexOf(t.interactions, t.oneToOnes, t.aToB, t.bToA, t.won, config);
  const term = stage * 2 + (t.aToB > 0 && t.bToA > 0 ? 1 : 0);
  if (!into) return { term, first: t.first, last: t.last };
  into.term = term;
  into.first = t.first;
  into.last = t.last;
  return into;
}

/**
 * −ln s at `at` from a tie's terms, for the path kernels' hot loop: the logarithm of the
 * strength formula taken term by term, −ln base + age·ln 2/halfLife − ln(1 + tenure + reciprocity),
 * clamped as s is — one log at most, none once the tenure bonus is full. Equal to tieStrength's
 * cost to rounding (≈1e-15).
 *
 * `floor`: a lower bound on that cost at `from` and every later instant, for the path searches'
 * bounds — the age term only grows with time and the tenure bonus is at most full, so it is the
 * cost at `from` with the full tenure bonus.
 */
export function costOfTerms(config: AnalyticsConfig): ArcWeight {
  const c = config.strength;
  const baseCost = Float64Array.from({ length: STAGES.length * 2 }, (_, term) => -Math.log(c.base[STAGES[term >> 1]!]));
  const bonus = Float64Array.from({ length: STAGES.length * 2 }, (_, term) => (term & 1 ? c.reciprocityBonus : 0));
  const settled = baseCost.map((b, term) => b - Math.log(1 + c.tenureBonus + bonus[term]!));
  const perMs = Math.LN2 / (c.halfLifeDays * DAY_MS);
  const fullMs = c.tenureFullDays * DAY_MS;
  const most = -Math.log(Number.MIN_VALUE);
  const clamp = (cost: number) => (cost <= 0 ? 0 : cost < most ? cost : most);
  return {
    cost(term, first, last, at) {
      const decay = at > last ? (at - last) * perMs : 0;
      const known = at - first;
      return clamp(known >= fullMs ? settled[term]! + decay : baseCost[term]! + decay - Math.log(1 + (known > 0 ? (c.tenureBonus * known) / fullMs : 0) + bonus[term]!));
    },
    floor(term, _first, last, from) {
      return clamp(settled[term]! + (from > last ? (from - last) * perMs : 0));
    },
  };
}

function recencyAt(last: number, at: number, c: AnalyticsConfig['strength']): number {
  return Math.pow(2, -Math.max(0, (at - last) / DAY_MS) / c.halfLifeDays);
}

function tenureBonusAt(first: number, at: number, c: AnalyticsConfig['strength']): number {
  return c.tenureBonus * Math.min(1, Math.max(0, (at - first) / DAY_MS) / c.tenureFullDays);
}

/** A zero base would make the tie unusable; keep s strictly positive as docs/DOMAIN.md requires. */
function clampStrength(raw: number): number {
  return Math.max(Number.MIN_VALUE, Math.min(1, raw));
}

function strengthOf(f: StageInputs, first: number, last: number, asOf: number, config: AnalyticsConfig): TieStrength {
  const { stage } = vcpStage(f, config);
  const c = config.strength;
  const base = c.base[stage];
  const recency = recencyAt(last, asOf, c);
  const tenureBonus = tenureBonusAt(first, asOf, c);
  const reciprocityBonus = f.given > 0 && f.received > 0 ? c.reciprocityBonus : 0;
  const strength = clampStrength(base * recency * (1 + tenureBonus + reciprocityBonus));
  return { strength, cost: -Math.log(strength), components: { stage, base, recency, tenureBonus, reciprocityBonus } };
}
