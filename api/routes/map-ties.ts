/**
 * The ties the map draws, as of a date: each tie of the analytics projection with its VCP stage
 * and dormant flag, decided by the analytics' own rules (graph/analytics/vcp.ts, configurable),
 * so the map's colours and filters always agree with the side panel and the path lookup.
 */
import type { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { tieFacts } from '../../graph/analytics/tie-facts.js';
import { STAGES, vcp, type Stage } from '../../graph/analytics/vcp.js';

export { STAGES, type Stage };

export interface MapTie {
  a: string;
  b: string;
  stage: Stage;
  dormant: boolean;
}

/** Every tie that existed at `asOf` (ms), with its stage and dormant flag then. */
export function buildTies(analytics: AnalyticsEngine, asOf: number): MapTie[] {
  const { records, ties } = analytics.projection;
  const out: MapTie[] = [];
  ties.forEachEdge((_edge, evidence, a, b) => {
    const facts = tieFacts(records, evidence, a, b, asOf);
    if (!facts) return;
    const v = vcp(facts, asOf, analytics.config);
    out.push({ a, b, stage: v.stage, dormant: v.dormant });
  });
  return out;
}
