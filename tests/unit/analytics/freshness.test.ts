import { describe, expect, it } from 'vitest';
import { isLive, recordsKey } from '../../../graph/analytics/freshness.js';
import { met, people, testNetwork } from '../network-fixture.js';

describe('freshness', () => {
  const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', '2024-01-01'), met('b', 'c', '2024-03-01')] });
  const highWater = n.engine.projection.highWater;

  it('when asOf is at or after the latest record, then the context is live and every such instant shares one key', () => {
    const at = n.engine.context(highWater);
    const later = n.engine.context(highWater + 86_400_000);
    expect([isLive(at), isLive(later)]).toEqual([true, true]);
    expect(recordsKey(later)).toBe(recordsKey(at));
    expect(recordsKey(at)).toBe(`${n.engine.projection.version}:live`);
  });

  it('when asOf is before the latest record, then each instant has its own key', () => {
    const before = n.engine.context(Date.parse('2024-02-01'));
    const earlier = n.engine.context(Date.parse('2024-01-15'));
    expect(isLive(before)).toBe(false);
    expect(recordsKey(before)).not.toBe(recordsKey(earlier));
  });

  it('when a record is written, then the version in the key moves and old entries can no longer be hit', () => {
    const before = recordsKey(n.engine.context(highWater));
    n.apply({ op: 'put', kind: 'person', record: { id: 'd', name: 'd' } });
    expect(recordsKey(n.engine.context(highWater))).not.toBe(before);
  });
});
