/**
 * Every tie as of a date with its VCP stage and dormant flag then, decided by the analytics' own
 * rules (vcp.ts, configurable): what the map draws, so its colours and filters always agree with
 * the side panel and the path lookup.
 */
import type { AnalyticsContext } from './context.js';
import { tieFacts } from './tie-facts.js';
import { DAY_MS } from './time.js';
import { stageOfTerm, tieStrength } from './tie-strength.js';
import { vcp, type Stage } from './vcp.js';

export interface TieStage {
  a: string;
  b: string;
  stage: Stage;
  dormant: boolean;
  /** tie strength then (tie-strength.ts), for the map's edge widths */
  strength: number;
  /** first contact (ms), for the map's timeline */
  first: number;
}

/**
 * The stage, dormant flag and strength of the tie on snapshot arc slot e as of ctx.asOf, from the
 * terms the snapshot keeps (its stage code, last contact, cost): what tieStages says of that tie,
 * without reading its records — the map draws tens of thousands of ties a request.
 */
export function arcStage(ctx: AnalyticsContext, e: number): Omit<TieStage, 'a' | 'b' | 'first'> {
  const { csr, asOf, config } = ctx;
  const stage = stageOfTerm(csr.term[e]!);
  return { stage, dormant: asOf - csr.last[e]! > config.cadenceDays[stage] * DAY_MS, strength: Math.exp(-csr.cost(e, asOf)) };
}

/** The ties that existed at the context's asOf (a tie whose evidence is all later is left out). */
export function tieStages(ctx: AnalyticsContext): TieStage[] {
  const out: TieStage[] = [];
  ctx.projection.ties.forEachEdge((evidence, a, b) => {
    const facts = tieFacts(ctx.records, evidence, a, b, ctx.asOf);
    if (!facts) return;
    const v = vcp(facts, ctx.asOf, ctx.config);
    out.push({ a, b, stage: v.stage, dormant: v.dormant, strength: tieStrength(facts, ctx.asOf, ctx.config).strength, first: facts.first });
  });
  return out;
}
