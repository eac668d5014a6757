/**
 * Referral-path lookup: from a person to a person, a company or anyone in an industry. The k
 * warm paths come from GET /api/paths; they are listed hop by hop and handed back as node and
 * edge sets for the map to highlight (display state, the graph is untouched). Each step shows how
 * to reach the person it leads to (the answer's contact cards).
 */
import { describeError, getJson, sendJson } from '../api.js';
import { contactLinks, type ContactCard } from '../contact.js';
import { asText, day, fmt, h, pick } from '../dom.js';
import { term } from '../glossary/terms.js';
import { BADGE_INK, STAGE_COLORS } from '../palette.js';
import { count, percent } from '../../../graph/support/words.js';
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
  /** the reliability r of `to` as a connector, when `to` passes the introduction on, with their record */
  reliability?: number;
  asked?: number;
  made?: number;
}

export interface FoundPath {
  nodes: string[];
  hops: Hop[];
  cost?: number;
  probability?: number;
  /** the path's weakest link, in words */
  weakest?: string;
  /** someone else's private contact on the path: their node key (`anonymous:INDEX`) → "a contact of Ann" */
  anonymous?: Map<string, string>;
}

/**
 * The node key of a withheld hop. Ids are user data of at most 256 characters (graph/schema.ts),
 * so a key longer than that can be no one's id.
 */
const anonymousKey = (index: number) => `${'~'.repeat(257)}anonymous ${index}`;

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
    ...(typeof pick(hp.connector, 'reliability') === 'number' ? { reliability: pick(hp.connector, 'reliability') as number } : {}),
    ...(typeof pick(hp.connector, 'asked') === 'number' ? { asked: pick(hp.connector, 'asked') as number } : {}),
    ...(typeof pick(hp.connector, 'made') === 'number' ? { made: pick(hp.connector, 'made') as number } : {}),
  }));
  const listed = pick(p, 'nodes') ?? pick(p, 'people');
  // A withheld hop comes as null, described in `anonymous` ({index, label}).
  const anonymous = new Map<string, string>();
  const described = pick(p, 'anonymous');
  if (Array.isArray(described)) for (const a of described) anonymous.set(anonymousKey(Number(pick(a, 'index'))), asText(pick(a, 'label'), 'a private contact'));
  const nodes = Array.isArray(listed)
    ? listed.map((n, i) => (n === null ? anonymousKey(i) : typeof n === 'string' ? n : String(pick(n, 'id'))))
    : hops.length > 0
      ? [hops[0]!.from, ...hops.map((x) => x.to)]
      : [];
  if (anonymous.size > 0) {
    hops.forEach((hop, i) => {
      if (hop.from === '') hop.from = nodes[i] ?? hop.from;
      if (hop.to === '') hop.to = nodes[i + 1] ?? hop.to;
    });
  }
  const cost = pick(p, 'cost');
  // `chance` = Π tie strengths × Π connectors' reliability (`strength` alone from older servers).
  const probability = pick(p, 'chance') ?? pick(p, 'strength') ?? pick(p, 'probability');
  const weakest = pick(pick(p, 'weakestLink'), 'words');
  return {
    nodes,
    hops,
    ...(typeof cost === 'number' ? { cost } : {}),
    ...(typeof probability === 'number' ? { probability } : {}),
    ...(typeof weakest === 'string' ? { weakest } : {}),
    ...(anonymous.size > 0 ? { anonymous } : {}),
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

/**
 * Lists the paths hop by hop; names come from the map when the person is on it. `me` is the
 * person the pages act as (GET /api/me), if any: only their own paths offer to ask for an introduction.
 */
export function renderPaths(el: HTMLElement, result: PathsResult, nameOfId: (id: string) => string, me?: string): void {
  if (result.paths.length === 0) {
    el.replaceChildren(h('p', { class: 'evidence', text: `No warm path found${result.reason ? `: ${result.reason}` : '.'}` }));
    return;
  }
  const list = h('ol', { class: 'paths', 'data-testid': 'paths' });
  result.paths.forEach((p, i) => {
    const nameOf = (id: string) => p.anonymous?.get(id) ?? nameOfId(id);
    const summary = [`Path ${i + 1}: ${count(p.hops.length, 'hop')}`];
    // "chance" is jargon: it gets its plain-words tooltip and a link to its definition.
    const chance = p.probability !== undefined ? term('chance', `chance ${percent(p.probability)}`) : undefined;
    if (p.probability === undefined && p.cost !== undefined) summary.push(`cost ${fmt(p.cost)}`);
    const hops = h('ol');
    for (const hop of p.hops) {
      const stage = hop.stage && Object.hasOwn(STAGE_COLORS, hop.stage) ? hop.stage : undefined;
      const badge = stage && h('span', { class: 'badge', text: stage });
      if (badge && stage) {
        badge.style.background = STAGE_COLORS[stage as keyof typeof STAGE_COLORS];
        badge.style.color = BADGE_INK;
      }
      hops.append(
        h(
          'li',
          {},
          `${nameOf(hop.from)} → ${nameOf(hop.to)}`,
          badge,
          hop.dormant && h('span', { class: 'badge dormant', text: 'dormant' }),
          h('div', {
            class: 'cost',
            text: `last contact ${day(hop.lastContact)}${hop.strength !== undefined ? ` · strength ${percent(hop.strength)}` : ''}${typeof hop.referrals === 'number' ? ` · ${count(hop.referrals, 'referral')}` : ''}`,
          }),
          hop.reliability !== undefined ? h('div', { class: 'cost' }, term('reliability', `${nameOf(hop.to)} passes introductions on: reliability ${percent(hop.reliability)}`), ` (${connectorRecord(hop)})`) : null,
          p.anonymous?.has(hop.to) ? null : h('div', { class: 'reach', 'data-person': hop.to }, `Reach ${nameOf(hop.to)}: `, contactLinks(result.contacts.get(hop.to) ?? {})),
        ),
      );
    }
    if (p.hops.length === 0) hops.append(h('li', { text: p.nodes.map(nameOf).join(' → ') }));
    list.append(h('li', {}, h('strong', { text: summary.join(' · ') }, chance && ' · ', chance), hops, p.weakest ? h('p', { class: 'evidence weakest', text: `Weakest link: ${p.weakest}` }) : null, askButton(p, nameOf, me)));
  });
  el.replaceChildren(list);
}

/** A connector's record in words: "never asked yet", "made 2 of 3 introductions asked". */
function connectorRecord(hop: Hop): string {
  if (!hop.asked) return 'never asked yet';
  return `made ${hop.made ?? 0} of ${count(hop.asked, 'introduction')} asked`;
}

/**
 * "Ask for this introduction": the path's first person asks its first connector for an
 * introduction to the next person on it (POST /api/intro-requests; the connector knows both).
 * The request is always made as "me", so it is offered only where it is mine to make: on a path
 * with a connector that starts at me and leads to someone else (a path looked up from another
 * person, or one leading back to me, would ask on their behalf or ask to be introduced to myself).
 */
function askButton(p: FoundPath, nameOf: (id: string) => string, me: string | undefined): HTMLElement | null {
  if (me === undefined || p.nodes.length < 3 || p.nodes[0] !== me) return null;
  const [connector, target] = [p.nodes[1]!, p.nodes[2]!];
  if (connector === me || target === me) return null;
  // Nobody can be asked about a person they may not see.
  if (p.anonymous?.has(connector) || p.anonymous?.has(target)) return null;
  const button = h('button', { type: 'button', 'data-action': 'ask-intro', text: `Ask ${nameOf(connector)} for an introduction to ${nameOf(target)}` });
  const said = h('span', { class: 'evidence', role: 'status' });
  button.addEventListener('click', () => {
    button.disabled = true;
    sendJson('POST', '/api/intro-requests', { connector, target })
      .then(() => (said.textContent = `Asked ${nameOf(connector)}: see Introduction requests on your home page.`))
      .catch((err: unknown) => {
        said.textContent = describeError(err);
        button.disabled = false;
      });
  });
  return h('div', { class: 'ask-intro' }, button, said);
}
