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

  it('when events are put, moved or attended, then the live mark is where a build from the same records puts it', () => {
    const live = testNetwork({ people: people('a', 'b'), groups: [{ id: 'g', name: 'g' }], interactions: [met('a', 'b', '2024-01-01')] });
    const steps = [
      { op: 'put', kind: 'event', record: { id: 'e', name: 'e', at: '2025-01-01', group: 'g' } },
      { op: 'put', kind: 'event', record: { id: 'e', name: 'e', at: '2026-01-01', group: 'g' } },
      { op: 'put', kind: 'attendance', record: { person: 'a', event: 'e' } },
      { op: 'put', kind: 'event', record: { id: 'e', name: 'e', at: '2026-06-01', group: 'g' } },
      { op: 'put', kind: 'attendance', record: { person: 'b', event: 'e' } },
      { op: 'put', kind: 'event', record: { id: 'e', name: 'e', at: '2026-09-01', group: 'g' } },
    ] as const;
    const marks = steps.map((step) => {
      live.apply(step);
      return [live.engine.latestRecordAt, testNetwork(live.records.toDocument()).engine.latestRecordAt];
    });
    for (const [got, rebuilt] of marks) expect(got).toBe(rebuilt);
    // Only the event two people attended is a tie, dated by its day.
    expect(marks.map(([got]) => new Date(got!).toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-01-01', '2024-01-01', '2024-01-01', '2026-06-01', '2026-09-01']);
  });
});
