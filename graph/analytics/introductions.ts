/**
 * Introductions to make — "givers gain": pairs of a person's contacts who have no tie yet and
 * whose categories exchange referrals across the network (category-flow.ts, each referral counted
 * once however many categories its people have).
 *
 *   worth   = referral traffic between their categories × s(person, a) × s(person, b) × novelty
 *   novelty = 1 / (1 + common contacts + shared groups)   (besides the person making it)
 *   closure = RA(a, b) × (1 + shared groups),  RA = Σ 1/|Γ(z)| over a's and b's common contacts z,
 *             the person included (resource allocation, Zhou, Lü & Zhang 2009)
 *   score   = worth^(1 − λ) × closure^λ,  λ = closureWeight
 *
 * An introduction travels on trust (the two tie strengths) and is worth most where the two do not
 * already share a circle (novelty: the structural-hole argument, Burt 1992). But measured as link
 * prediction (link-prediction.ts, `npm run bench -- --only introductions`), worth alone ranked the
 * pairs that went on to meet no better than chance, while the resource-allocation index did
 * clearly better: introductions that take are between people whose circles already overlap,
 * through contacts who are not spread thin, and who share groups. So the score leans on closure,
 * λ = 0.9 — the smallest weight on a 0.1 grid (with 0.95) at which the ranking matched or beat RA
 * in both AUC and precision@50 on the generated network of 10,000 people, checked on SNAP
 * CollegeMsg and at 100,000 people (docs/BENCHMARKS.md) — and worth orders the pairs closure
 * leaves close. Two rules keep an introduction worth making:
 * people at the same company are never suggested (they can meet at the coffee machine), and
 * people of the same profession compete for the same referrals, so they are flagged
 * `competitors` and left out unless asked for (includeCompetitors).
 * DEFAULTS: dimension industry, the 300 strongest contacts considered, 20 suggestions, λ = 0.9.
 */
import { cardWithout, contactCard, type ContactCard } from '../service/contact-card.js';
import { foldCategory } from '../service/text-match.js';
import { stampedOwnerMemo } from '../support/memo.js';
import type { RecordSet } from '../record-set.js';
import { categoryFlow, trafficBetween, type CategoryFlow } from './category-flow.js';
import { neighbourIndexes, personIndex, tieAt, type AnalyticsContext, type Sees } from './context.js';
import { groupsOf, valuesOf } from './dimensions.js';
import { introductionMessage, introductionReason } from './introduction-words.js';
import { tieStrength } from './tie-strength.js';
import { compareIds } from '../support/id-order.js';

export const INTRODUCTION_DEFAULTS = { dimension: 'industry', maxContacts: 300, limit: 20, includeCompetitors: false, closureWeight: 0.9 };

export interface Introduction {
  a: string;
  b: string;
  /** how to reach a and b: names, companies, contact details */
  people: [ContactCard, ContactCard];
  categories: [string[], string[]];
  referralTraffic: number;
  /** the person's tie strength to a and to b */
  strengths: [number, number];
  /** contacts a and b share, besides the person */
  commonContacts: number;
  /** groups both belong to */
  sharedGroups: number;
  /** 1 / (1 + commonContacts + sharedGroups) */
  novelty: number;
  /** referralTraffic × both strengths × novelty: the score before closure (closureWeight 0) */
  worth: number;
  /** how much a's and b's circles overlap: resource allocation RA(a, b) × (1 + sharedGroups) */
  closure: number;
  /** same profession: they compete for the same referrals (only listed with includeCompetitors) */
  competitors: boolean;
  score: number;
  reason: string;
  /** a drafted introduction the person can send */
  message: string;
}

export interface IntroductionOptions {
  dimension?: string;
  limit?: number;
  maxContacts?: number;
  includeCompetitors?: boolean;
  /** λ in [0, 1]: score = worth^(1 − λ) × closure^λ (0: the worth alone, as before the evaluation) */
  closureWeight?: number;
  /**
   * Dimensions that must not show (the privacy policy's sensitive ones): left out of the cards and
   * the words; a withheld profession never lists competitors, withheld groups are not counted.
   */
  withheld?: (dimension: string) => boolean;
  /** only pairs of contacts the viewer sees, chosen among the contacts they see (maxContacts included) */
  sees?: Sees;
  flow?: CategoryFlow;
  /** the company resolver (companyResolver), when one is shared by many people's suggestions */
  companyOf?: CompanyResolver;
}

/** The defaults overridden by the options given: an option present but undefined keeps its default. */
function settled(options: IntroductionOptions): typeof INTRODUCTION_DEFAULTS {
  const o: Record<string, unknown> = { ...INTRODUCTION_DEFAULTS };
  for (const key of Object.keys(INTRODUCTION_DEFAULTS) as (keyof IntroductionOptions)[]) if (options[key] !== undefined) o[key] = options[key];
  return o as typeof INTRODUCTION_DEFAULTS;
}

/** A contact card without the withheld fields. */
function cardOf(ctx: AnalyticsContext, id: string, withheld: (dimension: string) => boolean): ContactCard {
  return cardWithout(contactCard(ctx.records, id), withheld);
}

/** A value compared by meaning: case, accents and surrounding or repeated spaces do not count. */
const fold = (x: string | undefined) => (x === undefined ? '' : foldCategory(x.trim().replace(/\s+/g, ' ')));

/** Same non-empty folded value: the one rule for "same profession" (and, after resolving, "same company"). */
const same = (fx: string, fy: string) => fx !== '' && fx === fy;

/** A person's company as one key: the same key for the same company however it is spelt. */
export type CompanyResolver = (company: string | undefined) => string | undefined;

/**
 * The company ids by folded name, read again only when a company changes: read from every company
 * on each request (or after every write of any kind) it was most of an introductions request (30
 * of 49 ms with 16,667 companies, issue #18).
 */
const companyNames = stampedOwnerMemo<RecordSet, Map<string, string>>('analytics.company-names');

function companiesByName(records: RecordSet): Map<string, string> {
  return companyNames(records, [records.changes('company')], () => {
    const byName = new Map<string, string>();
    for (const c of records.maps.company.values()) byName.set(fold(c.name), c.id);
    return byName;
  });
}

/** A person's `company` names a company record by id or by name: both spellings resolve to its id. */
export function companyResolver(ctx: AnalyticsContext): CompanyResolver {
  const byName = companiesByName(ctx.records);
  return (company) => {
    if (company === undefined || fold(company) === '') return undefined;
    return ctx.records.has('company', company) ? `id:${company}` : byName.has(fold(company)) ? `id:${byName.get(fold(company))!}` : `name:${fold(company)}`;
  };
}

/** A suggestion before its words and cards: what the score is made of. */
export type ScoredIntroduction = Omit<Introduction, 'people' | 'reason' | 'message'>;

/**
 * Every introduction a person could make, scored and ranked, without the words and cards (what
 * the link-prediction evaluation reads for every person; `introductions` dresses the first few).
 */
export function scoredIntroductions(ctx: AnalyticsContext, person: string, options: IntroductionOptions = {}): ScoredIntroduction[] {
  const o = settled(options);
  const weight = o.closureWeight;
  if (!(weight >= 0 && weight <= 1)) throw new RangeError(`refnet/introductions: closureWeight must be in [0, 1], got ${weight}`);
  const withheld = options.withheld ?? (() => false);
  const u = personIndex(ctx, person);
  const flow = options.flow ?? categoryFlow(ctx, o.dimension);
  const companyOf = options.companyOf ?? companyResolver(ctx);
  const sees = options.sees ?? (() => true);
  const contacts = Array.from(neighbourIndexes(ctx, u), (v) => {
    const id = ctx.csr.ids[v]!;
    const f = tieAt(ctx, person, id)!;
    const record = ctx.records.get('person', id);
    return {
      v,
      id,
      s: tieStrength(f, ctx.asOf, ctx.config).strength,
      values: valuesOf(ctx.records, id, o.dimension, ctx.asOf),
      company: companyOf(record?.company),
      profession: fold(record?.profession),
    };
  })
    .filter((c) => c.values.length && sees(c.id))
    .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
    .slice(0, o.maxContacts);
  // Traffic depends only on the two sets of categories: computed once per pair of sets, each set
  // named by a small number (its JSON spelling keeps any two different sets apart).
  const setIds = new Map<string, number>();
  const setOf = new Map<number, number>();
  for (const c of contacts) {
    const spelling = JSON.stringify(c.values);
    if (!setIds.has(spelling)) setIds.set(spelling, setIds.size);
    setOf.set(c.v, setIds.get(spelling)!);
  }
  const trafficCache = new Map<number, number>();
  const trafficOf = (a: (typeof contacts)[number], b: (typeof contacts)[number]) => {
    const [x, y] = [setOf.get(a.v)!, setOf.get(b.v)!];
    const key = Math.min(x, y) * setIds.size + Math.max(x, y); // traffic is symmetric
    return trafficCache.get(key) ?? trafficCache.set(key, trafficBetween(flow, a.values, b.values)).get(key)!;
  };
  const groups = new Map<string, Set<string>>();
  const groupsOfContact = (id: string) => groups.get(id) ?? groups.set(id, new Set(groupsOf(ctx.records, id, ctx.asOf))).get(id)!;
  const out: ScoredIntroduction[] = [];
  for (let i = 0; i < contacts.length; i++) {
    const a = contacts[i]!;
    const known = new Set(neighbourIndexes(ctx, a.v));
    for (let j = i + 1; j < contacts.length; j++) {
      const b = contacts[j]!;
      if (known.has(b.v) || (a.company !== undefined && a.company === b.company)) continue;
      const competitors = same(a.profession, b.profession);
      if (competitors && (!o.includeCompetitors || withheld('profession'))) continue;
      const traffic = trafficOf(a, b);
      if (!traffic) continue;
      let commonContacts = 0;
      let ra = 0; // the person is a common contact too
      for (const w of neighbourIndexes(ctx, b.v)) {
        if (!known.has(w)) continue;
        if (w !== u) commonContacts++;
        ra += 1 / ctx.csr.deg[w]!;
      }
      const ga = groupsOfContact(a.id);
      let sharedGroups = 0;
      if (!withheld('group')) for (const g of groupsOfContact(b.id)) if (ga.has(g)) sharedGroups++;
      const novelty = 1 / (1 + commonContacts + sharedGroups);
      const worth = traffic * a.s * b.s * novelty;
      const closure = ra * (1 + sharedGroups);
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      out.push({
        a: first.id,
        b: second.id,
        categories: [first.values, second.values],
        referralTraffic: traffic,
        strengths: [first.s, second.s],
        commonContacts,
        sharedGroups,
        novelty,
        worth,
        closure,
        competitors,
        score: worth ** (1 - weight) * closure ** weight,
      });
    }
  }
  return out.sort((x, y) => y.score - x.score || compareIds(x.a, y.a) || compareIds(x.b, y.b));
}

/** Introductions a person could make, as of ctx.asOf. */
export function introductions(
  ctx: AnalyticsContext,
  person: string,
  options: IntroductionOptions = {},
): { person: string; dimension: string; introductions: Introduction[] } {
  const o = settled(options);
  const withheld = options.withheld ?? (() => false);
  const shown = (dimension: string, value: string | undefined) => (withheld(dimension) ? undefined : value);
  const flow = options.flow ?? categoryFlow(ctx, o.dimension);
  const top = scoredIntroductions(ctx, person, { ...options, flow }).slice(0, o.limit);
  return {
    person,
    dimension: o.dimension,
    introductions: top.map((s) => {
      const { a, b, ...rest } = s; // a and b first, then the cards, as the answer has always read
      return {
        a,
        b,
        people: [cardOf(ctx, a, withheld), cardOf(ctx, b, withheld)] as [ContactCard, ContactCard],
        ...rest,
        reason: introductionReason(ctx.records, o.dimension, s),
        message: introductionMessage(ctx.records, person, s, shown),
      };
    }),
  };
}
