import { describe, expect, it } from 'vitest';
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
});
