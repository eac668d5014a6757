import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGaps, rankGaps } from '../../../graph/analytics/gap-ranking.js';

const gap = (category: string, referralPotential: number | null, referenceShare: number, subjectShare: number | null) => ({ category, referralPotential, referenceShare, subjectShare, rank: 0 });

describe('analytics/gap-ranking', () => {
  it('when a missing category has no referral traffic and an under-represented one has some, then the one with traffic comes first', () => {
    const ranked = rankGaps([gap('florist', 0, 0.3, null), gap('lawyer', 26, 0.2, 0.1)]);
    expect(ranked.map((g) => [g.category, g.rank])).toEqual([
      ['lawyer', 1],
      ['florist', 2],
    ]);
  });

  it('when potentials are equal, then the larger shortfall (reference share minus own share, none counting 0) comes first, then the name', () => {
    const ranked = rankGaps([gap('b', 5, 0.2, 0.1), gap('c', 5, 0.5, null), gap('a', 5, 0.3, 0.1), gap('d', 5, 0.3, 0.1)]);
    expect(ranked.map((g) => g.category)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('when a potential is withheld (null), then it ranks as no traffic and the shortfall decides', () => {
    const ranked = rankGaps([gap('x', null, 0.1, null), gap('y', null, 0.4, null), gap('z', 1, 0.01, 0)]);
    expect(ranked.map((g) => g.category)).toEqual(['z', 'y', 'x']);
  });

  it('when any gaps are ranked, then ranks are 1..n in order and no gap with more potential follows one with less', () => {
    const arb = fc.array(
      fc.record({
        category: fc.constantFrom('__proto__', 'constructor', 'a', 'b', 'toString', 'Zoë'),
        referralPotential: fc.option(fc.nat(30), { nil: null }),
        referenceShare: fc.double({ min: 0, max: 1, noNaN: true }),
        subjectShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        rank: fc.constant(0),
      }),
    );
    fc.assert(
      fc.property(arb, (gaps) => {
        const ranked = rankGaps([...gaps]);
        expect(ranked.map((g) => g.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) {
          expect((ranked[i - 1]!.referralPotential ?? 0) >= (ranked[i]!.referralPotential ?? 0)).toBe(true);
          expect(compareGaps(ranked[i - 1]!, ranked[i]!)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
