/**
 * Referral-path lookup: from a person to a person, a company or anyone in an industry. The k
 * warm paths come from GET /api/paths; they are listed hop by hop and handed back as node and
 * edge sets for the map to highlight (display state, the graph is untouched). Each step shows how
 * to reach the person it leads to (the answer's contact cards).
 */
import { getJson } from '../api.js';
import { contactLinks, type ContactCard } from '../contact.js';
import { asText, day, fmt, h, pick } from '../dom.js';
import { term } from '../glossary/terms.js';
import { STAGE_COLORS } from '../palette.js';
import { nodeKey, type MapGraph } from './map-graph.js';

export type TargetKind = 'person' | 'company' | 'industry';

export interface PathQuery {
  from: string;
  toKind: TargetKind;
  to: string;
  k: number;
  asOf?: string;
}

export interface Hop {
  from: string;
  to: string;
  stage?: string;
  dormant?: boolean;
  lastContact?: string;
  referrals?: unknown;
  strength?: number;
}

export interface FoundPath {
  nodes: string[];
  hops: Hop[];
  cost?: number;
  probability?: number;
}

export interface PathsResult {
  paths: FoundPath[];
  reason?: string;
  /** how to reach each person on the paths, by id */
  contacts: Map<string, ContactCard & { name?: string }>;
}

/** Asks the API for the k best warm paths. */
export async function lookupPaths(q: PathQuery): Promise<PathsResult> {
  const target = q.toKind === 'person' ? { to: q.to } : q.toKind === 'company' ? { toCompany: q.to } : { 'where[industry]': q.to };
  const res = await getJson<unknown>('/api/paths', { from: q.from, ...target, k: q.k, asOf: q.asOf });
  const raw = (pick(res, 'paths') ?? []) as unknown[];
  const paths = raw.map(normalisePath);
  const reason = pick(res, 'reason');
  const cards = (pick(res, 'contacts') ?? []) as (ContactCard & { id: string; name?: string })[];
  const contacts = new Map(Array.isArray(cards) ? cards.map((c) => [c.id, c] as const) : []);
  return { paths, contacts, ...(typeof reason === 'string' ? { reason } : {}) };
}

function normalisePath(p: unknown): FoundPath {
  const rawSteps = pick(p, 'steps') ?? pick(p, 'hops');
  const hops = (Array.isArray(rawSteps) ? (rawSteps as Record<string, unknown>[]) : []).map((hp) => ({
    from: asText(hp.from ?? hp.a),
    to: asText(hp.to ?? hp.b),
    ...(typeof hp.stage === 'string' ? { stage: hp.stage } : {}),
    ...(typeof hp.dormant === 'boolean' ? { dormant: hp.dormant } : {}),
    ...(typeof hp.lastContact === 'string' ? { lastContact: hp.lastContact } : {}),
    ...(hp.referralsExchanged !== undefined ? { referrals: hp.referralsExchanged } : hp.referrals !== undefined ? { referrals: hp.referrals } : {}),
    ...(typeof hp.strength === 'number' ? { strength: hp.strength } : {}),
  }));
  const listed = pick(p, 'nodes') ?? pick(p, 'people');
  const nodes = Array.isArray(listed)
    ? listed.map((n) => (typeof n === 'string' ? n : String(pick(n, 'id'))))
    : hops.length > 0
      ? [hops[0]!.from, ...hops.map((x) => x.to)]
      : [];
  const cost = pick(p, 'cost');
  // `strength` of a path is the product of its tie strengths: the chance every introduction works.
  const probability = pick(p, 'strength') ?? pick(p, 'probability');
  return {
    nodes,
    hops,
    ...(typeof cost === 'number' ? { cost } : {}),
    ...(typeof probability === 'number' ? { probability } : {}),
  };
}

/** The node keys and edges of the paths that are on the map, for highlighting. */
export function pathHighlight(graph: MapGraph, paths: FoundPath[]) {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  let missing = 0;
  for (const p of paths) {
    const keys = p.nodes.map(nodeKey);
    keys.forEach((n, i) => {
      if (!graph.hasNode(n)) {
        missing += 1;
        return;
      }
      nodes.add(n);
      const next = keys[i + 1];
      if (next !== undefined && graph.hasNode(next)) {
        const e = graph.edge(n, next);
        if (e !== undefined) edges.add(e);
      }
    });
  }
  return { nodes, edges, missing };
}

/** Lists the paths hop by hop; names come from the map when the person is on it. */
export function renderPaths(el: HTMLElement, result: PathsResult, nameOf: (id: string) => string): void {
  if (result.paths.length === 0) {
    el.replaceChildren(h('p', { class: 'evidence', text: `No warm path found${result.reason ? `: ${result.reason}` : '.'}` }));
    return;
  }
  const list = h('ol', { class: 'paths', 'data-testid': 'paths' });
  result.paths.forEach((p, i) => {
    const summary = [`Path ${i + 1}: ${p.hops.length} hop${p.hops.length === 1 ? '' : 's'}`];
    // "chance" is jargon: it gets its plain-words tooltip and a link to its definition.
    const chance = p.probability !== undefined ? term('chance', `chance ${fmt(p.probability)}`) : undefined;
    if (p.probability === undefined && p.cost !== undefined) summary.push(`cost ${fmt(p.cost)}`);
    const hops = h('ol');
    for (const hop of p.hops) {
      const stage = hop.stage && Object.hasOwn(STAGE_COLORS, hop.stage) ? hop.stage : undefined;
      const badge = stage && h('span', { class: 'badge', text: stage });
      if (badge && stage) badge.style.background = STAGE_COLORS[stage as keyof typeof STAGE_COLORS];
      hops.append(
        h(
          'li',
          {},
          `${nameOf(hop.from)} → ${nameOf(hop.to)}`,
          badge,
          hop.dormant && h('span', { class: 'badge dormant', text: 'dormant' }),
          h('div', {
            class: 'cost',
            text: `last contact ${day(hop.lastContact)}${hop.strength !== undefined ? ` · strength ${fmt(hop.strength)}` : ''}${typeof hop.referrals === 'number' ? ` · ${hop.referrals} referral(s)` : ''}`,
          }),
          h('div', { class: 'reach', 'data-person': hop.to }, `Reach ${nameOf(hop.to)}: `, contactLinks(result.contacts.get(hop.to) ?? {})),
        ),
      );
    }
    if (p.hops.length === 0) hops.append(h('li', { text: p.nodes.map(nameOf).join(' → ') }));
    list.append(h('li', {}, h('strong', { text: summary.join(' · ') }, chance && ' · ', chance), hops));
  });
  el.replaceChildren(list);
}
