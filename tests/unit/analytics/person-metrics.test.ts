import { describe, expect, it } from 'vitest';
import { UnknownIdError } from '../../../graph/analytics/context.js';
import { personMetrics, withheldNames } from '../../../graph/analytics/person-metrics.js';
import { met, referral, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);

/**
 * h's ties as of 2024-06-01: a met on 05-20 (visibility), b a one-to-one on 05-01 (credibility),
 * c referrals both ways, one won, in May (profitability), d met on 2023-01-01 (visibility,
 * dormant: > 90 days). No tie among a, b, c, d. Industries: a, b tax; c law; d none.
 */
const net = () =>
  testNetwork({
    people: [
      { id: 'h', name: 'H' },
      { id: 'a', name: 'A', industry: 'tax' },
      { id: 'b', name: 'B', industry: 'tax' },
      { id: 'c', name: 'C', industry: 'law' },
      { id: 'd', name: 'D' },
      { id: 'lonely', name: 'L', industry: 'tax' },
    ],
    interactions: [met('h', 'a', '2024-05-20'), met('h', 'b', '2024-05-01', 'one_to_one'), met('h', 'd', '2023-01-01')],
    referrals: [referral('h', 'c', '2024-05-02', 'won', 100), referral('c', 'h', '2024-05-03')],
  });

describe('personMetrics', () => {
  it('when a person has ties at every stage, then their stages are counted tie by tie, dormant ones too', () => {
    const m = personMetrics(net().engine.context(at('2024-06-01')), 'h', null);
    expect(m.stages).toEqual({ visibility: 2, credibility: 1, profitability: 1, dormant: 1 });
    expect(m).toMatchObject({ person: 'h', asOf: '2024-06-01T00:00:00.000Z' });
  });

  it('when asked, then visibility (with the betweenness passed in), brokerage, reciprocity and diversity are the person’s', () => {
    const m = personMetrics(net().engine.context(at('2024-06-01')), 'h', 0.5);
    expect(m.visibility).toMatchObject({ degree: 4, betweenness: 0.5 });
    // no tie among the four contacts: nothing is redundant
    expect(m.brokerage.effectiveSize).toBe(4);
    expect(m.reciprocity).toMatchObject({ given: 1, received: 1, givenValue: 100 });
    // industry among the contacts: tax 2, law 1, one without: Blau = 1 − (2/3)² − (1/3)² = 4/9
    expect(m.diversity.industry).toMatchObject({ richness: 2, contacts: 3, missing: 1, counts: { tax: 2, law: 1 } });
    expect(m.diversity.industry!.blau!).toBeCloseTo(4 / 9, 12);
  });

  it('when dimensions are given, then diversity is computed on those only; otherwise on every dimension in the data', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    expect(Object.keys(personMetrics(ctx, 'h', null, ['industry']).diversity)).toEqual(['industry']);
    expect(Object.keys(personMetrics(ctx, 'h', null, []).diversity)).toEqual([]);
    expect(Object.keys(personMetrics(ctx, 'h', null).diversity)).toEqual(['industry', 'profession', 'location', 'company', 'title', 'group']);
  });

  it('when the viewer does not see the only holder of a category, then it is counted in `unnamed`; a category a contact they see holds keeps its name, wherever the others are', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    const { diversity } = personMetrics(ctx, 'h', null, ['industry']);
    // c (law) is withheld from the viewer, and nobody else is a lawyer; a (tax) too, but b is in tax
    expect(withheldNames(ctx, 'h', diversity, (id) => id !== 'c' && id !== 'a')).toEqual({ industry: { ...diversity.industry, counts: { tax: 2 }, unnamed: 1 } });
    // lonely, no contact of h's, is in tax: the only other holder seen is enough
    expect(withheldNames(ctx, 'h', diversity, (id) => id !== 'a' && id !== 'b').industry!.counts).toEqual({ tax: 2, law: 1 });
    expect(withheldNames(ctx, 'h', diversity, (id) => id !== 'd')).toBe(diversity);
  });

  it('when the date is before a tie, then that tie counts nowhere', () => {
    const m = personMetrics(net().engine.context(at('2024-05-10')), 'h', null);
    expect(m.stages).toEqual({ visibility: 1, credibility: 1, profitability: 1, dormant: 1 });
    expect(m.visibility.degree).toBe(3);
  });

  it('when a person has no ties, then every count is 0; an unknown person is UnknownIdError', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    const m = personMetrics(ctx, 'lonely', null, ['industry']);
    expect(m.stages).toEqual({ visibility: 0, credibility: 0, profitability: 0, dormant: 0 });
    expect(m.diversity.industry).toMatchObject({ richness: 0, contacts: 0, missing: 0, counts: {} });
    expect(() => personMetrics(ctx, '__proto__', null)).toThrow(UnknownIdError);
  });
});
