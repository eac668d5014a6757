import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { betweennessInBackground, freezeCsr, freezeCsrSteps } from '../../../graph/analytics/background-betweenness.js';
import { exactBetweenness, sampledBetweenness, sampleSources, sampleSourcesSteps } from '../../../graph/analytics/betweenness.js';
import { remap } from '../../../graph/analytics/live-betweenness.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';
import { snapshotOf } from './snapshot-of.js';

/** a–b–c–d–e and an isolated f: b, c, d lie on 3, 4, 3 of the 6 pairs of the path's 5 people. */
const path = () => snapshotOf(['a', 'b', 'c', 'd', 'e', 'f'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]);
// n = 6 alive people: normalised = pairs / ((n−1)(n−2)/2) = pairs / 10
const BY_HAND = [0, 0.3, 0.4, 0.3, 0, 0];

describe('betweennessInBackground', () => {
  it('when the plan is exact and no thread is allowed, then the sliced pass gives the hand-computed values and says how it ran', async () => {
    const csr = path();
    const v = await betweennessInBackground(csr, { exact: true }, { asOf: 123 }, 0, 1);
    BY_HAND.forEach((x, u) => expect(v.values[u]!).toBeCloseTo(x, 14));
    expect(v).toMatchObject({ exact: true, sources: 6, asOf: 123, threads: 0 });
    expect(v.computedAt).toBeGreaterThan(0);
  });

  it('when the pass runs on a worker thread, then it gives the same values as in process', async () => {
    const csr = path();
    const v = await betweennessInBackground(csr, { exact: true }, { asOf: 1 }, 1);
    expect(v.threads).toBe(1);
    expect(Array.from(v.values)).toEqual(Array.from(exactBetweenness(path()).values));
  });

  it('when the plan samples, then it takes the sources sampledBetweenness takes with that seed', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const pairs: [string, string][] = ids.slice(1).map((id, i) => [ids[Math.floor(i / 2)]!, id]); // a binary tree
    const csr = snapshotOf(ids, pairs);
    const v = await betweennessInBackground(csr, { exact: false, samples: 7, seed: 5 }, { asOf: 0 });
    const reference = sampledBetweenness(snapshotOf(ids, pairs), 7, 5);
    expect(v).toMatchObject({ exact: false, sources: 7 });
    for (let u = 0; u < ids.length; u++) expect(v.values[u]!).toBeCloseTo(reference.values[u]!, 12);
  });

  it('when the live snapshot is patched after the pass starts, then the pass reads its frozen copy', async () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    const pass = betweennessInBackground(csr, { exact: true }, { asOf: 0 }, 0, 1);
    csr.removeTie(1, 2);
    const v = await pass;
    expect(v.csr).not.toBe(csr);
    // a–b–c–d: b and c each on 2 of 3 pairs → 2/3
    expect(Array.from(v.values).map((x) => Number(x.toFixed(12)))).toEqual([0, 0.666666666667, 0.666666666667, 0]);
  });
});

describe('freezeCsr', () => {
  it('when the original is patched, then the copy keeps its ties, ids and index, and is still a Csr', () => {
    const csr = snapshotOf(['a', 'b', '__proto__'], [['a', 'b']]);
    const frozen = freezeCsr(csr);
    csr.addNode('new');
    csr.removeTie(0, 1);
    expect(frozen.ids).toEqual(['a', 'b', '__proto__']);
    expect([...frozen.index.keys()]).toEqual(['a', 'b', '__proto__']);
    expect(frozen.slotOf(0, 1)).toBeGreaterThanOrEqual(0);
    expect(csr.slotOf(0, 1)).toBe(-1);
    expect(frozen.n).toBe(3);
  });

  it('when frozen, then the adjacency a pass’s threads read is a copy in shared memory (posted once, shared by every thread)', () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    const frozen = freezeCsr(csr);
    for (const key of ['start', 'deg', 'targets'] as const) {
      expect(frozen[key].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(frozen[key]).not.toBe(csr[key]);
      expect(Array.from(frozen[key])).toEqual(Array.from(csr[key]));
    }
  });
});

describe('the background pass in steps (issue #18: no step holds the event loop for O(people))', () => {
  const ids = ['__proto__', 'b', 'A', 'constructor', 'é', 'a1', 'a10', 'a2', 'z', 'p 1'];
  const ring = () => snapshotOf(ids.slice(), ids.map((id, i) => [id, ids[(i + 1) % ids.length]!] as [string, string]).slice(0, -3));

  it('when the copy is made in steps of a few people, then it yields between them and equals freezeCsr', () => {
    const csr = ring();
    const steps = freezeCsrSteps(csr, 3);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBe(Math.floor(ids.length / 3));
    const whole = freezeCsr(csr);
    expect(r.value.ids).toEqual(whole.ids);
    expect([...r.value.index]).toEqual([...whole.index]);
    expect([...r.value.index]).toEqual([...csr.index]);
    expect(r.value.index).not.toBe(csr.index);
    expect(r.value.targets).toEqual(whole.targets);
  });

  it('when sources are sampled in steps (any seed, any k, people gone), then they are sampleSources’ and the sort yields between steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(1000), fc.array(fc.nat(ids.length - 1), { maxLength: 3 }), (k, seed, gone) => {
        const csr = ring();
        for (const u of gone) csr.alive[u] = 0;
        const steps = sampleSourcesSteps(csr, k, seed, 2);
        let yields = 0;
        let r = steps.next();
        for (; !r.done; r = steps.next()) yields++;
        expect(r.value).toEqual(sampleSources(csr, k, seed));
        expect(runAtOnce(sampleSourcesSteps(csr, k, seed, Infinity))).toEqual(r.value);
        expect(yields).toBeGreaterThan(0);
      }),
    );
  });

  it('when the live snapshot gains people and loses ties after a pass, then remap gives each person the value the pass computed for their id (0 for newcomers)', async () => {
    const csr = ring();
    const value = await betweennessInBackground(csr, { exact: true }, { asOf: 0, topology: { of: csr, revision: csr.revision } }, 0, 2);
    csr.addNode('new');
    csr.removeTie(0, 1);
    const byId = remap({ ...value, topology: undefined }, csr);
    expect(remap(value, csr)).toEqual(byId);
    expect([...byId].slice(0, ids.length)).toEqual([...value.values]);
    expect(byId[csr.index.get('new')!]).toBe(0);
  });
});

