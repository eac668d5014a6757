/**
 * The analytics with the privacy policy applied at their edge: answers that break people down
 * by a sensitive dimension follow the k rule (protect-reports.ts), and the queries that would
 * name people by a sensitive value — warm paths to `where[religion]=…` (or to a company, when
 * `company` is sensitive) and introductions on a sensitive dimension (the default `industry`
 * included) — are refused. With `group` sensitive, the re-networking queue leaves shared groups
 * out. The analytics themselves are unchanged; the composition root wraps its engine in this
 * decorator. It implements `Analytics` (the engine's answers callers use) by delegating to the
 * engine, typed by the engine's answer types (PersonMetricsAnswer…), which admit the protected
 * forms, so no answer is cast.
 */
import { contactsOf, UnknownIdError } from '../analytics/context.js';
import type { AnalyticsContext } from '../analytics/context.js';
import { membersOf, nameableCategories, requireDimension } from '../analytics/dimensions.js';
import { countValues, egoDiversity, withholdCategories, type DiversityStats } from '../analytics/diversity.js';
import { reportNames, type GapSubject } from '../analytics/diversity-gap.js';
import type { Analytics } from '../analytics/engine.js';
import { INTRODUCTION_DEFAULTS } from '../analytics/introductions.js';
import { renetworkingQueue } from '../analytics/renetworking.js';
import type { PathTarget } from '../analytics/warm-paths.js';
import { cardWithout, type ContactCard } from '../service/contact-card.js';
import { ValidationError } from '../service/errors.js';
import { isSensitive, type PrivacyPolicy } from './policy.js';
import { protectCoverage, protectDiversity, protectedGapReport, type ProtectedDiversity } from './protect-reports.js';
import { OTHER_CATEGORY } from './small-cells.js';

export class PrivateAnalyticsEngine implements Analytics {
  constructor(
    private readonly engine: Analytics,
    readonly policy: PrivacyPolicy,
  ) {}

  // ---- answered by the engine as they are (nothing in them is broken down by an attribute) ----

  resolveAsOf(asOf?: number): number {
    return this.engine.resolveAsOf(asOf);
  }

  context(asOf?: number): AnalyticsContext {
    return this.engine.context(asOf);
  }

  betweenness(...args: Parameters<Analytics['betweenness']>): ReturnType<Analytics['betweenness']> {
    return this.engine.betweenness(...args);
  }

  communities(...args: Parameters<Analytics['communities']>): ReturnType<Analytics['communities']> {
    return this.engine.communities(...args);
  }

  whenCommunities(...args: Parameters<Analytics['whenCommunities']>): ReturnType<Analytics['whenCommunities']> {
    return this.engine.whenCommunities(...args);
  }

  relationship(...args: Parameters<Analytics['relationship']>): ReturnType<Analytics['relationship']> {
    return this.engine.relationship(...args);
  }

  networkMetrics(...args: Parameters<Analytics['networkMetrics']>): ReturnType<Analytics['networkMetrics']> {
    return this.engine.networkMetrics(...args);
  }

  get version(): number {
    return this.engine.version;
  }

  get latestRecordAt(): number {
    return this.engine.latestRecordAt;
  }

  isLive(asOf: number): boolean {
    return this.engine.isLive(asOf);
  }

  tieStages(...args: Parameters<Analytics['tieStages']>): ReturnType<Analytics['tieStages']> {
    return this.engine.tieStages(...args);
  }

  whenWarm(ms: number): Promise<boolean> {
    return this.engine.whenWarm(ms);
  }

  whenSnapshotAt(asOf: number, ms: number): Promise<boolean> {
    return this.engine.whenSnapshotAt(asOf, ms);
  }

  warmUpStatus(): ReturnType<Analytics['warmUpStatus']> {
    return this.engine.warmUpStatus();
  }

  idle(): Promise<void> {
    return this.engine.idle();
  }

  // ---- protected ----

  /**
   * For a viewer withheld from some people (`sees`) the engine's counts leave unnamed the
   * categories only those people hold: on a sensitive dimension the entry is rebuilt from the
   * contacts' whole table instead, the k rule applied to it first (so the shown cells and the
   * indexes are everyone's), and then the shown cells no one the viewer sees holds are counted in
   * `unnamed` (each is ≥ k, so their sum is too); `(other)` is no category and keeps its place.
   */
  personMetrics(person: string, options: Parameters<Analytics['personMetrics']>[1] = {}): ReturnType<Analytics['personMetrics']> {
    const m = this.engine.personMetrics(person, options);
    if (!Object.keys(m.diversity).some((d) => isSensitive(this.policy, d))) return m;
    const { sees } = options;
    const ctx = sees && this.engine.context(Date.parse(m.asOf));
    const protect = (d: string, s: DiversityStats): ProtectedDiversity => {
      if (!ctx) return protectDiversity(s, this.policy.k);
      const nameable = nameableCategories(ctx.records, d, ctx.asOf, sees);
      return withholdCategories(protectDiversity(egoDiversity(ctx, person, d), this.policy.k), (c) => c === OTHER_CATEGORY || nameable(c));
    };
    const diversity = Object.fromEntries(Object.entries(m.diversity).map(([d, s]) => [d, isSensitive(this.policy, d) && !('privacy' in s) ? protect(d, s) : s]));
    // Protected entries carry null for withheld counts (documented in docs/SECURITY.md); an entry
    // with a privacy note is protected already (the plain engine never adds one).
    return { ...m, diversity };
  }

  groupMetrics(...args: Parameters<Analytics['groupMetrics']>): ReturnType<Analytics['groupMetrics']> {
    const g = this.engine.groupMetrics(...args);
    if (!g.coverage.some((c) => isSensitive(this.policy, c.dimension))) return g;
    const coverage = g.coverage.map((c) => (isSensitive(this.policy, c.dimension) && !('privacy' in c) ? protectCoverage(c, this.policy.k) : c));
    return { ...g, coverage };
  }

  /**
   * On a sensitive dimension the report is rebuilt from protected tables alone (the plain report's
   * potentials and candidates are never computed, so nothing of them can leak). The dimension is
   * checked first, as on a plain one (requireDimension with the caller's `sees`): an attribute key
   * no one the caller sees holds is the same 400 "unknown dimension", word for word. That tells
   * nothing the k rule protects: the 400 names dimensions (in use among the people the caller
   * sees, sensitive ones included, as every unknown-dimension 400 does), never a category or a
   * count, and a key only people withheld from the caller hold reads as one nobody holds. The
   * categories named are those of a plain report for the same caller (reportNames).
   */
  diversityGap(subject: GapSubject, dimension: string, options: Parameters<Analytics['diversityGap']>[2] = {}): ReturnType<Analytics['diversityGap']> {
    if (!isSensitive(this.policy, dimension)) return this.engine.diversityGap(subject, dimension, options);
    const ctx = this.engine.context(options.asOf);
    requireDimension(ctx.records, dimension, { sees: options.sees });
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
      names: reportNames(ctx, dimension, options.target, options.sees),
    });
  }

  paths(from: string, target: PathTarget, options: Parameters<Analytics['paths']>[2] = {}): ReturnType<Analytics['paths']> {
    if ('where' in target && isSensitive(this.policy, target.where.dimension)) {
      throw new ValidationError([{ path: `/query/where[${target.where.dimension}]`, message: `"${target.where.dimension}" is a sensitive attribute: paths cannot target people by it` }]);
    }
    if ('toCompany' in target && isSensitive(this.policy, 'company')) {
      throw new ValidationError([{ path: '/query/toCompany', message: '"company" is a sensitive attribute: paths cannot target people by it' }]);
    }
    const found = this.engine.paths(from, target, options);
    return { ...found, contacts: found.contacts.map(this.card) };
  }

  /** Whether a dimension must not show (cards, words). */
  private readonly sensitive = (dimension: string) => isSensitive(this.policy, dimension);

  /**
   * The one way a card leaves this engine: without its sensitive fields (docs/SECURITY.md). Every
   * answer carrying cards passes them through it — the ones the engine builds (paths, chapter
   * reports, introductions) and the ones built from records elsewhere (this week: contactCard).
   */
  private readonly card = <C extends ContactCard>(card: C): C => cardWithout(card, this.sensitive);

  contactCard(...args: Parameters<Analytics['contactCard']>): ReturnType<Analytics['contactCard']> {
    return this.card(this.engine.contactCard(...args));
  }

  introductions(person: string, options: Parameters<Analytics['introductions']>[1] = {}): ReturnType<Analytics['introductions']> {
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
    const found = this.engine.introductions(person, { ...options, withheld: this.sensitive });
    return { ...found, introductions: found.introductions.map((i) => ({ ...i, people: [this.card(i.people[0]), this.card(i.people[1])] })) };
  }

  renetworking(person: string, options: Parameters<Analytics['renetworking']>[1] = {}): ReturnType<Analytics['renetworking']> {
    if (!isSensitive(this.policy, 'group')) return this.engine.renetworking(person, options);
    return renetworkingQueue(this.engine.context(options.asOf), person, options.limit, { sharedGroups: false, sees: options.sees });
  }

  /**
   * With `profession` sensitive, what the chapter report derives from professions (pairs by their
   * professions' traffic, open seats, the teams' professions) is withheld, and says so.
   */
  chapterReport(...args: Parameters<Analytics['chapterReport']>): ReturnType<Analytics['chapterReport']> {
    const found = this.engine.chapterReport(...args);
    const r = { ...found, people: found.people.map(this.card) };
    if (!isSensitive(this.policy, 'profession')) return r;
    const powerTeams = r.powerTeams.map((t) => ({ ...t, professions: [] }));
    const shown = new Set([...r.members.map((m) => m.person), ...r.visitors.map((v) => v.person), ...powerTeams.flatMap((t) => t.members)]);
    return { ...r, oneToOnesThatWouldPay: [], openSeats: [], powerTeams, people: r.people.filter((p) => shown.has(p.id)), withheld: ['oneToOnesThatWouldPay', 'openSeats', 'powerTeams.professions'] };
  }
}
