/**
 * Warm referral paths (docs/DOMAIN.md): a path through ties scored by the product of tie strengths —
 * the chance each introduction goes through — so the best paths minimise Σ −ln s. The k best
 * loopless paths come from Yen (1971) over the CSR snapshot, each at most maxHops hops. When
 * every tie has the same strength the best path is a shortest path in hops.
 *
 * Targets: a person, a company (its people: `company` the company's id or name, in any case and
 * without accents), or everyone whose dimension D has value V — one search reaches the nearest of
 * many targets. For a
 * viewer withheld from some people (`sees`), the targets are the people they see, before the
 * search: the k best paths are then to people they may be shown, and a target only withheld people
 * hold answers as one nobody holds (`no-target`, no count of them). Paths may still pass through
 * a withheld person (the answer filter makes that hop anonymous).
 * DEFAULTS: k = 3, maxHops = 4, at most k = 10 and maxHops = 8 per request (config.paths, path-limits.ts).
 * Costs are the ties' strengths at ctx.asOf itself, the same instant every step reports.
 *
 * Connectors' track record (connector-reliability.ts): each intermediate person's reliability r
 * as a connector joins the score — chance = Π s × Π r, cost = Σ −ln s + Σ −ln r
 * (connector-costs.ts) — and each step shows both; a path names its weakest link. A network with
 * no intro requests has r = 1 everywhere: costs are exactly the tie costs.
 */
import { connectorReliability, type ConnectorRecord } from './connector-reliability.js';
import { withConnectorCosts } from './connector-costs.js';
import { personIndex, tieAt, UnknownIdError, type AnalyticsContext, type Sees } from './context.js';
import { holdersOfCategory, holdersStamp, resolveCategories, resolveCategory } from './dimensions.js';
import { pathLimits } from './path-limits.js';
import { yenKPaths } from './kernels/yen.js';
import { tieStrength } from './tie-strength.js';
import { vcp, type Stage } from './vcp.js';
import type { Csr } from '../projection/csr.js';
import { indexOfSorted } from '../support/bisect.js';
import { compareIds } from '../support/id-order.js';
import { stampedOwnerMemo } from '../support/memo.js';
import { count, daysAgo, num } from '../support/words.js';

export type PathTarget = { to: string } | { toCompany: string } | { where: { dimension: string; value: string } };

export interface PathStep {
  from: string;
  to: string;
  stage: Stage;
  dormant: boolean;
  strength: number;
  lastContact: string;
  referralsExchanged: number;
  /** when `to` passes the introduction on (not the last person): their reliability as a connector */
  connector?: { person: string; reliability: number; asked: number; made: number };
  /** −ln s − ln r: what this step adds to the path's cost */
  cost: number;
}

/** The factor of the path most likely to break it. */
export interface WeakestLink {
  kind: 'tie' | 'connector';
  /** the tie's two people, or the connector */
  people: string[];
  /** s of the tie, or r of the connector */
  value: number;
  words: string;
}

export interface WarmPath {
  people: string[];
  hops: number;
  cost: number;
  /** Π s: the chance every tie carries the introduction */
  strength: number;
  /** Π s × Π r: that chance with each connector's track record (= strength without intro requests) */
  chance: number;
  steps: PathStep[];
  weakestLink?: WeakestLink;
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
  /** the same, for programs: what a caller could do next depends on it (NO_PATH_REASONS) */
  reasonCode?: NoPathReason;
}

/**
 * A path asked for from a person to themselves (`to` is `from`): a request error, not an answer
 * (the API's 400 names `to`). A target set that holds the asker among others is fine: the asker is
 * just not one of its targets (withoutAsker).
 */
export class PathToSelfError extends Error {
  override readonly name = 'PathToSelfError';
  readonly parameter = 'to';
  constructor(readonly person: string) {
    super('is the person the paths start from (from): give someone else as to, or toCompany or where[DIMENSION] (the person asking is left out of those)');
  }
}

/**
 * Why a search found no path: the only target is the person asking (`self`: a company or a
 * where[] category no one else holds that the caller sees); no one it names (that
 * the caller sees) has a tie (`no-target`); a path exists but is longer than maxHops (`too-far`);
 * none exists at any length (`not-connected`).
 */
export const NO_PATH_REASONS = ['self', 'no-target', 'too-far', 'not-connected'] as const;
export type NoPathReason = (typeof NO_PATH_REASONS)[number];

/**
 * The snapshot nodes a target stands for, ascending. Throws UnknownIdError for unknown ids,
 * DimensionInputError for a category no one holds (naming only categories held by people `sees`).
 */
function resolveTargets(ctx: AnalyticsContext, target: PathTarget, sees?: Sees): ArrayLike<number> {
  if ('to' in target) return [personIndex(ctx, target.to)];
  if ('toCompany' in target) {
    const c = ctx.records.get('company', target.toCompany);
    if (!c) throw new UnknownIdError('company', target.toCompany);
    // People name their company as its id or its name, in any case and without accents, as
    // where[company]= and the introductions match it.
    return holderNodes(ctx, 'company', resolveCategories(ctx.records, 'company', [c.id, c.name], ctx.asOf, { parameter: 'toCompany', allowAbsent: true }));
  }
  const { dimension, value } = target.where;
  return holderNodes(ctx, dimension, resolveCategory(ctx.records, dimension, value, ctx.asOf, sees));
}

/**
 * Per snapshot, the nodes of everyone holding some categories of a field or attribute (`group`'s
 * dated memberships are not kept), each entry while its categories' holders and the snapshot's
 * people stay the same: such holders do not depend on asOf, and at a million people an industry
 * is ~100,000 people, whose ids cost more to turn into nodes on every request than the search
 * itself (issue #18). A person edited elsewhere leaves the entry. At most one entry per category
 * asked for: all of a dimension's hold each node once.
 */
const holderNodesMemo = stampedOwnerMemo<Csr, Map<string, { stamps: string; nodes: Int32Array }>>('paths.holder-nodes');

/** The nodes of everyone holding one of `categories` on a dimension as of ctx.asOf, once each, ascending. */
function holderNodes(ctx: AnalyticsContext, dimension: string, categories: readonly string[]): Int32Array {
  const unique = [...new Set(categories)];
  const find = () => {
    const nodes = new Set<number>();
    for (const c of unique) {
      for (const id of holdersOfCategory(ctx.records, dimension, c, ctx.asOf)) {
        const u = ctx.csr.index.get(id);
        if (u !== undefined) nodes.add(u);
      }
    }
    return Int32Array.from(nodes).sort();
  };
  if (dimension === 'group') return find();
  const kept = holderNodesMemo(ctx.csr, [ctx.records, ctx.csr.n], () => new Map());
  const key = JSON.stringify([dimension, unique.sort()]);
  const stamps = unique.map((c) => holdersStamp(ctx.records, dimension, c)).join();
  let entry = kept.get(key);
  if (entry?.stamps !== stamps) kept.set(key, (entry = { stamps, nodes: find() }));
  return entry.nodes;
}

/** Nodes listed in ascending numbers, listed in id order (the same list while the snapshot numbers people in id order). */
function inIdOrder(csr: Csr, nodes: ArrayLike<number>): ArrayLike<number> {
  return csr.inIdOrder ? nodes : Int32Array.from(nodes).sort((a, b) => compareIds(csr.ids[a]!, csr.ids[b]!));
}

/**
 * The targets the search is for: those the viewer sees, without the person asking (`self`: they
 * were one). Without a viewer's filter the nodes are taken as they are, or with the asker cut
 * out in one copy: an industry's nodes are a tenth of the network, walked once per request.
 */
function withoutAsker(ctx: AnalyticsContext, nodes: ArrayLike<number>, source: number, sees?: Sees): { targets: ArrayLike<number>; self: boolean } {
  if (!sees) {
    const at = indexOfSorted(nodes, source);
    if (at < 0) return { targets: nodes, self: false };
    const rest = new Int32Array(nodes.length - 1);
    for (let i = 0, j = 0; i < nodes.length; i++) if (i !== at) rest[j++] = nodes[i]!;
    return { targets: rest, self: true };
  }
  const targets: number[] = [];
  let self = false;
  for (let i = 0; i < nodes.length; i++) {
    const u = nodes[i]!;
    if (!sees(ctx.csr.ids[u]!)) continue;
    if (u === source) self = true;
    else targets.push(u);
  }
  return { targets, self };
}

/** True when some target has a tie in the snapshot (the first found ends the walk). */
function someoneTied(csr: Csr, targets: ArrayLike<number>): boolean {
  for (let i = 0; i < targets.length; i++) {
    const u = targets[i]!;
    if (csr.alive[u] && csr.deg[u]! > 0) return true;
  }
  return false;
}

const DAY = 86_400_000;

/**
 * The steps of a path of person ids, with each tie's stage, strength and last contact, and each
 * intermediate's reliability as a connector (`reliability`: connectorReliability; none: r = 1).
 * `cost` is the path's cost as the search found it (with the connectors' part when given).
 */
export function describePath(ctx: AnalyticsContext, people: string[], cost: number, reliability: ReadonlyMap<string, ConnectorRecord> = new Map()): WarmPath {
  const steps: PathStep[] = [];
  const nameOf = (id: string) => ctx.records.get('person', id)?.name ?? id;
  let connectorCost = 0;
  let weakest: WeakestLink | undefined;
  for (let i = 0; i + 1 < people.length; i++) {
    const [a, b] = [people[i]!, people[i + 1]!];
    const f = tieAt(ctx, a, b)!;
    const v = vcp(f, ctx.asOf, ctx.config);
    const s = tieStrength(f, ctx.asOf, ctx.config).strength;
    const step: PathStep = { from: a, to: b, stage: v.stage, dormant: v.dormant, strength: s, lastContact: v.evidence.lastContact, referralsExchanged: f.aToB.count + f.bToA.count, cost: -Math.log(s) };
    const daysQuiet = Math.floor((ctx.asOf - Date.parse(v.evidence.lastContact)) / DAY);
    if (!weakest || s < weakest.value) {
      const state = v.dormant ? `dormant ${count(daysQuiet, 'day')}` : `${v.stage}, last contact ${daysAgo(daysQuiet)}`;
      weakest = { kind: 'tie', people: [a, b], value: s, words: `the tie ${nameOf(a)}–${nameOf(b)} (strength ${Math.round(s * 100)}%, ${state}): ${v.dormant ? 'warm it first' : 'strengthen it first'}` };
    }
    const c = i + 2 < people.length ? reliability.get(b) : undefined;
    if (i + 2 < people.length) {
      const r = c?.reliability ?? 1;
      step.connector = { person: b, reliability: r, asked: c?.asked ?? 0, made: c?.made ?? 0 };
      step.cost += -Math.log(r);
      connectorCost += -Math.log(r);
      if (c && r < weakest.value) {
        weakest = { kind: 'connector', people: [b], value: r, words: `${nameOf(b)} as a connector (made ${num(c.made)} of ${count(c.asked, 'introduction')} asked, reliability ${Math.round(r * 100)}%): ask someone else or ask early` };
      }
    }
    steps.push(step);
  }
  // Without intro requests, connectorCost is 0 and both figures are exactly what they always were.
  return { people, hops: people.length - 1, cost, strength: Math.exp(-(cost - connectorCost)), chance: Math.exp(-cost), steps, ...(weakest ? { weakestLink: weakest } : {}) };
}

/** k best loopless warm paths from a person to a target, as of ctx.asOf. */
export function warmPaths(
  ctx: AnalyticsContext,
  from: string,
  target: PathTarget | string[],
  /** `sees`: who the caller may see — the targets among them, and an unknown where[] category's error names only what they hold. */
  options: { k?: number; maxHops?: number; sees?: Sees } = {},
): WarmPathsResult {
  if (!Array.isArray(target) && 'to' in target && target.to === from) throw new PathToSelfError(from);
  const { k, maxHops } = pathLimits(ctx.config, options);
  const source = personIndex(ctx, from);
  // Ascending node numbers (looked up by bisection).
  const nodes = Array.isArray(target)
    ? [...new Set(target.map((id) => ctx.csr.index.get(id)).filter((u): u is number => u !== undefined))].sort((a, b) => a - b)
    : resolveTargets(ctx, target, options.sees);
  const { targets, self } = withoutAsker(ctx, nodes, source, options.sees);
  if (!targets.length) {
    return { from, k, maxHops, targets: 0, paths: [], reason: self ? 'the only target is the person asking' : 'nobody matches the target', reasonCode: self ? 'self' : 'no-target' };
  }
  if (!someoneTied(ctx.csr, targets)) {
    return { from, k, maxHops, targets: targets.length, paths: [], reason: targets.length === 1 ? 'the person it names has no tie as of this date' : `none of the ${num(targets.length)} people it names has a tie as of this date`, reasonCode: 'no-target' };
  }
  const reliability = connectorReliability(ctx.records, ctx.asOf);
  // The search is given the targets in id order: their order decides among paths of exactly equal cost.
  const { paths, unbounded } = yenKPaths(withConnectorCosts(ctx.csr, reliability, source, targets), ctx.asOf, source, inIdOrder(ctx.csr, targets), k, maxHops);
  const result: WarmPathsResult = {
    from,
    k,
    maxHops,
    targets: targets.length,
    paths: paths.map((p) => describePath(ctx, p.nodes.map((u) => ctx.csr.ids[u]!), p.cost, reliability)),
  };
  if (!paths.length) {
    result.reason = unbounded
      ? `no path within ${count(maxHops, 'hop')} (a longer one exists)`
      : 'not connected: no chain of relationships leads there';
    result.reasonCode = unbounded ? 'too-far' : 'not-connected';
  }
  return result;
}
