/**
 * Diversity gap report (docs/DOMAIN.md): the shares of a dimension among a person's ties (or a
 * group's members) against a reference — the whole network, or a target list (equal shares) —
 * with missing and under-represented categories (share < config.underRepresentedRatio × the
 * reference share) in one ranking (gap-ranking.ts) led by referral potential: the referral traffic across the network between
 * the subject's own categories and that one (category-flow.ts; the category's whole traffic when
 * the subject has none). Each gap lists up to 3 people who could fill it, nearest first by warm
 * path (hop-bounded cheapest paths from the person, or from any member of the group), chosen
 * among the people the viewer sees (`sees`); the shares count everyone. For such a viewer, a
 * category no one they see holds (reportNamer) is not named: its shares are added up in `unnamed`
 * and it is no gap of theirs, so the gaps they get are ranked 1, 2, … among the named ones.
 * "You never know who people know": a network concentrated in one industry misses referrals.
 */
import { categoryFlow, trafficBetween, type CategoryFlow } from './category-flow.js';
import { contactsOf, personIndex, UnknownIdError, type AnalyticsContext, type Sees } from './context.js';
import { holdersOfCategory, membersOf, nameableCategories, valuesOf } from './dimensions.js';
import { countEveryone, countValues } from './diversity.js';
import { rankGaps } from './gap-ranking.js';
import { hopBoundedSearch, labelPath } from './kernels/shortest-path.js';
import { pathLimits } from './path-limits.js';
import { describePath, type WarmPath } from './warm-paths.js';
import { smallest } from '../support/smallest.js';
import { categoryCodes } from './category-codes.js';
import { compareIds } from '../support/id-order.js';

export type GapSubject = { person: string } | { group: string };

export interface GapCategory {
  category: string;
  subjectShare: number;
  referenceShare: number;
  subjectCount: number;
  referralPotential: number;
  /** position in the one ranking of missing and under-represented gaps together (gap-ranking.ts) */
  rank: number;
  candidates: { person: string; path: WarmPath | null }[];
}

export interface DiversityGapReport {
  subject: GapSubject;
  dimension: string;
  reference: 'network' | 'target';
  subjectPeople: number;
  /** people with no value on the dimension: among the subject's ties (or members), and in the network */
  unknown: { subject: number; network: number };
  shares: { category: string; subjectShare: number; referenceShare: number }[];
  /**
   * Only for a viewer withheld from some people, when it is not empty: the categories no one the
   * viewer sees holds, added up — the values the subject's people hold in them, and their shares
   * (so the shares still add up to what they did). `shares` leaves them out, or, for one the
   * viewer gave as a target, keeps its row with no one in it (ReportNames).
   */
  unnamed?: { subjectCount: number; subjectShare: number; referenceShare: number };
  missing: GapCategory[];
  underRepresented: GapCategory[];
}

/**
 * How a gap report names categories to a viewer withheld from some people (`sees`), or undefined
 * for a viewer who sees everyone. `held`: someone the viewer sees holds the category as of
 * ctx.asOf (nameableCategories); only then are its holders counted under its name, else in
 * `unnamed`. `named`: held, or one of the viewer's targets (their own words, as matched): a
 * target no one they see holds reads as one no one holds (a row with no one in it, no referral
 * potential), whoever holds it unseen, so a guessed spelling confirms nothing.
 */
export interface ReportNames {
  held: (category: string) => boolean;
  named: (category: string) => boolean;
}

export function reportNames(ctx: AnalyticsContext, dimension: string, target: readonly string[] | undefined, sees: Sees | undefined): ReportNames | undefined {
  if (!sees) return undefined;
  const given = new Set(target);
  const held = nameableCategories(ctx.records, dimension, ctx.asOf, sees);
  return { held, named: (category) => given.has(category) || held(category) };
}

/** The diversity gap report of a person or group on a dimension, as of ctx.asOf. */
export function diversityGap(
  ctx: AnalyticsContext,
  subject: GapSubject,
  dimension: string,
  options: { target?: readonly (readonly string[])[]; candidates?: number; maxHops?: number; flow?: CategoryFlow; sees?: Sees } = {},
): DiversityGapReport {
  const maxCandidates = options.candidates ?? 3;
  const { maxHops } = pathLimits(ctx.config, { maxHops: options.maxHops });
  let people: string[];
  let sources: string[];
  let own: string[];
  if ('person' in subject) {
    people = contactsOf(ctx, subject.person);
    sources = [subject.person];
    own = valuesOf(ctx.records, subject.person, dimension, ctx.asOf);
  } else {
    if (!ctx.records.has('group', subject.group)) throw new UnknownIdError('group', subject.group);
    people = membersOf(ctx.records, subject.group, ctx.asOf);
    sources = people;
    own = [...new Set(people.flatMap((p) => valuesOf(ctx.records, p, dimension, ctx.asOf)))];
  }
  // A target is one row of the report whatever spellings of it people wrote ("Law", "law"): named
  // by its first, counting every one, its reference share 1 / the number of targets.
  const targets = dedupeTargets(options.target ?? []);
  const spellingsOf = new Map(targets.map((t) => [t[0]!, t]));
  const rowOf = new Map(targets.flatMap((t) => t.map((c) => [c, t[0]!] as const)));
  const spellings = (c: string): readonly string[] => spellingsOf.get(c) ?? [c];
  const names = reportNames(ctx, dimension, targets.flat(), options.sees);
  const heldSpelling = names?.held ?? (() => true);
  const held = (c: string) => spellings(c).some(heldSpelling);
  const named = (c: string) => !names || spellings(c).some(names.named);
  const mine = countValues(ctx, people, dimension);
  const counts = new Map<string, number>();
  for (const [c, n] of mine.counts) {
    const row = rowOf.get(c) ?? c;
    counts.set(row, (counts.get(row) ?? 0) + n);
  }
  const mineTotal = [...counts.values()].reduce((a, b) => a + b, 0);
  // A category no one the viewer sees holds has no one in it under its name (ReportNames).
  const count = (c: string) => (held(c) ? (counts.get(c) ?? 0) : 0);
  const share = (c: string) => (mineTotal ? count(c) / mineTotal : 0);

  const all = countEveryone(ctx, dimension);
  const reference = new Map<string, number>();
  if (targets.length) {
    for (const t of targets) reference.set(t[0]!, 1 / targets.length);
  } else {
    const total = [...all.counts.values()].reduce((a, b) => a + b, 0);
    for (const [c, n] of all.counts) reference.set(c, n / total);
  }

  const flow = options.flow ?? categoryFlow(ctx, dimension);
  const potential = (c: string) => {
    if (!held(c)) return 0;
    if (own.length) return trafficBetween(flow, own, [...spellings(c)]);
    return spellings(c).reduce((n, x) => n + (flow.total.get(x) ?? 0), 0);
  };

  const gaps: (GapCategory & { kind: 'missing' | 'under' })[] = [];
  for (const [category, referenceShare] of reference) {
    if (!named(category)) continue;
    const subjectShare = share(category);
    const kind = subjectShare === 0 ? 'missing' : subjectShare < ctx.config.underRepresentedRatio * referenceShare ? 'under' : undefined;
    if (!kind) continue;
    gaps.push({ kind, category, subjectShare, referenceShare, subjectCount: count(category), referralPotential: potential(category), rank: 0, candidates: [] });
  }
  rankGaps(gaps);

  if (gaps.length && maxCandidates > 0) fillCandidates(ctx, gaps, sources, new Set([...people, ...sources]), dimension, maxCandidates, maxHops, spellings, options.sees);

  const strip = ({ kind: _k, ...g }: GapCategory & { kind: string }): GapCategory => g;
  const categories = [...new Set([...reference.keys(), ...counts.keys()])];
  // Counted unnamed: the subject's values in categories no one the viewer sees holds (targets
  // among them), and the reference of those that are not the viewer's targets either.
  const unseen = [...counts.keys()].filter((c) => !held(c));
  const unseenReference = [...reference.keys()].filter((c) => !named(c));
  const subjectCount = unseen.reduce((n, c) => n + counts.get(c)!, 0);
  return {
    subject,
    dimension,
    reference: targets.length ? 'target' : 'network',
    subjectPeople: people.length,
    unknown: { subject: mine.missing, network: all.missing },
    shares: categories
      .filter(named)
      .map((category) => ({ category, subjectShare: share(category), referenceShare: reference.get(category) ?? 0 }))
      .sort((a, b) => b.referenceShare - a.referenceShare || compareIds(a.category, b.category)),
    ...((unseen.length || unseenReference.length) && {
      unnamed: { subjectCount, subjectShare: mineTotal ? subjectCount / mineTotal : 0, referenceShare: unseenReference.reduce((n, c) => n + reference.get(c)!, 0) },
    }),
    missing: gaps.filter((g) => g.kind === 'missing').map(strip),
    underRepresented: gaps.filter((g) => g.kind === 'under').map(strip),
  };
}

/** The targets, each its spellings, once each: two words matching the same spellings are one target. */
function dedupeTargets(targets: readonly (readonly string[])[]): (readonly string[])[] {
  const byKey = new Map<string, readonly string[]>();
  for (const t of targets) {
    const key = JSON.stringify(t);
    if (t.length && !byKey.has(key)) byKey.set(key, t);
  }
  return [...byKey.values()];
}

/** A gap's holder reached by the search: the label of their cheapest path and its cost. */
interface Reached {
  id: string;
  label: number;
  cost: number;
}

/** The nearest first; equal costs by id. */
const byCostThenId = (a: Reached, b: Reached) => a.cost - b.cost || compareIds(a.id, b.id);

/** Up to n people per gap category (among those `sees` accepts), nearest by hop-bounded warm path from the sources. */
function fillCandidates(
  ctx: AnalyticsContext,
  gaps: GapCategory[],
  sources: string[],
  exclude: Set<string>,
  dimension: string,
  n: number,
  maxHops: number,
  spellings: (category: string) => readonly string[],
  sees: Sees = () => true,
): void {
  const sourceIdx = sources.map((s) => personIndex(ctx, s));
  const eligible = (id: string) => !exclude.has(id) && sees(id);
  const near = nearestHolders(ctx, gaps, eligible, dimension, n, spellings);
  const { tree, stopped } = hopBoundedSearch(ctx.csr, ctx.asOf, sourceIdx, maxHops, {}, undefined, near?.enough);
  const describe = (label: number) => {
    const path = labelPath(tree, label);
    return describePath(ctx, path.nodes.map((u) => ctx.csr.ids[u]!), path.cost);
  };
  if (stopped) {
    gaps.forEach((g, i) => {
      const nearest = smallest(near!.found[i]!, n, byCostThenId);
      g.candidates = nearest.map((p) => ({ person: p.id, path: describe(p.label) }));
    });
    return;
  }
  for (const g of gaps) {
    // The nearest reached first (equal costs by id), then, if too few are, the unreached by id.
    const reached: Reached[] = [];
    const unreached: string[] = [];
    for (const id of new Set(spellings(g.category).flatMap((c) => [...holdersOfCategory(ctx.records, dimension, c, ctx.asOf)]))) {
      if (!eligible(id)) continue;
      const u = ctx.csr.index.get(id);
      const label = u === undefined ? -1 : tree.best[u]!;
      if (label < 0) unreached.push(id);
      else reached.push({ id, label, cost: tree.cost[label]! });
    }
    const nearest = smallest(reached, n, byCostThenId);
    const rest = smallest(unreached, n - nearest.length, compareIds);
    g.candidates = [...nearest.map((p) => ({ person: p.id, path: describe(p.label) })), ...rest.map((id) => ({ person: id, path: null }))];
  }
}

/**
 * The search's stopping rule for a single-valued dimension: each settled person's category read
 * from the snapshot's codes, the eligible holders of each gap collected as they are settled
 * (cheapest first). Once every gap has n, the search may end at the first person costlier than
 * every gap's n-th: everyone as cheap as those is settled, so the n nearest of each (equal costs
 * by id) are among those found. At a million people a 4-hop search from a well-connected person
 * settles most of the network; the nearest three of each gap are usually a few hops out.
 * Undefined for `group` (several categories a person): the search then runs to its bound.
 */
function nearestHolders(ctx: AnalyticsContext, gaps: GapCategory[], eligible: (id: string) => boolean, dimension: string, n: number, spellings: (category: string) => readonly string[]) {
  const codes = categoryCodes(ctx, dimension);
  if (!codes) return undefined;
  const gapOf = new Map(gaps.flatMap((g, i) => spellings(g.category).map((c) => [c, i] as const)));
  const found: Reached[][] = gaps.map(() => []);
  let full = 0;
  let last = -Infinity;
  const enough = (u: number, cost: number, label: number): boolean => {
    if (full === gaps.length && cost > last) return true;
    const code = codes.codeOf(u);
    const i = code < 0 ? undefined : gapOf.get(codes.names[code]!);
    if (i === undefined) return false;
    const id = ctx.csr.ids[u]!;
    if (!eligible(id)) return false;
    const list = found[i]!;
    list.push({ id, label, cost });
    if (list.length === n) {
      full++;
      // settled cheapest first: the last gap filled has the costliest n-th
      last = cost;
    }
    return false;
  };
  return { enough, found };
}
