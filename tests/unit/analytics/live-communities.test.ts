import { describe, expect, it } from 'vitest';
import { met, people, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';

describe('live communities', () => {
  it('when the graph is small, then communities are computed per version, fresh, and a write gives a new run', () => {
    const n = testNetwork({ people: people('a', 'b', 'c', 'd'), interactions: [met('a', 'b', T), met('c', 'd', T)] });
    const ctx = n.engine.context(Date.parse('2024-02-01'));
    const first = n.engine.communities(ctx);
    expect(first.info.status).toBe('fresh');
    expect(first.info).not.toHaveProperty('exact');
    expect(first.value!.count).toBe(2);
    expect(n.engine.communities(n.engine.context(Date.parse('2024-02-01'))).value).toBe(first.value);
    n.apply({ op: 'put', kind: 'interaction', record: met('b', 'c', T) });
    const after = n.engine.communities(n.engine.context(Date.parse('2024-02-01')));
    expect(after.value).not.toBe(first.value);
    expect(after.value!.membership.size).toBe(4);
  });

  it('when a past date is asked, then its communities are those of the ties it had', () => {
    const n = testNetwork({ people: people('a', 'b', 'c', 'd'), interactions: [met('a', 'b', T), met('c', 'd', T), met('b', 'c', '2024-06-01')] });
    const past = n.engine.communities(n.engine.context(Date.parse('2024-02-01')));
    expect(past.info).toMatchObject({ status: 'fresh', asOf: new Date('2024-02-01').toISOString() });
    expect(past.value!.membership.get('a')).toBe(past.value!.membership.get('b'));
    expect(past.value!.membership.get('a')).not.toBe(past.value!.membership.get('c'));
  });
});
