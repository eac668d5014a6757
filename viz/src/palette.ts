/**
 * Colour-blind-safe colours (Okabe & Ito, "Color Universal Design", 2008). Categories beyond the
 * seven distinct hues share a neutral grey and the legend says "other", rather than recycling a
 * hue that would make two categories look the same.
 */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;
export const OTHER_COLOR = '#9aa1ad';
export const MUTED_NODE = '#d9dde4';
export const MUTED_EDGE = '#eceef2';
export const EDGE_COLOR = '#c3c9d4';
export const SELECTED_COLOR = '#1d2330';
export const PATH_COLOR = '#D55E00';

/** VCP stage colours, from the least to the most valuable stage. */
export const STAGE_COLORS = { visibility: '#56B4E9', credibility: '#0072B2', profitability: '#009E73' } as const;
export const NO_TIE_COLOR = '#d9dde4';

export interface CategoryScale {
  colorOf(category: string | undefined): string;
  /** Legend entries: the named categories then "other" when some were folded into it. */
  entries: { label: string; color: string; count: number }[];
}

/** Gives the most frequent categories their own hue, the rest grey. */
export function categoryScale(values: Iterable<string | undefined>, missingLabel = 'not set'): CategoryScale {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? '', (counts.get(v ?? '') ?? 0) + 1);
  const ranked = [...counts.entries()].filter(([k]) => k !== '').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = new Map<string, string>(ranked.slice(0, OKABE_ITO.length).map(([k], i) => [k, OKABE_ITO[i]!]));
  const entries = [...named.entries()].map(([label, color]) => ({ label, color, count: counts.get(label)! }));
  const otherCount = ranked.slice(OKABE_ITO.length).reduce((s, [, c]) => s + c, 0);
  if (otherCount > 0) entries.push({ label: `other (${ranked.length - OKABE_ITO.length} more)`, color: OTHER_COLOR, count: otherCount });
  const missing = counts.get('') ?? 0;
  if (missing > 0) entries.push({ label: missingLabel, color: OTHER_COLOR, count: missing });
  return { colorOf: (c) => (c && named.get(c)) || OTHER_COLOR, entries };
}
