import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactsOf } from '../../../graph/analytics/context.js';
import { diversityGap } from '../../../graph/analytics/diversity-gap.js';
import { hopBoundedSearch } from '../../../graph/analytics/kernels/shortest-path.js';
import { met, referral, testNetwork } from '../network-fixture.js';
import { compareIds } from '../../../graph/support/id-order.js';

const T = '2024-01-01';
const asOf = Date.parse(T);
const p = (id: string, industry: string) => ({ id, name: id, industry });

describe('diversity-gap', () => {
  // me (law) knows l1 (law), l2 (law), t1 (tax). Network: 3 law, 2 tax, 2 it, 1 health besides me.
  // Referral traffic law↔it is 2, law↔tax 1, law↔health 0.
  const net = () =>
    testNetwork({
      people: [p('me', 'law'), p('l1', 'law'), p('l2', 'law'), p('t1', 'tax'), p('t2', 'tax'), p('i1', 'it'), p('i2', 'it'), p('h1', 'health')],
      interactions: [met('me', 'l1', T), met('me', 'l2', T), met('me', 't1', T), met('l1', 'i1', T), met('i1', 'i2', T)],
      referrals: [referral('l2', 'i2', '2023-06-01'), referral('i2', 'l2', '2023-07-01'), referral('t2', 'l1', '2023-06-01')],
    });

  it('when compared with the whole network, then missing categories are ranked by referral potential with candidates and warm paths', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf });
    expect(r.reference).toBe('network');
    expect(r.subjectPeople).toBe(3);
    expect(r.missing.map((g) => [g.category, g.referralPotential])).toEqual([['it', 2], ['health', 0]]);
    const it_ = r.missing[0]!;
    expect(it_.subjectShare).toBe(0);
    expect(it_.referenceShare).toBeCloseTo(2 / 8, 14);
    // l2–i2 exchanged referrals both ways (credibility, reciprocity bonus): a warmer route than l1–i1 (met once).
    expect(it_.candidates.map((c) => c.person)).toEqual(['i2', 'i1']);
    expect(it_.candidates[0]!.path!.people).toEqual(['me', 'l2', 'i2']);
    expect(it_.candidates[1]!.path!.people).toEqual(['me', 'l1', 'i1']);
    expect(r.missing[1]!.candidates).toEqual([{ person: 'h1', path: null }]);
  });
  it('when a target list is given with allowAbsent, then each target has an equal share and absent targets are missing', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['law', 'tax', 'finance'], allowAbsent: true });
    expect(r.reference).toBe('target');
    expect(r.missing.map((g) => g.category)).toEqual(['finance']);
    expect(r.missing[0]!.referenceShare).toBeCloseTo(1 / 3, 14);
    expect(r.underRepresented).toEqual([]);
  });
  it('when a target is held by no one or differs only in case, then it is refused naming the closest categories, or matched to the stored spelling', () => {
    expect(() => net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['law', 'finance', 'txa'] })).toThrow(/no one has industry "finance" nor "txa" \(did you mean "tax"\?\)/);
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['LAW', 'Tax'] });
    expect(r.shares.map((x) => x.category).sort()).toEqual(['law', 'tax']);
    expect(r.shares.every((x) => x.referenceShare === 0.5)).toBe(true);
  });
  it('when people wrote a target in several spellings ("Law", "law", "Läw"), then it is one target with its 1/n share, counting all of them, and its candidates hold any of them', () => {
    const { engine } = testNetwork({
      people: [p('me', 'law'), p('a', 'Law'), p('b', 'law'), p('c', 'Finance'), p('d', 'tax'), p('e', 'Läw'), p('f', 'FINANCE'), p('g', 'finance')],
      interactions: [met('me', 'a', T), met('me', 'b', T), met('me', 'd', T), met('d', 'f', T), met('d', 'g', T), met('d', 'e', T)],
    });
    const r = engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['LAW', 'finance', 'law'] });
    expect(r.shares.filter((x) => (x.referenceShare ?? 0) > 0).map((x) => [x.category, x.referenceShare, x.subjectShare])).toEqual([
      ['FINANCE', 0.5, 0],
      ['Law', 0.5, 2 / 3],
    ]);
    expect(r.missing.map((g) => [g.category, g.subjectCount, g.candidates.map((c) => c.person).sort()])).toEqual([['FINANCE', 0, ['c', 'f', 'g']]]);
    expect(r.underRepresented).toEqual([]);
  });
  it('when a category is below half its reference share, then it is under-represented', () => {
    // me's ties: law 2/3, tax 1/3. Target law, tax with one more category: tax 1/3 vs 1/3 is fine;
    // against a target where tax would need 1 (only tax), law is not a target and tax 1/3 < 0.5 × 1.
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['tax'] });
    expect(r.underRepresented.map((g) => g.category)).toEqual(['tax']);
  });
  it('when the viewer does not see the only people of some categories, then those are summed in `unnamed`, not named nor gaps; the shares add up as for everyone', () => {
    // t1 (me's contact) and t2 are the only tax people, h1 the only health one: withheld from the viewer.
    const sees = (id: string) => !['t1', 't2', 'h1'].includes(id);
    const n = net();
    const all = n.engine.diversityGap({ person: 'me' }, 'industry', { asOf });
    const r = n.engine.diversityGap({ person: 'me' }, 'industry', { asOf, sees });
    expect(all.shares.map((x) => x.category)).toEqual(['law', 'it', 'tax', 'health']);
    expect(r.shares).toEqual(all.shares.filter((x) => x.category === 'law' || x.category === 'it'));
    expect(r.unnamed!.subjectCount).toBe(1);
    expect(r.unnamed!.subjectShare).toBeCloseTo(1 / 3, 14);
    expect(r.unnamed!.referenceShare).toBeCloseTo(3 / 8, 14);
    expect(r.missing.map((g) => [g.category, g.rank])).toEqual([['it', 1]]);
    expect(all.missing.map((g) => [g.category, g.rank])).toEqual([['it', 1], ['health', 2]]);
    expect(r.underRepresented).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/tax|health/);
    expect('unnamed' in all).toBe(false);
    // a target only withheld people hold is, to the viewer, a category no one holds: the 400 ...
    expect(() => n.engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['Tax', 'it'], sees })).toThrow(/^no one has industry "Tax"\. Categories of industry: it, law$/);
    // ... or, with allowAbsent, a category to recruit that no one holds, as the viewer spelled it
    const t = n.engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['Tax', 'it'], allowAbsent: true, sees });
    // equal reference shares by name in code-unit order ("Tax" before "it"), as DOMAIN.md orders names
    expect(t.shares.map((x) => [x.category, x.subjectShare])).toEqual([['Tax', 0], ['it', 0], ['law', 2 / 3]]);
    expect(t.unnamed!.subjectCount).toBe(1);
    expect(JSON.stringify(t)).not.toMatch(/"tax"|health/);
  });
  it('when the subject is a group, then its members are the subject and candidates come from outside it', () => {
    const n = net();
    n.apply({ op: 'put', kind: 'group', record: { id: 'g', name: 'g' } }, { op: 'put', kind: 'membership', record: { person: 'l1', group: 'g' } });
    const r = n.engine.diversityGap({ group: 'g' }, 'industry', { asOf });
    expect(r.subjectPeople).toBe(1);
    expect(r.missing[0]!.candidates[0]).toMatchObject({ person: 'i1', path: { people: ['l1', 'i1'] } });
  });
});

describe('diversity-gap ranking and unknown values', () => {
  // me knows a1, a2, a3 (acc), l1 (law), n1 (no industry). Network: acc 3, law 6, tax 1, n1/n2 none.
  // law is under-represented (1/4 against 6/10) with referral traffic acc↔law of 2; tax is missing
  // with none: law must come first although tax is the emptier gap.
  const net = () =>
    testNetwork({
      people: [
        p('me', 'acc'), p('a1', 'acc'), p('a2', 'acc'), p('a3', 'acc'), p('l1', 'law'), p('l2', 'law'), p('l3', 'law'), p('l4', 'law'), p('l5', 'law'), p('l6', 'law'),
        p('t1', 'tax'), { id: 'n1', name: 'n1' }, { id: 'n2', name: 'n2' },
      ],
      interactions: ['a1', 'a2', 'a3', 'l1', 'n1'].map((o) => met('me', o, T)),
      referrals: [referral('a1', 'l2', '2023-06-01'), referral('l3', 'a2', '2023-06-02')],
    });

  it('when an under-represented category has referral potential and a missing one has none, then the under-represented one ranks first', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf });
    const all = [...r.missing, ...r.underRepresented].sort((a, b) => a.rank - b.rank);
    expect(all.map((g) => [g.category, g.referralPotential, g.rank])).toEqual([['law', 2, 1], ['tax', 0, 2]]);
    expect(r.underRepresented.map((g) => g.category)).toEqual(['law']);
  });
  it('when some people have no value, then they are counted as unknown for the subject and the network', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf });
    expect(r.unknown).toEqual({ subject: 1, network: 2 });
    expect(r.subjectPeople).toBe(5);
  });
  it('when potentials tie, then the larger shortfall comes first, then the name', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['tax', 'health', 'acc'], allowAbsent: true });
    // tax and health both missing with no traffic with acc: equal shortfall 1/3, so by name.
    expect([...r.missing, ...r.underRepresented].sort((a, b) => a.rank - b.rank).map((g) => g.category)).toEqual(['health', 'tax']);
  });
});

describe('diversity-gap candidates', () => {
  it('when any network and subject are asked about, then each gap lists the n nearest eligible holders by warm path (equal costs by id), then the unreached by id, as a search of every path within the bound finds them', () => {
    const industries = ['law', 'tax', 'it', 'health', 'retail'];
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 39 }), fc.constantFrom<'met' | 'one_to_one'>('met', 'one_to_one'), fc.integer({ min: 0, max: 300 })), { minLength: 20, maxLength: 160 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (size, pairs, values, candidates, maxHops, private_, lawyersAround) => {
          const ids = Array.from({ length: size }, (_, i) => `p${i}`);
          const day = (d: number) => new Date(Date.parse('2023-01-01') + d * 86_400_000).toISOString().slice(0, 10);
          const interactions = pairs.filter(([a, b]) => a % size !== b % size).map(([a, b, kind, d]) => met(ids[a % size]!, ids[b % size]!, day(d), kind));
          // Sometimes p0 knows only lawyers: every other industry is a gap with holders all around,
          // and the search can end early once the nearest of each are found.
          const around = new Set(interactions.flatMap((i) => (i.a === 'p0' ? [i.b] : i.b === 'p0' ? [i.a] : [])));
          const people = ids.map((id, i) => ({
            id,
            name: id,
            ...(lawyersAround && around.has(id) ? { industry: 'law' } : values[i]! % 6 < 5 ? { industry: industries[values[i]! % 6]! } : {}),
          }));
          const { engine } = testNetwork({ people, interactions });
          const ctx = engine.context(asOf);
          // a viewer who does not see every fourth person, sometimes
          const sees = private_ ? (id: string) => Number(id.slice(1)) % 4 !== 3 : undefined;
          const report = diversityGap(ctx, { person: 'p0' }, 'industry', { candidates, maxHops, sees });
          const { tree } = hopBoundedSearch(ctx.csr, ctx.asOf, [ctx.csr.index.get('p0')!], maxHops);
          const exclude = new Set(['p0', ...contactsOf(ctx, 'p0')]);
          for (const g of [...report.missing, ...report.underRepresented]) {
            const holders = people.filter((p) => p.industry === g.category && !exclude.has(p.id) && (sees?.(p.id) ?? true)).map((p) => p.id);
            const costOf = (id: string) => {
              const u = ctx.csr.index.get(id);
              const l = u === undefined ? -1 : tree.best[u]!;
              return l < 0 ? undefined : tree.cost[l]!;
            };
            const reached = holders.filter((id) => costOf(id) !== undefined).sort((a, b) => costOf(a)! - costOf(b)! || compareIds(a, b));
            const unreached = holders.filter((id) => costOf(id) === undefined).sort(compareIds);
            const expected = [...reached, ...unreached].slice(0, candidates);
            expect(g.candidates.map((c) => c.person)).toEqual(expected);
            for (const c of g.candidates) {
              if (costOf(c.person) === undefined) expect(c.path).toBeNull();
              else {
                expect(c.path!.people[0]).toBe('p0');
                expect(c.path!.people.at(-1)).toBe(c.person);
                expect(c.path!.people.length - 1).toBeLessThanOrEqual(maxHops);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
