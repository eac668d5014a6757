import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageDistribution } from '../../../graph/analytics/network-metrics.js';
import { networkReciprocity } from '../../../graph/analytics/reciprocity.js';
import { met, people, referral, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const asOf = Date.parse('2024-02-01');

describe('engine', () => {
  it('when a write changes a tie, then cached person metrics of both ends and common contacts are recomputed', () => {
    const n = testNetwork({ people: people('a', 'b', 'c', 'd'), interactions: [met('a', 'b', T), met('a', 'c', T), met('b', 'c', T)] });
    expect(n.engine.personMetrics('c', { asOf }).brokerage.effectiveSize).toBeCloseTo(2 - 2 / 2, 12);
    expect(n.engine.personMetrics('d', { asOf }).visibility.degree).toBe(0);
    n.apply({ op: 'delete', kind: 'interaction', key: [...n.records.interactionsOf.get('a')][0]! });
    // a–b went: c (common contact) is no longer constrained by a tie between its contacts
    expect(n.engine.personMetrics('c', { asOf }).brokerage.effectiveSize).toBe(2);
    expect(n.engine.personMetrics('a', { asOf }).visibility.degree).toBe(1);
  });
  it('when a tie comes or goes, then a contact of one end (not of both) gets its constraint recomputed: it weighs that end by its degree', () => {
    // c knows a and b, a knows b: c's constraint counts a → b through 1 / deg(a).
    const n = testNetwork({ people: people('a', 'b', 'c', 'x'), interactions: [met('a', 'b', T), met('a', 'c', T), met('b', 'c', T)] });
    const before = n.engine.personMetrics('c', { asOf }).brokerage.constraint;
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'x', T) });
    const fresh = testNetwork(n.records.toDocument()).engine.personMetrics('c', { asOf }).brokerage.constraint;
    expect(fresh).not.toBe(before);
    expect(n.engine.personMetrics('c', { asOf }).brokerage.constraint).toBe(fresh);
  });
  it('when someone attends an event alone, or the event moves out of the visibility window, then their cached count of recent events follows', () => {
    const n = testNetwork({ people: people('a', 'b'), events: [{ id: 'e', name: 'Breakfast', at: T }], interactions: [met('a', 'b', T)] });
    const events = () => n.engine.personMetrics('a', { asOf }).visibility.events;
    expect(events()).toBe(0);
    n.apply({ op: 'put', kind: 'attendance', record: { person: 'a', event: 'e' } });
    expect(events()).toBe(1);
    n.apply({ op: 'put', kind: 'event', record: { id: 'e', name: 'Breakfast', at: '2020-01-01' } });
    expect(events()).toBe(0);
    n.apply({ op: 'put', kind: 'event', record: { id: 'e', name: 'Breakfast', at: T } });
    expect(events()).toBe(1);
    n.apply({ op: 'delete', kind: 'attendance', key: JSON.stringify(['a', 'e']) });
    expect(events()).toBe(0);
  });
  it('when a person changes industry, then their contacts\' cached diversity follows', () => {
    const n = testNetwork({ people: [{ id: 'a', name: 'a', industry: 'law' }, { id: 'b', name: 'b', industry: 'law' }], interactions: [met('a', 'b', T)] });
    expect(n.engine.personMetrics('a', { asOf, dimension: 'industry' }).diversity.industry!.counts).toEqual({ law: 1 });
    n.apply({ op: 'put', kind: 'person', record: { id: 'b', name: 'b', industry: 'tax' } });
    expect(n.engine.personMetrics('a', { asOf, dimension: 'industry' }).diversity.industry!.counts).toEqual({ tax: 1 });
  });
  it.each([
    ['sliced on the main thread', 0],
    ['on two worker threads', 2],
  ])('when the graph is large, then betweenness is computed in the background (%s) and served with its asOf, stale after a write', async (_how, threads) => {
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const n = testNetwork(
      { people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) },
      { betweenness: { exactMaxPeople: 5, samples: 100 }, backgroundThreads: threads },
    );
    const first = n.engine.personMetrics('p1', { asOf });
    expect(first.betweennessInfo.status).toBe('computing');
    expect(first.visibility.betweenness).toBeNull();
    await n.engine.idle();
    const fresh = n.engine.personMetrics('p1', { asOf });
    expect(fresh.betweennessInfo).toMatchObject({ status: 'fresh', exact: false, asOf: new Date(asOf).toISOString(), threads });
    // every node sampled: p1 on the 10 pairs (p0, p2..p11) → 10 · 2/(11 · 10)
    expect(fresh.visibility.betweenness).toBeCloseTo(20 / 110, 12);
    n.apply({ op: 'put', kind: 'interaction', record: met('p0', 'p11', T) });
    const stale = n.engine.personMetrics('p1', { asOf });
    expect(stale.betweennessInfo.status).toBe('stale');
    expect(stale.visibility.betweenness).toBeCloseTo(20 / 110, 12);
    await n.engine.idle();
    expect(n.engine.personMetrics('p1', { asOf }).betweennessInfo.status).toBe('fresh');
  });
  it.each([
    ['on the main thread', 0],
    ['on a worker thread', 1],
  ])('when writes arrive on a large graph, then network metrics stay exact incrementally and communities are served stale with their asOf, run %s', async (_how, threads) => {
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const n = testNetwork(
      { people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) },
      { betweenness: { exactMaxPeople: 5 }, backgroundThreads: threads },
    );
    const later = Date.parse('2024-03-20');
    // The first run too goes off the request path: the first answer says it is under way.
    const cold = n.engine.networkMetrics(later);
    expect(cold.communitiesInfo).toEqual({ status: 'computing', asOf: null, computedAt: null });
    expect(cold.communities).toEqual({ count: 0, modularity: 0, sizes: [] });
    await n.engine.idle();
    const first = n.engine.networkMetrics(later);
    expect(first.communitiesInfo.status).toBe('fresh');
    expect(first.communities.sizes.reduce((a, b) => a + b, 0)).toBe(10);
    n.apply(
      { op: 'put', kind: 'referral', record: referral('p0', 'p5', '2024-03-01', 'won', 10, 'x1') },
      { op: 'put', kind: 'referral', record: referral('p5', 'p0', '2024-03-02', 'passed', 4, 'x2') },
      { op: 'put', kind: 'interaction', record: met('p2', 'p3', '2024-03-03', 'one_to_one') },
      { op: 'delete', kind: 'interaction', key: [...n.records.interactionsOf.get('p8')][0]! },
    );
    const m = n.engine.networkMetrics(later);
    const ctx = n.engine.context(later);
    expect(m.stages).toEqual(stageDistribution(ctx));
    expect(m.reciprocity).toEqual(networkReciprocity(ctx));
    expect(m.stages.profitability).toBe(1);
    expect(m.communitiesInfo.status).toBe('stale');
    await n.engine.idle();
    const rerun = n.engine.networkMetrics(later);
    expect(rerun.communitiesInfo.status).toBe('fresh');
    // the rerun partitions the graph rebuilt from the snapshot: every person in exactly one community
    expect(rerun.communities.sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(rerun.communities.modularity).toBeGreaterThan(0);
  });
  it('when a write changes no tie (a title, one more interaction on an existing tie), then live betweenness is not recomputed; a new tie or a new person recomputes it', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', T)] });
    const first = n.engine.betweenness(n.engine.context(asOf)).value!;
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'a', title: 'Partner' } });
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'b', '2024-01-10', 'one_to_one') });
    expect(n.engine.betweenness(n.engine.context(asOf)).value).toBe(first);
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', '2024-01-11') });
    const triangle = n.engine.betweenness(n.engine.context(asOf)).value!;
    expect(triangle).not.toBe(first);
    expect(n.engine.personMetrics('b', { asOf }).visibility.betweenness).toBe(0);
    n.apply({ op: 'put', kind: 'person', record: { id: 'd', name: 'd' } });
    expect(n.engine.betweenness(n.engine.context(asOf)).value).not.toBe(triangle);
  });
  it('when exact betweenness is too much work for the request path, then it is recomputed exactly in the background and served stale meanwhile', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const n = testNetwork(
      { people: people(...ids), interactions: ids.slice(1).map((id, i) => met(ids[i]!, id, T)) },
      { betweenness: { syncMaxWork: 10 } },
    );
    expect(n.engine.personMetrics('p1', { asOf }).betweennessInfo.status).toBe('computing');
    await n.engine.idle();
    const fresh = n.engine.personMetrics('p1', { asOf });
    expect(fresh.betweennessInfo).toMatchObject({ status: 'fresh', exact: true });
    // a path of 8: p1 lies on the 6 pairs (p0, p2..p7) → 6 · 2/(7 · 6)
    expect(fresh.visibility.betweenness).toBeCloseTo(12 / 42, 12);
    n.apply({ op: 'put', kind: 'interaction', record: met('p0', 'p7', T) });
    expect(n.engine.personMetrics('p1', { asOf }).betweennessInfo.status).toBe('stale');
    await n.engine.idle();
    expect(n.engine.personMetrics('p1', { asOf }).betweennessInfo).toMatchObject({ status: 'fresh', exact: true });
  });
  it('when the stage counter is filled by the first live snapshot build, then the live stage distribution equals the one counted over the snapshot, before and after writes', () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.constantFrom('met', 'one_to_one', 'ref', 'won'), fc.integer({ min: 0, max: 400 })), { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 500 }),
        (drawn, pastFirst, later) => {
          const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'constructor'];
          const day = (d: number) => new Date(Date.parse('2024-01-01') + d * DAY).toISOString();
          const ties = drawn.filter(([x, y]) => x !== y);
          const n = testNetwork({
            people: people(...ids),
            interactions: ties.filter(([, , k]) => k === 'met' || k === 'one_to_one').map(([x, y, k, d]) => met(ids[x]!, ids[y]!, day(d), k as 'met' | 'one_to_one')),
            referrals: ties.filter(([, , k]) => k === 'ref' || k === 'won').map(([x, y, k, d]) => referral(ids[x]!, ids[y]!, day(d), k === 'won' ? 'won' : 'passed')),
          });
          const at = Date.parse('2024-01-01') + (400 + later) * DAY;
          // a dated snapshot first builds no live one: the counter is then filled tie by tie
          if (pastFirst) n.engine.networkMetrics(Date.parse('2024-01-01') + 200 * DAY);
          expect(n.engine.networkMetrics(at).stages).toEqual(stageDistribution(n.engine.context(at)));
          n.apply({ op: 'put', kind: 'interaction', record: met('p0', 'p1', day(401), 'one_to_one') });
          expect(n.engine.networkMetrics(at).stages).toEqual(stageDistribution(n.engine.context(at)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
