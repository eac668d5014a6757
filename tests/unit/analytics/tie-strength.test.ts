import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../../../graph/analytics/config.js';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { costOfTerms } from '../../../graph/analytics/tie-strength.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T0 = '2024-01-01';
const t0 = Date.parse(T0);

describe('tie-strength', () => {
  it('when the last contact is exactly one half-life old and there is no bonus, then s = base / 2', () => {
    const net = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T0)] }, { strength: { tenureBonus: 0 } });
    const s = net.engine.relationship('a', 'b', t0 + 180 * DAY_MS).strength!;
    expect(s.components.base).toBe(0.3);
    expect(s.components.recency).toBeCloseTo(0.5, 12);
    expect(s.strength).toBeCloseTo(0.15, 12);
    expect(s.cost).toBeCloseTo(-Math.log(0.15), 12);
  });
  it('when the contact is fresh, then recency is 1 and s is the stage base', () => {
    const net = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T0, 'one_to_one')] });
    const s = net.engine.relationship('a', 'b', t0).strength!;
    expect(s.components).toMatchObject({ stage: 'credibility', base: 0.6, recency: 1, tenureBonus: 0, reciprocityBonus: 0 });
    expect(s.strength).toBe(0.6);
  });
  it('when the tie has tenure and reciprocated referrals, then both bonuses apply and s is capped at 1', () => {
    const net = testNetwork({
      people: people('a', 'b'),
      interactions: [met('a', 'b', '2022-01-01')],
      referrals: [referral('a', 'b', '2023-12-31', 'won'), referral('b', 'a', T0, 'won')],
    });
    const s = net.engine.relationship('a', 'b', t0).strength!;
    expect(s.components.tenureBonus).toBe(0.1); // 730 days of tenure: the full bonus
    expect(s.components.reciprocityBonus).toBe(0.1);
    expect(s.strength).toBe(1);
    expect(s.cost).toBe(-0);
  });
  it('when the half-life is configured, then decay follows it', () => {
    const net = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T0)] }, { strength: { halfLifeDays: 30, tenureBonus: 0 } });
    expect(net.engine.relationship('a', 'b', t0 + 60 * DAY_MS).strength!.components.recency).toBeCloseTo(0.25, 12);
  });
  it('when tenure is half the full period, then the tenure bonus is half', () => {
    const net = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T0)] });
    const s = net.engine.relationship('a', 'b', t0 + 365 * DAY_MS).strength!;
    expect(s.components.tenureBonus).toBeCloseTo(0.05, 12);
    expect(s.strength).toBeCloseTo(0.3 * Math.pow(2, -365 / 180) * 1.05, 12);
  });

  it('when a tie’s cost floor is taken at an instant, then no cost at that instant or later is below it, and it is the cost itself once the tenure bonus is full', () => {
    const day = (d: number) => t0 + d * DAY_MS;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: -400, max: 1_500 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.boolean(),
        (term, first, afterFirst, from, later, noBonus) => {
          const weight = costOfTerms(noBonus ? resolveConfig({ strength: { tenureBonus: 0 } }) : DEFAULT_CONFIG);
          const f = weight.floor(term, day(first), day(first + afterFirst), day(from));
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(weight.cost(term, day(first), day(first + afterFirst), day(from + later)) + 1e-12);
          if (from - first >= DEFAULT_CONFIG.strength.tenureFullDays) expect(f).toBeCloseTo(weight.cost(term, day(first), day(first + afterFirst), day(from)), 12);
        },
      ),
      { numRuns: 500 },
    );
  });
});
