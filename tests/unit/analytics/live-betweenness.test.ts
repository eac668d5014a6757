import { describe, expect, it } from 'vitest';
import { met, people, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const past = Date.parse('2024-02-01');

describe('live betweenness', () => {
  it('when a past date is asked twice, then the same pass answers, fresh, until a write makes a new version', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', T), met('a', 'c', '2024-06-01')] });
    const first = n.engine.betweenness(n.engine.context(past));
    expect(first.info).toMatchObject({ status: 'fresh', exact: true, asOf: new Date(past).toISOString() });
    // as of February the path a–b–c goes through b: 1 pair of 1 over (n−1)(n−2)/2 = 1
    expect(first.value!.values[first.value!.csr.index.get('b')!]).toBeCloseTo(1, 12);
    expect(n.engine.betweenness(n.engine.context(past)).value).toBe(first.value);
    n.apply({ op: 'put', kind: 'person', record: { id: 'd', name: 'd' } });
    expect(n.engine.betweenness(n.engine.context(past)).value).not.toBe(first.value);
  });

  it('when a write changes no tie on the live graph, then the live pass is kept (it depends on the topology only)', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', T)] });
    const live = Date.parse('2024-03-01');
    const first = n.engine.betweenness(n.engine.context(live)).value;
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'A. Renamed' } });
    expect(n.engine.betweenness(n.engine.context(live)).value).toBe(first);
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', T) });
    expect(n.engine.betweenness(n.engine.context(live)).value).not.toBe(first);
  });
});
