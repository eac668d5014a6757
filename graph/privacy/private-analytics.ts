/**
 * The AnalyticsEngine with the privacy policy applied at its edge: answers that break people down
 * by a sensitive dimension follow the k rule (protect-reports.ts), and the queries that would
 * name people by a sensitive value — warm paths to `where[religion]=…` (or to a company, when
 * `company` is sensitive) and introductions on a sensitive dimension (the default `industry`
 * included) — are refused. With `group` sensitive, the re-networking queue leaves shared groups
 * out. The analytics themselves are unchanged; the composition root builds this class instead of
 * the plain engine. A decorator by overriding: each method calls the plain answer (super) and
 * protects it, typed by the engine's answer types (PersonMetricsAnswer…), which admit the
 * protected forms, so no answer is cast.
 */
import { contactsOf, UnknownIdError } from '../analytics/context.js';
import { membersOf } from '../analytics/dimensions.js';
import { countValues } from '../analytics/diversity.js';
import type { GapSubject } from '../analytics/diversity-gap.js';
import { AnalyticsEngine } from '../analytics/engine.js';
import type { AnalyticsConfigInput } from '../analytics/config.js';
import { INTRODUCTION_DEFAULTS } from '../analytics/introductions.js';
import { renetworkingQueue } from '../analytics/renetworking.js';
import type { PathTarget } from '../analytics/warm-paths.js';
import { ValidationError } from '../service/errors.js';
import { isSensitive, type PrivacyPolicy } from './policy.js';
import { protectCoverage, protectDiversity, protectedGapReport } from './protect-reports.js';

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
    const diversity = Object.fromEntries(Object.entries(m.diversity).map(([d, s]) => [d, isSensitive(this.policy, d) && !('privacy' in s) ? protectDiversity(s, this.policy.k) : s]));
    // Protected entries carry null for withheld counts (documented in docs/SECURITY.md); an entry
    // with a privacy note is protected already (the plain engine never adds one).
    return { ...m, diversity };
  }

  override groupMetrics(...args: Parameters<AnalyticsEngine['groupMetrics']>): ReturnType<AnalyticsEngine['groupMetrics']> {
    const g = super.groupMetrics(...args);
    if (!g.coverage.some((c) => isSensitive(this.policy, c.dimension))) return g;
    const coverage = g.coverage.map((c) => (isSensitive(this.policy, c.dimension) && !('privacy' in c) ? protectCoverage(c, this.policy.k) : c));
    return { ...g, coverage };
  }

  /**
   * On a sensitive dimension the report is rebuilt from protected tables alone (the plain report's
   * potentials and candidates are never computed, so nothing of them can leak).
   */
  override diversityGap(subject: GapSubject, dimension: string, options: Parameters<AnalyticsEngine['diversityGap']>[2] = {}): ReturnType<AnalyticsEngine['diversityGap']> {
    if (!isSensitive(this.policy, dimension)) return super.diversityGap(subject, dimension, options);
    const ctx = this.context(options.asOf);
    let people: string[];
    if ('person' in subject) people = contactsOf(ctx, subject.person);
    else {
      if (!ctx.records.has('group', subject.group)) throw new UnknownIdError('group', subject.group);
      people = membersOf(ctx.records, subject.group, ctx.asOf);
    }
    return protectedGapReport({
      subject,
      dimension,
      subjectPeople: people.length,
      mine: countValues(ctx, people, dimension),
      network: countValues(ctx, ctx.records.maps.person.keys(), dimension),
      target: options.target,
      underRepresentedRatio: ctx.config.underRepresentedRatio,
      k: this.policy.k,
    });
  }

  override paths(from: string, target: PathTarget, options: Parameters<AnalyticsEngine['paths']>[2] = {}): ReturnType<AnalyticsEngine['paths']> {
    if ('where' in target && isSensitive(this.policy, target.where.dimension)) {
      throw new ValidationError([{ path: `/query/where[${target.where.dimension}]`, message: `"${target.where.dimension}" is a sensitive attribute: paths cannot target people by it` }]);
    }
    if ('toCompany' in target && isSensitive(this.policy, 'company')) {
      throw new ValidationError([{ path: '/query/toCompany', message: '"company" is a sensitive attribute: paths cannot target people by it' }]);
    }
    return super.paths(from, target, options);
  }

  override introductions(person: string, options: Parameters<AnalyticsEngine['introductions']>[1] = {}): ReturnType<AnalyticsEngine['introductions']> {
    const dimension = options.dimension ?? INTRODUCTION_DEFAULTS.dimension;
    if (isSensitive(this.policy, dimension)) {
      const given = options.dimension !== undefined;
      throw new ValidationError([
        {
          path: '/query/dimension',
          message: `"${dimension}" is a sensitive attribute: introductions would name people by it${given ? '' : ` (it is the default: give dimension=<a dimension that is not sensitive>)`}`,
        },
      ]);
    }
    return super.introductions(person, { ...options, withheld: (d) => isSensitive(this.policy, d) });
  }

  override renetworking(person: string, options: Parameters<AnalyticsEngine['renetworking']>[1] = {}): ReturnType<AnalyticsEngine['renetworking']> {
    if (!isSensitive(this.policy, 'group')) return super.renetworking(person, options);
    return renetworkingQueue(this.context(options.asOf), person, options.limit, { sharedGroups: false });
  }

  /**
   * With `profession` sensitive, what the chapter report derives from professions (pairs by their
   * professions' traffic, open seats, the teams' professions) is withheld, and says so.
   */
  override chapterReport(...args: Parameters<AnalyticsEngine['chapterReport']>): ReturnType<AnalyticsEngine['chapterReport']> {
    const r = super.chapterReport(...args);
    if (!isSensitive(this.policy, 'profession')) return r;
    const powerTeams = r.powerTeams.map((t) => ({ ...t, professions: [] }));
    const shown = new Set([...r.members.map((m) => m.person), ...r.visitors.map((v) => v.person), ...powerTeams.flatMap((t) => t.members)]);
    return { ...r, oneToOnesThatWouldPay: [], openSeats: [], powerTeams, people: r.people.filter((p) => shown.has(p.id)), withheld: ['oneToOnesThatWouldPay', 'openSeats', 'powerTeams.professions'] };
  }
}
