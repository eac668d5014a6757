/**
 * Introductions to make — "givers gain": pairs of a person's contacts who have no tie yet and
 * whose categories exchange referrals across the network (category-flow.ts), ranked by that
 * traffic × the strength of the person's ties to both (an introduction travels on trust).
 * DEFAULTS: dimension industry, the 300 strongest contacts considered, 20 suggestions.
 */
import { categoryFlow, trafficBetween, type CategoryFlow } from './category-flow.js';
import { neighbourIndexes, personIndex, tieAt, type AnalyticsContext } from './context.js';
import { valuesOf } from './dimensions.js';
import { tieStrength } from './tie-strength.js';

export const INTRODUCTION_DEFAULTS = { dimension: 'industry', maxContacts: 300, limit: 20 };

export interface Introduction {
  a: string;
  b: string;
  categories: [string[], string[]];
  referralTraffic: number;
  score: number;
  reason: string;
}

/** Introductions a person could make, as of ctx.asOf. */
export function introductions(
  ctx: AnalyticsContext,
  person: string,
  options: { dimension?: string; limit?: number; maxContacts?: number; flow?: CategoryFlow } = {},
): { person: string; dimension: string; introductions: Introduction[] } {
  const o = { ...INTRODUCTION_DEFAULTS, ...options };
  const u = personIndex(ctx, person);
  const flow = options.flow ?? categoryFlow(ctx, o.dimension);
  const contacts = Array.from(neighbourIndexes(ctx, u), (v) => {
    const id = ctx.csr.ids[v]!;
    const f = tieAt(ctx, person, id)!;
    return { v, id, s: tieStrength(f, ctx.asOf, ctx.config).strength, values: valuesOf(ctx.records, id, o.dimension, ctx.asOf) };
  })
    .filter((c) => c.values.length)
    .sort((a, b) => b.s - a.s)
    .slice(0, o.maxContacts);
  const out: Introduction[] = [];
  // The reason is read by people: it names them (ids are in a and b).
  const nameOf = (id: string) => ctx.records.get('person', id)?.name ?? id;
  for (let i = 0; i < contacts.length; i++) {
    const a = contacts[i]!;
    const known = new Set(neighbourIndexes(ctx, a.v));
    for (let j = i + 1; j < contacts.length; j++) {
      const b = contacts[j]!;
      if (known.has(b.v)) continue;
      const traffic = trafficBetween(flow, a.values, b.values);
      if (!traffic) continue;
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      out.push({
        a: first.id,
        b: second.id,
        categories: [first.values, second.values],
        referralTraffic: traffic,
        score: traffic * a.s * b.s,
        reason: `${nameOf(first.id)} (${first.values.join(', ')}) and ${nameOf(second.id)} (${second.values.join(', ')}) have no tie yet; across the network these ${o.dimension} categories exchanged ${traffic} referral(s), and you know both`,
      });
    }
  }
  out.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { person, dimension: o.dimension, introductions: out.slice(0, o.limit) };
}
