/**
 * The k rule applied to each analytics answer that breaks people down by a dimension, when that
 * dimension is sensitive. Every number such an answer carries about the dimension is computed from
 * protected tables (small-cells.ts) and nothing else, so it reveals no more than those tables do:
 * - ego diversity: the contacts' table (the contacts without a value are a cell of it); the
 *   indexes are recomputed over the shown cells; contacts/missing shown only when the "no value"
 *   cell is (the degree is public, so either one gives the other);
 * - group coverage: the members' table, counts only, no member named;
 * - diversity gap: the subject's table against the network's table (or the target list); a
 *   category the subject does not show as a cell of its own — none, fewer than k, or merged — is
 *   reported with a null share, so "nobody" and "one person" look the same at every date; no
 *   referral potential (it is computed from the subject's own values and from referral traffic of
 *   categories of any size) and no candidates (they would name people by their value).
 */
import { positiveCountsAscending } from '../support/canonical-sum.js';
import type { DiversityGapReport, GapCategory, GapSubject, ReportNames } from '../analytics/diversity-gap.js';
import { categoryStats, type DiversityStats } from '../analytics/diversity.js';
import { compareGaps, rankGaps } from '../analytics/gap-ranking.js';
import type { Coverage } from '../analytics/group-metrics.js';
import { OTHER_CATEGORY, protectTable, shownCounts, shownTotal, type ProtectedTable } from './small-cells.js';
import { compareIds } from '../support/id-order.js';

/** What the privacy layer adds to an answer it changed. */
export interface PrivacyNote {
  sensitive: true;
  k: number;
  /** categories merged into "(other)" */
  merged: number;
  /** true when the table was below k and nothing is shown */
  suppressed: boolean;
}

function note(t: ProtectedTable, k: number): PrivacyNote {
  return { sensitive: true, k, merged: t.merged, suppressed: t.suppressed };
}

export type ProtectedDiversity = Omit<DiversityStats, 'contacts' | 'missing'> & { contacts: number | null; missing: number | null; privacy: PrivacyNote };

/** Ego diversity under the k rule. */
export function protectDiversity(stats: DiversityStats, k: number): ProtectedDiversity {
  const t = protectTable(stats.counts, k, stats.missing);
  const counts = shownCounts(t);
  return {
    ...categoryStats(new Map(Object.entries(counts))),
    contacts: t.none === null ? null : stats.contacts,
    missing: t.none,
    counts,
    privacy: note(t, k),
  };
}

export type ProtectedCoverage = Omit<Coverage, 'categories' | 'overlaps' | 'missing'> & {
  categories: Record<string, number>;
  overlaps: [];
  missing: number | null;
  privacy: PrivacyNote;
};

/** Group coverage under the k rule: counts only, nobody named. */
export function protectCoverage(c: Coverage, k: number): ProtectedCoverage {
  const t = protectTable(new Map(Object.entries(c.categories).map(([cat, members]) => [cat, members.length])), k, c.missing.length);
  const categories = shownCounts(t);
  const total = shownTotal(t);
  return {
    dimension: c.dimension,
    categories,
    overlaps: [],
    missing: t.none,
    herfindahl: total ? positiveCountsAscending(Object.values(categories)).reduce((s, n) => s + (n / total) ** 2, 0) : null,
    privacy: note(t, k),
  };
}

export type ProtectedGap = Omit<GapCategory, 'subjectShare' | 'subjectCount' | 'referralPotential' | 'candidates'> & {
  subjectShare: number | null;
  subjectCount: number | null;
  referralPotential: null;
  candidates: [];
};
export type ProtectedGapReport = Omit<DiversityGapReport, 'shares' | 'unnamed' | 'missing' | 'underRepresented' | 'unknown'> & {
  /** null where the k rule merged or suppressed the "no value" cell */
  unknown: { subject: number | null; network: number | null };
  shares: { category: string; subjectShare: number | null; referenceShare: number | null }[];
  /** as in DiversityGapReport, over the shown cells: null when none of the unnamed categories is a cell of the subject's */
  unnamed?: { subjectCount: number | null; subjectShare: number | null; referenceShare: number };
  /** reference categories the subject shows no cell for: none, fewer than k, or merged */
  missing: ProtectedGap[];
  underRepresented: ProtectedGap[];
  privacy: PrivacyNote & { referenceMerged: number };
};

/** The counts a gap report is computed from: category → people, and the people without a value. */
export interface CountedPeople {
  counts: ReadonlyMap<string, number>;
  missing: number;
}

/**
 * A diversity gap report under the k rule, rebuilt from protected tables: `subject` counts the
 * subject's people, `network` everyone (the reference unless `target` lists categories). `named`
 * (a viewer withheld from some people: reportNamer) is applied to what the tables show, as on a
 * plain dimension: a shown category it refuses is no gap and no row of `shares`, its cells are
 * added up in `unnamed`; `(other)` is no category and keeps its row.
 */
export function protectedGapReport(input: {
  subject: GapSubject;
  dimension: string;
  subjectPeople: number;
  mine: CountedPeople;
  network: CountedPeople;
  target?: readonly string[];
  underRepresentedRatio: number;
  k: number;
  /** how the categories are named to a viewer withheld from some people (diversity-gap.ts, ReportNames) */
  names?: ReportNames | undefined;
}): ProtectedGapReport {
  const { k } = input;
  const held = input.names?.held ?? (() => true);
  const named = input.names?.named ?? (() => true);
  const mine = protectTable(input.mine.counts, k, input.mine.missing);
  const mineTotal = shownTotal(mine);
  const share = (n: number, total: number) => (total ? n / total : 0);
  const subjectShare = (c: string) => (held(c) && mine.cells.has(c) ? share(mine.cells.get(c)!, mineTotal) : null);

  const network = protectTable(input.network.counts, k, input.network.missing);
  const targets = input.target?.length ? [...new Set(input.target)] : undefined;
  const reference = new Map<string, number>();
  let referenceOther: number | null = null;
  let referenceMerged = 0;
  if (targets) for (const c of targets) reference.set(c, 1 / targets.length);
  else {
    const total = shownTotal(network);
    for (const [c, n] of network.cells) reference.set(c, share(n, total));
    if (network.other > 0) referenceOther = share(network.other, total);
    referenceMerged = network.merged;
  }

  const categories = [...new Set([...reference.keys(), ...mine.cells.keys()])];
  const shownCells = [...mine.cells.keys()].filter((c) => !held(c));
  const unseenReference = [...reference.keys()].filter((c) => !named(c));
  const subjectCount = shownCells.length ? shownCells.reduce((n, c) => n + mine.cells.get(c)!, 0) : null;
  const shares: ProtectedGapReport['shares'] = categories
    .filter(named)
    .map((category) => ({ category, subjectShare: subjectShare(category), referenceShare: reference.get(category) ?? 0 }))
    .sort((a, b) => b.referenceShare - a.referenceShare || compareIds(a.category, b.category));
  if (mine.other > 0 || referenceOther !== null) {
    shares.push({ category: OTHER_CATEGORY, subjectShare: mine.suppressed ? null : share(mine.other, mineTotal), referenceShare: referenceOther });
  }

  const missing: ProtectedGap[] = [];
  const underRepresented: ProtectedGap[] = [];
  for (const [category, referenceShare] of reference) {
    if (!named(category)) continue;
    const s = subjectShare(category);
    const gap = { category, referenceShare, subjectShare: s, subjectCount: s === null ? null : mine.cells.get(category)!, referralPotential: null, rank: 0, candidates: [] as [] };
    if (s === null) missing.push(gap);
    else if (s < input.underRepresentedRatio * referenceShare) underRepresented.push(gap);
  }
  rankGaps([...missing, ...underRepresented]);
  return {
    subject: input.subject,
    dimension: input.dimension,
    reference: targets ? 'target' : 'network',
    subjectPeople: input.subjectPeople,
    unknown: { subject: mine.none, network: network.none },
    shares,
    ...((shownCells.length || unseenReference.length) && {
      unnamed: { subjectCount, subjectShare: subjectCount === null ? null : share(subjectCount, mineTotal), referenceShare: unseenReference.reduce((n, c) => n + reference.get(c)!, 0) },
    }),
    missing: missing.sort(compareGaps),
    underRepresented: underRepresented.sort(compareGaps),
    privacy: { ...note(mine, k), referenceMerged },
  };
}
