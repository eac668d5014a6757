/**
 * What the referral graph adds to the chapter table (docs/DOMAIN.md, Chapter report): one-to-ones
 * that would pay (member pairs with no tie whose professions trade the most referrals across the
 * network), open seats (professions the chapter lacks, by referral potential, with people who
 * could fill them and the warm path to them: the diversity gap of the group), givers and takers,
 * power teams (Louvain communities of the members' own ties, weighted by tie strength) and each member's change since the
 * previous period of the same length.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { trafficBetween, type CategoryFlow } from './category-flow.js';
import { neighbourIndexes, tieAt, type AnalyticsContext } from './context.js';
import { membersOf, valuesOf } from './dimensions.js';
import { diversityGap } from './diversity-gap.js';
import { mulberry32 } from './kernels/random.js';
import { tieStrength } from './tie-strength.js';
import type { ChapterTable, Light } from './chapter-report.js';
import type { WarmPath } from './warm-paths.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = ((louvainModule as unknown as { default?: Louvain }).default ?? louvainModule) as Louvain;

const DIMENSION = 'profession';
const MAX_PAIRS = 10;
const MAX_SEATS = 5;

export interface ChapterInsights {
  oneToOnesThatWouldPay: { a: string; b: string; professions: [string[], string[]]; referralPotential: number }[];
  openSeats: { profession: string; referralPotential: number; candidates: { person: string; path: WarmPath | null }[] }[];
  giversAndTakers: { person: string; given: number; received: number; balance: number; kind: 'giver' | 'taker' | 'balanced' }[];
  powerTeams: { members: string[]; professions: string[] }[];
  change: { person: string; score: number; previousScore: number | null; previousLight: Light | null; trend: 'up' | 'down' | 'same' | 'new' }[];
}

function hasTie(ctx: AnalyticsContext, a: string, b: string): boolean {
  const u = ctx.csr.index.get(a);
  const v = ctx.csr.index.get(b);
  return u !== undefined && v !== undefined && neighbourIndexes(ctx, u).includes(v);
}

/** Members of the group now, sorted by id so every answer is in a fixed order. */
function currentMembers(ctx: AnalyticsContext, group: string): string[] {
  return [...new Set(membersOf(ctx.records, group, ctx.asOf))].sort();
}

function oneToOnesThatWouldPay(ctx: AnalyticsContext, members: string[], flow: CategoryFlow): ChapterInsights['oneToOnesThatWouldPay'] {
  const professions = new Map(members.map((m) => [m, valuesOf(ctx.records, m, DIMENSION, ctx.asOf)]));
  const pairs: ChapterInsights['oneToOnesThatWouldPay'] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i]!;
      const b = members[j]!;
      const pa = professions.get(a)!;
      const pb = professions.get(b)!;
      if (!pa.length || !pb.length || hasTie(ctx, a, b)) continue;
      const potential = trafficBetween(flow, pa, pb);
      if (potential > 0) pairs.push({ a, b, professions: [pa, pb], referralPotential: potential });
    }
  }
  return pairs.sort((x, y) => y.referralPotential - x.referralPotential).slice(0, MAX_PAIRS);
}

function powerTeams(ctx: AnalyticsContext, members: string[]): ChapterInsights['powerTeams'] {
  const graph = new UndirectedGraph();
  for (const m of members) graph.addNode(m);
  for (const a of members) {
    for (const b of members) {
      const tie = a < b && hasTie(ctx, a, b) ? tieAt(ctx, a, b) : undefined;
      if (tie) graph.addEdge(a, b, { weight: tieStrength(tie, ctx.asOf, ctx.config).strength });
    }
  }
  if (graph.size === 0) return [];
  // Weighted by tie strength: in a chapter where everyone has met, the teams are who works together.
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
    .sort((x, y) => y.balance - x.balance || (x.person < y.person ? -1 : 1));
}

function change(table: ChapterTable, previous: ChapterTable): ChapterInsights['change'] {
  const before = new Map(previous.members.map((r) => [r.person, r]));
  return table.members.map((r) => {
    const p = before.get(r.person);
    const trend = !p ? 'new' : r.score > p.score ? 'up' : r.score < p.score ? 'down' : 'same';
    return { person: r.person, score: r.score, previousScore: p?.score ?? null, previousLight: p?.light ?? null, trend };
  });
}

/** The graph side of a group's chapter report, as of ctx.asOf, beside its table and the previous period's. */
export function chapterInsights(
  ctx: AnalyticsContext,
  group: string,
  table: ChapterTable,
  previous: ChapterTable,
  flow: CategoryFlow,
): ChapterInsights {
  const members = currentMembers(ctx, group);
  const gap = diversityGap(ctx, { group }, DIMENSION, { flow });
  return {
    oneToOnesThatWouldPay: oneToOnesThatWouldPay(ctx, members, flow),
    openSeats: gap.missing
      .slice(0, MAX_SEATS)
      .map((c) => ({ profession: c.category, referralPotential: c.referralPotential, candidates: c.candidates })),
    giversAndTakers: giversAndTakers(table),
    powerTeams: powerTeams(ctx, members),
    change: change(table, previous),
  };
}
