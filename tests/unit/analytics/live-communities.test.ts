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

  it.each([
    ['the live graph', undefined],
    ['a past date', '2024-02-01'],
  ])('when the graph is large, then Louvain never runs on the request path for %s: the answer is `computing` until the background run is done, then fresh', async (_what, date) => {
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const pairs = ids.slice(1).map((id, i) => met(ids[i]!, id, i < 6 ? T : '2024-06-01'));
    const n = testNetwork({ people: people(...ids), interactions: pairs }, { betweenness: { exactMaxPeople: 5 }, backgroundThreads: 1 });
    const asOf = date === undefined ? Date.parse('2025-01-01') : Date.parse(date);
    const cold = n.engine.communities(n.engine.context(asOf));
    expect(cold).toEqual({ value: undefined, info: { status: 'computing', asOf: null, computedAt: null } });
    expect(n.engine.communities(n.engine.context(asOf)).info.status).toBe('computing');
    await n.engine.idle();
    const done = n.engine.communities(n.engine.context(asOf));
    expect(done.info).toMatchObject({ status: 'fresh', asOf: new Date(asOf).toISOString() });
    // Everyone in exactly one community; at the past date p7..p11 had no tie yet, so each is alone.
    expect(done.value!.membership.size).toBe(12);
    expect(done.value!.sizes.reduce((a, b) => a + b, 0)).toBe(12);
    const alone = ['p7', 'p8', 'p9', 'p10', 'p11'].map((id) => done.value!.membership.get(id));
    if (date !== undefined) expect(new Set(alone).size).toBe(5);
    expect(n.engine.communities(n.engine.context(asOf)).value).toBe(done.value);
  });
});
