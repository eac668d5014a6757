/**
 * Property-based tests of analytics invariants over random valid networks (fast-check), using the
 * analytics module's own functions: reciprocity and diversity indexes stay in range, the VCP stage
 * never drops when evidence is added, tie strength stays in (0, 1], and the k warm paths come in
 * non-decreasing cost, loopless, within max hops, each cost the sum of its ties' costs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../graph/analytics/config.js';
import { categoryStats, egoDiversity } from '../../graph/analytics/diversity.js';
import { networkReciprocity, personReciprocity } from '../../graph/analytics/reciprocity.js';
import type { TieFacts } from '../../graph/analytics/tie-facts.js';
import { tieStrength } from '../../graph/analytics/tie-strength.js';
import { STAGES, vcpStage } from '../../graph/analytics/vcp.js';
import { testNetwork } from '../unit/network-fixture.js';
import { validDocument } from './arbitraries.js';
import { DAY_MS } from '../../graph/analytics/time.js';

const AS_OF = Date.UTC(2027, 0, 1);
const EPS = 1e-9;

describe('reciprocity', () => {
  it('when the referral graph is random, then r ∈ [0,1], ρ ∈ [−ā/(1−ā), 1], weighted ∈ [0,1], reciprocated arcs pair up', () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        const { engine } = testNetwork(doc);
        const ctx = engine.context(AS_OF);
        const r = networkReciprocity(ctx);
        expect(r.reciprocatedArcs).toBeLessThanOrEqual(r.arcs);
        expect(r.reciprocatedArcs % 2).toBe(0);
        if (r.arcs === 0) return void expect(r.edge).toBeNull();
        expect(r.edge!).toBeGreaterThanOrEqual(0);
        expect(r.edge!).toBeLessThanOrEqual(1);
        const density = r.arcs / (r.people * (r.people - 1));
        if (r.rho !== null) {
          expect(r.rho).toBeLessThanOrEqual(1 + EPS);
          expect(r.rho).toBeGreaterThanOrEqual(-density / (1 - density) - EPS);
        }
        for (const w of [r.weighted.count, r.weighted.value]) if (w !== null) expect(w >= -EPS && w <= 1 + EPS).toBe(true);
        for (const p of doc.people) {
          const pr = personReciprocity(ctx, p.id);
          expect(JSON.stringify(pr)).not.toMatch(/NaN|Infinity/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('diversity', () => {
  it('when category counts are random, then Blau ∈ [0, 1−1/K], Shannon ∈ [0, ln K], evenness and IQV ∈ [0, 1]', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 1000 }), { maxKeys: 12 }), (obj) => {
        const s = categoryStats(new Map(Object.entries(obj)));
        const k = Object.values(obj).filter((c) => c > 0).length;
        expect(s.richness).toBe(k);
        if (k === 0) return void expect(s.blau).toBeNull();
        expect(s.blau!).toBeGreaterThanOrEqual(-EPS);
        expect(s.blau!).toBeLessThanOrEqual(1 - 1 / k + EPS);
        expect(s.shannon!).toBeGreaterThanOrEqual(-EPS);
        expect(s.shannon!).toBeLessThanOrEqual(Math.log(k) + EPS);
        for (const v of [s.evenness!, s.iqv!]) expect(v >= -EPS && v <= 1 + EPS).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('when ego diversity is taken on random networks, then its Blau is in [0, 1) for every person and dimension', () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        const { engine } = testNetwork(doc);
        const ctx = engine.context(AS_OF);
        for (const p of doc.people) {
          for (const dim of ['industry', 'location', 'group', 'religion']) {
            const d = egoDiversity(ctx, p.id, dim);
            if (d.blau !== null) expect(d.blau >= -EPS && d.blau < 1).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

const directed = fc.record({ count: fc.nat(5), won: fc.nat(5), value: fc.nat(10_000) }).map((d) => ({ ...d, won: Math.min(d.won, d.count), ids: [] as string[] }));
const facts: fc.Arbitrary<TieFacts> = fc
  .record({ interactions: fc.nat(10), oneToOnes: fc.nat(3), aToB: directed, bToA: directed, first: fc.integer({ min: 0, max: 1000 }), span: fc.integer({ min: 0, max: 2000 }) })
  .map((f) => ({
    a: 'a',
    b: 'b',
    interactions: f.interactions + f.oneToOnes,
    byKind: { one_to_one: f.oneToOnes },
    oneToOnes: f.oneToOnes,
    aToB: f.aToB,
    bToA: f.bToA,
    events: [],
    first: AS_OF - (f.first + f.span) * DAY_MS,
    last: AS_OF - f.first * DAY_MS,
    firstBy: AS_OF - (f.first + f.span) * DAY_MS,
  }));
const more = fc.record({ interactions: fc.nat(5), oneToOnes: fc.nat(2), aToB: directed, bToA: directed });

describe('VCP stage and tie strength', () => {
  it('when evidence is added to a tie (interactions, one-to-ones, referrals, wins), then its stage never goes down', () => {
    fc.assert(
      fc.property(facts, more, (f, g) => {
        const add = (x: TieFacts['aToB'], y: TieFacts['aToB']) => ({ count: x.count + y.count, won: x.won + y.won, value: x.value + y.value, ids: [] });
        const richer: TieFacts = {
          ...f,
          interactions: f.interactions + g.interactions + g.oneToOnes,
          oneToOnes: f.oneToOnes + g.oneToOnes,
          byKind: { one_to_one: f.oneToOnes + g.oneToOnes },
          aToB: add(f.aToB, g.aToB),
          bToA: add(f.bToA, g.bToA),
        };
        const before = STAGES.indexOf(vcpStage(f, DEFAULT_CONFIG).stage);
        const after = STAGES.indexOf(vcpStage(richer, DEFAULT_CONFIG).stage);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 2000 },
    );
  });

  it('when a tie is anything at any age, then its strength is in (0, 1] and its cost is −ln s ≥ 0', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const s = tieStrength(f, AS_OF, DEFAULT_CONFIG);
        expect(s.strength).toBeGreaterThan(0);
        expect(s.strength).toBeLessThanOrEqual(1);
        expect(s.cost).toBeGreaterThanOrEqual(0);
        expect(s.cost).toBeCloseTo(-Math.log(s.strength), 9);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('warm paths', () => {
  it('when the k best paths between two people are asked, then costs are non-decreasing along k, paths are loopless and distinct, within max hops, each cost Σ −ln s of its ties', () => {
    fc.assert(
      fc.property(validDocument, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (doc, i, j, k, maxHops) => {
        if (doc.people.length < 2) return;
        const from = doc.people[i % doc.people.length]!.id;
        const to = doc.people[j % doc.people.length]!.id;
        if (from === to) return;
        const { engine } = testNetwork(doc);
        const { paths } = engine.paths(from, { to }, { asOf: AS_OF, k, maxHops });
        expect(paths.length).toBeLessThanOrEqual(k);
        const seen = new Set<string>();
        for (let n = 0; n < paths.length; n++) {
          const p = paths[n]!;
          if (n > 0) expect(p.cost).toBeGreaterThanOrEqual(paths[n - 1]!.cost - EPS);
          expect(p.people[0]).toBe(from);
          expect(p.people.at(-1)).toBe(to);
          expect(new Set(p.people).size).toBe(p.people.length);
          expect(p.hops).toBeLessThanOrEqual(maxHops);
          const key = p.people.join('>');
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          const sum = p.steps.reduce((s, step) => s - Math.log(step.strength), 0);
          expect(Math.abs(sum - p.cost)).toBeLessThan(1e-6 * Math.max(1, p.cost));
        }
      }),
      { numRuns: 300 },
    );
  });
});
