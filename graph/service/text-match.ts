/**
 * Case- and diacritic-insensitive text matching for list searches: "jose" finds "José",
 * "MULLER" finds "Müller", "strasse" finds "Straße".
 */
import { memo, ownerMemo, through } from '../support/memo.js';
import { compareIds } from '../support/id-order.js';
import { foldText } from '../support/name-match.js';

/** Lower-cases, strips combining marks and folds a few letters NFKD does not decompose (the one rule: graph/support/name-match.ts). */
export { foldText };

/**
 * Folded search text per record object. Records are immutable (an update puts a new object),
 * so keying by identity never serves stale text, and folding happens once per record, not once
 * per query.
 */
const folded = ownerMemo<object, string>('text-match.folded');

/** The record's searched fields, folded and joined (by NUL: a needle typed by a user holds none, so no match spans two fields). */
export function searchText(record: object, ...fields: (string | undefined)[]): string {
  return through(folded, record, () => fields.map((f) => (f === undefined ? '' : foldText(f))).join('\u0000'));
}

/** True when any of the record's fields contains the (already folded) needle. */
export function recordMatches(needle: string, record: object, ...fields: (string | undefined)[]): boolean {
  return searchText(record, ...fields).includes(needle);
}

/** Folded values of short categorical fields (industries: few distinct values, many records). */
const categories = memo<string, string>('text-match.categories', 10_000);

/** foldText, memoised for categorical values. */
export function foldCategory(s: string): string {
  return through(categories, s, () => foldText(s));
}

/** Edit distance of two (folded) strings: insertions, deletions, substitutions and swaps of two neighbours (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * "Did you mean": the candidates closest to a mistyped text (folded, so case and accents do not
 * count), within a third of its length in edits, or that start with it; at most `max`, best first.
 */
export function closestMatches(text: string, candidates: Iterable<string>, max = 3): string[] {
  const t = foldText(text);
  const limit = Math.max(1, Math.floor(t.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const f = foldText(c);
    const d = f.startsWith(t) && t.length >= 3 ? 0.5 : editDistance(t, f);
    if (d <= limit) scored.push([c, d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || compareIds(x[0], y[0]))
    .slice(0, max)
    .map(([c]) => c);
}
