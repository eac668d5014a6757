import { describe, expect, it } from 'vitest';
import { met, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const p = (id: string, industry: string) => ({ id, name: id, industry });

describe('introductions', () => {
  // me knows lawyer L, accountant A, dentist D. Across the network law↔tax traded 2 referrals, law↔health none.
  const net = () =>
    testNetwork({
      people: [p('me', 'it'), p('L', 'law'), p('A', 'tax'), p('D', 'health'), p('l2', 'law'), p('a2', 'tax')],
      interactions: [met('me', 'L', T), met('me', 'A', T), met('me', 'D', T)],
      referrals: [referral('l2', 'a2', T), referral('a2', 'l2', T)],
    });

  it('when two contacts are untied and their categories trade referrals, then the pair is suggested with the traffic and a reason', () => {
    const r = net().engine.introductions('me', { asOf: Date.parse(T) });
    expect(r.introductions).toHaveLength(1);
    expect(r.introductions[0]).toMatchObject({ a: 'A', b: 'L', referralTraffic: 2 });
    expect(r.introductions[0]!.reason).toMatch(/no tie yet/);
  });
  it('when the two contacts already know each other, then no suggestion', () => {
    const n = net();
    n.apply({ op: 'put', kind: 'interaction', record: met('L', 'A', T) });
    expect(n.engine.introductions('me', { asOf: Date.parse(T) }).introductions).toEqual([]);
  });
});
