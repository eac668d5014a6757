/**
 * One relationship as a person sees it: VCP stage with evidence, dormant flag, tie strength with
 * components — plus the path cost function the CSR snapshot uses (−ln s).
 */
import type { TieWeighting } from '../projection/snapshot-keeper.js';
import type { RecordSet } from '../record-set.js';
import type { AnalyticsConfig } from './config.js';
import { personIndex, tieAt, type AnalyticsContext } from './context.js';
import { tieSummary, type TieSummary } from './tie-facts.js';
import { costOfTerms, strengthTerms, tieStrength, type TieStrength } from './tie-strength.js';
import { vcp, type VcpResult } from './vcp.js';

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

/** How the snapshots weight ties for paths: each tie's strength terms, costed at the query's instant. */
export function tieWeighting(records: () => RecordSet, config: AnalyticsConfig): TieWeighting {
  // one summary written over for every tie: only the terms outlive the call
  const scratch: TieSummary = { interactions: 0, oneToOnes: 0, aToB: 0, bToA: 0, won: 0, first: 0, last: 0 };
  return {
    terms(evidence, a, _b, factsAsOf, into) {
      const t = tieSummary(records(), evidence, a, factsAsOf, scratch);
      return t ? strengthTerms(t, config, into) : undefined;
    },
    weight: costOfTerms(config),
  };
}
