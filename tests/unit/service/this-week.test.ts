import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieAt, UnknownIdError } from '../../../graph/analytics/context.js';
import { vcp } from '../../../graph/analytics/vcp.js';
import { introRowKey, parseRowKey, rowKey, rowKeyNaming, rowKeyProblem, thisWeek } from '../../../graph/service/this-week.js';
import type { NetworkDocumentInput } from '../../../graph/schema.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const asOf = Date.parse('2024-06-30T12:00:00Z');

/**
 * me met ann and bob at a breakfast 5 days ago and has talked to bob since; cat only at an event
 * 121 days ago; dan at a one-to-one half a year ago; eve gave me a won referral and got none back;
 * fay and I exchanged open slips. gus (Law) → hal (Finance) makes Law–Finance traffic, so dan
 * (Law) and eve (Finance), untied, are an introduction to make.
 */
function network(dismissals: NetworkDocumentInput['dismissals'] = []) {
  return testNetwork({
    people: [
      { id: 'me', name: 'Me' },
      { id: 'ann', name: 'Ann Archer', email: 'ann@example.org', attributes: { phone: '+44 20 7946 0000', linkedin: 'https://www.linkedin.com/in/ann-archer' } },
      { id: 'bob', name: 'Bob' },
      { id: 'cat', name: 'Cat' },
      { id: 'dan', name: 'Dan', industry: 'Law' },
      { id: 'eve', name: 'Eve', industry: 'Finance' },
      { id: 'fay', name: 'Fay' },
      { id: 'gus', name: 'Gus', industry: 'Law' },
      { id: 'hal', name: 'Hal', industry: 'Finance' },
    ],
    events: [
      { id: 'e1', name: 'June breakfast', at: '2024-06-25' },
      { id: 'e0', name: 'March mixer', at: '2024-03-01' },
    ],
    attendance: [
      { person: 'me', event: 'e1' }, { person: 'ann', event: 'e1' }, { person: 'bob', event: 'e1' },
      { person: 'me', event: 'e0' }, { person: 'cat', event: 'e0' },
    ],
    interactions: [met('me', 'bob', '2024-06-27', 'call'), met('me', 'dan', '2024-01-01', 'one_to_one')],
    referrals: [
      referral('eve', 'me', '2024-06-01', 'won', 5660, 'r-eve'),
      referral('fay', 'me', '2024-06-10', 'passed', undefined, 'r-fay-in'),
      referral('me', 'fay', '2024-06-15', 'contacted', 1200, 'r-fay-out'),
      referral('gus', 'hal', '2024-03-01', 'won', 100, 'r-gh'),
    ],
    dismissals,
  });
}

describe('this week', () => {
  it('when nothing is dismissed, then each section holds the hand-computed rows', () => {
    const week = thisWeek(network().engine, 'me', { asOf });
    expect(week.followUps.map((r) => [r.key, r.daysSince, r.event.id])).toEqual([[rowKey('followUp', 'ann', 'e1'), 5, 'e1']]);
    expect(week.followUps[0]!.person).toEqual({
      id: 'ann', name: 'Ann Archer', email: 'ann@example.org', phone: '+44 20 7946 0000', linkedin: 'https://www.linkedin.com/in/ann-archer',
    });
    // dan: credibility, 181 days / cadence 60 → score 2 × 181.5/60; cat: visibility, 121 days / cadence 90 → 1 × 121.5/90
    expect(week.dormant.map((r) => [r.key, r.stage, r.daysSinceContact])).toEqual([
      ['dormant:dan', 'credibility', 181],
      ['dormant:cat', 'visibility', 121],
    ]);
    expect(week.dormant[0]!.score).toBeCloseTo((2 * 181.5) / 60, 6);
    expect(week.dormant[1]!.score).toBeCloseTo(121.5 / 90, 6);
    expect(week.dormant[0]!.reason).toContain('last contact 181 days ago');
    expect(week.owed.map((r) => [r.key, r.referralsReceived, r.valueReceived])).toEqual([['owed:eve', 1, 5660]]);
    expect(week.introductions.map((r) => [r.key, r.person.id, r.other.id, r.referralTraffic])).toEqual([['intro:dan:eve', 'dan', 'eve', 1]]);
    expect(week.slips.map((r) => [r.key, r.direction, r.status, r.ageDays, r.person.id])).toEqual([
      ['slip:r-fay-in', 'received', 'passed', 20, 'fay'],
      ['slip:r-fay-out', 'given', 'contacted', 15, 'fay'],
    ]);
    // now: ann, bob, cat visible; dan (one-to-one), eve, fay (referrals) credible. 90 days earlier: cat (March) and dan.
    expect(week.funnel.now).toEqual({ visibility: 3, credibility: 3, profitability: 0 });
    expect(week.funnel.before).toEqual({ visibility: 1, credibility: 1, profitability: 0 });
    expect(week.funnel.change).toEqual({ visibility: 2, credibility: 2, profitability: 0 });
    expect(week.hidden).toEqual([]);
  });

  it('when a row was dismissed after asOf, then the week as of asOf still shows it and lists nothing hidden', () => {
    const week = thisWeek(
      network([
        { id: 'd1', person: 'me', row: 'dormant:cat', kind: 'snoozed', until: '2024-07-05', at: '2024-06-30T12:00:01Z' },
        { id: 'd2', person: 'me', row: 'owed:eve', kind: 'not_relevant', at: '2024-07-01' },
        // dismissed exactly at asOf: hidden from that instant on
        { id: 'd3', person: 'me', row: 'slip:r-fay-out', kind: 'not_relevant', at: '2024-06-30T12:00:00Z' },
      ]).engine,
      'me',
      { asOf },
    );
    expect(week.dormant.map((r) => r.key)).toContain('dormant:cat');
    expect(week.owed.map((r) => r.key)).toEqual(['owed:eve']);
    expect(week.slips.map((r) => r.key)).toEqual(['slip:r-fay-in']);
    expect(week.hidden.map((r) => r.key)).toEqual(['slip:r-fay-out']);
  });

  it('when rows are snoozed or not relevant, then they leave their section and are listed as hidden; an expired snooze hides nothing', () => {
    const week = thisWeek(
      network([
        { id: 'd1', person: 'me', row: 'dormant:cat', kind: 'snoozed', until: '2024-07-05', at: '2024-06-29' },
        { id: 'd2', person: 'me', row: 'owed:eve', kind: 'not_relevant', at: '2024-06-29' },
        { id: 'd3', person: 'me', row: rowKey('followUp', 'ann', 'e1'), kind: 'snoozed', until: '2024-06-30T11:00:00Z', at: '2024-06-29' },
        { id: 'd4', person: 'dan', row: 'intro:dan:eve', kind: 'not_relevant', at: '2024-06-29' },
        { id: 'd5', person: 'me', row: 'slip:r-fay-out', kind: 'not_relevant', at: '2024-06-29' },
      ]).engine,
      'me',
      { asOf },
    );
    expect(week.dormant.map((r) => r.key)).toEqual(['dormant:dan']);
    expect(week.owed).toEqual([]);
    expect(week.followUps.map((r) => r.key)).toEqual(['followUp:ann:e1']);
    expect(week.introductions.map((r) => r.key)).toEqual(['intro:dan:eve']);
    expect(week.slips.map((r) => r.key)).toEqual(['slip:r-fay-in']);
    // A slip's row key holds its referral: the row is about the other end of it.
    expect(week.hidden).toEqual([
      { key: 'dormant:cat', kind: 'snoozed', until: '2024-07-05', about: ['Cat'] },
      { key: 'owed:eve', kind: 'not_relevant', about: ['Eve'] },
      { key: 'slip:r-fay-out', kind: 'not_relevant', about: ['Fay'] },
    ]);
  });

  it('when an interaction follows the event, then the follow-up is gone; an interaction before it does not count', () => {
    const net = network();
    net.apply({ op: 'put', kind: 'interaction', record: met('me', 'ann', '2024-06-20', 'message', 'before') });
    expect(thisWeek(net.engine, 'me', { asOf }).followUps.map((r) => r.person.id)).toEqual(['ann']);
    net.apply({ op: 'put', kind: 'interaction', record: met('ann', 'me', '2024-06-25', 'follow_up', 'same-day') });
    expect(thisWeek(net.engine, 'me', { asOf }).followUps).toEqual([]);
  });

  it('when a follow-up is dated with the day of an event held at a time of that day, then it follows the event (a calendar date counts its whole day)', () => {
    const net = network();
    net.apply({ op: 'put', kind: 'event', record: { id: 'e2', name: 'Early breakfast', at: '2024-06-30T07:00:00Z' } });
    for (const p of ['me', 'ann', 'bob', 'cat']) net.apply({ op: 'put', kind: 'attendance', record: { person: p, event: 'e2' } });
    const rows = () => thisWeek(net.engine, 'me', { asOf }).followUps.map((r) => [r.person.id, r.event.id]);
    expect(rows()).toEqual([['ann', 'e2'], ['bob', 'e2'], ['cat', 'e2']]);
    // a form's date (no time) on the event's day: followed up; a date-time before the event, or the day before: not
    net.apply({ op: 'put', kind: 'interaction', record: met('me', 'ann', '2024-06-30', 'follow_up') });
    net.apply({ op: 'put', kind: 'interaction', record: met('me', 'bob', '2024-06-30T06:59:59Z', 'call') });
    net.apply({ op: 'put', kind: 'interaction', record: met('me', 'cat', '2024-06-29', 'message') });
    expect(rows()).toEqual([['bob', 'e2'], ['cat', 'e2']]);
    // the other way round: an event dated by its day, a timed interaction early that day follows it
    net.apply({ op: 'put', kind: 'event', record: { id: 'e2', name: 'Early breakfast', at: '2024-06-30' } });
    expect(rows()).toEqual([['cat', 'e2']]);
  });

  it('when the person is unknown, then UnknownIdError', () => {
    expect(() => thisWeek(network().engine, 'nobody', { asOf })).toThrow(UnknownIdError);
  });

  it('when the week writes its rows, then each key is one the row rule takes for the person; the rule refuses what the week never writes', () => {
    const { engine } = network();
    const week = thisWeek(engine, 'me', { asOf });
    const keys = [...week.followUps, ...week.dormant, ...week.owed, ...week.introductions, ...week.slips].map((r) => r.key);
    expect(new Set(keys.map((k) => k.split(':')[0]))).toEqual(new Set(['followUp', 'dormant', 'owed', 'intro', 'slip']));
    const records = engine.context(asOf).records;
    const endsOf = (id: string) => records.get('referral', id);
    for (const key of keys) expect(rowKeyProblem('me', key, endsOf), key).toBeUndefined();
    expect(introRowKey('eve', 'dan')).toBe(introRowKey('dan', 'eve'));
    expect(introRowKey('b:c', 'a')).toBe(rowKey('intro', 'a', 'b:c'));
    for (const key of ['dormant:me', 'owed:me', 'followUp:me:e1', 'intro:me:dan', 'intro:dan:dan', 'intro:eve:dan', 'slip:r-gh', 'owed:%65ve']) {
      expect(rowKeyProblem('me', key, endsOf), key).toBeDefined();
    }
    // Whether the row is in a week now is the week's to say: a row about anyone else, any event, may be hidden ahead.
    for (const key of ['dormant:hal', 'owed:gus', 'followUp:cat:e1', 'intro:gus:hal', 'slip:r-fay-in', 'slip:no-such-slip']) {
      expect(rowKeyProblem('me', key, endsOf), key).toBeUndefined();
    }
  });

  it('when a person is merged into another, then a row key naming them is rebuilt by the builders: encoded, the pair in id order, events and referrals never read as people', () => {
    const [from, to] = ['p:125', 'a b'];
    expect(rowKeyNaming(rowKey('dormant', from), from, to)).toBe(rowKey('dormant', to));
    expect(rowKeyNaming(rowKey('owed', from), from, to)).toBe('owed:a%20b');
    expect(rowKeyNaming(rowKey('followUp', from, from), from, to)).toBe(rowKey('followUp', to, from)); // the second id is an event's
    expect(rowKeyNaming(introRowKey('c', from), from, to)).toBe(introRowKey('a b', 'c'));
    expect(rowKeyNaming(introRowKey('c', from), from, to)).toBe(rowKey('intro', 'a b', 'c'));
    expect(rowKeyNaming(introRowKey(to, from), from, to)).toBe(rowKey('intro', to, to)); // an introduction to themselves: the row rule refuses it
    for (const key of [rowKey('slip', from), rowKey('dormant', 'p'), 'dormant:p%3A1250', 'not a key', 'dormant:p:125']) expect(rowKeyNaming(key, from, to), key).toBe(key);
  });

  it('when ids hold separators, then row keys stay unambiguous and parse back', () => {
    const key = rowKey('intro', 'a:b', 'c');
    expect(key).not.toBe(rowKey('intro', 'a', 'b:c'));
    expect(parseRowKey(key)).toEqual({ section: 'intro', ids: ['a:b', 'c'] });
    expect(parseRowKey('nonsense:x')).toBeUndefined();
    expect(parseRowKey('slip:%E0%A4%A')).toBeUndefined();
  });
});

describe('the funnel', () => {
  it('when ties come and change at any dates, then the funnel then counts the stages of the ties that existed then, as a network as of then has them', () => {
    const ids = ['me', 'a', 'b', 'c'];
    const date = fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.parse('2024-01-01') + d * 86_400_000).toISOString().slice(0, 10));
    const other = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(other, date, fc.constantFrom<'met' | 'one_to_one' | 'call'>('met', 'one_to_one', 'call')), { maxLength: 8 }),
        fc.array(fc.tuple(other, date, fc.boolean()), { maxLength: 4 }),
        fc.integer({ min: 10, max: 120 }),
        (meetings, slips, funnelDays) => {
          const n = testNetwork({
            people: ids.map((id) => ({ id, name: id })),
            interactions: meetings.map(([x, at, kind]) => met('me', x, at, kind)),
            referrals: slips.map(([x, at, given]) => (given ? referral('me', x, at, 'won', 10) : referral(x, 'me', at, 'passed'))),
          });
          const now = Date.parse('2024-07-30T12:00:00Z');
          const week = thisWeek(n.engine, 'me', { asOf: now, funnelDays });
          const then = n.engine.context(now - funnelDays * 86_400_000);
          const want = { visibility: 0, credibility: 0, profitability: 0 };
          for (const x of ['a', 'b', 'c']) {
            const f = tieAt(then, 'me', x);
            if (f) want[vcp(f, then.asOf, then.config).stage]++;
          }
          expect(week.funnel.before).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });
});
