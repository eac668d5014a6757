/**
 * The map view for a request: the whole network when it fits the size cap, otherwise a filtered
 * view (an ego network, a group, a community) with the reason said in words, so the browser
 * never receives more than it can draw. A viewer withheld from some people (`sees`) gets a view
 * of the people they see: whether it fits, the ego network's cap and its best-connected centre
 * are counted and chosen among them, and the ties drawn are theirs; the totals count everyone.
 * Nor does it name an industry no one they see holds (nameableCategories): the colour ranking
 * leaves it out, and a community named after it is "community N" to them.
 */
import { UnknownIdError, type AnalyticsContext, type Sees } from '../analytics/context.js';
import { membersOf, membershipActive, nameableCategories } from '../analytics/dimensions.js';
import type { Analytics } from '../analytics/engine.js';
import { arcStage } from '../analytics/tie-stages.js';
import { STAGES } from '../analytics/vcp.js';
import type { RecordSet } from '../record-set.js';
import { num } from '../support/words.js';
import { compareIds } from '../support/id-order.js';
import type { MapBase } from './layout.js';
import type { MapNode, MapRequest, MapResponse } from './schema.js';

type Csr = AnalyticsContext['csr'];

/** Builds the map response for a request over the current records and their cached base. */
export function buildMapView(analytics: Analytics, base: MapBase, q: MapRequest): MapResponse {
  const asOf = analytics.resolveAsOf(q.asOf);
  const ctx = analytics.context(asOf);
  const records = ctx.records;
  const csr = ctx.csr;
  // The snapshot as of the date holds exactly the ties of that date: counts and degrees are read
  // from it, and only the ties drawn are resolved (stage, strength) — resolving every tie of the
  // network for a view of a few hundred people took 3.9 s a request at 100,000 people (issue #18).
  const total = { people: base.ids.length, ties: csr.ties };
  const sees = q.sees ?? (() => true);
  // What would be drawn decides whether it fits: people and ties the viewer does not see are never sent.
  const drawn = q.sees ? { people: base.ids.filter(sees).length, ties: csr.ties - tiesTouchingUnseen(csr, sees) } : total;
  const fits = drawn.people <= q.maxNodes && (!q.edges || drawn.ties <= q.maxEdges);

  let kind: MapResponse['view']['kind'] = q.view === 'auto' ? 'all' : q.view;
  let selected: Set<string> | undefined;
  let reason: string | undefined;
  let person = q.person;

  if (kind === 'ego') selected = egoOf(ctx.csr, need(person, 'person', records), q.radius, q.maxNodes, sees);
  else if (kind === 'group') selected = new Set(membersOf(records, need(q.group, 'group', records), asOf));
  else if (kind === 'community') selected = communityOf(base, q.community ?? 0);
  else if (!fits) {
    person = topByDegree(base, sees);
    kind = 'ego';
    selected = person === undefined ? new Set() : egoOf(ctx.csr, person, q.radius, q.maxNodes, sees);
    const who = (person === undefined ? undefined : records.get('person', person))?.name ?? 'nobody';
    reason =
      `The network has ${num(total.people)} people and ${num(total.ties)} ties, more than the map draws at once ` +
      `(${num(q.maxNodes)} people / ${num(q.maxEdges)} ties): showing the ${q.radius}-step network around ${who}, ` +
      'the best-connected person. Search a person, or pick a group or community, to see another part.';
  }

  // (below 3 people betweenness is all 0)
  const { value: between, info: betweenInfo } =
    base.ids.length > 2 ? analytics.betweenness(ctx) : { value: undefined, info: { status: 'fresh', exact: true } };
  const groups = [...records.maps.group.values()].map((g) => ({ id: g.id, name: g.name })).sort((a, b) => compareIds(a.id, b.id));
  const groupIndex = new Map(groups.map((g, i) => [g.id, i]));
  const nodes: MapNode[] = [];
  const local = new Map<string, number>();
  base.ids.forEach((id, i) => {
    if ((selected && !selected.has(id)) || !sees(id)) return;
    // A person deleted since the base was laid out is left out (the next version's base drops them).
    const p = records.get('person', id);
    if (!p) return;
    local.set(id, nodes.length);
    const memberOf: number[] = [];
    // The groups the person is a member of as of the date: not before joining, nor after leaving.
    for (const key of records.membershipsOf.get(id)) {
      const m = records.get('membership', key);
      const gi = m && membershipActive(m, asOf) ? groupIndex.get(m.group) : undefined;
      if (gi !== undefined && !memberOf.includes(gi)) memberOf.push(gi);
    }
    // A rewritten membership moves to the end of the person's list: the order of the records says nothing.
    memberOf.sort((a, b) => a - b);
    nodes.push({
      id,
      label: p.name,
      x: round(base.x[i]!),
      y: round(base.y[i]!),
      community: base.community[i]!,
      // as of the date asked when ties are drawn (the base's degree counts every tie ever recorded)
      degree: q.edges ? degreeAt(csr, id) : base.degree[i]!,
      ...(between ? { betweenness: between.values[between.csr.index.get(id) ?? -1] ?? 0 } : {}),
      ...(p.industry ? { industry: p.industry } : {}),
      ...(p.profession ? { profession: p.profession } : {}),
      ...(p.company ? { company: p.company } : {}),
      ...(p.location ? { location: p.location } : {}),
      groups: memberOf,
    });
  });

  // No spread into a push: 80,000 ties would be 80,000 call arguments.
  const { list: edges, cut } = q.edges ? drawnTies(ctx, nodes, local, q.maxEdges) : { list: [], cut: false };
  if (cut) reason ??= `Only the first ${num(q.maxEdges)} ties of this view are drawn.`;

  return {
    version: base.version,
    asOf: new Date(asOf).toISOString(),
    // Final positions: every view is a cut-out of the one layout of the version (layout.ts).
    layout: 'server',
    total,
    view: {
      kind,
      ...(kind === 'ego' ? { person, radius: q.radius } : {}),
      ...(kind === 'group' ? { group: q.group } : {}),
      ...(kind === 'community' ? { community: q.community ?? 0 } : {}),
    },
    ...(reason ? { filtered: { reason } } : {}),
    stages: STAGES,
    groups,
    communities: base.communityCount,
    ...industryNames(base, q.sees && nameableCategories(records, 'industry', asOf, q.sees)),
    extent: base.extent,
    ...(base.timeline
      ? { timeline: { first: new Date(base.timeline.first).toISOString(), last: new Date(base.timeline.last).toISOString() } }
      : {}),
    hasBetweenness: between !== undefined,
    betweenness: { status: betweenInfo.status, exact: betweenInfo.exact },
    nodes,
    edges,
  };
}

/**
 * The colour ranking of industries and the communities' names, as the viewer may read them: the
 * industries `named` accepts (all when it is undefined), in the order of the base's ranking, and
 * "community N" for a community named after another one.
 */
function industryNames(base: MapBase, named: ((industry: string) => boolean) | undefined): Pick<MapResponse, 'categories' | 'communityNames'> {
  if (!named) return { categories: { industry: base.industryRank, community: base.communityRank }, communityNames: base.communityNames };
  return {
    categories: { industry: base.industryRank.filter(named), community: base.communityRank },
    communityNames: base.communityNames.map((name, c) => {
      const industry = base.communityIndustries[c];
      return industry === undefined || named(industry) ? name : `community ${c}`;
    }),
  };
}

/** The id a view names (the query schema requires it), known to the records. */
function need(id: string | undefined, kind: 'person' | 'group', records: RecordSet): string {
  if (id === undefined || !records.has(kind, id)) throw new UnknownIdError(kind, id ?? '');
  return id;
}

/**
 * People the viewer sees within `radius` steps of `centre` over the ties as of the snapshot's
 * date, breadth first, stopping at `max` of them. The steps go through everyone: a person the
 * viewer does not see still links the people on either side (as in a warm path).
 */
function egoOf(csr: Csr, centre: string, radius: number, max: number, sees: Sees): Set<string> {
  const reached = new Set([centre]);
  const shown = new Set(sees(centre) ? [centre] : []);
  const start = csr.index.get(centre);
  let frontier = start === undefined ? [] : [start];
  for (let step = 0; step < radius && frontier.length > 0; step++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
        const v = csr.targets[e]!;
        const id = csr.ids[v]!;
        if (reached.has(id)) continue;
        if (shown.size >= max) return shown;
        reached.add(id);
        if (sees(id)) shown.add(id);
        next.push(v);
      }
    }
    frontier = next;
  }
  return shown;
}

function communityOf(base: MapBase, community: number): Set<string> {
  return new Set(base.ids.filter((_, i) => base.community[i] === community));
}

/** The best-connected person the viewer sees (the first in the base's order among equals). */
function topByDegree(base: MapBase, sees: Sees): string | undefined {
  let best = -1;
  base.degree.forEach((d, i) => {
    if ((best < 0 || d > base.degree[best]!) && sees(base.ids[i]!)) best = i;
  });
  return base.ids[best];
}

/** The ties among the view's nodes as of ctx.asOf, node by node in view order, at most `max` (`cut` when more were left). */
function drawnTies(ctx: AnalyticsContext, nodes: readonly MapNode[], local: ReadonlyMap<string, number>, max: number): { list: MapResponse['edges']; cut: boolean } {
  const { csr } = ctx;
  // snapshot node → view index (−1: not in the view), so the adjacency scan does no id lookups
  const inView = new Int32Array(csr.n).fill(-1);
  for (const [id, i] of local) {
    const u = csr.index.get(id);
    if (u !== undefined) inView[u] = i;
  }
  const list: MapResponse['edges'] = [];
  for (let s = 0; s < nodes.length; s++) {
    const u = csr.index.get(nodes[s]!.id);
    if (u === undefined || !csr.alive[u]) continue;
    // [view index of the other end, arc slot], in view order
    const later: [number, number][] = [];
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) {
      const d = inView[csr.targets[e]!]!;
      if (d > s) later.push([d, e]);
    }
    for (const [d, e] of later.sort((x, y) => x[0] - y[0])) {
      if (list.length >= max) return { list, cut: true };
      const t = arcStage(ctx, e);
      list.push([s, d, STAGES.indexOf(t.stage), t.dormant ? 1 : 0, round(t.strength)]);
    }
  }
  return { list, cut: false };
}

/** A person's ties in the snapshot (0 when they have no node). */
function degreeAt(csr: Csr, id: string): number {
  const u = csr.index.get(id);
  return u === undefined || !csr.alive[u] ? 0 : csr.deg[u]!;
}

/** Ties with an end `sees` refuses: each counted once, a tie between two such people too. */
function tiesTouchingUnseen(csr: Csr, sees: Sees): number {
  let twice = 0;
  for (let u = 0; u < csr.n; u++) {
    if (!csr.alive[u] || sees(csr.ids[u]!)) continue;
    for (let e = csr.start[u]!, end = e + csr.deg[u]!; e < end; e++) twice += sees(csr.ids[csr.targets[e]!]!) ? 2 : 1;
  }
  return twice / 2;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
