import { describe, expect, it } from 'vitest';
import { brokerage } from '../../../graph/analytics/brokerage.js';
import { met, people, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';

describe('brokerage', () => {
  // u knows a, b, c; a and b know each other.
  const net = () =>
    testNetwork({ people: people('u', 'a', 'b', 'c', 'z'), interactions: [met('u', 'a', T), met('u', 'b', T), met('u', 'c', T), met('a', 'b', T)] });

  it('when 3 contacts share 1 tie, then effective size = 3 − 2·1/3', () => {
    expect(brokerage(net().engine.context(Date.parse(T)), 'u').effectiveSize).toBeCloseTo(3 - 2 / 3, 14);
  });
  it('when a–b are tied, then constraint = 2·(1/3 + 1/3·1/2)² + (1/3)²', () => {
    expect(brokerage(net().engine.context(Date.parse(T)), 'u').constraint).toBeCloseTo(2 * 0.25 + 1 / 9, 14);
  });
  it('when a contact has one tie only, then constraint 1 and effective size 1', () => {
    expect(brokerage(net().engine.context(Date.parse(T)), 'c')).toEqual({ effectiveSize: 1, constraint: 1 });
  });
  it('when a person has no ties, then both are null (networkx: NaN)', () => {
    expect(brokerage(net().engine.context(Date.parse(T)), 'z')).toEqual({ effectiveSize: null, constraint: null });
  });
  it('rejects bad input: an unknown person', () => {
    expect(() => brokerage(net().engine.context(Date.parse(T)), 'nobody')).toThrow(/unknown person/);
  });
});
