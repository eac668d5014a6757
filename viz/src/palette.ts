/**
 * Colour-blind-safe colours (Okabe & Ito, "Color Universal Design", 2008).
 *
 * One category → colour assignment per network version: the server ranks the whole network's
 * categories (most common first, GET /api/map `categories`) and the i-th category takes the i-th
 * hue in every view — whole map, group, ego, community, any date on the time slider. Categories
 * beyond the seven hues share a light grey ("other") rather than recycling a hue that would make
 * two categories look the same; people with no value are a darker grey ("not set").
 */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#F0E442'] as const;
export const OTHER_COLOR = '#b4bac4';
export const NOT_SET_COLOR = '#5f6673';
export const MUTED_NODE = '#e3e6eb';
export const MUTED_EDGE = '#eceef2';
export const EDGE_COLOR = '#c3c9d4';
/** Dormant ties fade (same hue as EDGE_COLOR, much lighter). */
export const DORMANT_EDGE_COLOR = '#e4e7ec';
export const SELECTED_COLOR = '#1d2330';
/** The highlighted warm path: black, the eighth Okabe–Ito colour, unlike every stage colour. */
export const PATH_COLOR = '#000000';

/**
 * `hex` mixed with white (0 = unchanged, 1 = white): a fainter opaque colour. WebGL blends
 * translucent colours unevenly on software renderers, so fading never relies on alpha.
 */
export function fade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0');
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

/** VCP stage colours, from the least to the most valuable stage: three distinct Okabe–Ito hues. */
export const STAGE_COLORS = { visibility: '#56B4E9', credibility: '#E69F00', profitability: '#009E73' } as const;
/**
 * The text on a stage badge (path steps, the side panel): black, which reads on every stage colour
 * at WCAG AA for small text (4.5:1 and more; white managed 2.3–3.4:1). Checked in tests/viz/palette-contrast.test.ts.
 */
export const BADGE_INK = '#000000';

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(((n >> 16) & 255) / 255) + 0.7152 * lin(((n >> 8) & 255) / 255) + 0.0722 * lin((n & 255) / 255);
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
export const NO_TIE_COLOR = '#e3e6eb';

/** The legend key of categories folded into "other", and of people with no value. */
export const OTHER_KEY = '\u0000other';
export const NOT_SET_KEY = '';

export interface CategoryEntry {
  /** the category, OTHER_KEY or NOT_SET_KEY */
  key: string;
  label: string;
  color: string;
  count: number;
  /** the categories this entry stands for (several for "other"), for the legend's filter */
  members: string[];
}

export interface CategoryScale {
  colorOf(category: string | undefined): string;
  /** Legend entries of the categories present: the named ones in rank order, then "other", then "not set". */
  entries: CategoryEntry[];
}

/**
 * The colour scale for categories ranked `rank` (most common first, over the whole network), with
 * legend counts from the `values` in view. A category missing from the rank counts as "other".
 */
export function categoryScale(
  rank: readonly string[],
  values: Iterable<string | undefined>,
  options: { missingLabel?: string; nameOf?: (category: string) => string } = {},
): CategoryScale {
  const hue = new Map<string, string>(rank.slice(0, OKABE_ITO.length).map((k, i) => [k, OKABE_ITO[i]!]));
  const order = new Map(rank.map((k, i) => [k, i]));
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? '', (counts.get(v ?? '') ?? 0) + 1);
  const named: CategoryEntry[] = [];
  const others: string[] = [];
  let otherCount = 0;
  for (const [k, count] of counts) {
    if (k === NOT_SET_KEY) continue;
    const color = hue.get(k);
    if (color) named.push({ key: k, label: options.nameOf?.(k) ?? k, color, count, members: [k] });
    else {
      others.push(k);
      otherCount += count;
    }
  }
  named.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  const entries = [...named];
  if (otherCount > 0) entries.push({ key: OTHER_KEY, label: `other (${others.length} more)`, color: OTHER_COLOR, count: otherCount, members: others });
  const missing = counts.get(NOT_SET_KEY) ?? 0;
  if (missing > 0) entries.push({ key: NOT_SET_KEY, label: options.missingLabel ?? 'not set', color: NOT_SET_COLOR, count: missing, members: [NOT_SET_KEY] });
  return { colorOf: (c) => (c === undefined || c === '' ? NOT_SET_COLOR : (hue.get(c) ?? OTHER_COLOR)), entries };
}
