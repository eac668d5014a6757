import { describe, expect, it } from 'vitest';
import { tieStages } from '../../../graph/analytics/tie-stages.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';
import { compareIds } from '../../../graph/support/id-order.js';

const at = (d: string) => Date.parse(d);
const sorted = (ts: ReturnType<typeof tieStages>) => ts.map((t) => ({ ...t, pair: [t.a, t.b].sort().join('–') })).sort((x, y) => compareIds(x.pair, y.pair)).map(({ pair, stage, dormant }) => ({ pair, stage, dormant }));

/** a–b met on 01-01 (visibility), a–c had a one-to-one on 03-01 (credibility), b–c traded won referrals both ways in April (profitability). */
const net = () =>
  testNetwork({
    people: people('a', 'b', 'c', 'lonely'),
    interactions: [met('a', 'b', '2024-01-01'), met('a', 'c', '2024-03-01', 'one_to_one')],
    referrals: [referral('b', 'c', '2024-04-01', 'won'), referral('c', 'b', '2024-04-02', 'passed')],
  });

describe('tieStages', () => {
  it('when every tie exists, then each has its stage, and is dormant past its stage’s cadence', () => {
    // 2024-04-15: a–b last met 105 days before (> 90): dormant; a–c 45 days (≤ 60); b–c 13 days (≤ 30)
    expect(sorted(tieStages(net().engine.context(at('2024-04-15'))))).toEqual([
      { pair: 'a–b', stage: 'visibility', dormant: true },
      { pair: 'a–c', stage: 'credibility', dormant: false },
      { pair: 'b–c', stage: 'profitability', dormant: false },
    ]);
  });

  it('when asOf is before a tie’s evidence, then the tie is left out, and its stage is the one it had then', () => {
    expect(sorted(tieStages(net().engine.context(at('2024-02-01'))))).toEqual([{ pair: 'a–b', stage: 'visibility', dormant: false }]);
    // 04-01: b→c only so far: one referral exchanged is credibility
    expect(sorted(tieStages(net().engine.context(at('2024-04-01')))).find((t) => t.pair === 'b–c')).toEqual({ pair: 'b–c', stage: 'credibility', dormant: false });
  });

  it('when there are no ties, then there are no stages', () => {
    expect(tieStages(testNetwork({ people: people('a', '__proto__') }).engine.context(at('2024-01-01')))).toEqual([]);
  });
});
