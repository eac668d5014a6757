/**
 * Reciprocity of the referral graph:
 * - edge reciprocity r = reciprocated arcs / arcs (Wasserman & Faust 1994; networkx.reciprocity);
 * - Garlaschelli & Loffredo's ρ = (r − ā) / (1 − ā), ā = L / (N(N−1)) ("Patterns of link
 *   reciprocity in directed networks", PRL 93, 2004): > 0 more reciprocal than chance;
 * - weighted reciprocity Σ_{i≠j} min(w_ij, w_ji) / Σ w_ij (Squartini et al. 2013), with w = the
 *   number of referrals and w = their value.
 * Per person: referrals given / received (count and value), balance (given − received) and the
 * partners with whom referrals went both ways ("givers gain" — who only takes?).
 * N counts every person. Undefined ratios (no arcs, no value) are null.
 */
import type { AnalyticsContext } from './context.js';
import { forEachArc, inArcs, outArcs, type ArcTotals } from './referral-arcs.js';
import { ExactSum } from '../support/exact-sum.js';

export interface NetworkReciprocity {
  people: number;
  arcs: number;
  referrals: number;
  reciprocatedArcs: number;
  edge: number | null;
  rho: number | null;
  weighted: { count: number | null; value: number | null };
}

/** r and ρ from counts (exported for tests and the incremental path). */
export function reciprocityFromCounts(people: number, arcs: number, reciprocatedArcs: number): { edge: number | null; rho: number | null } {
  if (arcs === 0) return { edge: null, rho: null };
  const edge = reciprocatedArcs / arcs;
  const density = people > 1 ? arcs / (people * (people - 1)) : 0;
  return { edge, rho: density === 1 ? null : (edge - density) / (1 - density) };
}

/** Network-level reciprocity as of ctx.asOf. */
export function networkReciprocity(ctx: AnalyticsContext): NetworkReciprocity {
  const arcs = new Map<string, Map<string, ArcTotals>>();
  let L = 0;
  let referrals = 0;
  let sumCount = 0;
  const sumValue = new ExactSum();
  forEachArc(ctx, (from, to, t) => {
    let m = arcs.get(from);
    if (!m) arcs.set(from, (m = new Map<string, ArcTotals>()));
    m.set(to, t);
    L++;
    referrals += t.count;
    sumCount += t.count;
    sumValue.add(t.value);
  });
  let reciprocated = 0;
  let minCount = 0;
  const minValue = new ExactSum();
  for (const [from, m] of arcs) {
    for (const [to, t] of m) {
      const back = arcs.get(to)?.get(from);
      if (!back) continue;
      reciprocated++;
      minCount += Math.min(t.count, back.count);
      minValue.add(Math.min(t.value, back.value));
    }
  }
  const people = ctx.records.maps.person.size;
  return {
    people,
    arcs: L,
    referrals,
    reciprocatedArcs: reciprocated,
    ...reciprocityFromCounts(people, L, reciprocated),
    weighted: { count: sumCount ? minCount / sumCount : null, value: sumValue.value ? minValue.value / sumValue.value : null },
  };
}

export interface PersonReciprocity {
  given: number;
  received: number;
  givenValue: number;
  receivedValue: number;
  /** given − received (count), and the same for value */
  balance: number;
  valueBalance: number;
  /** partners with referrals both ways */
  reciprocatedPartners: string[];
  /** partners who gave to this person and got nothing back yet */
  owed: string[];
}

/** A person's referral give and take, as of ctx.asOf. */
export function personReciprocity(ctx: AnalyticsContext, person: string): PersonReciprocity {
  const out = outArcs(ctx, person);
  const inn = inArcs(ctx, person);
  let given = 0;
  const givenSum = new ExactSum();
  let received = 0;
  const receivedSum = new ExactSum();
  for (const t of out.values()) {
    given += t.count;
    givenSum.add(t.value);
  }
  for (const t of inn.values()) {
    received += t.count;
    receivedSum.add(t.value);
  }
  const [givenValue, receivedValue] = [givenSum.value, receivedSum.value];
  return {
    given,
    received,
    givenValue,
    receivedValue,
    balance: given - received,
    valueBalance: givenValue - receivedValue,
    reciprocatedPartners: [...out.keys()].filter((p) => inn.has(p)).sort(),
    owed: [...inn.keys()].filter((p) => !out.has(p)).sort(),
  };
}
