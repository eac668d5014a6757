import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../graph/projection/csr.js';
import { DAY_MS } from '../../../graph/analytics/time.js';
import { met, people, testNetwork } from '../network-fixture.js';
import { NetworkProjection } from '../../../graph/projection/network-projection.js';
import { SnapshotKeeper } from '../../../graph/projection/snapshot-keeper.js';
import { idList } from '../../../graph/projection/tie-evidence.js';
import { tieWeighting } from '../../../graph/analytics/relationship.js';
import { DEFAULT_CONFIG } from '../../../graph/analytics/config.js';

const T = '2024-01-01';
const t = Date.parse(T);

function neighbours(csr: ReturnType<typeof buildCsr>, id: string): string[] {
  const u = csr.index.get(id)!;
  return Array.from(csr.targets.subarray(csr.start[u], csr.start[u]! + csr.deg[u]!), (v) => csr.ids[v]!).sort();
}

describe('snapshot-keeper', () => {
  it('when writes arrive after the first read, then the next read patches in place without a rebuild', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T, 'met', 'i1')] });
    const k = n.engine.keeper;
    const first = k.at(t);
    expect(k.builds).toBe(1);
    n.apply({ op: 'put', kind: 'person', record: { id: 'd', name: 'd' } });
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', T, 'met', 'i2') });
    n.apply({ op: 'put', kind: 'interaction', record: met('d', 'a', T, 'met', 'i3') });
    n.apply({ op: 'delete', kind: 'interaction', key: 'i1' });
    const second = k.at(t);
    expect(second).toBe(first);
    expect(k.builds).toBe(1);
    expect(neighbours(second, 'a')).toEqual(['c', 'd']);
    expect(neighbours(second, 'b')).toEqual([]);
    expect(second.ties).toBe(2);
  });
  it('when a tie changes stage, then its cost is rewritten in both directions', () => {
    const n = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T)] });
    const csr = n.engine.keeper.at(t);
    expect(csr.cost(csr.slotOf(0, 1), t)).toBeCloseTo(-Math.log(0.3), 12);
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'b', T, 'one_to_one') });
    n.engine.keeper.at(t);
    expect(csr.cost(csr.slotOf(0, 1), t)).toBeCloseTo(-Math.log(0.6), 12);
    expect(csr.cost(csr.slotOf(1, 0), t)).toBeCloseTo(-Math.log(0.6), 12);
  });
  it('when a node outgrows its slack, then its block moves to the free tail and the snapshot stays correct', () => {
    const ids = ['hub', ...Array.from({ length: 40 }, (_, i) => `p${i}`)];
    const n = testNetwork({ people: people(...ids), interactions: [met('hub', 'p0', T)] });
    const csr = n.engine.keeper.at(t);
    for (let i = 1; i < 40; i++) n.apply({ op: 'put', kind: 'interaction', record: met('hub', `p${i}`, T) });
    const after = n.engine.keeper.at(t);
    expect(neighbours(after, 'hub')).toHaveLength(40);
    expect(after.ties).toBe(40);
    expect(after).toBe(csr);
    expect(n.engine.keeper.builds).toBe(1);
  });
  it('when asked at other instants, then the same snapshot gives each instant its own cost with no rebuild', () => {
    const n = testNetwork({ people: people('a', 'b'), interactions: [met('a', 'b', T)] }, { strength: { tenureBonus: 0 } });
    const later = n.engine.keeper.at(t + 180 * DAY_MS);
    expect(later.cost(later.slotOf(0, 1), t + 180 * DAY_MS)).toBeCloseTo(-Math.log(0.15), 12);
    // mid-day: 180.5 days of decay, not the day's midnight
    const noon = t + 180.5 * DAY_MS;
    expect(n.engine.keeper.at(noon)).toBe(later);
    expect(later.cost(later.slotOf(0, 1), noon)).toBeCloseTo(-Math.log(0.3 * Math.pow(2, -180.5 / 180)), 12);
    expect(n.engine.keeper.builds).toBe(1);
  });
  it('when asOf is before the latest evidence, then a filtered snapshot holds only ties that existed then', () => {
    const n = testNetwork({ people: people('a', 'b', 'c'), interactions: [met('a', 'b', T), met('b', 'c', '2024-06-01')] });
    expect(n.engine.keeper.at(t).ties).toBe(1);
    expect(n.engine.keeper.at(Date.parse('2024-06-01')).ties).toBe(2);
  });
  it('when built from tie lists, then buildCsr mirrors every tie', () => {
    const csr = buildCsr(['x', 'y', 'z'], [0, 1], [1, 2], [0.5, 0.25], 2, { slack: 1 });
    expect(neighbours(csr, 'y')).toEqual(['x', 'z']);
    expect(csr.cost(csr.slotOf(2, 1), 0)).toBe(0.25);
  });
  it('when a full live snapshot is built, then the observer hears every tie once with its terms (and nothing for dated builds or patches)', () => {
    const n = testNetwork({
      people: people('a', 'b', 'c', 'd'),
      interactions: [met('a', 'b', T, 'met', 'i1'), met('b', 'c', '2024-02-01', 'one_to_one', 'i2'), met('c', 'd', '2024-03-01', 'met', 'i3')],
    });
    const projection = new NetworkProjection();
    projection.reset(n.records);
    const heard: string[] = [];
    let builds = 0;
    const weighting = tieWeighting(() => projection.records, DEFAULT_CONFIG);
    const keeper = new SnapshotKeeper(projection, weighting, {
      liveBuild: () => ({
        tie: (a, b, terms) => heard.push(`${a}:${idList(projection.evidence(a, b)!.interactions).join()}:${JSON.stringify(terms)}`),
        done: () => builds++,
      }),
    });
    keeper.at(Date.parse('2024-02-15'));
    expect(builds).toBe(0);
    keeper.at(Date.parse('2024-06-01'));
    expect(builds).toBe(1);
    const expected: string[] = [];
    projection.ties.forEachEdge((e, a, b) => expected.push(`${a}:${idList(e.interactions).join()}:${JSON.stringify(weighting.terms(e, a, b, Infinity))}`));
    expect(heard).toEqual(expected);
    expect(heard).toHaveLength(3);
    projection.applied({ op: 'put', kind: 'interaction', record: met('a', 'd', T, 'met', 'i4') }, undefined, n.records);
    keeper.at(Date.parse('2024-06-01'));
    expect(builds).toBe(1);
    expect(heard).toHaveLength(3);
  });
  it('when the live snapshot is built in steps (the warm-up), then it yields along the ties and equals the one-go build, which the next read serves as is', () => {
    const n = testNetwork({
      people: people('a', 'b', 'c', 'd', 'e'),
      interactions: [met('a', 'b', T, 'met', 'i1'), met('b', 'c', '2024-02-01', 'one_to_one', 'i2'), met('c', 'd', '2024-03-01', 'met', 'i3'), met('a', 'e', T, 'met', 'i4')],
    });
    const projection = new NetworkProjection();
    projection.reset(n.records);
    const weighting = tieWeighting(() => projection.records, DEFAULT_CONFIG);
    const stepped = new SnapshotKeeper(projection, weighting);
    let yields = 0;
    for (const _ of stepped.warmLive(1)) yields++;
    // Once per person indexed (the ids are in id order already: no sort), and per tie: resolving
    // its terms, counting its ends' degrees, grouping its arcs, placing them in id order (issue
    // #18: no O(people) or O(ties) stretch without a yield).
    expect(yields).toBe(5 + 4 * 4);
    const oneGo = new SnapshotKeeper(projection, weighting).liveSnapshot();
    const live = stepped.at(Date.parse('2025-01-01'));
    expect(stepped.builds).toBe(1);
    for (const id of ['a', 'b', 'c', 'd', 'e']) expect(neighbours(live, id)).toEqual(neighbours(oneGo, id));
    const at = Date.parse('2024-06-01');
    expect(live.cost(live.slotOf(live.index.get('b')!, live.index.get('c')!), at)).toBe(oneGo.cost(oneGo.slotOf(oneGo.index.get('b')!, oneGo.index.get('c')!), at));
    // Already built: a second warm-up does nothing.
    expect([...stepped.warmLive(1)]).toEqual([]);
    expect(stepped.builds).toBe(1);
  });
  it('when a past date\'s snapshot is built in steps, then the next read at that date serves it, and a change meanwhile abandons it', () => {
    const n = testNetwork({
      people: people('a', 'b', 'c', 'd'),
      interactions: [met('a', 'b', T, 'met', 'i1'), met('b', 'c', '2024-02-01', 'one_to_one', 'i2'), met('c', 'd', '2024-03-01', 'met', 'i3')],
    });
    const k = n.engine.keeper;
    const past = Date.parse('2024-02-15');
    expect(k.has(past)).toBe(false);
    const builds = k.builds;
    let yields = 0;
    for (const _ of k.warmAt(past, 1)) yields++;
    expect(yields).toBeGreaterThan(0);
    expect(k.has(past)).toBe(true);
    const csr = k.at(past);
    expect(k.builds).toBe(builds + 1);
    expect(csr.ties).toBe(2);
    expect(neighbours(csr, 'c')).toEqual(['b']);
    // A change half-way: the steps stop and keep nothing (it would be a snapshot of older records).
    const other = Date.parse('2024-02-20');
    const steps = k.warmAt(other, 1);
    steps.next();
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', T, 'met', 'i4') });
    while (!steps.next().done);
    expect(k.has(other)).toBe(false);
    expect(k.at(other).ties).toBe(3);
  });
});
