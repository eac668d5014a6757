import fc from 'fast-check';
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
  it("when referrals of any dates run among members, former members and outsiders, then the counts are those of the referrals dated by asOf between the group's members then", () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
    const ref = fc
      .record({ from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), at: day, value: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }) })
      .filter((r) => r.from !== r.to);
    const membership = fc
      .record({ person: fc.constantFrom(...ids), since: fc.option(day, { nil: undefined }), until: fc.option(day, { nil: undefined }) })
      .map((m) => (m.since && m.until && m.until < m.since ? { ...m, since: m.until, until: m.since } : m));
    fc.assert(
      fc.property(fc.uniqueArray(membership, { selector: (m) => m.person }), fc.array(ref, { maxLength: 12 }), day, (memberships, refs, asOfDay) => {
        const n = testNetwork({
          people: ids.map((id) => ({ id, name: id })),
          groups: [{ id: 'g', name: 'g' }],
          memberships: memberships.map((m) => ({ group: 'g', person: m.person, ...(m.since && { since: m.since }), ...(m.until && { until: m.until }) })),
          referrals: refs.map((r) => referral(r.from, r.to, r.at, 'passed', r.value)),
        });
        const asOf = Date.parse(asOfDay);
        const member = new Set(memberships.filter((m) => (!m.since || Date.parse(m.since) <= asOf) && (!m.until || Date.parse(m.until) >= asOf)).map((m) => m.person));
        const want = { inside: 0, outsideGiven: 0, outsideReceived: 0, insideValue: 0 };
        for (const r of refs.filter((x) => Date.parse(x.at) <= asOf)) {
          if (member.has(r.from) && member.has(r.to)) {
            want.inside++;
            want.insideValue += r.value ?? 0;
          } else if (member.has(r.from)) want.outsideGiven++;
          else if (member.has(r.to)) want.outsideReceived++;
        }
        expect(n.engine.groupMetrics('g', asOf).referrals).toMatchObject(want);
      }),
      { numRuns: 200 },
    );
  });
  it('when a tie was first made at a group event, then later referrals along it are the return on attendance', () => {
    const m = net().engine.groupMetrics('g', Date.parse('2024-06-01'));
    // At e: a–c already existed (referral on 01-05), a–b met at "other" first; only b–c is new at e.
    expect(m.returnOnAttendance).toMatchObject({ events: 1, tiesMade: 1, referrals: 1, won: 1, wonValue: 10 });
  });
  it('when a slip or a follow-up is dated (no time) the day of a meeting held at 07:00, then it counts as after the meeting: a calendar date is its whole day', () => {
    // b and c meet at g's 07:00 meeting; b passes c a slip dated that day. b and d had a call at
    // 06:00 that morning (before the meeting: not made there); e and f had a follow-up dated the
    // day before (the whole day is before it).
    const m = testNetwork({
      people: ['b', 'c', 'd', 'e', 'f'].map((id) => p(id, id, id)),
      groups: [{ id: 'g', name: 'g' }],
      events: [{ id: 'e1', name: 'e1', at: '2026-03-05T07:00:00Z', group: 'g' }],
      attendance: ['b', 'c', 'd', 'e', 'f'].map((person) => ({ person, event: 'e1' })),
      interactions: [met('b', 'd', '2026-03-05T06:00:00Z', 'call'), met('e', 'f', '2026-03-04', 'follow_up')],
      referrals: [referral('b', 'c', '2026-03-05', 'won', 120), referral('d', 'b', '2026-03-05', 'passed'), referral('f', 'e', '2026-03-05', 'passed')],
    }).engine.groupMetrics('g', Date.parse('2026-06-01'));
    // ties made: every pair of the five but b–d and e–f (10 − 2); the one slip along a made tie is b→c
    expect(m.returnOnAttendance).toMatchObject({ events: 1, tiesMade: 8, referrals: 1, won: 1, wonValue: 120 });
  });
  it("when a tie's only other contacts are dated (no time) the day of two timed meetings, then the earlier meeting made it, once", () => {
    const m = testNetwork({
      people: ['a', 'b'].map((id) => p(id, id, id)),
      groups: [{ id: 'g', name: 'g' }],
      events: [{ id: 'late', name: 'late', at: '2026-03-05T18:00:00Z', group: 'g' }, { id: 'early', name: 'early', at: '2026-03-05T07:00:00Z', group: 'g' }],
      attendance: ['late', 'early'].flatMap((event) => ['a', 'b'].map((person) => ({ person, event }))),
      interactions: [met('a', 'b', '2026-03-05', 'one_to_one')],
      referrals: [referral('a', 'b', '2026-03-05', 'won', 7)],
    }).engine.groupMetrics('g', Date.parse('2026-06-01'));
    expect(m.returnOnAttendance.byEvent.map((e) => [e.event, e.tiesMade, e.referrals])).toEqual([['early', 1, 1], ['late', 0, 0]]);
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
