import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topBrokers } from '../../../graph/analytics/network-metrics.js';
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
});
