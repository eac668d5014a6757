import { describe, expect, it } from 'vitest';
import { networkReciprocity, personReciprocity, reciprocityFromCounts } from '../../../graph/analytics/reciprocity.js';
import { people, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';

describe('reciprocity', () => {
  // a → b twice, b → a once, a → c once: L = 3 arcs, 2 reciprocated, N = 3.
  const net = () =>
    testNetwork({
      people: people('a', 'b', 'c'),
      referrals: [referral('a', 'b', T, 'won', 100), referral('a', 'b', T, 'won', 50), referral('b', 'a', T, 'won', 30), referral('a', 'c', T, 'passed')],
    });

  it('when 2 of 3 arcs are reciprocated among 3 people, then r = 2/3 and rho = (2/3 − 1/2)/(1 − 1/2) = 1/3', () => {
    const r = networkReciprocity(net().engine.context(Date.parse(T)));
    expect(r).toMatchObject({ people: 3, arcs: 3, referrals: 4, reciprocatedArcs: 2 });
    expect(r.edge!).toBeCloseTo(2 / 3, 14);
    expect(r.rho!).toBeCloseTo(1 / 3, 14);
  });
  it('when weighted by count and value, then Σ min(w_ij, w_ji) / Σ w_ij', () => {
    const r = networkReciprocity(net().engine.context(Date.parse(T)));
    expect(r.weighted.count!).toBeCloseTo((1 + 1) / 4, 14);
    expect(r.weighted.value!).toBeCloseTo((30 + 30) / 180, 14);
  });
  it('when served by the engine, then the incrementally kept counters agree', () => {
    const m = net().engine.networkMetrics(Date.parse('2030-01-01'));
    expect(m.reciprocity.edge!).toBeCloseTo(2 / 3, 14);
    expect(m.reciprocity.rho!).toBeCloseTo(1 / 3, 14);
    expect(m.reciprocity.weighted.count!).toBeCloseTo(2 / 4, 14);
    expect(m.reciprocity.weighted.value!).toBeCloseTo(60 / 180, 14);
    expect(m.reciprocity.referrals).toBe(4);
  });
  it('when there are no arcs, then r and rho are null', () => {
    expect(reciprocityFromCounts(5, 0, 0)).toEqual({ edge: null, rho: null });
  });
  it('when every arc is reciprocated in a complete digraph, then rho is undefined (null)', () => {
    expect(reciprocityFromCounts(2, 2, 2)).toEqual({ edge: 1, rho: null });
  });
  it('when a person gives and receives, then given/received/values/balance/partners are reported', () => {
    const p = personReciprocity(net().engine.context(Date.parse(T)), 'a');
    expect(p).toEqual({ given: 3, received: 1, givenValue: 150, receivedValue: 30, balance: 2, valueBalance: 120, reciprocatedPartners: ['b'], owed: [] });
    expect(personReciprocity(net().engine.context(Date.parse(T)), 'c').owed).toEqual(['a']);
  });
  it('when asOf is before a referral, then it is ignored', () => {
    const n = testNetwork({ people: people('a', 'b'), referrals: [referral('a', 'b', T), referral('b', 'a', '2024-06-01')] });
    expect(networkReciprocity(n.engine.context(Date.parse('2024-03-01'))).edge).toBe(0);
    expect(networkReciprocity(n.engine.context(Date.parse('2024-06-01'))).edge).toBe(1);
  });
});
