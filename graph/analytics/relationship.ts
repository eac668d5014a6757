/**
 * One relationship as a person sees it: VCP stage with evidence, dormant flag, tie strength with
 * components — plus the path cost function the CSR snapshot uses (−ln s).
 */
import type { TieWeighting } from '../projection/snapshot-keeper.js';
import type { RecordSet } from '../record-set.js';
import type { AnalyticsConfig } from './config.js';
import { personIndex, tieAt, type AnalyticsContext } from './context.js';
import { tieSummary } from './tie-facts.js';
import { costAt, strengthTerms, tieStrength, type TieStrength } from './tie-strength.js';
import { STAGES, vcp, type VcpResult } from './vcp.js';

export interface Relationship {
  a: string;
  b: string;
  tie: boolean;
  vcp?: VcpResult;
  strength?: TieStrength;
}

/** The tie a–b as of ctx.asOf (tie: false when there was none). */
export function relationship(ctx: AnalyticsContext, a: string, b: string): Relationship {
  personIndex(ctx, a);
  personIndex(ctx, b);
  const f = a === b ? undefined : tieAt(ctx, a, b);
  if (!f) return { a, b, tie: false };
  return { a, b, tie: true, vcp: vcp(f, ctx.asOf, ctx.config), strength: tieStrength(f, ctx.asOf, ctx.config) };
}

/**
 * How the snapshots weight ties: each tie's instant-free strength terms, evaluated at the instant
 * a path query asks for with the very arithmetic of tieStrength (so a path's cost is Σ −ln s of
 * the strengths its steps report). The terms code packs the stage's base and reciprocity bonus.
 */
export function tieWeighting(records: () => RecordSet, config: AnalyticsConfig): TieWeighting {
  const c = config.strength;
  const bases = STAGES.map((stage) => c.base[stage]);
  return {
    terms(evidence, a, b, factsAsOf) {
      const t = tieSummary(records(), evidence, a, factsAsOf);
      if (!t) return undefined;
      const s = strengthTerms(t, config);
      return { term: STAGES.indexOf(s.stage) * 2 + (s.reciprocityBonus > 0 ? 1 : 0), first: s.first, last: s.last };
    },
    weight: {
      cost: (term, first, last, at) => costAt(bases[term >> 1]!, term & 1 ? c.reciprocityBonus : 0, first, last, at, c),
    },
  };
}
