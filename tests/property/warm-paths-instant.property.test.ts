/**
 * Warm paths against brute force at random instants (issue #12 item 1): on random small networks
 * (≤ 8 people, every record kind that shapes a tie's strength) and a random instant — any time of
 * day, before or after the newest record — every returned path costs Σ −ln s of its steps, the
 * k paths are exactly the k cheapest loopless paths within maxHops found by enumerating them all
 * with /api/relationships' strengths at that instant, and the diversity gap's candidate paths are
 * the cheapest to each candidate at that instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { met, referral, testNetwork } from '../unit/network-fixture.js';
import { DAY_MS } from '../../graph/analytics/time.js';

const T0 = Date.UTC(2023, 0, 1);
const EPS = 1e-9;
const KINDS = ['met', 'one_to_one', 'call', 'message'] as const;

const network = fc.integer({ min: 2, max: 8 }).chain((n) => {
  const pair = fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).filter(([a, b]) => a !== b);
  const at = fc.integer({ min: 0, max: 900 * DAY_MS }).map((ms) => new Date(T0 + ms).toISOString());
  return fc.record({
    n: fc.constant(n),
    industries: fc.array(fc.constantFrom('law', 'it', 'tax'), { minLength: n, maxLength: n }),
    interactions: fc.array(fc.record({ ab: pair, kind: fc.constantFrom(...KINDS), at }), { maxLength: 18 }),
    referrals: fc.array(fc.record({ ab: pair, won: fc.boolean(), at }), { maxLength: 6 }),
  });
});
// an instant anywhere from before the first record to long after the last, to the millisecond
const instant = fc.integer({ min: -30 * DAY_MS, max: 1400 * DAY_MS }).map((ms) => T0 + ms);

type Draft = typeof network extends fc.Arbitrary<infer T> ? T : never;
type Net = ReturnType<typeof build>;
function build(d: Draft) {
  const ids = Array.from({ length: d.n }, (_, i) => `p${i}`);
  return {
    ids,
    net: testNetwork({
      people: ids.map((id, i) => ({ id, name: id, industry: d.industries[i]! })),
      interactions: d.interactions.map((x) => met(ids[x.ab[0]]!, ids[x.ab[1]]!, x.at, x.kind)),
      referrals: d.referrals.map((x) => referral(ids[x.ab[0]]!, ids[x.ab[1]]!, x.at, x.won ? 'won' : 'passed')),
    }),
  };
}

/** Every loopless path from `from` to `to` within maxHops, with its cost Σ −ln s at `at`, cheapest first. */
function allPaths({ ids, net }: Net, from: string, to: string, maxHops: number, at: number): { people: string[]; cost: number }[] {
  const cost = new Map<string, number>();
  for (const a of ids) {
    for (const b of ids) {
      if (a >= b) continue;
      const r = net.engine.relationship(a, b, at);
      if (r.tie) cost.set(`${a}|${b}`, -Math.log(r.strength!.strength)).set(`${b}|${a}`, -Math.log(r.strength!.strength));
    }
  }
  const out: { people: string[]; cost: number }[] = [];
  const walk = (path: string[], c: number) => {
    const u = path.at(-1)!;
    if (u === to) return void out.push({ people: path, cost: c });
    if (path.length - 1 === maxHops) return;
    for (const v of ids) {
      const w = cost.get(`${u}|${v}`);
      if (w !== undefined && !path.includes(v)) walk([...path, v], c + w);
    }
  };
  walk([from], 0);
  return out.sort((x, y) => x.cost - y.cost);
}

const stepSum = (p: { steps: { strength: number }[] }) => p.steps.reduce((c, s) => c - Math.log(s.strength), 0);

describe('warm paths at random instants (brute force)', () => {
  it('when paths are asked at any instant, then each cost is Σ −ln(step strength), the costs are non-decreasing and are the k cheapest loopless paths within maxHops', () => {
    fc.assert(
      fc.property(network, instant, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (d, at, i, j, k, maxHops) => {
        const g = build(d);
        const from = g.ids[i % d.n]!;
        const to = g.ids[j % d.n]!;
        if (from === to) return;
        const { paths } = g.net.engine.paths(from, { to }, { asOf: at, k, maxHops });
        const want = allPaths(g, from, to, maxHops, at);
        expect(paths.length).toBe(Math.min(k, want.length));
        for (let n = 0; n < paths.length; n++) {
          const p = paths[n]!;
          expect(Math.abs(stepSum(p) - p.cost)).toBeLessThan(EPS);
          expect(p.hops).toBeLessThanOrEqual(maxHops);
          if (n > 0) expect(p.cost).toBeGreaterThanOrEqual(paths[n - 1]!.cost - EPS);
          // the n-th path costs what the n-th cheapest enumerated path costs: none is cheaper than the first
          expect(Math.abs(p.cost - want[n]!.cost)).toBeLessThan(EPS);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('when the diversity gap is asked at any instant, then each candidate path is the cheapest to that candidate within maxHops, its cost Σ −ln(step strength)', () => {
    fc.assert(
      fc.property(network, instant, fc.nat(), fc.integer({ min: 1, max: 4 }), (d, at, i, maxHops) => {
        const g = build(d);
        const subject = g.ids[i % d.n]!;
        const report = g.net.engine.diversityGap({ person: subject }, 'industry', { asOf: at, maxHops });
        for (const gap of [...report.missing, ...report.underRepresented]) {
          for (const c of gap.candidates) {
            const best = allPaths(g, subject, c.person, maxHops, at)[0];
            if (!best) {
              expect(c.path).toBeNull();
              continue;
            }
            expect(Math.abs(stepSum(c.path!) - c.path!.cost)).toBeLessThan(EPS);
            expect(Math.abs(c.path!.cost - best.cost)).toBeLessThan(EPS);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
