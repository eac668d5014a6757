import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandesFromSources } from '../../../../graph/analytics/kernels/brandes.js';
import { inSharedMemory, sharedControl, sharedCopy, sourcesAdded, takeSources } from '../../../../graph/analytics/kernels/shared-brandes.js';
import { snapshotOf } from '../snapshot-of.js';

const arbitraryGraph = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 90, selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}` }),
    fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 2 * n }),
  ),
);

const build = (n: number, pairs: [number, number][]) => {
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  return snapshotOf(ids, pairs.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a]!, ids[b]!]));
};

describe('takeSources', () => {
  it('when one thread takes every source, then the sums are brandesFromSources’ bit for bit and every source is counted as added', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer({ min: 1, max: 4 }), ([n, pairs, sources], ahead) => {
        const csr = build(n, pairs);
        const control = sharedControl();
        const sums = new Float64Array(csr.n);
        takeSources(csr, sources, control, sums, ahead);
        expect(Array.from(sums)).toEqual(Array.from(brandesFromSources(csr, sources)));
        expect(sourcesAdded(control)).toBe(sources.length);
      }),
    );
  });

  it('when other threads claimed sources and stopped before adding them, then the one left computes them too and adds each once, in source order', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(), ([n, pairs, sources], claimedSeed) => {
        const csr = build(n, pairs);
        const control = sharedControl();
        // a stopped thread claimed the first `claimed` sources and never added any
        Atomics.store(control, 0, claimedSeed % (sources.length + 1));
        const sums = new Float64Array(csr.n);
        takeSources(csr, sources, control, sums);
        expect(Array.from(sums)).toEqual(Array.from(brandesFromSources(csr, sources)));
        expect(sourcesAdded(control)).toBe(sources.length);
      }),
    );
  });

  it('when the first sources are already added by another thread, then only the rest are added on top', () => {
    const csr = snapshotOf(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd']]);
    const control = sharedControl();
    const sums = brandesFromSources(csr, [0]);
    Atomics.store(control, 0, 1);
    Atomics.store(control, 1, 1);
    takeSources(csr, [0, 3], control, sums);
    // from a: δ(b) = 2, δ(c) = 1; from d: δ(c) = 2, δ(b) = 1 — a's counted once
    expect(Array.from(sums)).toEqual([0, 3, 3, 0]);
  });
});

describe('inSharedMemory', () => {
  it('when the array is in ordinary memory, then the answer is an equal copy in shared memory', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), (xs) => {
        const a = Int32Array.from(xs);
        const shared = inSharedMemory(a);
        expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Array.from(shared)).toEqual(xs);
        a.fill(7);
        expect(Array.from(shared)).toEqual(xs);
      }),
    );
  });

  it('when the array is in shared memory already, then it is the answer itself (no second copy)', () => {
    const a = sharedCopy(Int32Array.from([3, 1, 2]));
    expect(inSharedMemory(a)).toBe(a);
    expect(sharedCopy(a)).not.toBe(a);
  });
});

