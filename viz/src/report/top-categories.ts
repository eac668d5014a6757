/**
 * The chart's rows: at most `n` categories, the rest summed into one "other" row, so a dimension
 * with ~60 values (profession) stays a readable chart. The categories kept are the ones that
 * matter on either side: largest of the subject's and the reference share first.
 */
import { count } from '../../../graph/support/words.js';
import { compareIds } from '../../../graph/support/id-order.js';
export interface ShareRow {
  category: string;
  share: number;
  reference: number;
  /** how many categories an "other" row stands for */
  merged?: number;
}

export const CHART_CATEGORIES = 12;

export function topCategories(rows: readonly ShareRow[], n = CHART_CATEGORIES): ShareRow[] {
  if (rows.length <= n + 1) return [...rows];
  const byWeight = [...rows].sort((a, b) => Math.max(b.share, b.reference) - Math.max(a.share, a.reference) || compareIds(a.category, b.category));
  const kept = new Set(byWeight.slice(0, n));
  const rest = byWeight.slice(n);
  return [
    ...rows.filter((r) => kept.has(r)),
    {
      category: `other (${count(rest.length, 'category', 'categories')})`,
      share: rest.reduce((s, r) => s + r.share, 0),
      reference: rest.reduce((s, r) => s + r.reference, 0),
      merged: rest.length,
    },
  ];
}
