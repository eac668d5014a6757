/**
 * Sums whose terms come in the order records happened to be written in (a Map's insertion order,
 * a list of members) are taken in one fixed order instead: floating-point addition is not
 * associative, so the same terms added in another order can differ in the last bit, and an answer
 * compared exactly, or a tie broken by id after it, would change with the order of the writes
 * (docs/ANALYTICS.md, "Definitions pinned by tests").
 */

/** The counts > 0 of a tally, ascending: the order every sum over them is taken in. */
export function positiveCountsAscending(counts: Iterable<number>): Float64Array {
  const out: number[] = [];
  for (const c of counts) if (c > 0) out.push(c);
  return Float64Array.from(out).sort();
}
