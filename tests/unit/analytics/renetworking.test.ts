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
    expect(r.queue[0]!.reason).toMatch(/profitability tie, last contact 31 days ago \(keep-in-touch cadence 30 days\); 2 referral\(s\) exchanged worth 2000/);
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
