/**
 * The k rule applied to each analytics answer that breaks people down by a dimension, when that
 * dimension is sensitive:
 * - ego diversity: counts merged/suppressed (small-cells.ts) and the indexes recomputed over the
 *   shown cells, so they reveal nothing the counts do not; contacts/missing withheld under k;
 * - group coverage: counts instead of member lists, no overlaps naming members;
 * - diversity gap: categories with fewer than k people network-wide merged into "(other)", subject
 *   shares resting on fewer than k people withheld, and no candidates (they would name people by
 *   their sensitive value).
 */
import type { DiversityGapReport, GapCategory } from '../analytics/diversity-gap.js';
import { categoryStats, type DiversityStats } from '../analytics/diversity.js';
import type { Coverage } from '../analytics/group-metrics.js';
import { OTHER_CATEGORY, protectCounts, shownCount } from './small-cells.js';

/** What the privacy layer adds to an answer it changed. */
export interface PrivacyNote {
  sensitive: true;
  k: number;
  /** categories merged into "(other)" */
  merged: number;
  suppressed: boolean;
}

export type ProtectedDiversity = Omit<DiversityStats, 'contacts' | 'missing'> & { contacts: number | null; missing: number | null; privacy: PrivacyNote };

/** Ego diversity under the k rule. */
export function protectDiversity(stats: DiversityStats, k: number): ProtectedDiversity {
  const p = protectCounts(stats.counts, k);
  const counts = new Map(Object.entries(p.counts));
  return {
    ...categoryStats(counts),
    contacts: shownCount(stats.contacts, k),
    missing: shownCount(stats.missing, k),
    counts: p.counts,
    privacy: { sensitive: true, k, merged: p.merged, suppressed: p.suppressed },
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
  const p = protectCounts(Object.fromEntries(Object.entries(c.categories).map(([cat, members]) => [cat, members.length])), k);
  const total = Object.values(p.counts).reduce((s, n) => s + n, 0);
  return {
    dimension: c.dimension,
    categories: p.counts,
    overlaps: [],
    missing: shownCount(c.missing.length, k),
    herfindahl: total ? Object.values(p.counts).reduce((s, n) => s + (n / total) ** 2, 0) : null,
    privacy: { sensitive: true, k, merged: p.merged, suppressed: p.suppressed },
  };
}

type ProtectedGap = Omit<GapCategory, 'subjectShare' | 'subjectCount'> & { subjectShare: number | null; subjectCount: number | null };
export type ProtectedGapReport = Omit<DiversityGapReport, 'shares' | 'missing' | 'underRepresented'> & {
  shares: { category: string; subjectShare: number | null; referenceShare: number | null }[];
  missing: ProtectedGap[];
  underRepresented: ProtectedGap[];
  privacy: PrivacyNote;
};

/**
 * A diversity gap report under the k rule. `subjectCounts` and `networkCounts` are the category
 * counts the report was computed from (values among the subject's people, and among everyone).
 */
export function protectGapReport(r: DiversityGapReport, subjectCounts: ReadonlyMap<string, number>, networkCounts: ReadonlyMap<string, number>, k: number): ProtectedGapReport {
  const byNetwork = r.reference === 'network';
  const merged = new Set<string>();
  if (byNetwork) {
    const p = protectCounts(networkCounts, k);
    for (const c of networkCounts.keys()) if (!(c in p.counts)) merged.add(c);
  }
  const subjectShare = (category: string, share: number) => (shownCount(subjectCounts.get(category) ?? 0, k) === null ? null : share);
  const shares: ProtectedGapReport['shares'] = [];
  let other = { subject: 0, subjectCount: 0, reference: 0, referenceCount: 0 };
  for (const s of r.shares) {
    if (merged.has(s.category)) {
      other = {
        subject: other.subject + s.subjectShare,
        subjectCount: other.subjectCount + (subjectCounts.get(s.category) ?? 0),
        reference: other.reference + s.referenceShare,
        referenceCount: other.referenceCount + (networkCounts.get(s.category) ?? 0),
      };
    } else shares.push({ category: s.category, subjectShare: subjectShare(s.category, s.subjectShare), referenceShare: s.referenceShare });
  }
  if (merged.size) {
    shares.push({
      category: OTHER_CATEGORY,
      subjectShare: shownCount(other.subjectCount, k) === null ? null : other.subject,
      referenceShare: shownCount(other.referenceCount, k) === null ? null : other.reference,
    });
  }
  const gap = (g: GapCategory): ProtectedGap => ({
    ...g,
    subjectShare: subjectShare(g.category, g.subjectShare),
    subjectCount: shownCount(g.subjectCount, k),
    candidates: [],
  });
  return {
    ...r,
    shares,
    missing: r.missing.filter((g) => !merged.has(g.category)).map(gap),
    underRepresented: r.underRepresented.filter((g) => !merged.has(g.category)).map(gap),
    privacy: { sensitive: true, k, merged: merged.size, suppressed: false },
  };
}
