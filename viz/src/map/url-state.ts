/**
 * The map's state in the URL's hash, so a view can be shared and a reload restores it: view,
 * filters, colour and size modes, the selected person and the path lookup. The hash is a query
 * string (`#view=ego&person=p12&color=stage`); values are user data and are only ever read back
 * through this parser, which drops anything it does not recognise.
 */
import type { ColorBy, SizeBy } from './display-state.js';
import type { TargetKind } from './paths.js';

export interface UrlState {
  view?: 'ego' | 'group' | 'community';
  /** the selected person (and the centre of view=ego): a person id */
  person?: string;
  /** the group filter (and the group of view=group): a group id */
  group?: string;
  community?: number;
  color?: ColorBy;
  size?: SizeBy;
  stage?: number;
  industry?: string;
  dormant?: boolean;
  /** YYYY-MM-DD */
  asOf?: string;
  /** the legend filter: the categories shown, of the colour mode's dimension */
  only?: string[];
  onlyBy?: 'industry' | 'community';
  from?: string;
  toKind?: TargetKind;
  to?: string;
  k?: number;
}

const VIEWS = ['ego', 'group', 'community'] as const;
const COLORS = ['industry', 'community', 'stage'] as const;
const SIZES = ['degree', 'betweenness'] as const;
const TARGETS = ['person', 'company', 'industry'] as const;

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
const int = (v: string | null, min: number, max: number): number | undefined => {
  const n = v === null || !/^\d+$/.test(v) ? Number.NaN : Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const text = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v);

/** Reads the state from a hash ("#…" or ""). */
export function parseUrlState(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = {
    view: oneOf(VIEWS, p.get('view')),
    person: text(p.get('person')),
    group: text(p.get('group')),
    community: int(p.get('community'), 0, 1e9),
    color: oneOf(COLORS, p.get('color')),
    size: oneOf(SIZES, p.get('size')),
    stage: int(p.get('stage'), 0, 2),
    industry: text(p.get('industry')),
    dormant: p.get('dormant') === '1' ? true : undefined,
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(p.get('asOf') ?? '') ? p.get('asOf')! : undefined,
    only: p.has('only') ? p.getAll('only') : undefined,
    onlyBy: oneOf(['industry', 'community'] as const, p.get('onlyBy')),
    from: text(p.get('from')),
    toKind: oneOf(TARGETS, p.get('toKind')),
    to: text(p.get('to')),
    k: int(p.get('k'), 1, 10),
  };
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
}

/** The hash for a state ("" when everything is the default). */
export function formatUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state) as [keyof UrlState, UrlState[keyof UrlState]][]) {
    if (v === undefined || v === false) continue;
    if (Array.isArray(v)) for (const item of v) p.append(k, item);
    else p.set(k, v === true ? '1' : String(v));
  }
  const s = p.toString();
  return s ? `#${s}` : '';
}
