/**
 * Referral traffic between categories counts each referral once, on multi-valued dimensions
 * (`group`) too: in introductions' referralTraffic and reason, and in the diversity gap's
 * referralPotential (hand-computed), and for any sets of categories (brute force, fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryFlow, trafficBetween } from '../../../graph/analytics/category-flow.js';
import { valuesOf } from '../../../graph/analytics/dimensions.js';
import { pairKey } from '../../../graph/records.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const asOf = Date.parse(T);

describe('referral traffic on a multi-valued dimension', () => {
  // me (G1, G2) knows X and Y (both in G1, G2), who have no tie. Elsewhere A and B share G1, G2
  // and G3; C is in G3 only. Referrals: A → B once, C → A once.
  const groups = { me: ['G1', 'G2'], X: ['G1', 'G2'], Y: ['G1', 'G2'], A: ['G1', 'G2', 'G3'], B: ['G1', 'G2', 'G3'], C: ['G3'] };
  const net = () =>
    testNetwork({
      people: Object.keys(groups).map((id) => ({ id, name: id })),
      groups: ['G1', 'G2', 'G3'].map((id) => ({ id, name: id })),
      memberships: Object.entries(groups).flatMap(([person, gs]) => gs.map((group) => ({ person, group }))),
      interactions: [met('me', 'X', T), met('me', 'Y', T)],
      referrals: [referral('A', 'B', T), referral('C', 'A', T)],
    });

  it('when two contacts share several groups with a referral\'s two people, then introductions count that referral once', () => {
    // Between {G1, G2} and {G1, G2} only A → B crosses (C is in G3 alone): 1 referral,
    // where summing over the 4 pairs of groups gave 1 + 2 + 2 + 1 = 6.
    const r = net().engine.introductions('me', { asOf, dimension: 'group' });
    expect(r.introductions).toHaveLength(1);
    expect(r.introductions[0]).toMatchObject({ a: 'X', b: 'Y', referralTraffic: 1 });
    expect(r.introductions[0]!.reason).toMatch(/exchanged 1 referral\./);
  });

  it('when a group is missing from the person\'s ties, then its referral potential counts each referral once', () => {
    // me's ties are in G1 and G2 only: G3 is missing. Referrals between {G1, G2} and {G3}:
    // A → B (A in G1, B in G3) and C → A (C in G3, A in G1): 2, where the pairwise sum gave 3 + 3.
    const r = net().engine.diversityGap({ person: 'me' }, 'group', { asOf });
    expect(r.missing.map((g) => [g.category, g.referralPotential])).toEqual([['G3', 2]]);
  });

  it('when the subject has no category, then the potential is every referral touching the category, once each', () => {
    const n = net();
    n.apply({ op: 'delete', kind: 'membership', key: pairKey('me', 'G1') }, { op: 'delete', kind: 'membership', key: pairKey('me', 'G2') });
    const r = n.engine.diversityGap({ person: 'me' }, 'group', { asOf });
    expect(r.missing.map((g) => [g.category, g.referralPotential])).toEqual([['G3', 2]]);
  });
});

describe('traffic between sets of categories', () => {
  const cats = ['a', 'b', 'c', 'd'];
  const world = fc.record({
    people: fc.array(fc.subarray(cats), { minLength: 2, maxLength: 10 }),
    single: fc.array(fc.option(fc.constantFrom(...cats), { nil: undefined }), { minLength: 10, maxLength: 10 }),
    referrals: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 25 }),
    xs: fc.subarray(cats),
    ys: fc.subarray(cats),
  });

  it('when categories are any sets, on `group` or on a single-valued field, then traffic is the number of referrals between them, each once', () => {
    fc.assert(
      fc.property(world, ({ people, single, referrals, xs, ys }) => {
        const ids = people.map((_, i) => `p${i}`);
        const n = testNetwork({
          people: ids.map((id, i) => ({ id, name: id, ...(single[i] ? { industry: single[i] } : {}) })),
          groups: cats.map((id) => ({ id, name: id })),
          memberships: people.flatMap((gs, i) => gs.map((group) => ({ person: ids[i]!, group }))),
          referrals: referrals
            .map(([f, t]) => [f % ids.length, t % ids.length] as const)
            .filter(([f, t]) => f !== t)
            .map(([f, t]) => referral(ids[f]!, ids[t]!, T)),
        });
        const ctx = n.engine.context(asOf);
        for (const dimension of ['group', 'industry']) {
          const vals = (id: string) => valuesOf(ctx.records, id, dimension, asOf);
          const hit = (v: string[], s: string[]) => v.some((c) => s.includes(c));
          let expected = 0;
          for (const r of ctx.records.maps.referral.values()) {
            const [f, t] = [vals(r.from), vals(r.to)];
            if ((hit(f, xs) && hit(t, ys)) || (hit(f, ys) && hit(t, xs))) expected++;
          }
          expect(trafficBetween(categoryFlow(ctx, dimension), xs, ys)).toBe(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the flow of a single-valued dimension', () => {
  it('when referrals and people change and the flow is asked as of any date, then each cell and total is the count of referrals dated by then between people with those values', () => {
    const ids = ['a', 'b', 'c', 'd', '__proto__'];
    const value = fc.constantFrom(undefined, 'law', 'tax', 'constructor');
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
    const pair = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([x, y]) => x !== y);
    const change = fc.oneof(
      fc.record({ id: fc.constantFrom(...ids), industry: value }).map(({ id, industry }) => ({ op: 'put' as const, kind: 'person' as const, record: { id, name: id, ...(industry && { industry }) } })),
      fc.tuple(fc.constantFrom('r1', 'r2', 'r3', 'r4'), pair, day).map(([id, [from, to], at]) => ({ op: 'put' as const, kind: 'referral' as const, record: referral(from, to, at, 'passed', undefined, id) })),
      fc.constantFrom('r1', 'r2').map((key) => ({ op: 'delete' as const, kind: 'referral' as const, key })),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: ids.length, maxLength: ids.length }), fc.array(change, { maxLength: 8 }), fc.constantFrom('2024-02-10', '2024-02-20', '2024-06-01'), (industries, changes, at) => {
        const n = testNetwork({
          people: ids.map((id, i) => ({ id, name: id, ...(industries[i] && { industry: industries[i] }) })),
          referrals: [referral('a', 'b', '2024-02-05', 'won', 1, 'r1'), referral('b', 'c', '2024-02-15', 'passed', undefined, 'r2')],
        });
        n.engine.categoryFlow(n.engine.context(Date.parse(at)), 'industry');
        n.apply(...changes);
        const ctx = n.engine.context(Date.parse(at));
        const flow = n.engine.categoryFlow(ctx, 'industry');
        // Maps, not objects: 'constructor' is a category like any other.
        const directed = new Map<string, Map<string, number>>();
        const total = new Map<string, number>();
        for (const r of ctx.records.maps.referral.values()) {
          if (Date.parse(r.at) > ctx.asOf) continue;
          const [f] = valuesOf(ctx.records, r.from, 'industry', ctx.asOf);
          const [t] = valuesOf(ctx.records, r.to, 'industry', ctx.asOf);
          if (f !== undefined && !directed.has(f)) directed.set(f, new Map());
          if (f !== undefined && t !== undefined) directed.get(f)!.set(t, (directed.get(f)!.get(t) ?? 0) + 1);
          for (const c of new Set([f, t])) if (c !== undefined) total.set(c, (total.get(c) ?? 0) + 1);
        }
        const sorted = <V,>(m: Map<string, V>) => [...m].sort(([x], [y]) => (x < y ? -1 : 1));
        expect(sorted(flow.directed).map(([k, row]) => [k, sorted(row)])).toEqual(sorted(directed).map(([k, row]) => [k, sorted(row)]));
        expect(sorted(flow.total)).toEqual(sorted(total));
      }),
      { numRuns: 200 },
    );
  });
  it('when a meeting is logged, then the flow read before is served again; when a referral, a person or (for groups) a membership changes, then it is counted again', () => {
    const n = testNetwork({
      people: [
        { id: 'a', name: 'a', industry: 'law' },
        { id: 'b', name: 'b', industry: 'tax' },
        { id: 'c', name: 'c' },
      ],
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'a', group: 'g' }],
      referrals: [referral('a', 'b', T, 'passed', undefined, 'r1')],
    });
    const flow = (d: string) => n.engine.categoryFlow(n.engine.context(asOf), d);
    const industry = flow('industry');
    const group = flow('group');
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', T, 'one_to_one', 'i1') });
    expect(flow('industry')).toBe(industry);
    expect(flow('group')).toBe(group);
    n.apply({ op: 'put', kind: 'person', record: { id: 'c', name: 'c', industry: 'law' } });
    expect(flow('group')).not.toBe(group);
    n.apply({ op: 'put', kind: 'referral', record: referral('b', 'c', T, 'passed', undefined, 'r2') });
    expect([...flow('industry').total]).toEqual([['law', 2], ['tax', 2]]);
    expect([...flow('group').total]).toEqual([['g', 1]]);
    n.apply({ op: 'put', kind: 'membership', record: { person: 'c', group: 'g' } });
    expect([...flow('group').total]).toEqual([['g', 2]]);
  });
});

describe('the group flow as of a date', () => {
  it('when a membership starts or ends after the last evidence, then the group flow at an instant between is not the one read at a later instant, asked in either order', () => {
    // The referrals are dated 2024; b joins g in 2025 and a leaves it at the end of 2025's June.
    const doc = {
      people: people('a', 'b', 'c'),
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'a', group: 'g', until: '2025-06-30' }, { person: 'b', group: 'g', since: '2025-03-01' }],
      referrals: [referral('a', 'b', T, 'passed', undefined, 'r1'), referral('c', 'b', T, 'passed', undefined, 'r2')],
    };
    const instants = ['2024-06-01', '2025-04-01', '2026-01-01'].map(Date.parse);
    const totals = (n: ReturnType<typeof testNetwork>, at: number) => [...n.engine.categoryFlow(n.engine.context(at), 'group').total];
    const alone = instants.map((at) => totals(testNetwork(doc), at));
    expect(alone).toEqual([[['g', 1]], [['g', 2]], [['g', 2]]]);
    for (const order of [instants, [...instants].reverse()]) {
      const n = testNetwork(doc);
      const got = new Map(order.map((at) => [at, totals(n, at)]));
      expect(instants.map((at) => got.get(at))).toEqual(alone);
    }
  });
});
