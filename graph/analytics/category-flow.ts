/**
 * Referral traffic between categories of a dimension across the network (e.g. how many
 * referrals flowed between accountants and lawyers), both directions summed. It is the
 * "referral potential" that ranks introductions and diversity gaps: categories that already
 * trade referrals are where a new tie is most likely to pay. Referral counts as of ctx.asOf; a
 * person with several values contributes to each.
 */
import type { AnalyticsContext } from './context.js';
import { valuesOf } from './dimensions.js';
import { forEachArc } from './referral-arcs.js';

export interface CategoryFlow {
  dimension: string;
  /** a → b → referrals between categories a and b (symmetric; a === b is traffic within a) */
  between: Map<string, Map<string, number>>;
  /** category → all referral traffic touching it */
  total: Map<string, number>;
}

/** The category × category referral traffic of a dimension. */
export function categoryFlow(ctx: AnalyticsContext, dimension: string): CategoryFlow {
  const between = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  const add = (a: string, b: string, n: number) => {
    let m = between.get(a);
    if (!m) between.set(a, (m = new Map()));
    m.set(b, (m.get(b) ?? 0) + n);
  };
  forEachArc(ctx, (from, to, t) => {
    const fs = valuesOf(ctx.records, from, dimension, ctx.asOf);
    const ts = valuesOf(ctx.records, to, dimension, ctx.asOf);
    for (const a of fs) {
      total.set(a, (total.get(a) ?? 0) + t.count);
      for (const b of ts) {
        add(a, b, t.count);
        if (a !== b) add(b, a, t.count);
      }
    }
    for (const b of ts) if (!fs.includes(b)) total.set(b, (total.get(b) ?? 0) + t.count);
  });
  return { dimension, between, total };
}

/** Traffic between two categories. */
export function flowBetween(flow: CategoryFlow, a: string, b: string): number {
  return flow.between.get(a)?.get(b) ?? 0;
}
