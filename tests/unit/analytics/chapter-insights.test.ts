import { describe, expect, it } from 'vitest';
import { met, referral, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);
const p = (id: string, profession?: string) => ({ id, name: id.toUpperCase(), ...(profession ? { profession } : {}) });

describe('chapter insights: what the graph adds to the report', () => {
  // Members a, b, c, d; only a–b have met; a knows x, who knows the dentist q. Across the network lawyers and accountants trade 4
  // referrals, lawyers and plumbers 1, and a dentist sent lawyers 2.
  const net = () =>
    testNetwork({
      people: [p('a', 'lawyer'), p('b', 'accountant'), p('c', 'lawyer'), p('d', 'plumber'), p('x', 'lawyer'), p('y', 'accountant'), p('z', 'plumber'), { ...p('q', 'dentist'), email: 'q@example.org', attributes: { phone: '+1 555 0100', linkedin: 'https://www.linkedin.com/in/q' } }],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b', 'c', 'd'].map((person) => ({ person, group: 'g' })),
      interactions: [met('a', 'b', '2024-01-01'), met('a', 'x', '2024-01-01')],
      referrals: [
        referral('x', 'y', '2024-01-02'),
        referral('x', 'y', '2024-01-03'),
        referral('x', 'y', '2024-01-04'),
        referral('y', 'x', '2024-01-05'),
        referral('x', 'z', '2024-01-06'),
        referral('q', 'x', '2024-01-07'),
        referral('q', 'x', '2024-01-08'),
      ],
    });
  const report = net().engine.chapterReport('g', { asOf: at('2024-06-01') });

  it('suggests one-to-ones between members with no tie whose professions trade referrals, most first', () => {
    expect(report.oneToOnesThatWouldPay.map((x) => [x.a, x.b, x.referralPotential])).toEqual([
      ['b', 'c', 4],
      ['a', 'd', 1],
      ['c', 'd', 1],
    ]);
  });

  it('lists professions the chapter lacks as open seats, with who could fill them', () => {
    expect(report.openSeats.map((s) => [s.profession, s.referralPotential, s.candidates.map((c) => c.path.people)])).toEqual([['dentist', 2, [['a', 'x', 'q']]]]);
  });

  it('names every seat candidate with how to reach them', () => {
    expect(report.people.find((x) => x.id === 'q')).toEqual({ id: 'q', name: 'Q', email: 'q@example.org', phone: '+1 555 0100', linkedin: 'https://www.linkedin.com/in/q' });
    expect(report.people.find((x) => x.id === 'x')).toEqual({ id: 'x', name: 'X' });
  });

  it('when a profession the chapter lacks is held only by people withheld from the viewer, then it is no open seat of theirs; the others keep their place', () => {
    // the dentist q is withheld from the viewer: no one else is a dentist, so the seat is not named to them.
    const n = net();
    n.apply({ op: 'put', kind: 'person', record: p('w', 'welder') }, { op: 'put', kind: 'referral', record: referral('w', 'a', '2024-01-09') });
    const seats = (sees?: (id: string) => boolean) => n.engine.chapterReport('g', { asOf: at('2024-06-01'), sees }).openSeats.map((s) => [s.profession, s.referralPotential]);
    expect(seats()).toEqual([['dentist', 2], ['welder', 1]]);
    expect(seats((id) => id !== 'q')).toEqual([['welder', 1]]);
    expect(seats((id) => id !== 'x')).toEqual(seats());
  });

  it('finds power teams among the members’ own ties', () => {
    expect(report.powerTeams).toEqual([{ members: ['a', 'b'], professions: ['accountant', 'lawyer'] }]);
  });
});

describe('chapter report: edge cases of what the graph adds', () => {
  it('when the chapter has no members and the network no referrals, then every insight is empty', () => {
    const { engine } = testNetwork({ people: [p('a', 'lawyer')], groups: [{ id: 'g', name: 'g' }] });
    const r = engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect([r.oneToOnesThatWouldPay, r.openSeats, r.giversAndTakers, r.powerTeams, r.change]).toEqual([[], [], [], [], []]);
  });

  it('when the chapter has no members, or none with a profession, then no open seat is offered, however much the network refers', () => {
    const doc = {
      people: [p('a', 'lawyer'), p('b', 'accountant'), p('c'), p('x', 'plumber'), p('y', 'baker')],
      groups: [{ id: 'empty', name: 'Empty' }, { id: 'g', name: 'g' }],
      memberships: [{ person: 'c', group: 'g' }],
      referrals: [referral('a', 'b', '2024-01-02'), referral('x', 'y', '2024-01-03'), referral('y', 'x', '2024-01-04')],
    };
    const { engine } = testNetwork(doc);
    expect(engine.chapterReport('empty', { asOf: at('2024-06-01') }).openSeats).toEqual([]);
    expect(engine.chapterReport('g', { asOf: at('2024-06-01') }).openSeats).toEqual([]);
  });

  it('when a member holds a profession in another spelling ("Plumber" beside "plumber", "Électricien"), then it is no open seat', () => {
    const { engine } = testNetwork({
      people: [p('a', 'Plumber'), p('b', 'ELECTRICIEN'), p('x', 'plumber'), p('y', 'Électricien'), p('z', 'baker')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b'].map((person) => ({ person, group: 'g' })),
      referrals: [referral('x', 'a', '2024-01-02'), referral('y', 'b', '2024-01-03'), referral('z', 'a', '2024-01-04')],
    });
    expect(engine.chapterReport('g', { asOf: at('2024-06-01') }).openSeats.map((s) => s.profession)).toEqual(['baker']);
  });

  it('when members have no profession, or already have a tie, then no one-to-one is suggested for them', () => {
    const { engine } = testNetwork({
      people: [p('a', 'lawyer'), p('b', 'accountant'), p('c'), p('x', 'lawyer'), p('y', 'accountant')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b', 'c'].map((person) => ({ person, group: 'g' })),
      interactions: [met('a', 'b', '2024-01-01')],
      referrals: [referral('x', 'y', '2024-01-02')],
    });
    expect(engine.chapterReport('g', { asOf: at('2024-06-01') }).oneToOnesThatWouldPay).toEqual([]);
  });

  it('when some members are withheld from the viewer, then the one-to-ones that would pay are still the best 10 among the members they see', () => {
    // Plumbers and lawyers trade 5 referrals, lawyers and accountants 1: to everyone, the 8
    // pairs with the plumbers p1 and p2 come first, and leave room for only 2 others.
    const members = ['p1', 'p2', 'l1', 'l2', 'l3', 'l4', 'c1', 'c2', 'c3'];
    const { engine } = testNetwork({
      people: [p('p1', 'plumber'), p('p2', 'plumber'), p('z', 'plumber'), ...['l1', 'l2', 'l3', 'l4', 'x'].map((id) => p(id, 'lawyer')), ...['c1', 'c2', 'c3', 'y'].map((id) => p(id, 'accountant'))],
      groups: [{ id: 'g', name: 'g' }],
      memberships: members.map((person) => ({ person, group: 'g' })),
      referrals: [...['02', '03', '04', '05', '06'].map((d) => referral('x', 'z', `2024-01-${d}`)), referral('x', 'y', '2024-01-07')],
    });
    const plumber = (pair: string[]) => pair.some((m) => m.startsWith('p'));
    const pairs = (sees?: (id: string) => boolean) => engine.chapterReport('g', { asOf: at('2024-06-01'), sees }).oneToOnesThatWouldPay.map((x) => [x.a, x.b]);
    const everyone = pairs();
    expect(everyone.filter(plumber)).toHaveLength(8);
    const seen = pairs((id) => !id.startsWith('p'));
    expect(seen).toHaveLength(10);
    expect(seen.some(plumber)).toBe(false);
    expect(seen.slice(0, 2)).toEqual(everyone.filter((pair) => !plumber(pair)));
  });

  it('when some members are withheld from the viewer, then the power teams are formed among the members they see', () => {
    // Two triangles, each one member the viewer sees (v1, v2) with two withheld (z…), joined by
    // v1–v2 met once long ago; a and b work together. To everyone: three teams, two of them held
    // together by withheld members.
    const members = ['a', 'b', 'v1', 'v2', 'z1', 'z2', 'z3', 'z4'];
    const strong = (x: string, y: string) => [met(x, y, '2024-03-01', 'one_to_one'), met(x, y, '2024-05-01', 'one_to_one')];
    const { engine } = testNetwork({
      people: members.map((id) => p(id, id.startsWith('z') ? 'plumber' : 'lawyer')),
      groups: [{ id: 'g', name: 'g' }],
      memberships: members.map((person) => ({ person, group: 'g' })),
      interactions: [...strong('a', 'b'), ...strong('v1', 'z1'), ...strong('v1', 'z2'), ...strong('z1', 'z2'), ...strong('v2', 'z3'), ...strong('v2', 'z4'), ...strong('z3', 'z4'), met('v1', 'v2', '2022-01-01')],
    });
    const teams = (sees?: (id: string) => boolean) => engine.chapterReport('g', { asOf: at('2024-06-01'), sees }).powerTeams;
    expect(teams().map((t) => t.members)).toEqual([['v1', 'z1', 'z2'], ['v2', 'z3', 'z4'], ['a', 'b']]);
    // Filtered afterwards, v1 and v2 would each be a team of one; formed among the people seen, they are a team.
    expect(teams((id) => !id.startsWith('z'))).toEqual([
      { members: ['a', 'b'], professions: ['lawyer'] },
      { members: ['v1', 'v2'], professions: ['lawyer'] },
    ]);
    expect(teams((id) => id !== 'v2' && !id.startsWith('z'))).toEqual([{ members: ['a', 'b'], professions: ['lawyer'] }]);
  });

  it('when professions are named like JavaScript built-ins, then they are professions like any', () => {
    const { engine } = testNetwork({
      people: [p('a', '__proto__'), p('b', 'constructor'), p('x', '__proto__'), p('y', 'constructor')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b'].map((person) => ({ person, group: 'g' })),
      referrals: [referral('x', 'y', '2024-01-02'), referral('y', 'x', '2024-01-03')],
    });
    const r = engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect(r.oneToOnesThatWouldPay).toEqual([{ a: 'a', b: 'b', professions: [['__proto__'], ['constructor']], referralPotential: 2 }]);
  });

  it('when a member’s score fell, held or rose since the previous period of the same length, then the trend says so', () => {
    // Period 04-01 → 05-31; the previous one is the 60 days before it (02-01 → 03-31).
    // a: present at the previous meeting (25), absent now (20): down. b: absent at both (20, 20): same.
    // c: absent before (20), present now (25): up.
    const { engine } = testNetwork({
      people: [p('a'), p('b'), p('c')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: ['a', 'b', 'c'].map((person) => ({ person, group: 'g' })),
      events: [
        { id: 'before', name: 'before', at: '2024-02-15', group: 'g' },
        { id: 'now', name: 'now', at: '2024-04-15', group: 'g' },
      ],
      attendance: [{ person: 'a', event: 'before' }, { person: 'c', event: 'now' }],
    });
    const r = engine.chapterReport('g', { asOf: at('2024-06-01'), from: at('2024-04-01'), to: at('2024-05-31') });
    expect(r.change.map((c) => [c.person, c.previousScore, c.score, c.trend]).sort()).toEqual([
      ['a', 25, 20, 'down'],
      ['b', 20, 20, 'same'],
      ['c', 20, 25, 'up'],
    ]);
  });
});
