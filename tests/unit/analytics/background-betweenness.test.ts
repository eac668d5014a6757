import { describe, expect, it } from 'vitest';
import { betweennessInBackground, freezeCsr } from '../../../graph/analytics/background-betweenness.js';
import { exactBetweenness, sampledBetweenness } from '../../../graph/analytics/betweenness.js';
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
