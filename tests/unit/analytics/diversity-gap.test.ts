import { describe, expect, it } from 'vitest';
import { met, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const asOf = Date.parse(T);
const p = (id: string, industry: string) => ({ id, name: id, industry });

describe('diversity-gap', () => {
  // me (law) knows l1 (law), l2 (law), t1 (tax). Network: 3 law, 2 tax, 2 it, 1 health besides me.
  // Referral traffic law↔it is 2, law↔tax 1, law↔health 0.
  const net = () =>
    testNetwork({
      people: [p('me', 'law'), p('l1', 'law'), p('l2', 'law'), p('t1', 'tax'), p('t2', 'tax'), p('i1', 'it'), p('i2', 'it'), p('h1', 'health')],
      interactions: [met('me', 'l1', T), met('me', 'l2', T), met('me', 't1', T), met('l1', 'i1', T), met('i1', 'i2', T)],
      referrals: [referral('l2', 'i2', '2023-06-01'), referral('i2', 'l2', '2023-07-01'), referral('t2', 'l1', '2023-06-01')],
    });

  it('when compared with the whole network, then missing categories are ranked by referral potential with candidates and warm paths', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf });
    expect(r.reference).toBe('network');
    expect(r.subjectPeople).toBe(3);
    expect(r.missing.map((g) => [g.category, g.referralPotential])).toEqual([['it', 2], ['health', 0]]);
    const it_ = r.missing[0]!;
    expect(it_.subjectShare).toBe(0);
    expect(it_.referenceShare).toBeCloseTo(2 / 8, 14);
    // l2–i2 exchanged referrals both ways (credibility, reciprocity bonus): a warmer route than l1–i1 (met once).
    expect(it_.candidates.map((c) => c.person)).toEqual(['i2', 'i1']);
    expect(it_.candidates[0]!.path!.people).toEqual(['me', 'l2', 'i2']);
    expect(it_.candidates[1]!.path!.people).toEqual(['me', 'l1', 'i1']);
    expect(r.missing[1]!.candidates).toEqual([{ person: 'h1', path: null }]);
  });
  it('when a target list is given, then each target has an equal share and absent targets are missing', () => {
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['law', 'tax', 'finance'] });
    expect(r.reference).toBe('target');
    expect(r.missing.map((g) => g.category)).toEqual(['finance']);
    expect(r.missing[0]!.referenceShare).toBeCloseTo(1 / 3, 14);
    expect(r.underRepresented).toEqual([]);
  });
  it('when a category is below half its reference share, then it is under-represented', () => {
    // me's ties: law 2/3, tax 1/3. Target law, tax with one more category: tax 1/3 vs 1/3 is fine;
    // against a target where tax would need 1 (only tax), law is not a target and tax 1/3 < 0.5 × 1.
    const r = net().engine.diversityGap({ person: 'me' }, 'industry', { asOf, target: ['tax'] });
    expect(r.underRepresented.map((g) => g.category)).toEqual(['tax']);
  });
  it('when the subject is a group, then its members are the subject and candidates come from outside it', () => {
    const n = net();
    n.apply({ op: 'put', kind: 'group', record: { id: 'g', name: 'g' } }, { op: 'put', kind: 'membership', record: { person: 'l1', group: 'g' } });
    const r = n.engine.diversityGap({ group: 'g' }, 'industry', { asOf });
    expect(r.subjectPeople).toBe(1);
    expect(r.missing[0]!.candidates[0]).toMatchObject({ person: 'i1', path: { people: ['l1', 'i1'] } });
  });
});
