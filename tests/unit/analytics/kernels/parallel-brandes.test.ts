import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { brandesInWorkers } from '../../../../graph/analytics/kernels/parallel-brandes.js';
import { testNetwork } from '../../network-fixture.js';
import { snapshotOf } from '../snapshot-of.js';

describe('brandesInWorkers', () => {
  it('when the sources are split over worker threads, then the summed dependencies equal the single-thread kernel (karate, every source)', async () => {
    const net = testNetwork(JSON.parse(readFileSync('tests/fixtures/karate.json', 'utf8')));
    const csr = net.engine.context(Date.parse('2100-01-01')).csr;
    const sources = Array.from({ length: csr.n }, (_, u) => u);
    const single = brandesFromSources(csr, sources);
    const split = await brandesInWorkers(csr, sources, 3);
    expect(split.length).toBe(csr.n);
    for (let u = 0; u < csr.n; u++) expect(split[u]!).toBeCloseTo(single[u]!, 9);
    expect(Math.max(...split)).toBeGreaterThan(0);
  });

  it('when there are no sources, then every sum is 0 and no thread is needed', async () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    expect(Array.from(await brandesInWorkers(csr, [], 2))).toEqual([0, 0, 0]);
  });

  it('when more threads are asked than there are sources, then each source still counts exactly once', async () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    // from a: δ(b) = 2, δ(c) = 1; from d: δ(c) = 2, δ(b) = 1
    expect(Array.from(await brandesInWorkers(csr, [0, 3], 4))).toEqual([0, 3, 3, 0]);
  });

  it('when the snapshot is patched while the pass runs, then the pass reads the adjacency as it was posted', async () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    const pass = brandesInWorkers(csr, [0, 1, 2], 2);
    csr.targets.fill(0);
    expect(Array.from(await pass)).toEqual([0, 2, 0]);
  });
});
