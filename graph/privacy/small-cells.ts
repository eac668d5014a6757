/**
 * Small-cell suppression (the k rule of statistical disclosure control) on one table: the counts
 * of a sensitive dimension's categories among a set of people, plus the people with no value.
 *
 * Primary suppression: every category with fewer than k people goes into one "(other)" cell, and
 * so do the people without a value when they are fewer than k ("no value" is a category too: a
 * caller who knows the set's size would otherwise read it off as size − Σ shown cells).
 * Secondary suppression: while "(other)" is above 0 and below k, the next smallest shown cell joins
 * it. If the whole table is below k, nothing is shown. So every number shown is 0 or ≥ k, the
 * shown numbers add up to the set's size (which callers know: a degree, a member count), and
 * "(other)" is always 0 or ≥ k and made of two or more cells — no small cell can be recovered by
 * subtracting shown numbers from a known total.
 *
 * A category absent from the table may hold 0 people or be merged: the two are never told apart,
 * or a caller could tell "nobody" from "one person" (and, comparing two dates, who that is).
 */
import { compareIds } from '../support/id-order.js';

export const OTHER_CATEGORY = '(other)';

export interface ProtectedTable {
  /** categories shown, each with its exact count (≥ k), largest first */
  cells: Map<string, number>;
  /** the merged cell: 0 or ≥ k */
  other: number;
  /** people with no value: 0 or ≥ k; null when merged into `other` or suppressed */
  none: number | null;
  /** categories merged into `other` */
  merged: number;
  /** true when the whole table was below k and nothing is shown */
  suppressed: boolean;
}

/** Where the "no value" cell stands in the table while it is built. */
const NONE = Symbol('no value');
type Unit = [string | typeof NONE, number];

/**
 * Applies the k rule to category counts (zero counts dropped) and the number of people without a
 * value. A real category spelled like the merged cell ("(other)") is always merged, so the name
 * in an answer means one thing.
 */
export function protectTable(counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>, k: number, none = 0): ProtectedTable {
  const units: Unit[] = (counts instanceof Map ? [...(counts as ReadonlyMap<string, number>)] : Object.entries(counts as Readonly<Record<string, number>>)).filter(([, n]) => n > 0);
  if (none > 0) units.push([NONE, none]);
  const total = units.reduce((s, [, n]) => s + n, 0);
  const categories = units.filter(([c]) => c !== NONE).length;
  if (total === 0) return { cells: new Map(), other: 0, none: 0, merged: 0, suppressed: false };
  if (total < k) return { cells: new Map(), other: 0, none: null, merged: categories, suppressed: true };
  const small = (u: Unit) => u[1] < k || u[0] === OTHER_CATEGORY;
  // Smallest first, so the secondary suppression takes the least information away.
  const kept = units.filter((u) => !small(u)).sort((a, b) => a[1] - b[1] || compareIds(name(a), name(b)));
  const mergedUnits = units.filter(small);
  let other = mergedUnits.reduce((s, [, n]) => s + n, 0);
  while (other > 0 && other < k && kept.length) {
    const u = kept.shift()!;
    mergedUnits.push(u);
    other += u[1];
  }
  const cells = new Map<string, number>();
  for (const [c, n] of kept.sort((a, b) => b[1] - a[1] || compareIds(name(a), name(b)))) if (c !== NONE) cells.set(c, n);
  const noneMerged = mergedUnits.some(([c]) => c === NONE);
  return { cells, other, none: noneMerged ? null : none, merged: mergedUnits.filter(([c]) => c !== NONE).length, suppressed: false };
}

function name(u: Unit): string {
  return u[0] === NONE ? '' : u[0];
}

/** The shown categories of a table as one record, "(other)" included when it is not 0. */
export function shownCounts(t: ProtectedTable): Record<string, number> {
  const entries: [string, number][] = [...t.cells];
  if (t.other > 0) entries.push([OTHER_CATEGORY, t.other]);
  // fromEntries defines own properties, so a category named "__proto__" stays a category.
  return Object.fromEntries(entries);
}

/** Σ of the shown category cells and "(other)" (the people without a value left out when shown apart). */
export function shownTotal(t: ProtectedTable): number {
  let s = t.other;
  for (const n of t.cells.values()) s += n;
  return s;
}

export interface ProtectedCounts {
  counts: Record<string, number>;
  /** categories folded into OTHER_CATEGORY */
  merged: number;
  /** true when the total was below k and nothing is shown */
  suppressed: boolean;
}

/** Applies the k rule to category counts alone (no "no value" cell). */
export function protectCounts(counts: Readonly<Record<string, number>> | ReadonlyMap<string, number>, k: number): ProtectedCounts {
  const t = protectTable(counts, k);
  return { counts: shownCounts(t), merged: t.merged, suppressed: t.suppressed };
}
