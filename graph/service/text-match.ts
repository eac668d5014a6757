/**
 * Case- and diacritic-insensitive text matching for list searches: "jose" finds "José",
 * "MULLER" finds "Müller", "strasse" finds "Straße".
 */
import { memo, ownerMemo, through } from '../support/memo.js';

/** Lower-cases, strips combining marks and folds a few letters NFKD does not decompose. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/**
 * Folded search text per record object. Records are immutable (an update puts a new object),
 * so keying by identity never serves stale text, and folding happens once per record, not once
 * per query.
 */
const folded = ownerMemo<object, string>('text-match.folded');

/** True when any of the record's fields contains the (already folded) needle. */
export function recordMatches(needle: string, record: object, ...fields: (string | undefined)[]): boolean {
  // NUL cannot occur in a folded needle typed by a user, so no match spans two fields.
  const text = through(folded, record, () => fields.map((f) => (f === undefined ? '' : foldText(f))).join('\u0000'));
  return text.includes(needle);
}

/** Folded values of short categorical fields (industries: few distinct values, many records). */
const categories = memo<string, string>('text-match.categories', 10_000);

/** foldText, memoised for categorical values. */
export function foldCategory(s: string): string {
  return through(categories, s, () => foldText(s));
}
