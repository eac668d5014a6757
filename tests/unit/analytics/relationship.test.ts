import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../graph/analytics/config.js';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import { relationship, tieWeighting } from '../../../graph/analytics/relationship.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const DAY = 86_400_000;
const at = (d: string) => Date.parse(d);

/** a–b: a one-to-one on 01-01 (credibility); c knows nobody. */
const net = () => testNetwork({ people: people('a', 'b', 'c', '__proto__'), interactions: [met('a', 'b', '2024-01-01', 'one_to_one'), met('b', '__proto__', '2024-01-01')] });

describe('relationship', () => {
  it('when two people have a tie, then its stage and strength are given, the same from either end', () => {
    const ctx = net().engine.context(at('2024-01-01') + 10 * DAY);
    const r = relationship(ctx, 'a', 'b');
    expect(r).toMatchObject({ a: 'a', b: 'b', tie: true, vcp: { stage: 'credibility', dormant: false }, strength: { components: { stage: 'credibility' } } });
    // base 0.6 × recency 2^(−10/180) × (1 + tenure bonus 0.1 × 10/730 days known)
    expect(r.strength!.strength).toBeCloseTo(0.6 * 2 ** (-10 / 180) * (1 + (0.1 * 10) / 730), 12);
    const back = relationship(ctx, 'b', 'a');
    expect([back.tie, back.vcp?.stage, back.strength?.strength]).toEqual([true, r.vcp?.stage, r.strength?.strength]);
  });

  it('when there is no tie, before the tie, or a person with themself, then tie is false', () => {
    const n = net();
    expect(relationship(n.engine.context(at('2024-06-01')), 'a', 'c')).toEqual({ a: 'a', b: 'c', tie: false });
    expect(relationship(n.engine.context(at('2023-12-31')), 'a', 'b')).toEqual({ a: 'a', b: 'b', tie: false });
    expect(relationship(n.engine.context(at('2024-06-01')), 'a', 'a')).toEqual({ a: 'a', b: 'a', tie: false });
  });

  it('when a person is unknown (a name like a built-in included), then UnknownIdError names them', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    expect(() => relationship(ctx, 'a', 'nobody')).toThrow(UnknownIdError);
    expect(() => relationship(ctx, 'constructor', 'a')).toThrow(expect.objectContaining({ kind: 'person', id: 'constructor' }));
    expect(relationship(ctx, 'b', '__proto__').tie).toBe(true);
  });
});

describe('tieWeighting', () => {
  it('when a tie is costed at any instant, then its path cost is −ln of the strength relationship() reports then', () => {
    const n = testNetwork({
      people: people('a', 'b'),
      interactions: [met('a', 'b', '2023-01-01'), met('a', 'b', '2024-01-01')],
      referrals: [referral('a', 'b', '2023-06-01', 'won'), referral('b', 'a', '2023-07-01')],
    });
    const w = tieWeighting(() => n.records, DEFAULT_CONFIG);
    const evidence = n.engine.projection.evidence('a', 'b')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), (days) => {
        const asOf = at('2024-01-01') + days * DAY;
        const terms = w.terms(evidence, 'a', 'b', asOf)!;
        const r = relationship(n.engine.context(asOf), 'a', 'b');
        expect(w.weight.cost(terms.term, terms.first, terms.last, asOf)).toBeCloseTo(-Math.log(r.strength!.strength), 10);
        expect(r.strength!.cost).toBeCloseTo(-Math.log(r.strength!.strength), 12);
      }),
      { numRuns: 100 },
    );
  });

  it('when no evidence is dated by the instant, then the tie has no terms', () => {
    const n = net();
    expect(tieWeighting(() => n.records, DEFAULT_CONFIG).terms(n.engine.projection.evidence('a', 'b')!, 'a', 'b', at('2023-01-01'))).toBeUndefined();
  });
});
