import { describe, expect, it } from 'vitest';
import { chapterReportFor } from '../../../graph/service/chapter-visibility.js';
import { met, referral, testNetwork } from '../network-fixture.js';

// Chapter g: a (organiser) and b, c (members); v visits once.
const report = () =>
  testNetwork({
    people: ['a', 'b', 'c', 'v'].map((id) => ({ id, name: id.toUpperCase(), profession: `${id}-work` })),
    groups: [{ id: 'g', name: 'G' }],
    memberships: ['a', 'b', 'c'].map((person) => ({ person, group: 'g' })),
    events: [{ id: 'm', name: 'm', at: '2024-03-01', group: 'g' }],
    attendance: ['a', 'b', 'v'].map((person) => ({ person, event: 'm' })),
    interactions: [met('a', 'b', '2024-02-01', 'one_to_one')],
    referrals: [referral('b', 'c', '2024-02-02', 'won', 100)],
  }).engine.chapterReport('g', { asOf: Date.parse('2024-06-01') });

describe('who sees how much of a chapter report', () => {
  it('gives the whole report to an admin, a key or local mode, and an organiser of the group', () => {
    const r = report();
    expect(chapterReportFor(r, undefined, new Set())).toBe(r);
    expect(chapterReportFor(r, { role: 'admin', person: 'x' }, new Set())).toBe(r);
    expect(chapterReportFor(r, { role: 'organiser', person: 'a' }, new Set(['g']))).toBe(r);
  });

  it('gives a member, or an organiser of another group, their own row and the chapter totals only', () => {
    const r = report();
    expect(r.members).toHaveLength(3);
    for (const viewer of [{ role: 'member' as const, person: 'b' }, { role: 'organiser' as const, person: 'b' }]) {
      const mine = chapterReportFor(r, viewer, new Set(['other']));
      expect(mine.members.map((m) => m.person)).toEqual(['b']);
      expect([mine.totals, mine.meetings]).toEqual([r.totals, r.meetings]);
      expect([mine.visitors, mine.oneToOnesThatWouldPay, mine.openSeats, mine.powerTeams]).toEqual([[], [], [], []]);
      expect(mine.people.map((p) => p.id)).toEqual(['b']);
      expect(mine.change.map((c) => c.person)).toEqual(['b']);
      expect(mine.withheld).toEqual(expect.arrayContaining(['members', 'visitors']));
    }
  });

  it('when a member\'s report leaves out rows of a section, then withheld names that section, every one of them', () => {
    const r = report();
    const mine = chapterReportFor(r, { role: 'member', person: 'b' }, new Set());
    const trimmed = Object.keys(r).filter((k) => k !== 'people' && k !== 'withheld' && JSON.stringify(mine[k as keyof typeof r]) !== JSON.stringify(r[k as keyof typeof r]));
    expect(trimmed).toEqual(expect.arrayContaining(['members', 'giversAndTakers', 'change']));
    expect(mine.withheld).toEqual(expect.arrayContaining(trimmed));
  });
});
