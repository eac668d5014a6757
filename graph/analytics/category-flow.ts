/**
 * Referral traffic between categories of a dimension across the network (e.g. how many
 * referrals flowed between accountants and lawyers), both directions summed. It is the
 * "referral potential" that ranks introductions and diversity gaps: categories that already
 * trade referrals are where a new tie is most likely to pay (docs/DOMAIN.md, Referral potential).
 * Referral counts as of ctx.asOf. Each referral counts once, however many categories its two
 * people have: on a multi-valued dimension (`group`) a referral between two people who share
 * three groups is one referral between those groups, not one per pair of them.
 */
import type { AnalyticsContext } from './context.js';
import { parseDimension, valueOf, valuesOf, type Dimension } from './dimensions.js';
import { countAsOf, forEachArc } from './referral-arcs.js';

export interface CategoryFlow {
  dimension: string;
  /** from category → to category → referrals sent from a person with the first to a person with the second */
  directed: Map<string, Map<string, number>>;
  /** category → referrals touching it (sender's or receiver's), each referral once */
  total: Map<string, number>;
  /**
   * Only when someone in a referral has several categories: each arc's categories and count, and
   * category → the arcs touching it, so traffic between sets of categories counts a referral once.
   */
  multi?: { arcs: { from: string[]; to: string[]; count: number }[]; touching: Map<string, number[]> };
}

/** The category × category referral traffic of a dimension. */
export function categoryFlow(ctx: AnalyticsContext, dimension: string): CategoryFlow {
  const d = parseDimension(dimension);
  return d.kind === 'group' ? multiValuedFlow(ctx, dimension) : singleValuedFlow(ctx, dimension, d);
}

/**
 * A field's or attribute key's flow (one value a person at most): each arc's count without
 * reading its records on the live graph, its two people's values without an array or a set per
 * arc. The general form below read every referral and built three collections per arc: 0.44 s on
 * the 100,000-person benchmark network, paid by the first introductions, gap or chapter report
 * after every write (issue #18).
 */
function singleValuedFlow(ctx: AnalyticsContext, dimension: string, d: Exclude<Dimension, { kind: 'group' }>): CategoryFlow {
  const directed = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  ctx.projection.referrals.forEachArc((arc, from, to) => {
    const count = countAsOf(ctx, arc.ids);
    if (count === 0) return;
    const a = valueOf(ctx.records, from, d);
    const b = valueOf(ctx.records, to, d);
    if (a === undefined && b === undefined) return;
    if (a !== undefined) {
      // a sender's row exists even when the receiver has no value (the general form's shape)
      let m = directed.get(a);
      if (!m) directed.set(a, (m = new Map<string, number>()));
      if (b !== undefined) m.set(b, (m.get(b) ?? 0) + count);
    }
    if (a !== undefined) total.set(a, (total.get(a) ?? 0) + count);
    if (b !== undefined && b !== a) total.set(b, (total.get(b) ?? 0) + count);
  });
  return { dimension, directed, total };
}

/** `group`'s flow, or any dimension's read from the records: a person may hold several categories. */
function multiValuedFlow(ctx: AnalyticsContext, dimension: string): CategoryFlow {
  const directed = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  const arcs: { from: string[]; to: string[]; count: number }[] = [];
  let multiValued = false;
  forEachArc(ctx, (from, to, t) => {
    const fs = valuesOf(ctx.records, from, dimension, ctx.asOf);
    const ts = valuesOf(ctx.records, to, dimension, ctx.asOf);
    if (!fs.length && !ts.length) return;
    if (fs.length > 1 || ts.length > 1) multiValued = true;
    arcs.push({ from: fs, to: ts, count: t.count });
    for (const a of fs) {
      let m = directed.get(a);
      if (!m) directed.set(a, (m = new Map<string, number>()));
      for (const b of ts) m.set(b, (m.get(b) ?? 0) + t.count);
    }
    for (const c of new Set([...fs, ...ts])) total.set(c, (total.get(c) ?? 0) + t.count);
  });
  if (!multiValued) return { dimension, directed, total };
  const touching = new Map<string, number[]>();
  arcs.forEach((arc, i) => {
    for (const c of new Set([...arc.from, ...arc.to])) (touching.get(c) ?? touching.set(c, []).get(c)!).push(i);
  });
  return { dimension, directed, total, multi: { arcs, touching } };
}

/**
 * Referrals exchanged, in either direction, between someone with a category in `xs` and someone
 * with a category in `ys`, each referral counted once.
 */
export function trafficBetween(flow: CategoryFlow, xs: readonly string[], ys: readonly string[]): number {
  const X = new Set(xs);
  const Y = new Set(ys);
  const crosses = (from: readonly string[], to: readonly string[]) =>
    (from.some((v) => X.has(v)) && to.some((v) => Y.has(v))) || (from.some((v) => Y.has(v)) && to.some((v) => X.has(v)));
  if (flow.multi) {
    const { arcs, touching } = flow.multi;
    const seen = new Set<number>();
    let n = 0;
    for (const c of X) {
      for (const i of touching.get(c) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        if (crosses(arcs[i]!.from, arcs[i]!.to)) n += arcs[i]!.count;
      }
    }
    return n;
  }
  // One category a person at most: each referral sits in exactly one directed cell.
  const both = [...new Set([...X, ...Y])];
  let n = 0;
  for (const a of both) {
    const row = flow.directed.get(a);
    if (row) for (const b of both) if (crosses([a], [b])) n += row.get(b) ?? 0;
  }
  return n;
}
