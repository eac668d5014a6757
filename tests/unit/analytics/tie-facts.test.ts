import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieFacts, tieSummary } from '../../../graph/analytics/tie-facts.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);

/** a and b: two meetings and a one-to-one, referrals both ways (one won with a value), a shared event. */
const net = () =>
  testNetwork({
    people: people('a', 'b', 'c'),
    interactions: [met('a', 'b', '2024-01-10', 'met', 'i1'), met('b', 'a', '2024-02-10', 'one_to_one', 'i2'), met('a', 'b', '2024-05-01', 'met', 'i3')],
    referrals: [referral('a', 'b', '2024-03-01', 'won', 500, 'r1'), referral('a', 'b', '2024-03-05', 'passed', undefined, 'r2'), referral('b', 'a', '2024-04-01', 'lost', 80, 'r3')],
    events: [{ id: 'e1', name: 'e1', at: '2023-12-01' }, { id: 'e2', name: 'e2', at: '2024-06-01' }],
    attendance: [{ person: 'a', event: 'e1' }, { person: 'b', event: 'e1' }, { person: 'a', event: 'e2' }, { person: 'b', event: 'e2' }],
  });

describe('tieFacts', () => {
  it('when every record is dated before asOf, then counts, directions, values, events and first/last contact are all resolved', () => {
    const n = net();
    const e = n.engine.projection.evidence('a', 'b')!;
    expect(tieFacts(n.records, e, 'a', 'b', at('2025-01-01'))).toEqual({
      a: 'a',
      b: 'b',
      interactions: 3,
      byKind: { met: 2, one_to_one: 1 },
      oneToOnes: 1,
      aToB: { count: 2, won: 1, value: 500, ids: ['r1', 'r2'] },
      bToA: { count: 1, won: 0, value: 80, ids: ['r3'] },
      events: ['e1', 'e2'],
      first: at('2023-12-01'),
      last: at('2024-06-01'),
      // the first contact, e1, is dated 2023-12-01 (no time): surely held by the end of that day
      firstBy: at('2023-12-02') - 1,
    });
  });

  it('when seen from the other end, then the directions swap', () => {
    const n = net();
    const f = tieFacts(n.records, n.engine.projection.evidence('a', 'b')!, 'b', 'a', at('2025-01-01'))!;
    expect([f.aToB.count, f.bToA.count, f.aToB.value]).toEqual([1, 2, 80]);
  });

  it('when asOf cuts the history, then later records are ignored; a record exactly at asOf counts', () => {
    const n = net();
    const f = tieFacts(n.records, n.engine.projection.evidence('a', 'b')!, 'a', 'b', at('2024-03-01'))!;
    expect([f.interactions, f.aToB.count, f.bToA.count, f.events, f.last]).toEqual([2, 1, 0, ['e1'], at('2024-03-01')]);
  });

  it('when nothing is dated by asOf, or the evidence names no record, then there was no tie', () => {
    const n = net();
    expect(tieFacts(n.records, n.engine.projection.evidence('a', 'b')!, 'a', 'b', at('2023-01-01'))).toBeUndefined();
    expect(tieFacts(n.records, { interactions: ['nope'], referrals: ['__proto__'] }, 'a', 'b', Infinity)).toBeUndefined();
  });
});

describe('tieSummary', () => {
  it('when asked for the same tie at any date, then it agrees with tieFacts on every count and date', () => {
    const n = net();
    const e = n.engine.projection.evidence('a', 'b')!;
    fc.assert(
      fc.property(fc.integer({ min: at('2023-11-01'), max: at('2024-07-01') }), fc.constantFrom<['a', 'b'] | ['b', 'a']>(['a', 'b'], ['b', 'a']), (asOf, [x, y]) => {
        const f = tieFacts(n.records, e, x, y, asOf);
        const s = tieSummary(n.records, e, x, asOf);
        if (!f) expect(s).toBeUndefined();
        else expect(s).toEqual({ interactions: f.interactions, oneToOnes: f.oneToOnes, aToB: f.aToB.count, bToA: f.bToA.count, won: f.aToB.won + f.bToA.won, first: f.first, last: f.last });
      }),
      { numRuns: 200 },
    );
  });

  it('when given a summary to write into, then it writes the same counts and dates there (and answers undefined, leaving it, when no evidence is dated by then)', () => {
    const n = net();
    const e = n.engine.projection.evidence('a', 'b')!;
    const into = { interactions: -1, oneToOnes: -1, aToB: -1, bToA: -1, won: -1, first: -1, last: -1 };
    fc.assert(
      fc.property(fc.integer({ min: at('2023-11-01'), max: at('2024-07-01') }), fc.constantFrom('a', 'b'), (asOf, x) => {
        const fresh = tieSummary(n.records, e, x, asOf);
        const before = { ...into };
        const written = tieSummary(n.records, e, x, asOf, into);
        if (!fresh) {
          expect(written).toBeUndefined();
          expect(into).toEqual(before);
        } else {
          expect(written).toBe(into);
          expect(into).toEqual(fresh);
        }
      }),
      { numRuns: 200 },
    );
  });
});
