import { describe, expect, it } from 'vitest';
import { absencePoints, lightFor, pointsFor } from '../../../graph/analytics/chapter-report.js';
import { PeriodError } from '../../../graph/analytics/chapter.js';
import { DEFAULT_CONFIG } from '../../../graph/analytics/config.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);
const p = (id: string, profession?: string) => ({ id, name: id.toUpperCase(), ...(profession ? { profession } : {}) });

/**
 * Chapter g over 2024-01-01 → 2024-03-31 (90 days): a is a member throughout, b joins on 02-01
 * (a visitor at the first meeting), c leaves on 02-15, v visits on 01-10 and joins on 03-01, w
 * only visits. Meetings on 01-10, 02-10 and 03-10; one more before the period, one after.
 */
const chapter = () =>
  testNetwork({
    people: [p('a'), p('b'), p('c'), p('v'), p('w'), p('x')],
    groups: [{ id: 'g', name: 'Chapter G' }],
    memberships: [
      { person: 'a', group: 'g' },
      { person: 'b', group: 'g', since: '2024-02-01' },
      { person: 'c', group: 'g', until: '2024-02-15' },
      { person: 'v', group: 'g', since: '2024-03-01' },
    ],
    events: [
      { id: 'm0', name: 'm0', at: '2023-12-01', group: 'g' },
      { id: 'm1', name: 'm1', at: '2024-01-10', group: 'g' },
      { id: 'm2', name: 'm2', at: '2024-02-10', group: 'g' },
      { id: 'm3', name: 'm3', at: '2024-03-10', group: 'g' },
      { id: 'm4', name: 'm4', at: '2024-04-10', group: 'g' },
      { id: 'elsewhere', name: 'e', at: '2024-01-12' },
    ],
    attendance: [
      { person: 'a', event: 'm1' },
      { person: 'a', event: 'm3' },
      { person: 'a', event: 'elsewhere' },
      { person: 'b', event: 'm1' },
      { person: 'b', event: 'm2' },
      { person: 'c', event: 'm1' },
      { person: 'c', event: 'm2' },
      { person: 'v', event: 'm1' },
      { person: 'v', event: 'm3' },
      { person: 'w', event: 'm2' },
    ],
    interactions: [
      met('a', 'b', '2024-02-20', 'one_to_one'),
      met('a', 'x', '2024-01-05', 'one_to_one'),
      met('b', 'x', '2024-01-20', 'one_to_one'), // b not yet a member: not counted
      met('a', 'c', '2024-01-07', 'met'), // not a one-to-one
      met('c', 'v', '2024-03-05', 'one_to_one'), // c gone, v a member: v's, outside
    ],
    referrals: [
      referral('a', 'b', '2024-02-05', 'won', 3000),
      referral('a', 'x', '2024-01-20', 'passed'),
      referral('c', 'a', '2024-03-01', 'won', 1000), // c gone: a received it from outside
      referral('b', 'a', '2024-01-15', 'passed'), // b not yet a member: outside
      referral('x', 'v', '2024-02-20', 'passed'), // v not yet a member: nobody's
      referral('a', 'c', '2024-01-25', 'won'), // won without a value
      referral('a', 'b', '2024-04-15', 'won', 500), // after the period
    ],
  });

const period = { asOf: at('2024-06-01'), from: at('2024-01-01'), to: at('2024-03-31') };

describe('chapter report: the table', () => {
  const report = chapter().engine.chapterReport('g', period);
  const row = (id: string) => report.members.find((m) => m.person === id)!;

  it('counts the meetings the group hosted in the period', () => {
    expect(report).toMatchObject({ group: 'g', name: 'Chapter G', meetings: 3, from: '2024-01-01T00:00:00.000Z', to: '2024-03-31T00:00:00.000Z' });
  });

  it('counts presence and absence only at meetings held while a member', () => {
    expect([row('a').present, row('a').absent]).toEqual([2, 1]);
    expect([row('b').present, row('b').absent]).toEqual([1, 1]);
    expect([row('c').present, row('c').absent]).toEqual([2, 0]);
    expect([row('v').present, row('v').absent]).toEqual([1, 0]);
    expect(row('a').attendanceRate).toBeCloseTo(2 / 3, 14);
    expect(report.members.map((m) => m.person).sort()).toEqual(['a', 'b', 'c', 'v']);
  });

  it('measures weeks of membership inside the period', () => {
    expect(row('a').weeks).toBeCloseTo(90 / 7, 12);
    expect(row('b').weeks).toBeCloseTo(59 / 7, 12);
    // until 2024-02-15 counts that whole day: 1 January to the end of 15 February
    expect(row('c').weeks).toBe(46 / 7);
    expect(row('v').weeks).toBeCloseTo(30 / 7, 12);
  });

  it('splits referrals inside and outside by the counterpart membership on the referral date', () => {
    expect(row('a').referralsGiven).toEqual({ inside: 2, outside: 1 });
    expect(row('a').referralsReceived).toEqual({ inside: 0, outside: 2 });
    expect(row('b').referralsGiven).toEqual({ inside: 0, outside: 0 });
    expect(row('b').referralsReceived).toEqual({ inside: 1, outside: 0 });
    expect(row('c').referralsReceived).toEqual({ inside: 1, outside: 0 });
    expect(row('v').referralsReceived).toEqual({ inside: 0, outside: 0 });
  });

  it('counts one-to-ones inside and outside, and only while a member', () => {
    expect(row('a').oneToOnes).toEqual({ inside: 1, outside: 1 });
    expect(row('b').oneToOnes).toEqual({ inside: 1, outside: 0 });
    expect(row('c').oneToOnes).toEqual({ inside: 0, outside: 0 });
    expect(row('v').oneToOnes).toEqual({ inside: 0, outside: 1 });
  });

  it('sums closed business of won referrals, generated and received, a won referral without value counting 0', () => {
    expect(row('a').tyfcb).toEqual({ generated: 3000, received: 1000 });
    expect(row('b').tyfcb).toEqual({ generated: 0, received: 3000 });
    expect(row('c').tyfcb).toEqual({ generated: 0, received: 0 });
    expect(report.totals).toEqual({ referrals: 5, oneToOnes: 3, tyfcb: 4000 });
  });

  it('scores points per measure and a light from the total', () => {
    // a: 1 absence → 20; 3 given / (90/7) weeks = 0.23 → 5; 2 one-to-ones → 0.16 → 5; 3,000 → 20
    expect(row('a').points).toEqual({ attendance: 20, referrals: 5, oneToOnes: 5, tyfcb: 20 });
    expect([row('a').score, row('a').light]).toEqual([50, 'amber']);
    expect([row('b').score, row('b').light]).toEqual([25, 'grey']);
    expect([row('c').score, row('c').light]).toEqual([25, 'grey']);
    // v: no absence → 25; 1 one-to-one in 30/7 weeks = 0.233 (< 0.25) → 5
    expect([row('v').score, row('v').light]).toEqual([30, 'red']);
    expect(report.members.map((m) => m.person)).toEqual(['a', 'v', 'b', 'c']);
  });

  it('lists visitors with their first visit and whether they joined later', () => {
    expect(report.visitors).toEqual([
      { person: 'b', name: 'B', firstVisit: '2024-01-10T00:00:00.000Z', joined: true },
      { person: 'v', name: 'V', firstVisit: '2024-01-10T00:00:00.000Z', joined: true },
      { person: 'w', name: 'W', firstVisit: '2024-02-10T00:00:00.000Z', joined: false },
    ]);
  });

  it('compares each member with the previous period of the same length', () => {
    // before: a and c were members (no start date) and missed the 2023-12-01 meeting: 20 points
    expect(report.change).toEqual([
      { person: 'a', score: 50, previousScore: 20, previousLight: 'grey', trend: 'up' },
      { person: 'v', score: 30, previousScore: null, previousLight: null, trend: 'new' },
      { person: 'b', score: 25, previousScore: null, previousLight: null, trend: 'new' },
      { person: 'c', score: 25, previousScore: 20, previousLight: 'grey', trend: 'up' },
    ]);
  });

  it('ranks givers and takers by the balance of referrals given and received', () => {
    expect(report.giversAndTakers.map((g) => [g.person, g.balance, g.kind])).toEqual([
      ['a', 1, 'giver'],
      ['v', 0, 'balanced'],
      ['b', -1, 'taker'],
      ['c', -1, 'taker'],
    ]);
  });

  it('refuses an unknown group', () => {
    const { engine } = chapter();
    expect(() => engine.chapterReport('nope', period)).toThrow(expect.objectContaining({ name: 'UnknownIdError' }));
  });
});

describe('chapter report: a period not over at asOf', () => {
  it('when `to` is after asOf, then the figures, the weeks and the stated measured end all stop at asOf; `to` stays the period asked', () => {
    const r = chapter().engine.chapterReport('g', { asOf: at('2024-02-11'), from: at('2024-01-01'), to: at('2024-03-31') });
    expect([r.from, r.to, r.measuredTo, r.meetings]).toEqual(['2024-01-01T00:00:00.000Z', '2024-03-31T00:00:00.000Z', '2024-02-11T00:00:00.000Z', 2]);
    expect(r.members.find((m) => m.person === 'a')!.weeks).toBeCloseTo(41 / 7, 12);
  });

  it('when `to` is not after asOf, then the measured end is `to`', () => {
    expect(chapter().engine.chapterReport('g', period).measuredTo).toBe('2024-03-31T00:00:00.000Z');
  });

  it('when no meeting was held while a member, then no attendance points are given for meetings that did not happen', () => {
    // as of 01-09 no meeting of the period has been held; a: 1 one-to-one (01-05) in 8/7 weeks = 0.875 → 20 points
    const r = chapter().engine.chapterReport('g', { asOf: at('2024-01-09'), from: at('2024-01-01'), to: at('2024-03-31') });
    const a = r.members.find((m) => m.person === 'a')!;
    expect([r.meetings, a.present, a.absent, a.attendanceRate]).toEqual([0, 0, 0, null]);
    expect(a.points).toEqual({ attendance: 0, referrals: 0, oneToOnes: 20, tyfcb: 0 });
    expect([a.score, a.light]).toEqual([20, 'grey']);
  });

  it('when the period starts after asOf, then PeriodError: nothing of it has happened', () => {
    expect(() => chapter().engine.chapterReport('g', { asOf: at('2024-01-09'), from: at('2024-02-01'), to: at('2024-03-31') })).toThrow(PeriodError);
  });
});

describe('chapter report: thresholds at their boundaries', () => {
  const t = DEFAULT_CONFIG.chapter;
  it('gives the points of the highest step reached, and none for zero', () => {
    expect([1.2, 1.19999, 1, 0.75, 0.5, 0.49, 0.0001, 0].map((x) => pointsFor(x, t.referralsPerWeek))).toEqual([25, 20, 20, 15, 10, 5, 5, 0]);
    expect([1, 0.75, 0.5, 0.25, 0.2499, 0].map((x) => pointsFor(x, t.oneToOnesPerWeek))).toEqual([25, 20, 15, 10, 5, 0]);
    expect([5000, 4999.99, 2000, 1000, 999, 0].map((x) => pointsFor(x, t.tyfcbGenerated))).toEqual([25, 20, 20, 15, 10, 0]);
    expect([0, 1, 2, 3, 10].map((x) => absencePoints(x, t.absences))).toEqual([25, 20, 10, 0, 0]);
  });
  it('lights green from 70, amber from 50, red from 30, grey below', () => {
    expect([100, 70, 69.5, 50, 49, 30, 29, 0].map((s) => lightFor(s, t.lights))).toEqual(['green', 'green', 'amber', 'amber', 'red', 'red', 'grey', 'grey']);
  });
  it('takes its thresholds from the analytics settings', () => {
    const { engine } = testNetwork(
      {
        people: [p('a')], groups: [{ id: 'g', name: 'g' }], memberships: [{ person: 'a', group: 'g' }],
        events: [{ id: 'm', name: 'm', at: '2024-05-01', group: 'g' }], attendance: [{ person: 'a', event: 'm' }],
      },
      { chapter: { absences: [{ max: 0, points: 100 }] } },
    );
    const r = engine.chapterReport('g', { asOf: at('2024-06-01') });
    expect([r.members[0]!.score, r.members[0]!.light]).toEqual([100, 'green']);
  });
});
