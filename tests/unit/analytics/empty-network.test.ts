import { describe, expect, it } from 'vitest';
import { testNetwork } from '../network-fixture.js';

describe('analytics on an empty network', () => {
  it('when there are no people, then network metrics are zeros instead of an error', () => {
    const m = testNetwork({}).engine.networkMetrics(Date.parse('2024-01-01'));
    expect(m.people).toBe(0);
    expect(m.ties).toBe(0);
    expect(m.topBrokers).toEqual([]);
  });

  it('when people exist but no ties, then betweenness is zero for everyone', () => {
    const m = testNetwork({ people: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] }).engine.networkMetrics(Date.parse('2024-01-01'));
    expect(m.people).toBe(2);
    expect(m.ties).toBe(0);
  });
});
