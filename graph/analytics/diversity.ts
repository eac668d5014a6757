/**
 * Ego-network diversity on a categorical dimension (docs/DOMAIN.md):
 * - richness K = number of categories;
 * - Shannon H = −Σ pᵢ ln pᵢ (Shannon 1948);
 * - evenness J = H / ln K (Pielou 1966), 0 when K ≤ 1;
 * - Blau = 1 − Σ pᵢ² (Blau 1977; Gini–Simpson);
 * - IQV = Blau × K / (K − 1) (Agresti & Agresti 1978), 0 when K ≤ 1.
 * Over the person's direct ties (the person excluded); ties with no value are left out (counted
 * in `missing`); a contact with several values counts once under each and shares are taken over
 * all values counted. With no valued contact, richness is 0 and the indexes are null.
 */
import { categoryCodes } from './category-codes.js';
import { neighbourIndexes, personIndex, type AnalyticsContext } from './context.js';
import { heldCounts, valuesOf } from './dimensions.js';
import { positiveCountsAscending } from '../support/canonical-sum.js';
import { recordFromMap } from '../support/record-from-map.js';

export interface DiversityStats {
  richness: number;
  shannon: number | null;
  evenness: number | null;
  blau: number | null;
  iqv: number | null;
  /** contacts with at least one value / without any */
  contacts: number;
  missing: number;
  /** category → number of values counted */
  counts: Record<string, number>;
  /**
   * Only for a viewer withheld from some people, when it is not 0: the values counted under
   * categories no one the viewer sees holds, which `counts` does not name (withholdCategories).
   */
  unnamed?: number;
}

/** Richness, Shannon, evenness, Blau and IQV of category counts. */
export function categoryStats(counts: ReadonlyMap<string, number>): Pick<DiversityStats, 'richness' | 'shannon' | 'evenness' | 'blau' | 'iqv'> {
  let total = 0;
  let k = 0;
  for (const c of counts.values()) {
    if (!(c >= 0)) throw new RangeError('refnet/analytics/diversity: counts must be non-negative numbers');
    total += c;
    if (c > 0) k++;
  }
  if (total === 0) return { richness: 0, shannon: null, evenness: null, blau: null, iqv: null };
  let h = 0;
  let sq = 0;
  // In ascending order of the counts, not the categories' first appearance (canonical-sum.ts).
  for (const c of positiveCountsAscending(counts.values())) {
    const p = c / total;
    h -= p * Math.log(p);
    sq += p * p;
  }
  const blau = 1 - sq;
  return {
    richness: k,
    shannon: h,
    evenness: k <= 1 ? 0 : h / Math.log(k),
    blau,
    iqv: k <= 1 ? 0 : (blau * k) / (k - 1),
  };
}

/**
 * Category counts as a viewer withheld from some people may read them: each category `named`
 * refuses (nameableCategories: no one the viewer sees holds it) leaves `counts`, and its count is
 * added to `unnamed`. Everything else stays as it is — the counts count everyone, so richness,
 * the indexes, `contacts` and `missing` are everyone's, and `counts` with `unnamed` adds up to
 * the same total. The same object when every category is named.
 */
export function withholdCategories<S extends { counts: Record<string, number>; unnamed?: number }>(stats: S, named: (category: string) => boolean): S {
  const counts = new Map<string, number>();
  let unnamed = 0;
  let withheld = false;
  for (const [category, n] of Object.entries(stats.counts)) {
    if (named(category)) counts.set(category, n);
    else {
      withheld = true;
      unnamed += n;
    }
  }
  return withheld ? { ...stats, counts: recordFromMap(counts), unnamed: (stats.unnamed ?? 0) + unnamed } : stats;
}

/** Counts of a dimension's values over a list of people. */
export function countValues(ctx: AnalyticsContext, people: Iterable<string>, dimension: string): { counts: Map<string, number>; contacts: number; missing: number } {
  const counts = new Map<string, number>();
  let contacts = 0;
  let missing = 0;
  for (const id of people) {
    const values = valuesOf(ctx.records, id, dimension, ctx.asOf);
    if (!values.length) {
      missing++;
      continue;
    }
    contacts++;
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, contacts, missing };
}

/**
 * countValues over everyone in the network: from the holder index for a field or key (a gap
 * report's reference read every person per request: 0.1 s at 100,000 people, issue #18), by
 * reading everyone for `group`.
 */
export function countEveryone(ctx: AnalyticsContext, dimension: string): { counts: Map<string, number>; contacts: number; missing: number } {
  return heldCounts(ctx.records, dimension) ?? countValues(ctx, ctx.records.maps.person.keys(), dimension);
}

/** Diversity of a person's ties on one dimension, as of ctx.asOf. */
export function egoDiversity(ctx: AnalyticsContext, person: string, dimension: string): DiversityStats {
  const u = personIndex(ctx, person);
  const contactsOf = neighbourIndexes(ctx, u);
  const codes = categoryCodes(ctx, dimension);
  const { counts, contacts, missing } = codes
    ? codes.count(contactsOf)
    : countValues(
        ctx,
        Array.from(contactsOf, (v) => ctx.csr.ids[v]!),
        dimension,
      );
  // Spelled out, not spread: this runs for every person in a full pass.
  const { richness, shannon, evenness, blau, iqv } = categoryStats(counts);
  return { richness, shannon, evenness, blau, iqv, contacts, missing, counts: recordFromMap(counts) };
}
