import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachArc, inArcs, outArcs, type ArcTotals } from '../../../graph/analytics/referral-arcs.js';
import { people, referral, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);

const net = () =>
  testNetwork({
    people: people('a', 'b', 'c', 'constructor'),
    referrals: [
      referral('a', 'b', '2024-01-01', 'won', 100),
      referral('a', 'b', '2024-02-01', 'passed'),
      referral('a', 'b', '2024-03-01', 'won'),
      referral('b', 'a', '2024-02-15', 'lost', 40),
      referral('constructor', 'a', '2024-05-01', 'passed', 7),
    ],
  });

describe('referral arcs', () => {
  it('when referrals go a → b three times, then the arc totals their count, won count and values', () => {
    const ctx = net().engine.context(at('2024-12-31'));
    expect(outArcs(ctx, 'a')).toEqual(new Map([['b', { count: 3, won: 2, value: 100 }]]));
    expect(inArcs(ctx, 'a')).toEqual(
      new Map<string, ArcTotals>([
        ['b', { count: 1, won: 0, value: 40 }],
        ['constructor', { count: 1, won: 0, value: 7 }],
      ]),
    );
  });

  it('when asOf is earlier, then later referrals are left out, and an arc with none left is no arc', () => {
    const ctx = net().engine.context(at('2024-02-01'));
    expect(outArcs(ctx, 'a')).toEqual(new Map([['b', { count: 2, won: 1, value: 100 }]]));
    expect(inArcs(ctx, 'a').size).toBe(0);
  });

  it('when a person gave or received nothing (or is no person), then their arcs are empty', () => {
    const ctx = net().engine.context(at('2024-12-31'));
    expect(outArcs(ctx, 'c').size + inArcs(ctx, 'c').size + outArcs(ctx, '__proto__').size).toBe(0);
  });

  it('when referrals are random, then forEachArc visits each (from, to) once with the totals a plain count over the referrals gives, and out/in arcs agree with it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.boolean(), fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), fc.nat(10)), { maxLength: 20 }), fc.nat(10), (drawn, cut) => {
        const ids = ['a', 'b', 'c', '__proto__'];
        const refs = drawn.filter(([x, y]) => x !== y);
        const day = (d: number) => `2024-01-${String(d + 1).padStart(2, '0')}`;
        const n = testNetwork({ people: people(...ids), referrals: refs.map(([x, y, won, value, d]) => referral(ids[x]!, ids[y]!, day(d), won ? 'won' : 'passed', value)) });
        const ctx = n.engine.context(at(day(cut)));
        const want = new Map<string, ArcTotals>();
        for (const [x, y, won, value, d] of refs) {
          if (d > cut) continue;
          const key = `${ids[x]}→${ids[y]}`;
          const t = want.get(key) ?? { count: 0, won: 0, value: 0 };
          want.set(key, { count: t.count + 1, won: t.won + (won ? 1 : 0), value: t.value + (value ?? 0) });
        }
        const got = new Map<string, ArcTotals>();
        forEachArc(ctx, (from, to, t) => {
          expect(got.has(`${from}→${to}`)).toBe(false);
          got.set(`${from}→${to}`, t);
        });
        expect(got).toEqual(want);
        for (const p of ids) {
          for (const [to, t] of outArcs(ctx, p)) expect(want.get(`${p}→${to}`)).toEqual(t);
          for (const [from, t] of inArcs(ctx, p)) expect(want.get(`${from}→${p}`)).toEqual(t);
          expect(outArcs(ctx, p).size).toBe([...want.keys()].filter((k) => k.startsWith(`${p}→`)).length);
        }
      }),
      { numRuns: 100 },
    );
  });
});
