/**
 * Warm referral paths (docs/DOMAIN.md): a path through ties scored by the product of tie strengths —
 * the chance each introduction goes through — so the best paths minimise Σ −ln s. The k best
 * loopless paths come from Yen (1971) over the CSR snapshot, each at most maxHops hops. When
 * every tie has the same strength the best path is a shortest path in hops.
 *
 * Targets: a person, a company (its people: `company` equal to the company's id or name), or
 * everyone whose dimension D has value V — one search reaches the nearest of many targets.
 * DEFAULTS: k = 3, maxHops = 4, at most k = 10 and maxHops = 8 per request (config.paths, path-limits.ts).
 * Costs are the ties' strengths at ctx.asOf itself, the same instant every step reports.
 */
import { personIndex, tieAt, UnknownIdError, type AnalyticsContext } from './context.js';
import { resolveCategory, valuesOf } from './dimensions.js';
import { pathLimits } from './path-limits.js';
import { yenKPaths } from './kernels/yen.js';
import { tieStrength } from './tie-strength.js';
import { vcp, type Stage } from './vcp.js';

export type PathTarget = { to: string } | { toCompany: string } | { where: { dimension: string; value: string } };

export interface PathStep {
  from: string;
  to: string;
  stage: Stage;
  dormant: boolean;
  strength: number;
  lastContact: string;
  referralsExchanged: number;
}

export interface WarmPath {
  people: string[];
  hops: number;
  cost: number;
  /** Π s: the chance every introduction goes through */
  strength: number;
  steps: PathStep[];
}

export interface WarmPathsResult {
  from: string;
  /** the limits the search ran with (asked for, or the settings' defaults) */
  k: number;
  maxHops: number;
  targets: number;
  paths: WarmPath[];
  /** why there is no path, when there is none */
  reason?: string;
}

/** People a target stands for (person ids), as of ctx.asOf. Throws UnknownIdError for unknown ids. */
export function resolveTargets(ctx: AnalyticsContext, target: PathTarget): string[] {
  if ('to' in target) {
    personIndex(ctx, target.to);
    return [target.to];
  }
  if ('toCompany' in target) {
    const c = ctx.records.get('company', target.toCompany);
    if (!c) throw new UnknownIdError('company', target.toCompany);
    const out: string[] = [];
    for (const p of ctx.records.maps.person.values()) if (p.company === c.id || p.company === c.name) out.push(p.id);
    return out;
  }
  const { dimension, value } = target.where;
  const categories = resolveCategory(ctx.records, dimension, value, ctx.asOf);
  const out: string[] = [];
  for (const id of ctx.records.maps.person.keys()) if (valuesOf(ctx.records, id, dimension, ctx.asOf).some((v) => categories.includes(v))) out.push(id);
  return out;
}

/** The steps of a path of person ids, with each tie's stage, strength and last contact. */
export function describePath(ctx: AnalyticsContext, people: string[], cost: number): WarmPath {
  const steps: PathStep[] = [];
  for (let i = 0; i + 1 < people.length; i++) {
    const f = tieAt(ctx, people[i]!, people[i + 1]!)!;
    const v = vcp(f, ctx.asOf, ctx.config);
    steps.push({
      from: people[i]!,
      to: people[i + 1]!,
      stage: v.stage,
      dormant: v.dormant,
      strength: tieStrength(f, ctx.asOf, ctx.config).strength,
      lastContact: v.evidence.lastContact,
      referralsExchanged: f.aToB.count + f.bToA.count,
    });
  }
  return { people, hops: people.length - 1, cost, strength: Math.exp(-cost), steps };
}

/** k best loopless warm paths from a person to a target, as of ctx.asOf. */
export function warmPaths(
  ctx: AnalyticsContext,
  from: string,
  target: PathTarget | string[],
  options: { k?: number; maxHops?: number } = {},
): WarmPathsResult {
  const { k, maxHops } = pathLimits(ctx.config, options);
  const source = personIndex(ctx, from);
  const ids = Array.isArray(target) ? target : resolveTargets(ctx, target);
  const targets = ids.filter((id) => id !== from).map((id) => ctx.csr.index.get(id)).filter((u): u is number => u !== undefined);
  if (!targets.length) {
    return { from, k, maxHops, targets: 0, paths: [], reason: ids.includes(from) ? 'the only target is the person asking' : 'nobody matches the target' };
  }
  const { paths, unbounded } = yenKPaths(ctx.csr, ctx.asOf, source, targets, k, maxHops);
  const result: WarmPathsResult = {
    from,
    k,
    maxHops,
    targets: targets.length,
    paths: paths.map((p) => describePath(ctx, p.nodes.map((u) => ctx.csr.ids[u]!), p.cost)),
  };
  if (!paths.length) {
    result.reason = unbounded
      ? `no path within ${maxHops === 1 ? '1 hop' : `${maxHops} hops`} (a longer one exists)`
      : 'not connected: no chain of relationships leads there';
  }
  return result;
}
