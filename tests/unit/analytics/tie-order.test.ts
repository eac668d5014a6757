import { describe, expect, it } from 'vitest';
import { rankGaps } from '../../../graph/analytics/gap-ranking.js';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { protectTable } from '../../../graph/privacy/small-cells.js';
import { closestMatches } from '../../../graph/service/text-match.js';
import { thisWeek } from '../../../graph/service/this-week.js';
import { compareIds } from '../../../graph/support/id-order.js';
import { met, referral, testNetwork } from '../network-fixture.js';

/**
 * Every documented tie-break by id or name is UTF-16 code-unit order (docs/ANALYTICS.md, DOMAIN.md),
 * never a locale collation. These ids and names sort differently in the two: a locale puts "_x"
 * first and interleaves cases ("aq" < "Bq", "alpha" < "Beta", "Lâw" beside "law"); code units put
 * every uppercase letter before "_", "_" before every lowercase letter, and "â" after "z".
 */
const IDS = ['aq', 'Bq', '_x', 'âb', 'Zz', 'zz'];
const CODE_UNIT = ['Bq', 'Zz', '_x', 'aq', 'zz', 'âb'];

const asOf = Date.parse('2026-12-01');
const ago = (d: number) => new Date(asOf - d * DAY_MS).toISOString().slice(0, 10);

describe('tie order: UTF-16 code units, whatever the locale', () => {
  it('when the fixture is sorted, then code-unit order differs from the locale collation (so each test below tells them apart)', () => {
    expect([...IDS].sort(compareIds)).toEqual(CODE_UNIT);
    expect([...IDS].sort(compareIds)).toEqual([...IDS].sort());
    expect([...IDS].sort(new Intl.Collator('en').compare)).not.toEqual(CODE_UNIT);
  });

  it('when re-networking scores are equal, then the queue is by id in code-unit order', () => {
    const r = testNetwork({ people: [{ id: 'me', name: 'Me' }, ...IDS.map((id) => ({ id, name: id }))], interactions: IDS.map((id) => met('me', id, ago(100))) }).engine.renetworking('me', { asOf });
    expect(new Set(r.queue.map((q) => q.score)).size).toBe(1);
    expect(r.queue.map((q) => q.person)).toEqual(CODE_UNIT);
  });

  it('when follow-ups are equally old, then they are by id in code-unit order', () => {
    const r = testNetwork({ people: [{ id: 'me', name: 'Me' }, ...IDS.map((id) => ({ id, name: id }))], interactions: IDS.map((id) => met('me', id, ago(3))) }).engine.renetworking('me', { asOf });
    expect(r.followUps.map((f) => f.person)).toEqual(CODE_UNIT);
  });

  it('when introductions score the same, then they are by the two ids in code-unit order', () => {
    // me met one lawyer "_x" and several accountants the same way: every pair law–tax scores the same.
    const tax = ['aq', 'Bq', 'âb', 'zz', 'Zz'];
    const r = testNetwork({
      people: [{ id: 'me', name: 'Me' }, { id: '_x', name: '_x', industry: 'law' }, ...tax.map((id) => ({ id, name: id, industry: 'tax' })), { id: 'l2', name: 'l2', industry: 'law' }, { id: 't2', name: 't2', industry: 'tax' }],
      interactions: ['_x', ...tax].map((id) => met('me', id, ago(10))),
      referrals: [referral('l2', 't2', ago(20))],
    }).engine.introductions('me', { asOf });
    const pairs = r.introductions.map((i) => [i.a, i.b]);
    expect(pairs).toHaveLength(5);
    expect(new Set(r.introductions.map((i) => i.score)).size).toBe(1);
    expect(pairs).toEqual([...pairs].sort((x, y) => compareIds(x[0]!, y[0]!) || compareIds(x[1]!, y[1]!)));
    expect(pairs.map((p) => p.find((id) => id !== '_x'))).toEqual(['Bq', 'Zz', 'aq', 'zz', 'âb']);
  });

  it('when gaps tie on potential and shortfall, then they are by name in code-unit order', () => {
    const names = ['alpha', 'Beta', '_x', 'Lâw', 'law', 'Law', 'rotary', 'Rotary'];
    const ranked = rankGaps(names.map((category) => ({ category, referralPotential: 3, referenceShare: 0.25, subjectShare: 0, rank: 0 })));
    expect(ranked.map((g) => g.category)).toEqual(['Beta', 'Law', 'Lâw', 'Rotary', '_x', 'alpha', 'law', 'rotary']);
  });

  it('when a diversity gap report has shares, gaps and candidates that tie, then each is in code-unit order', () => {
    // s knows t; t knows x (alpha) and y (Beta) the same way: equal shares, potentials, shortfalls and path costs.
    const r = testNetwork({
      people: [
        { id: 's', name: 'Subject', industry: 'Tech' },
        { id: 't', name: 'Tee', industry: 'Tech' },
        { id: 'x', name: 'Ex', industry: 'alpha' },
        { id: 'y', name: 'Why', industry: 'Beta' },
        ...['cb', 'Cb', '_c'].map((id) => ({ id, name: id, industry: 'Beta' })),
        ...['cb', 'Cb', '_c'].map((id) => ({ id: `${id}2`, name: id, industry: 'alpha' })),
      ],
      interactions: [met('s', 't', ago(30)), met('t', 'x', ago(30)), met('t', 'y', ago(30))],
    }).engine.diversityGap({ person: 's' }, 'industry', { asOf });
    const gaps = [...r.missing, ...r.underRepresented].sort((a, b) => a.rank - b.rank);
    expect(gaps.map((g) => g.category)).toEqual(['Beta', 'alpha']);
    expect(r.shares.filter((s) => s.category !== 'Tech').map((s) => s.category)).toEqual(['Beta', 'alpha']);
    // the reached holder first, then the unreachable ones by id in code units
    expect(gaps[0]!.candidates.map((c) => c.person)).toEqual(['y', 'Cb', '_c']);
    expect(gaps[1]!.candidates.map((c) => c.person)).toEqual(['x', 'Cb2', '_c2']);
  });

  it('when group overlaps have the same size, then they are by category in code-unit order', () => {
    const cats = ['law', 'Law', '_x', 'alpha', 'Beta'];
    const members = cats.flatMap((c, i) => [`m${i}a`, `m${i}b`].map((id) => ({ id, name: id, profession: c })));
    const m = testNetwork({
      people: members,
      groups: [{ id: 'g', name: 'g' }],
      memberships: members.map((p) => ({ person: p.id, group: 'g' })),
    }).engine.groupMetrics('g', asOf);
    const prof = m.coverage.find((c) => c.dimension === 'profession')!;
    expect(prof.overlaps.map((o) => o.category)).toEqual(['Beta', 'Law', '_x', 'alpha', 'law']);
  });

  it('when events fall at the same time, then the group\'s return on attendance lists them by id in code-unit order', () => {
    const events = ['eb', 'Eb', '_e'];
    const m = testNetwork({
      people: [{ id: 'a', name: 'a' }],
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'a', group: 'g' }],
      events: events.map((id) => ({ id, name: id, at: ago(10), group: 'g' })),
      attendance: events.map((event) => ({ person: 'a', event })),
    }).engine.groupMetrics('g', asOf);
    expect(m.returnOnAttendance.byEvent.map((e) => e.event)).toEqual(['Eb', '_e', 'eb']);
  });

  it('when the home page ties, then follow-ups, owed and slips are by id in code-unit order', () => {
    const ids = ['aq', 'Bq', '_x'];
    const week = thisWeek(
      testNetwork({
        people: [{ id: 'me', name: 'Me' }, ...ids.map((id) => ({ id, name: id })), ...ids.map((id) => ({ id: `o${id}`, name: id }))],
        events: [{ id: 'ev', name: 'ev', at: ago(3) }],
        attendance: ['me', ...ids].map((person) => ({ person, event: 'ev' })),
        referrals: [
          ...ids.map((id) => referral(`o${id}`, 'me', ago(40), 'won', 100, `w${id}`)),
          ...ids.map((id) => referral('me', id, ago(20), 'passed', undefined, `s${id}`)),
        ],
      }).engine,
      'me',
      { asOf },
    );
    expect(week.followUps.map((r) => r.person.id)).toEqual(['Bq', '_x', 'aq']);
    expect(week.owed.map((r) => r.person.id)).toEqual(['oBq', 'o_x', 'oaq']);
    expect(week.slips.map((r) => r.referral)).toEqual(['sBq', 's_x', 'saq']);
  });

  it('when chapter members score the same, then they are by name, then id, in code-unit order', () => {
    const members = [
      { id: 'm1', name: 'alpha' },
      { id: 'm2', name: 'Beta' },
      { id: 'm3', name: '_x' },
      { id: 'm5', name: 'Ärla' },
      { id: 'm4', name: 'Zed' },
      { id: 'M6', name: 'Zed' },
    ];
    const r = testNetwork({ people: members, groups: [{ id: 'g', name: 'g' }], memberships: members.map((p) => ({ person: p.id, group: 'g', since: '2026-01-01' })) }).engine.chapterReport('g', { asOf });
    expect(new Set(r.members.map((m) => m.score)).size).toBe(1);
    expect(r.members.map((m) => m.person)).toEqual(['m2', 'M6', 'm4', 'm3', 'm1', 'm5']);
  });

  it('when suggestions are equally close, then they are in code-unit order', () => {
    expect(closestMatches('lav', ['law', 'Law', 'lâw'])).toEqual(['Law', 'law', 'lâw']);
  });

  it('when small-cell suppression keeps cells of equal size, then they are listed by name in code-unit order', () => {
    expect([...protectTable({ law: 5, Law: 5, _x: 5, alpha: 5 }, 3).cells.keys()]).toEqual(['Law', '_x', 'alpha', 'law']);
  });
});
