import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BetweennessValue } from '../../../graph/analytics/background-betweenness.js';
import { topBrokers, topBrokersSeen } from '../../../graph/analytics/network-metrics.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';

describe('network-metrics', () => {
  // Two 4-cliques joined by one bridge c–e.
  const left = ['a', 'b', 'c', 'd'];
  const right = ['e', 'f', 'g', 'h'];
  const clique = (xs: string[]) => xs.flatMap((x, i) => xs.slice(i + 1).map((y) => met(x, y, T)));
  const net = () =>
    testNetwork({
      people: people(...left, ...right),
      interactions: [...clique(left), ...clique(right), met('c', 'e', T, 'one_to_one')],
      referrals: [referral('a', 'b', T, 'won'), referral('b', 'a', T)],
    });

  it('when two cliques are joined by a bridge, then Louvain finds 2 communities and the bridge ends are the top brokers', () => {
    const m = net().engine.networkMetrics(Date.parse(T));
    expect(m).toMatchObject({ people: 8, ties: 13 });
    expect(m.communities.count).toBe(2);
    expect(m.communities.sizes).toEqual([4, 4]);
    expect(m.topBrokers.slice(0, 2).map((b) => b.person).sort()).toEqual(['c', 'e']);
    // c lies on every shortest path between its 3 clique-mates and the 4 people across: 12 pairs → 12 · 2/(7 · 6)
    expect(m.topBrokers[0]!.betweenness).toBeCloseTo((12 * 2) / 42, 12);
  });
  it('when ties have different evidence, then the stage distribution counts them (and dormancy)', () => {
    const m = net().engine.networkMetrics(Date.parse('2024-05-01'));
    expect(m.stages).toEqual({ visibility: 11, credibility: 1, profitability: 1, dormant: 13 });
    expect(m.reciprocity).toMatchObject({ arcs: 2, reciprocatedArcs: 2, edge: 1 });
    expect(net().engine.networkMetrics(Date.parse(T)).stages.dormant).toBe(0);
  });
  it('when betweenness values are drawn at random (repeats, zeros, gone people, people the viewer does not see, any n), then the top brokers are the first n of those seen sorted by value then id', () => {
    const ids = ['__proto__', 'p0', 'p1', 'p2', 'constructor', 'P1', 'é', 'p 1', 'z', 'a'];
    const n = testNetwork({ people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) });
    const ctx = n.engine.context(Date.parse(T));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0.5, 1, 2, 3, Number.NaN), { minLength: ctx.csr.n, maxLength: ctx.csr.n }), fc.array(fc.boolean(), { minLength: ctx.csr.n, maxLength: ctx.csr.n }), fc.nat(12), fc.option(fc.subarray(ids), { nil: undefined }), (drawn, gone, k, hidden) => {
        const values = Float64Array.from(drawn);
        const alive = ctx.csr.alive.slice();
        gone.forEach((g, u) => g && (alive[u] = 0));
        const at = { ...ctx, csr: Object.assign(Object.create(Object.getPrototypeOf(ctx.csr) as object) as typeof ctx.csr, ctx.csr, { alive }) };
        const sees = hidden && ((id: string) => !hidden.includes(id));
        const expected = [...Array(ctx.csr.n).keys()]
          .filter((u) => alive[u] && values[u]! > 0 && (sees?.(ctx.csr.ids[u]!) ?? true))
          .sort((a, b) => values[b]! - values[a]! || (ctx.csr.ids[a]! < ctx.csr.ids[b]! ? -1 : 1))
          .slice(0, k)
          .map((u) => ({ person: ctx.csr.ids[u]!, betweenness: values[u]! }));
        expect(topBrokers(at, values, { n: k, sees })).toEqual(expected);
      }),
    );
  });
  it('when a viewer who does not see everyone asks again and again, then their top brokers are those read from everyone, among many ranked people too', () => {
    // More people than the ranking made once per pass holds, so a viewer withheld from most of its top reads everyone.
    const ids = Array.from({ length: 300 }, (_, i) => `p${i}`);
    const n = testNetwork({ people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) });
    const ctx = n.engine.context(Date.parse(T));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: ctx.csr.n, maxLength: ctx.csr.n }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.nat(15)), { minLength: 1, maxLength: 4 }),
        (drawn, viewers) => {
          const value = { csr: ctx.csr, values: Float64Array.from(drawn), exact: false, sources: 1 } as unknown as BetweennessValue;
          for (const [hiddenPercent, k] of viewers) {
            const sees = (id: string) => (Number(id.slice(1)) * 37) % 100 >= hiddenPercent;
            expect(topBrokersSeen(ctx, value, sees, k)).toEqual(topBrokers(ctx, value.values, { n: k, sees }));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
  it('when a ranked broker leaves the network, then the next answer from the same pass leaves them out', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const n = testNetwork({ people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) });
    const ctx = n.engine.context(Date.parse(T));
    const values = Float64Array.from(ctx.csr.ids, (id) => ({ a: 4, b: 3, c: 2, d: 1 })[id] ?? 0);
    const value = { csr: ctx.csr, values, exact: false, sources: 1 } as unknown as BetweennessValue;
    const sees = (id: string) => id !== 'c';
    expect(topBrokersSeen(ctx, value, sees, 2).map((b) => b.person)).toEqual(['a', 'b']);
    n.apply({ op: 'delete', kind: 'person', key: 'a' });
    const later = n.engine.context(Date.parse(T));
    expect(later.csr).toBe(ctx.csr);
    expect(topBrokersSeen(later, value, sees, 2).map((b) => b.person)).toEqual(['b', 'd']);
  });
});
