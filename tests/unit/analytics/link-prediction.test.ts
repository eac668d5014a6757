import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, candidatePairs, cutTime, introductionScores, precisionAt, rankingQuality } from '../../../graph/analytics/link-prediction.js';
import { introductions } from '../../../graph/analytics/introductions.js';
import { met, referral, testNetwork } from '../network-fixture.js';
import { snapshotOf } from './snapshot-of.js';

/** The candidates as "x-y" id pairs with their CN and RA. */
function table(ids: string[], pairs: [string, string][]) {
  const csr = snapshotOf(ids, pairs);
  const c = candidatePairs(csr);
  return Array.from(c.us, (u, i) => ({ pair: `${ids[u]}-${ids[c.vs[i]!]}`, cn: c.cn[i]!, ra: c.ra[i]! }));
}

describe('candidate pairs, common neighbours and resource allocation', () => {
  it('when two people share contacts, then CN counts them and RA sums 1/degree of each', () => {
    // x–a, x–b, y–a, y–b, a–c: x,y share a (3 contacts) and b (2 contacts): CN 2, RA 1/3 + 1/2.
    // a,b share x and y (2 contacts each): CN 2, RA 1. x,c share a: RA 1/3; y,c likewise. b,c none.
    const rows = table(['x', 'y', 'a', 'b', 'c'], [['x', 'a'], ['x', 'b'], ['y', 'a'], ['y', 'b'], ['a', 'c']]);
    expect(rows.map((r) => r.pair)).toEqual(['x-y', 'x-c', 'y-c', 'a-b']);
    const by = Object.fromEntries(rows.map((r) => [r.pair, r]));
    expect(by['x-y']!.cn).toBe(2);
    expect(by['x-y']!.ra).toBeCloseTo(1 / 3 + 1 / 2);
    expect(by['a-b']!.cn).toBe(2);
    expect(by['a-b']!.ra).toBeCloseTo(1);
    expect(by['x-c']!.cn).toBe(1);
    expect(by['x-c']!.ra).toBeCloseTo(1 / 3);
  });
  it('when two people are tied or three steps apart, then they are no candidates', () => {
    // a path a–b–c–d plus the triangle's closing tie a–c: a,c tied; b,d share c; a,d share c.
    expect(table(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['a', 'c']]).map((r) => r.pair)).toEqual(['a-d', 'b-d']);
    expect(table(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]).map((r) => r.pair)).toEqual(['a-c', 'b-d']);
  });
  it('when the network has no 2-paths, then there is no candidate', () => {
    expect(table(['a', 'b', 'c'], [['a', 'b']])).toEqual([]);
  });
});

describe('precision@k', () => {
  it('when the top k are known, then it is the share of positives among them', () => {
    const scores = [5, 4, 3, 2, 1];
    const positive = [true, false, true, false, true];
    expect(precisionAt(scores, positive, 1)).toBe(1);
    expect(precisionAt(scores, positive, 2)).toBe(0.5);
    expect(precisionAt(scores, positive, 3)).toBeCloseTo(2 / 3);
  });
  it('when candidates tie at the k-th place, then they share its places pro rata', () => {
    // top 3 of [9, 5, 5, 5, 1]: 9 (positive) and 2 of the three 5s, one of which is positive → 1 + 2/3.
    expect(precisionAt([9, 5, 5, 5, 1], [true, true, false, false, true], 3)).toBeCloseTo((1 + 2 / 3) / 3);
  });
  it('when k exceeds the candidates, then it is over all of them; when k is not a positive integer, then it is refused', () => {
    expect(precisionAt([2, 1], [true, false], 10)).toBe(0.5);
    expect(() => precisionAt([1], [true], 0)).toThrow(RangeError);
    expect(() => precisionAt([1], [true], 1.5)).toThrow(RangeError);
  });
});

describe('AUC', () => {
  it('when scores tie across a positive and a negative, then the pair counts one half', () => {
    // positives 3 and 2, negatives 2 and 1: (3>2) 1, (3>1) 1, (2=2) ½, (2>1) 1 → 3.5 / 4.
    expect(auc([3, 2, 2, 1], [true, true, false, false])).toBeCloseTo(3.5 / 4);
    expect(auc([1, 1, 1], [true, false, false])).toBe(0.5);
  });
  it('when there is no positive or no negative, then it is undefined (NaN)', () => {
    expect(auc([1, 2], [false, false])).toBeNaN();
    expect(auc([1, 2], [true, true])).toBeNaN();
  });
  it('when the ranking puts every positive first, then AUC is 1; reversed, 0 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 200 }), fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 200, maxLength: 200 }), (labels, noise) => {
        fc.pre(labels.some(Boolean) && labels.some((x) => !x));
        // distinct scores: positives all above 1e7, negatives all below -1e7, noise within each
        const perfect = labels.map((p, i) => (p ? 2e7 : -2e7) + noise[i]!);
        expect(auc(perfect, labels)).toBe(1);
        expect(auc(perfect.map((s) => -s), labels)).toBe(0);
      }),
    );
  });
  it('when AUC is compared with counting every positive–negative pair, then they agree (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 1, maxLength: 60 }), (rows) => {
        const scores = rows.map(([s]) => s);
        const labels = rows.map(([, p]) => p);
        let wins = 0;
        let pairs = 0;
        for (const [sp, p] of rows) {
          for (const [sn, n] of rows) {
            if (!p || n) continue;
            pairs++;
            wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
          }
        }
        const got = auc(scores, labels);
        if (pairs === 0) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });
});

describe('ranking quality and the cut', () => {
  it('when a ranking is measured, then candidates, positives, precision at each k and AUC are reported', () => {
    const q = rankingQuality([4, 3, 2, 1], [true, false, true, false], [1, 2]);
    expect(q).toEqual({ candidates: 4, positives: 2, precision: { 1: 1, 2: 0.5 }, auc: 0.75 });
    expect(() => rankingQuality([1, 2], [true])).toThrow(RangeError);
  });
  it('when history is cut at a share, then that share of the records falls at or before the cut', () => {
    expect(cutTime([50, 10, 40, 20, 30], 0.8)).toBe(40);
    expect(cutTime([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.8)).toBe(8);
    expect(() => cutTime([], 0.8)).toThrow(RangeError);
    expect(() => cutTime([1], 1)).toThrow(RangeError);
  });
});

describe("refnet's introduction score per candidate", () => {
  const T = '2024-01-01';
  const asOf = Date.parse(T);
  const p = (id: string, industry: string, company?: string) => ({ id, name: id, industry, ...(company ? { company } : {}) });
  it('when several contacts could introduce a pair, then the pair keeps the best of their scores; a pair no one suggests scores 0', () => {
    // A and L are introduced by me (met twice: a stronger tie) and by k (met once). A and S work at
    // the same company (Co), so k, who knows both, does not suggest them.
    const n = testNetwork({
      people: [p('me', 'it'), p('k', 'it'), p('L', 'law'), p('A', 'tax', 'Co'), p('S', 'tax', 'Co'), p('l2', 'law'), p('a2', 'tax')],
      interactions: [met('me', 'L', T), met('me', 'A', T), met('me', 'L', '2023-12-01'), met('me', 'A', '2023-12-01'), met('k', 'L', T), met('k', 'A', T), met('k', 'S', T)],
      referrals: [referral('l2', 'a2', T)],
    });
    const ctx = n.engine.context(asOf);
    const pairs = candidatePairs(ctx.csr);
    const { score: scores, worth } = introductionScores(ctx, pairs);
    const ids = ctx.csr.ids;
    const at = (x: string, y: string) => Array.from(pairs.us).findIndex((u, i) => [ids[u], ids[pairs.vs[i]!]].sort().join() === [x, y].sort().join());
    const from = (z: string, closureWeight?: number) => introductions(ctx, z, { closureWeight }).introductions.find((i) => i.a === 'A' && i.b === 'L')!.score;
    expect(from('me')).not.toBe(from('k'));
    expect(scores[at('A', 'L')]).toBe(Math.max(from('me'), from('k')));
    expect(worth[at('A', 'L')]).toBeCloseTo(Math.max(from('me', 0), from('k', 0)), 12);
    expect(at('A', 'S')).toBeGreaterThanOrEqual(0);
    expect([scores[at('A', 'S')], worth[at('A', 'S')]]).toEqual([0, 0]);
  });
});
