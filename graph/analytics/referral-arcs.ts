/**
 * The referral graph as of a date: each arc a → b with the count, won count and Σ value of the
 * referrals dated ≤ asOf, each with the status and value it had then (referral-status.ts referralAsOf). Shared by reciprocity, group flows and category flows.
 */
import type { AnalyticsContext } from './context.js';
import { isLive } from './freshness.js';
import { referralAsOf } from '../service/referral-status.js';
import { countedValue } from '../support/money.js';
import { ExactSum } from '../support/exact-sum.js';

export interface ArcTotals {
  count: number;
  won: number;
  value: number;
}

function totals(ctx: AnalyticsContext, ids: readonly string[]): ArcTotals | undefined {
  const t: ArcTotals = { count: 0, won: 0, value: 0 };
  const value = new ExactSum();
  for (const id of ids) {
    const r = ctx.records.get('referral', id);
    const then = r && referralAsOf(r, ctx.asOf);
    if (then === undefined) continue;
    t.count++;
    if (then.status === 'won') t.won++;
    value.add(countedValue(then));
  }
  t.value = value.value;
  return t.count ? t : undefined;
}

/**
 * How many referrals of an arc (its record ids) exist as of ctx.asOf: all of them on the live
 * graph (every record is dated at or before its asOf, freshness.ts), else those dated by then.
 */
export function countAsOf(ctx: AnalyticsContext, ids: readonly string[]): number {
  if (isLive(ctx)) return ids.length;
  let n = 0;
  for (const id of ids) {
    const r = ctx.records.get('referral', id);
    if (r && Date.parse(r.at) <= ctx.asOf) n++;
  }
  return n;
}

/** Calls fn for every arc that exists as of ctx.asOf. */
export function forEachArc(ctx: AnalyticsContext, fn: (from: string, to: string, t: ArcTotals) => void): void {
  ctx.projection.referrals.forEachArc((arc, from, to) => {
    const t = totals(ctx, arc.ids);
    if (t) fn(from, to, t);
  });
}

/** Out-arcs of one person as of ctx.asOf. */
export function outArcs(ctx: AnalyticsContext, person: string): Map<string, ArcTotals> {
  const out = new Map<string, ArcTotals>();
  ctx.projection.referrals.forEachOut(person, (to, arc) => {
    const t = totals(ctx, arc.ids);
    if (t) out.set(to, t);
  });
  return out;
}

/** In-arcs of one person as of ctx.asOf. */
export function inArcs(ctx: AnalyticsContext, person: string): Map<string, ArcTotals> {
  const out = new Map<string, ArcTotals>();
  ctx.projection.referrals.forEachIn(person, (from, arc) => {
    const t = totals(ctx, arc.ids);
    if (t) out.set(from, t);
  });
  return out;
}
