import { describe, expect, it } from 'vitest';
import { met, referral, testNetwork } from '../network-fixture.js';

const p = (id: string, profession: string, industry: string) => ({ id, name: id, profession, industry });

describe('group-metrics', () => {
  // Members a, b, c (a and b both lawyers); x outside. Event e hosted by g on 2024-01-10, attended by a, c.
  const net = () =>
    testNetwork({
      people: [p('a', 'lawyer', 'law'), p('b', 'lawyer', 'law'), p('c', 'accountant', 'finance'), p('x', 'plumber', 'trades')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'a', group: 'g' }, { person: 'b', group: 'g' }, { person: 'c', group: 'g' }],
      events: [{ id: 'e', name: 'e', at: '2024-01-10', group: 'g' }, { id: 'other', name: 'o', at: '2024-01-01' }],
      attendance: [{ person: 'a', event: 'e' }, { person: 'c', event: 'e' }, { person: 'a', event: 'other' }, { person: 'b', event: 'other' }, { person: 'b', event: 'e' }],
      interactions: [met('a', 'x', '2023-12-01')],
      referrals: [
        referral('a', 'c', '2024-02-01', 'won', 300),
        referral('c', 'a', '2024-03-01', 'passed'),
        referral('c', 'a', '2024-01-05', 'won', 50), // before the event: not "return on attendance"... but it makes a–c's first contact earlier
        referral('a', 'x', '2024-02-01', 'passed'),
        referral('x', 'b', '2024-02-01', 'passed'),
        referral('b', 'c', '2024-02-01', 'won', 10),
      ],
    });

  it('when members share a profession, then it is flagged as an overlap and Herfindahl is Σ share²', () => {
    const m = net().engine.groupMetrics('g', Date.parse('2024-06-01'));
    expect(m.members).toBe(3);
    const prof = m.coverage.find((c) => c.dimension === 'profession')!;
    expect(prof.overlaps).toEqual([{ category: 'lawyer', members: ['a', 'b'] }]);
    expect(prof.herfindahl).toBeCloseTo((2 / 3) ** 2 + (1 / 3) ** 2, 14);
  });
  it('when referrals flow, then inside, outside given and received, and reciprocity inside are counted', () => {
    const m = net().engine.groupMetrics('g', Date.parse('2024-06-01'));
    expect(m.referrals).toMatchObject({ inside: 4, outsideGiven: 1, outsideReceived: 1, insideValue: 360 });
    expect(m.referrals.insideShare).toBeCloseTo(4 / 6, 14);
    // arcs a→c, c→a, b→c among 3 members: r = 2/3, ā = 3/6
    expect(m.referrals.reciprocityInside.arcs).toBe(3);
    expect(m.referrals.reciprocityInside.edge!).toBeCloseTo(2 / 3, 14);
    expect(m.referrals.reciprocityInside.rho!).toBeCloseTo((2 / 3 - 0.5) / 0.5, 14);
  });
  it('when a tie was first made at a group event, then later referrals along it are the return on attendance', () => {
    const m = net().engine.groupMetrics('g', Date.parse('2024-06-01'));
    // At e: a–c already existed (referral on 01-05), a–b met at "other" first; only b–c is new at e.
    expect(m.returnOnAttendance).toMatchObject({ events: 1, tiesMade: 1, referrals: 1, won: 1, wonValue: 10 });
  });
  it('when asOf is before the group event, then it does not count', () => {
    expect(net().engine.groupMetrics('g', Date.parse('2024-01-09')).returnOnAttendance.events).toBe(0);
  });
  it('when the viewer does not see every member, then the coverage is among the members they see and the counts keep everyone', () => {
    // Members a, b (lawyers), c, d, e (accountants), f (no value); the viewer sees a, c and f only.
    const { engine } = testNetwork({
      people: [p('a', 'lawyer', 'law'), p('b', 'lawyer', 'law'), p('c', 'accountant', 'finance'), p('d', 'accountant', 'finance'), p('e', 'accountant', 'finance'), { id: 'f', name: 'f' }],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b', 'c', 'd', 'e', 'f'].map((person) => ({ person, group: 'g' })),
      referrals: [referral('b', 'd', '2024-02-01')],
    });
    const asOf = Date.parse('2024-06-01');
    const everyone = engine.groupMetrics('g', asOf);
    expect(everyone.coverage[0]!.overlaps).toEqual([
      { category: 'accountant', members: ['c', 'd', 'e'] },
      { category: 'lawyer', members: ['a', 'b'] },
    ]);
    const seen = engine.groupMetrics('g', asOf, { sees: (id) => ['a', 'c', 'f'].includes(id) });
    const prof = seen.coverage.find((c) => c.dimension === 'profession')!;
    // Each category one member the viewer sees: no overlap, not one of a single member.
    expect(prof).toEqual({ dimension: 'profession', categories: { lawyer: ['a'], accountant: ['c'] }, overlaps: [], missing: ['f'], herfindahl: 0.5 });
    expect(seen.coverage.find((c) => c.dimension === 'industry')!.herfindahl).toBe(0.5);
    expect(engine.groupMetrics('g', asOf, { sees: (id) => id === 'f' }).coverage[0]).toEqual({ dimension: 'profession', categories: {}, overlaps: [], missing: ['f'], herfindahl: null });
    // The counts keep everyone (docs/SECURITY.md, "Counts still count them").
    expect(seen.members).toBe(6);
    expect(seen.referrals).toEqual(everyone.referrals);
  });
  it('rejects bad input: an unknown group', () => {
    expect(() => net().engine.groupMetrics('nope')).toThrow(/unknown group/);
  });
});
