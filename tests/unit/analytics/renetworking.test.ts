import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const asOf = Date.parse('2024-06-01');
const ago = (d: number) => new Date(asOf - d * DAY_MS).toISOString().slice(0, 10);

describe('renetworking', () => {
  const net = () =>
    testNetwork({
      people: people('me', 'pro', 'cred', 'vis', 'fresh', 'new'),
      interactions: [met('me', 'cred', ago(61), 'one_to_one'), met('me', 'vis', ago(100)), met('me', 'fresh', ago(5)), met('me', 'new', ago(3))],
      referrals: [referral('me', 'pro', ago(40), 'won', 2000), referral('pro', 'me', ago(31), 'passed')],
    });

  it('when ties are past their cadence, then they are queued, most valuable and overdue first, with a reason', () => {
    const r = net().engine.renetworking('me', { asOf });
    expect(r.queue.map((q) => [q.person, q.stage, q.dormant])).toEqual([
      ['pro', 'profitability', true],
      ['cred', 'credibility', true],
      ['vis', 'visibility', true],
    ]);
    expect(r.queue[0]!.reason).toBe('profitability tie, last contact 31 days ago (keep-in-touch cadence 30 days); 2 referrals exchanged worth €2,000');
  });
  it('when the reason counts and values referrals, then one is singular, values are grouped and in the configured currency', () => {
    const doc = {
      people: people('me', 'big', 'one'),
      referrals: [referral('me', 'big', ago(200), 'won', 6000), referral('big', 'me', ago(190), 'won', 4140), referral('me', 'one', ago(100), 'passed')],
    };
    const euro = testNetwork(doc).engine.renetworking('me', { asOf });
    const byPerson = (q: typeof euro) => new Map(q.queue.map((i) => [i.person, i.reason]));
    expect(byPerson(euro).get('big')).toContain('; 2 referrals exchanged worth €10,140');
    expect(byPerson(euro).get('one')).toContain('; 1 referral exchanged');
    expect(byPerson(euro).get('one')).not.toContain('worth');
    const dollars = testNetwork(doc, { currency: 'USD' }).engine.renetworking('me', { asOf });
    expect(byPerson(dollars).get('big')).toContain('worth $10,140');
  });
  it('when a tie is dormant by less than a whole day past its cadence, then the reason still reads past the cadence, never at it', () => {
    const noon = Date.parse('2024-06-01T12:00:00Z'); // every record is dated midnight: whole days + 12 h
    const r = net().engine.renetworking('me', { asOf: noon });
    const pro = r.queue.find((q) => q.person === 'pro')!;
    expect([pro.dormant, pro.daysSinceContact]).toEqual([true, 31.5]);
    expect(pro.reason).toContain('last contact 31 days ago (keep-in-touch cadence 30 days)');
    // 30.5 days after the last referral: dormant (over 30), not "30 days ago" beside a 30-day cadence.
    const late = net().engine.renetworking('me', { asOf: noon - DAY_MS });
    const p2 = late.queue.find((q) => q.person === 'pro')!;
    expect(p2.dormant).toBe(true);
    expect(p2.reason).toContain('last contact over 30 days ago (keep-in-touch cadence 30 days)');
    // the same for a credibility tie 60.5 days quiet, under a 60-day cadence
    const cred = testNetwork({ people: people('me', 'cred'), interactions: [met('me', 'cred', ago(61), 'one_to_one')] }).engine.renetworking('me', { asOf: noon - DAY_MS });
    expect(cred.queue[0]!.reason).toContain('last contact over 60 days ago (keep-in-touch cadence 60 days)');
  });
  it('when a tie is within its cadence and fresh, then it is not queued', () => {
    expect(net().engine.renetworking('me', { asOf }).queue.map((q) => q.person)).not.toContain('fresh');
  });
  it('when a tie was first seen within 14 days with no contact since, then a follow-up is due', () => {
    const r = net().engine.renetworking('me', { asOf });
    expect(r.followUps.map((f) => f.person)).toEqual(['fresh', 'new']);
  });
  it('when a limit is given, then the queue is cut', () => {
    expect(net().engine.renetworking('me', { asOf, limit: 1 }).queue).toHaveLength(1);
  });
});
