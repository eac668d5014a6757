import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { brandesInBreadthFirstOrder } from '../../../../graph/analytics/kernels/locality.js';
import { brandesInWorkers } from '../../../../graph/analytics/kernels/parallel-brandes.js';
import { testNetwork } from '../../network-fixture.js';
import { snapshotOf } from '../snapshot-of.js';

describe('brandesInWorkers', () => {
  it('when the sources are split over worker threads, then the sums are bit for bit those of one thread going through them (karate, every source)', async () => {
    const net = testNetwork(JSON.parse(readFileSync('tests/fixtures/karate.json', 'utf8')));
    const csr = net.engine.context(Date.parse('2100-01-01')).csr;
    const sources = Array.from({ length: csr.n }, (_, u) => u);
    const single = brandesInBreadthFirstOrder(csr, sources);
    const split = await brandesInWorkers(csr, sources, 3, true);
    expect(Array.from(split)).toEqual(Array.from(single));
    for (let u = 0; u < csr.n; u++) expect(split[u]!).toBeCloseTo(brandesFromSources(csr, sources)[u]!, 9);
    expect(Math.max(...split)).toBeGreaterThan(0);
  });

  it('when the graph, sources and thread count are any, then the sums equal one thread’s exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 40 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }),
            fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }),
            fc.integer({ min: 1, max: 3 }),
            fc.boolean(),
          ),
        ),
        async ([n, pairs, sources, threads, spare]) => {
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          const csr = snapshotOf(ids, pairs.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a]!, ids[b]!]));
          expect(Array.from(await brandesInWorkers(csr, sources, threads, spare))).toEqual(Array.from(brandesInBreadthFirstOrder(csr, sources)));
        },
      ),
      { numRuns: 6 },
    );
  }, 60_000);

  it('when the sources are still being drawn as the threads start, then the sums are one thread’s exactly', async () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['b', 'e']]);
    const sources = [4, 0, 3];
    const ready = new Promise<number[]>((resolve) => setTimeout(() => resolve(sources), 200));
    const sums = await brandesInWorkers(csr, { count: sources.length, ready }, 2, true);
    expect(Array.from(sums)).toEqual(Array.from(brandesInBreadthFirstOrder(csr, sources)));
    expect(Math.max(...sums)).toBeGreaterThan(0);
  });

  it('when the sources cannot be drawn, then the pass fails rather than waiting for ever', async () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    const ready = Promise.reject(new Error('no sources'));
    await expect(brandesInWorkers(csr, { count: 2, ready }, 2)).rejects.toThrow(/exited/);
  });

  it('when there are no sources, then every sum is 0 and no thread is needed', async () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    expect(Array.from(await brandesInWorkers(csr, [], 2))).toEqual([0, 0, 0]);
  });

  it('when more threads are asked than there are sources, then each source still counts exactly once', async () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    // from a: δ(b) = 2, δ(c) = 1; from d: δ(c) = 2, δ(b) = 1
    expect(Array.from(await brandesInWorkers(csr, [0, 3], 4, true))).toEqual([0, 3, 3, 0]);
  });

  it('when the snapshot is patched while the pass runs, then the pass reads the adjacency as it was posted', async () => {
    const csr = snapshotOf(['a', 'b', 'c'], [['a', 'b'], ['b', 'c']]);
    const pass = brandesInWorkers(csr, [0, 1, 2], 2);
    csr.targets.fill(0);
    expect(Array.from(await pass)).toEqual([0, 2, 0]);
  });
});
