/**
 * Case- and diacritic-insensitive text matching for list searches: "jose" finds "José",
 * "MULLER" finds "Müller".
 */

/** Lower-cases, strips combining marks and folds a few letters NFD does not decompose. */
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

/** True when any of the fields contains the (already folded) needle. */
export function matchesText(needle: string, ...fields: (string | undefined)[]): boolean {
  for (const f of fields) if (f !== undefined && foldText(f).includes(needle)) return true;
  return false;
}
