/**
 * What the referral graph adds to the chapter table (docs/DOMAIN.md, Chapter report): one-to-ones
 * that would pay (member pairs with no tie whose professions trade the most referrals across the
 * network), open seats (professions the chapter lacks, by referral potential, with people who
 * could fill them and the warm path to them), givers and takers,
 * power teams (Louvain communities of the members' own ties, weighted by tie strength) and each member's change since the
 * previous period of the same length. For a viewer withheld from some people (`sees`), the pairs,
 * the seat candidates and the teams are made among the people they see; which professions the
 * chapter holds (so which seats are open) counts every member, but a seat is a profession someone
 * they see holds (nameableCategories): one only withheld people hold is never named to them.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import '../projection/null-prototype-adjacency.js';
import { trafficBetween, type CategoryFlow } from './category-flow.js';
import { categoryCodes, MISSING } from './category-codes.js';
import { neighbourIndexes, type AnalyticsContext, type Sees } from './context.js';
import { membersOf, nameableCategories, valuesOf } from './dimensions.js';
import { hopBoundedSearch, labelPath } from './kernels/shortest-path.js';
import { twoHopSearch } from './kernels/two-hop.js';
import { mulberry32 } from './kernels/random.js';
import type { ChapterTable, Light } from './chapter-report.js';
import { describePath, type WarmPath } from './warm-paths.js';
import { foldCategory } from '../service/text-match.js';
import { compareIds } from '../support/id-order.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

const DIMENSION = 'profession';
const MAX_PAIRS = 10;
const MAX_SEATS = 5;

export interface ChapterInsights {
  oneToOnesThatWouldPay: { a: string; b: string; professions: [string[], string[]]; referralPotential: number }[];
  openSeats: { profession: string; referralPotential: number; candidates: { person: string; path: WarmPath }[] }[];
  giversAndTakers: { person: string; given: number; received: number; balance: number; kind: 'giver' | 'taker' | 'balanced' }[];
  powerTeams: { members: string[]; professions: string[] }[];
  change: { person: string; score: number; previousScore: number | null; previousLight: Light | null; trend: 'up' | 'down' | 'same' | 'new' }[];
}

/** The members' CSR indexes and, per member, the set of their neighbours (ties as of asOf). */
interface MemberTies {
  index: Map<string, number>;
  neighbours: Map<string, Set<number>>;
}

function memberTies(ctx: AnalyticsContext, members: string[]): MemberTies {
  const index = new Map<string, number>();
  const neighbours = new Map<string, Set<number>>();
  for (const m of members) {
    const u = ctx.csr.index.get(m);
    if (u === undefined) continue;
    index.set(m, u);
    neighbours.set(m, new Set(neighbourIndexes(ctx, u)));
  }
  return { index, neighbours };
}

const hasTie = (ties: MemberTies, a: string, b: string) => {
  const v = ties.index.get(b);
  return v !== undefined && (ties.neighbours.get(a)?.has(v) ?? false);
};

/** Members of the group now, sorted by id so every answer is in a fixed order. */
function currentMembers(ctx: AnalyticsContext, group: string): string[] {
  return [...new Set(membersOf(ctx.records, group, ctx.asOf))].sort();
}

/**
 * Member pairs with no tie, by the referral potential between their professions, among the
 * members the viewer sees. Members are grouped by their professions first: a chapter has far
 * fewer professions than member pairs, so the potentials are computed per pair of professions,
 * best first, and member pairs are only examined until the best MAX_PAIRS are certain.
 */
function oneToOnesThatWouldPay(ctx: AnalyticsContext, members: string[], ties: MemberTies, flow: CategoryFlow, sees: Sees): ChapterInsights['oneToOnesThatWouldPay'] {
  const byProfessions = new Map<string, { professions: string[]; members: string[] }>();
  for (const m of members) {
    if (!sees(m)) continue;
    const professions = valuesOf(ctx.records, m, DIMENSION, ctx.asOf);
    if (!professions.length) continue;
    const key = JSON.stringify(professions);
    (byProfessions.get(key) ?? byProfessions.set(key, { professions, members: [] }).get(key)!).members.push(m);
  }
  const kinds = [...byProfessions.values()];
  const cells: { x: (typeof kinds)[number]; y: (typeof kinds)[number]; potential: number }[] = [];
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i; j < kinds.length; j++) {
      const potential = trafficBetween(flow, kinds[i]!.professions, kinds[j]!.professions);
      if (potential > 0) cells.push({ x: kinds[i]!, y: kinds[j]!, potential });
    }
  }
  cells.sort((p, q) => q.potential - p.potential);
  const pairs: ChapterInsights['oneToOnesThatWouldPay'] = [];
  for (const { x, y, potential } of cells) {
    // Pairs of equal potential are all kept, so the order among them below is by id, not by chance.
    if (pairs.length >= MAX_PAIRS && potential < pairs[MAX_PAIRS - 1]!.referralPotential) break;
    for (const a of x.members) {
      for (const b of y.members) {
        if (a === b || (x === y && a > b) || hasTie(ties, a, b)) continue;
        const [first, second] = a < b ? [a, b] : [b, a];
        const professions: [string[], string[]] = first === a ? [x.professions, y.professions] : [y.professions, x.professions];
        pairs.push({ a: first, b: second, professions, referralPotential: potential });
      }
    }
  }
  return pairs
    .sort((p, q) => q.referralPotential - p.referralPotential || compareIds(p.a, q.a) || compareIds(p.b, q.b))
    .slice(0, MAX_PAIRS);
}

/**
 * Professions no current member holds, by referral potential with the members' professions
 * (potential > 0: none while no member has a profession, an empty chapter included), each with up to 3 people the viewer sees nearest the chapter by warm path
 * (hop-bounded cheapest paths from any member, `chapter.seatHops` hops). `named`: the professions
 * the viewer may be told of, picked among before the cut (all when absent).
 */
function openSeats(ctx: AnalyticsContext, members: string[], ties: MemberTies, flow: CategoryFlow, sees: Sees, named?: (profession: string) => boolean): ChapterInsights['openSeats'] {
  const own = [...new Set(members.flatMap((m) => valuesOf(ctx.records, m, DIMENSION, ctx.asOf)))];
  // A profession a member holds in any spelling is no open seat ("plumber" beside a "Plumber").
  const held = new Set(own.map(foldCategory));
  const seats = [...flow.total.keys()]
    .filter((c) => !held.has(foldCategory(c)) && (!named || named(c)))
    .map((profession) => ({ profession, referralPotential: own.length ? trafficWith(flow, own, profession) : 0 }))
    .filter((s) => s.referralPotential > 0)
    .sort((x, y) => y.referralPotential - x.referralPotential || compareIds(x.profession, y.profession))
    .slice(0, MAX_SEATS);
  if (!seats.length) return [];
  const wanted = new Map(seats.map((s) => [s.profession, [] as { u: number; cost: number }[]]));
  // Professions as the snapshot's interned codes (one record lookup per person per snapshot, not per report).
  const codes = categoryCodes(ctx, DIMENSION)!;
  const isWanted = (u: number) => {
    const c = codes.codeOf(u);
    return c !== MISSING && wanted.has(codes.names[c]!) && sees(ctx.csr.ids[u]!);
  };
  const reach = nearest(ctx, [...ties.index.values()], ctx.config.chapter.seatHops, isWanted);
  for (const u of reach.reached) {
    const cost = reach.cost(u);
    if (cost > 0 && cost < Infinity && isWanted(u)) wanted.get(codes.names[codes.codeOf(u)]!)!.push({ u, cost });
  }
  return seats.map((s) => ({
    ...s,
    candidates: wanted
      .get(s.profession)!
      .sort((x, y) => x.cost - y.cost || compareIds(ctx.csr.ids[x.u]!, ctx.csr.ids[y.u]!))
      .slice(0, 3)
      .map(({ u, cost }) => ({ person: ctx.csr.ids[u]!, path: describePath(ctx, reach.path(u).map((x) => ctx.csr.ids[x]!), cost) })),
  }));
}

/**
 * Cheapest paths of at most `hops` from the members to the people `wanted` accepts (every node
 * reached is listed; only the wanted ones' costs are final): the two-hop kernel for the usual
 * bound, the general search beyond.
 */
function nearest(
  ctx: AnalyticsContext,
  sources: number[],
  hops: number,
  wanted: (u: number) => boolean,
): { reached: Iterable<number>; cost(u: number): number; path(u: number): number[] } {
  if (hops <= 2) {
    const tree = twoHopSearch(ctx.csr, ctx.asOf, sources, hops === 1 ? 1 : 2, wanted);
    return { reached: tree.reached, cost: (u) => tree.cost(u), path: (u) => tree.path(u) };
  }
  const { tree } = hopBoundedSearch(ctx.csr, ctx.asOf, sources, hops);
  const cost = (u: number) => (tree.best[u]! < 0 ? Infinity : tree.cost[tree.best[u]!]!);
  return { reached: Array.from({ length: ctx.csr.n }, (_, u) => u), cost, path: (u) => labelPath(tree, tree.best[u]!).nodes };
}

/**
 * Referrals between a category and any of `own` (which does not hold it), each once: on a
 * single-valued dimension a sum over the directed cells, O(|own|) instead of trafficBetween's
 * O(|own|²) — a report asks it for every profession of the network.
 */
function trafficWith(flow: CategoryFlow, own: readonly string[], category: string): number {
  if (flow.multi) return trafficBetween(flow, own, [category]);
  const from = flow.directed.get(category);
  let n = 0;
  for (const o of own) n += (from?.get(o) ?? 0) + (flow.directed.get(o)?.get(category) ?? 0);
  return n;
}

/**
 * Louvain communities of the ties among the members the viewer sees, of 2 or more members: formed
 * among everyone and filtered afterwards, a team held together by withheld members would come back
 * as one member the viewer sees, or none.
 */
function powerTeams(ctx: AnalyticsContext, everyone: string[], ties: MemberTies, sees: Sees): ChapterInsights['powerTeams'] {
  const members = everyone.filter(sees);
  const graph = new UndirectedGraph();
  for (const m of members) graph.addNode(m);
  const memberAt = new Map([...ties.index].filter(([m]) => sees(m)).map(([m, u]) => [u, m]));
  for (const [a, u] of ties.index) {
    if (!sees(a)) continue;
    const s = ctx.csr.start[u]!;
    for (let e = s; e < s + ctx.csr.deg[u]!; e++) {
      const b = memberAt.get(ctx.csr.targets[e]!);
      // Weighted by tie strength e^(−cost): in a chapter where everyone has met, the teams are who works together.
      if (b !== undefined && a < b) graph.addEdge(a, b, { weight: Math.exp(-ctx.csr.cost(e, ctx.asOf)) });
    }
  }
  if (graph.size === 0) return [];
  const community = louvain(graph, { rng: mulberry32(ctx.config.betweenness.seed), getEdgeWeight: 'weight' });
  const teams = new Map<number, string[]>();
  for (const m of members) if (graph.degree(m) > 0) (teams.get(community[m]!) ?? teams.set(community[m]!, []).get(community[m]!)!).push(m);
  return [...teams.values()]
    .filter((t) => t.length >= 2)
    .map((t) => ({ members: t, professions: [...new Set(t.flatMap((m) => valuesOf(ctx.records, m, DIMENSION, ctx.asOf)))].sort() }))
    .sort((x, y) => y.members.length - x.members.length || (x.members[0]! < y.members[0]! ? -1 : 1));
}

function giversAndTakers(table: ChapterTable): ChapterInsights['giversAndTakers'] {
  return table.members
    .map((r) => {
      const given = r.referralsGiven.inside + r.referralsGiven.outside;
      const received = r.referralsReceived.inside + r.referralsReceived.outside;
      const balance = given - received;
      return { person: r.person, given, received, balance, kind: balance > 0 ? ('giver' as const) : balance < 0 ? ('taker' as const) : ('balanced' as const) };
    })
    .sort((x, y) => y.balance - x.balance || compareIds(x.person, y.person));
}

function change(table: ChapterTable, previous: ChapterTable): ChapterInsights['change'] {
  const before = new Map(previous.members.map((r) => [r.person, r]));
  return table.members.map((r) => {
    const p = before.get(r.person);
    const trend = !p ? 'new' : r.score > p.score ? 'up' : r.score < p.score ? 'down' : 'same';
    return { person: r.person, score: r.score, previousScore: p?.score ?? null, previousLight: p?.light ?? null, trend };
  });
}

/**
 * The graph side of a group's chapter report, as of ctx.asOf, beside its table and the previous
 * period's; the suggestions with a cut (pairs, seat candidates) are picked, and the power teams
 * formed, among the people `sees` accepts (everyone when absent).
 */
export function chapterInsights(
  ctx: AnalyticsContext,
  group: string,
  table: ChapterTable,
  previous: ChapterTable,
  flow: CategoryFlow,
  viewer?: Sees,
): ChapterInsights {
  const members = currentMembers(ctx, group);
  const ties = memberTies(ctx, members);
  const sees = viewer ?? (() => true);
  return {
    oneToOnesThatWouldPay: oneToOnesThatWouldPay(ctx, members, ties, flow, sees),
    openSeats: openSeats(ctx, members, ties, flow, sees, viewer && nameableCategories(ctx.records, DIMENSION, ctx.asOf, viewer)),
    giversAndTakers: giversAndTakers(table),
    powerTeams: powerTeams(ctx, members, ties, sees),
    change: change(table, previous),
  };
}
