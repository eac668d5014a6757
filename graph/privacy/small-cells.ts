/**
 * Small-cell suppression (the k rule of statistical disclosure control): every category with
 * fewer than k people is merged into one "(other)" cell; if that cell is still below k, the next
 * smallest categories join it until it reaches k; if the whole total is below k, nothing is shown.
 * So every count shown is 0 or ≥ k, and no category under k can be recovered by subtraction from
 * the shown cells (they are all merged into the same cell).
 */
export const OTHER_CATEGORY = '(other)';

export interface ProtectedCounts {
  counts: Record<string, number>;
  /** categories folded into OTHER_CATEGORY */
  merged: number;
  /** true when the total was below k and nothing is shown */
  suppressed: boolean;
}

/** Applies the k rule to category counts (zero counts are dropped). */
export function protectCounts(counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>, k: number): ProtectedCounts {
  const entries = (counts instanceof Map ? [...counts.entries()] : Object.entries(counts)).filter(([, n]) => n > 0);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return { counts: {}, merged: 0, suppressed: false };
  if (total < k) return { counts: {}, merged: entries.length, suppressed: true };
  const kept = entries.filter(([, n]) => n >= k).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  let other = entries.filter(([, n]) => n < k).reduce((s, [, n]) => s + n, 0);
  let merged = entries.length - kept.length;
  while (other > 0 && other < k && kept.length) {
    other += kept.shift()![1];
    merged++;
  }
  // Categories are user data: built as a Map and turned into own properties, so `__proto__` stays one.
  const out = new Map(kept.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  if (other > 0) out.set(OTHER_CATEGORY, other);
  return { counts: Object.fromEntries(out), merged, suppressed: false };
}

/** A single count under the k rule: 0 or ≥ k is shown, anything between is withheld (null). */
export function shownCount(n: number, k: number): number | null {
  return n === 0 || n >= k ? n : null;
}
