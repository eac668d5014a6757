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
import type { AnalyticsConfig } from './config.js';
import { DAY_MS } from './time.js';
import type { TieFacts, TieSummary } from './tie-facts.js';
import { stageInputs, vcpStage, type Stage, type StageInputs } from './vcp.js';

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

/** −ln s of a tie summary: the CSR cost, without building the components object. */
export function tieCost(t: TieSummary, asOf: number, config: AnalyticsConfig): number {
  return strengthOf({ interactions: t.interactions, oneToOnes: t.oneToOnes, given: t.aToB, received: t.bToA, won: t.won }, t.first, t.last, asOf, config).cost;
}

function strengthOf(f: StageInputs, first: number, last: number, asOf: number, config: AnalyticsConfig): TieStrength {
  const { stage } = vcpStage(f, config);
  const c = config.strength;
  const base = c.base[stage];
  const ageDays = Math.max(0, (asOf - last) / DAY_MS);
  const recency = Math.pow(2, -ageDays / c.halfLifeDays);
  const tenureDays = Math.max(0, (asOf - first) / DAY_MS);
  const tenureBonus = c.tenureBonus * Math.min(1, tenureDays / c.tenureFullDays);
  const reciprocityBonus = f.given > 0 && f.received > 0 ? c.reciprocityBonus : 0;
  // A zero base would make the tie unusable; keep s strictly positive as docs/DOMAIN.md requires.
  const strength = Math.max(Number.MIN_VALUE, Math.min(1, base * recency * (1 + tenureBonus + reciprocityBonus)));
  return { strength, cost: -Math.log(strength), components: { stage, base, recency, tenureBonus, reciprocityBonus } };
}
