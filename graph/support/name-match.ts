/**
 * How a typed name finds people, the one rule for the CLI (scripts/cli/names.ts), the API's list
 * search (GET /api/people?q=, graph/service/list-queries.ts) and the pages (viz/src/people.ts):
 * case- and accent-insensitive ("zoe scott" finds "Zoë Scott", "MULLER" finds "Müller"); a name
 * two people share names both, never a guess. No dependencies: the browser bundles it.
 */

/**
 * Lower-cases, strips combining marks and invisible format characters (zero-width space, soft
 * hyphen, joiners, bidi marks) and folds a few letters NFKD does not decompose.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/** True when the two names are the same name, whatever their case and accents. */
export function sameName(a: string, b: string): boolean {
  return foldText(a.trim()) === foldText(b.trim());
}

/**
 * The records a typed name means, among `found` (e.g. the list search's answer for the text):
 * those with exactly that name (folded), or failing that those whose name contains it. One record
 * is an answer; several are ambiguous, for the caller to list; none, unknown.
 */
export function namesMatching<T extends { name: string }>(found: readonly T[], text: string): T[] {
  const wanted = foldText(text.trim());
  if (!wanted) return [];
  const exact = found.filter((r) => foldText(r.name) === wanted);
  return exact.length ? exact : found.filter((r) => foldText(r.name).includes(wanted));
}

/** Ids whose name another record of the list shares (case and accents aside): those need their id shown beside the name. */
export function namesakeIds(people: Iterable<{ id: string; name: string }>): Set<string> {
  const byName = new Map<string, string[]>();
  for (const p of people) {
    const key = foldText(p.name.trim());
    const ids = byName.get(key);
    if (ids) ids.push(p.id);
    else byName.set(key, [p.id]);
  }
  return new Set([...byName.values()].filter((ids) => new Set(ids).size > 1).flat());
}
