import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../../../graph/analytics/config.js';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { STAGES, stageIndexOf, vcpStage } from '../../../graph/analytics/vcp.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T0 = '2024-01-01';
const t0 = Date.parse(T0);

function stageOf(interactions: ReturnType<typeof met>[], referrals: ReturnType<typeof referral>[], asOf = t0 + DAY_MS) {
  const net = testNetwork({ people: people('a', 'b'), interactions, referrals });
  return net.engine.relationship('a', 'b', asOf);
}

describe('vcp', () => {
  it('when two people only met twice, then the tie is at visibility', () => {
    expect(stageOf([met('a', 'b', T0), met('a', 'b', T0)], []).vcp!.stage).toBe('visibility');
  });
  it('when they have exactly 3 interactions, then credibility (boundary of ≥ 3)', () => {
    const r = stageOf([met('a', 'b', T0), met('a', 'b', T0, 'call'), met('b', 'a', T0, 'message')], []);
    expect(r.vcp!.stage).toBe('credibility');
    expect(r.vcp!.evidence.interactions).toBe(3);
  });
  it('when they had one one_to_one, then credibility', () => {
    expect(stageOf([met('a', 'b', T0, 'one_to_one')], []).vcp!.stage).toBe('credibility');
  });
  it('when one referral went one way (no interaction), then credibility', () => {
    const r = stageOf([], [referral('a', 'b', T0, 'won', 100)]);
    expect(r.vcp!.stage).toBe('credibility');
    expect(r.vcp!.evidence).toMatchObject({ referralsGiven: 1, referralsReceived: 0, referralsWon: 1, referralValueGiven: 100 });
  });
  it('when referrals went both ways but none was won, then still credibility', () => {
    expect(stageOf([], [referral('a', 'b', T0, 'lost'), referral('b', 'a', T0, 'contacted')]).vcp!.stage).toBe('credibility');
  });
  it('when referrals went both ways and one was won, then profitability', () => {
    const r = stageOf([], [referral('a', 'b', T0, 'passed'), referral('b', 'a', T0, 'won', 500)]);
    expect(r.vcp!.stage).toBe('profitability');
    expect(r.vcp!.evidence.referralValueReceived).toBe(500);
  });
  it('when there is no evidence at all, then there is no tie', () => {
    const net = testNetwork({ people: people('a', 'b') });
    expect(net.engine.relationship('a', 'b', t0)).toEqual({ a: 'a', b: 'b', tie: false });
  });

  describe('dormancy at exactly each cadence', () => {
    const cases = [
      ['profitability', 30, [], [referral('a', 'b', T0, 'won'), referral('b', 'a', T0)]],
      ['credibility', 60, [met('a', 'b', T0, 'one_to_one')], []],
      ['visibility', 90, [met('a', 'b', T0)], []],
    ] as const;
    for (const [stage, days, interactions, referrals] of cases) {
      it(`when a ${stage} tie's last contact is exactly ${days} days old, then not dormant; 1 ms later, dormant`, () => {
        const at = stageOf([...interactions], [...referrals], t0 + days * DAY_MS).vcp!;
        expect(at.stage).toBe(stage);
        expect(at.cadenceDays).toBe(days);
        expect(at.daysSinceContact).toBe(days);
        expect(at.dormant).toBe(false);
        expect(stageOf([...interactions], [...referrals], t0 + days * DAY_MS + 1).vcp!.dormant).toBe(true);
      });
    }
  });

  it('when thresholds are configured, then they move the boundary', () => {
    const net = testNetwork(
      { people: people('a', 'b'), interactions: [met('a', 'b', T0), met('a', 'b', T0), met('a', 'b', T0)] },
      { credibility: { minInteractions: 4 } },
    );
    expect(net.engine.relationship('a', 'b', t0).vcp!.stage).toBe('visibility');
    expect(DEFAULT_CONFIG.credibility.minInteractions).toBe(3);
  });
});

describe('vcpStage reasons', () => {
  it('when the reason counts the evidence, then one is singular and more are plural', () => {
    const reason = (interactions: number, oneToOnes: number, given: number, received: number) => vcpStage({ interactions, oneToOnes, given, received, won: 0 }, DEFAULT_CONFIG).reason;
    expect(reason(1, 1, 0, 0)).toBe('1 one-to-one meeting');
    expect(reason(2, 2, 0, 0)).toBe('2 one-to-one meetings');
    expect(reason(0, 0, 1, 0)).toBe('1 referral exchanged');
    expect(reason(0, 0, 2, 1)).toBe('3 referrals exchanged');
    expect(reason(3, 0, 0, 0)).toBe('3 interactions');
  });
});

describe('stageIndexOf', () => {
  it('when any counts meet any thresholds, then it names the stage vcpStage gives with its reason', () => {
    const count = fc.integer({ min: 0, max: 6 });
    const threshold = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.tuple(count, count, count, count, count), fc.tuple(threshold, threshold, threshold, threshold), ([interactions, oneToOnes, given, received, won], [minWon, minOneToOnes, minReferrals, minInteractions]) => {
        const config = resolveConfig({ profitability: { minWon }, credibility: { minOneToOnes, minReferrals, minInteractions } });
        const { stage } = vcpStage({ interactions, oneToOnes, given, received, won }, config);
        expect(STAGES[stageIndexOf(interactions, oneToOnes, given, received, won, config)]).toBe(stage);
      }),
    );
  });
});
