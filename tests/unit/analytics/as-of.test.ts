import { describe, expect, it } from 'vitest';
import { egoDiversity } from '../../../graph/analytics/diversity.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const person = (id: string, industry: string) => ({ id, name: id, industry });

describe('asOf', () => {
  const net = () =>
    testNetwork({
      people: [person('p', 'law'), person('a', 'tax'), person('b', 'it')],
      events: [{ id: 'e', name: 'e', at: '2024-05-01' }],
      attendance: [{ person: 'p', event: 'e' }, { person: 'b', event: 'e' }],
      interactions: [met('p', 'a', '2024-01-01', 'met'), met('p', 'a', '2024-03-01', 'one_to_one')],
      referrals: [referral('p', 'a', '2024-04-01', 'won', 10), referral('a', 'p', '2024-06-01', 'won', 20)],
    });

  it('when asOf is before a record, then that record is ignored everywhere', () => {
    const e = net().engine;
    expect(e.relationship('p', 'a', Date.parse('2024-02-01')).vcp).toMatchObject({ stage: 'visibility', evidence: { interactions: 1 } });
    expect(e.relationship('p', 'a', Date.parse('2024-03-01')).vcp!.stage).toBe('credibility');
    expect(e.relationship('p', 'a', Date.parse('2024-05-31')).vcp!.evidence.referralsGiven).toBe(1);
    expect(e.relationship('p', 'a', Date.parse('2024-06-01')).vcp!.stage).toBe('profitability');
  });
  it('when asOf is before a co-attended event, then that tie does not exist yet', () => {
    const e = net().engine;
    expect(e.relationship('p', 'b', Date.parse('2024-04-30')).tie).toBe(false);
    expect(e.relationship('p', 'b', Date.parse('2024-05-01')).tie).toBe(true);
    expect(egoDiversity(e.context(Date.parse('2024-04-30')), 'p', 'industry').richness).toBe(1);
    expect(egoDiversity(e.context(Date.parse('2024-05-01')), 'p', 'industry').richness).toBe(2);
    expect(e.personMetrics('p', { asOf: Date.parse('2024-04-30') }).visibility.degree).toBe(1);
    expect(e.personMetrics('p', { asOf: Date.parse('2024-07-01') }).visibility.degree).toBe(2);
  });
  it('when a membership starts after asOf, then the person is not a member yet', () => {
    const n = testNetwork({
      people: [person('p', 'law')],
      groups: [{ id: 'g', name: 'g' }],
      memberships: [{ person: 'p', group: 'g', since: '2024-06-01' }],
    });
    expect(n.engine.groupMetrics('g', Date.parse('2024-05-01')).members).toBe(0);
    expect(n.engine.groupMetrics('g', Date.parse('2024-06-01')).members).toBe(1);
  });
});
