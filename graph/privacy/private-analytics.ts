/**
 * The AnalyticsEngine with the privacy policy applied at its edge: answers that break people down
 * by a sensitive dimension follow the k rule (protect-reports.ts), and the two queries that would
 * name people by a sensitive value — warm paths to `where[religion]=…` and introductions by a
 * sensitive dimension — are refused. The analytics themselves are unchanged; the composition root
 * builds this class instead of the plain engine.
 */
import { contactsOf } from '../analytics/context.js';
import { membersOf } from '../analytics/dimensions.js';
import { countValues } from '../analytics/diversity.js';
import type { GapSubject } from '../analytics/diversity-gap.js';
import { AnalyticsEngine } from '../analytics/engine.js';
import type { AnalyticsConfigInput } from '../analytics/config.js';
import type { PathTarget } from '../analytics/warm-paths.js';
import { ValidationError } from '../service/errors.js';
import { isSensitive, type PrivacyPolicy } from './policy.js';
import { protectCoverage, protectDiversity, protectGapReport } from './protect-reports.js';

export class PrivateAnalyticsEngine extends AnalyticsEngine {
  constructor(
    readonly policy: PrivacyPolicy,
    config: AnalyticsConfigInput = {},
  ) {
    super(config);
  }

  override personMetrics(...args: Parameters<AnalyticsEngine['personMetrics']>): ReturnType<AnalyticsEngine['personMetrics']> {
    const m = super.personMetrics(...args);
    if (!Object.keys(m.diversity).some((d) => isSensitive(this.policy, d))) return m;
    const diversity = Object.fromEntries(Object.entries(m.diversity).map(([d, s]) => [d, isSensitive(this.policy, d) ? protectDiversity(s, this.policy.k) : s]));
    // Protected entries carry null for withheld counts (documented in docs/SECURITY.md).
    return { ...m, diversity: diversity as typeof m.diversity };
  }

  override groupMetrics(...args: Parameters<AnalyticsEngine['groupMetrics']>): ReturnType<AnalyticsEngine['groupMetrics']> {
    const g = super.groupMetrics(...args);
    if (!g.coverage.some((c) => isSensitive(this.policy, c.dimension))) return g;
    const coverage = g.coverage.map((c) => (isSensitive(this.policy, c.dimension) ? protectCoverage(c, this.policy.k) : c));
    return { ...g, coverage: coverage as unknown as typeof g.coverage };
  }

  override diversityGap(subject: GapSubject, dimension: string, options: Parameters<AnalyticsEngine['diversityGap']>[2] = {}): ReturnType<AnalyticsEngine['diversityGap']> {
    const r = super.diversityGap(subject, dimension, options);
    if (!isSensitive(this.policy, dimension)) return r;
    const ctx = this.context(options.asOf);
    const people = 'person' in subject ? contactsOf(ctx, subject.person) : membersOf(ctx.records, subject.group, ctx.asOf);
    const mine = countValues(ctx, people, dimension).counts;
    const all = countValues(ctx, ctx.records.maps.person.keys(), dimension).counts;
    return protectGapReport(r, mine, all, this.policy.k) as unknown as ReturnType<AnalyticsEngine['diversityGap']>;
  }

  override paths(from: string, target: PathTarget, options: Parameters<AnalyticsEngine['paths']>[2] = {}): ReturnType<AnalyticsEngine['paths']> {
    if ('where' in target && isSensitive(this.policy, target.where.dimension)) {
      throw new ValidationError([{ path: `/query/where[${target.where.dimension}]`, message: `"${target.where.dimension}" is a sensitive attribute: paths cannot target people by it` }]);
    }
    return super.paths(from, target, options);
  }

  override introductions(person: string, options: Parameters<AnalyticsEngine['introductions']>[1] = {}): ReturnType<AnalyticsEngine['introductions']> {
    if (options.dimension !== undefined && isSensitive(this.policy, options.dimension)) {
      throw new ValidationError([{ path: '/query/dimension', message: `"${options.dimension}" is a sensitive attribute: introductions would name people by it` }]);
    }
    return super.introductions(person, options);
  }
}
