/**
 * Case- and diacritic-insensitive text matching for list searches: "jose" finds "José",
 * "MULLER" finds "Müller", "strasse" finds "Straße".
 */

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
const folded = new WeakMap<object, string>();

/** True when any of the record's fields contains the (already folded) needle. */
export function recordMatches(needle: string, record: object, ...fields: (string | undefined)[]): boolean {
  let text = folded.get(record);
  if (text === undefined) {
    // NUL cannot occur in a folded needle typed by a user, so no match spans two fields.
    text = fields.map((f) => (f === undefined ? '' : foldText(f))).join('\u0000');
    folded.set(record, text);
  }
  return text.includes(needle);
}

/** Folded values of short categorical fields (industries: few distinct values, many records). */
const categories = new Map<string, string>();

/** foldText, memoised for categorical values. */
export function foldCategory(s: string): string {
  let f = categories.get(s);
  if (f === undefined) {
    if (categories.size > 10_000) categories.clear();
    categories.set(s, (f = foldText(s)));
  }
  return f;
}
