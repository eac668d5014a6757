/**
 * Brokerage — Burt's structural holes (Burt, "Structural Holes", 1992), computed exactly as
 * networkx 3.x does for an undirected, unweighted graph:
 * - effective size = n − 2t/n, n = number of contacts, t = ties among them
 *   (Borgatti 1997's simplification, networkx `effective_size`);
 * - constraint c(u) = Σ_{v∈N(u)} (p_uv + Σ_{w∈N(u)} p_uw p_wv)², p_xy = 1/deg(x) if x–y is a tie
 *   (normalised mutual weight with every weight 1; networkx `constraint`).
 * Both are undefined (null) for a person with no ties, where networkx gives NaN.
 */
import { personIndex, type AnalyticsContext } from './context.js';

export interface Brokerage {
  effectiveSize: number | null;
  constraint: number | null;
}

/** Effective size and constraint of a person's ego network, as of ctx.asOf. */
export function brokerage(ctx: AnalyticsContext, person: string): Brokerage {
  return brokerageAt(ctx, personIndex(ctx, person));
}

/** The same, by snapshot index. */
export function brokerageAt(ctx: AnalyticsContext, u: number): Brokerage {
  const { start, deg, targets } = ctx.csr;
  const d = deg[u]!;
  if (d === 0) return { effectiveSize: null, constraint: null };
  const alters = new Set<number>();
  for (let e = start[u]!, end = e + d; e < end; e++) alters.add(targets[e]!);
  let twiceTies = 0;
  let constraint = 0;
  const pu = 1 / d;
  for (const v of alters) {
    let indirect = 0;
    for (let e = start[v]!, end = e + deg[v]!; e < end; e++) {
      const w = targets[e]!;
      if (!alters.has(w)) continue;
      twiceTies++;
      // p_uw × p_wv, w a contact of both
      indirect += pu * (1 / deg[w]!);
    }
    constraint += (pu + indirect) ** 2;
  }
  return { effectiveSize: d - twiceTies / d, constraint };
}
