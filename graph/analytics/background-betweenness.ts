/**
 * Betweenness of the live graph, recomputed in the background (the supervisor of the pattern in
 * graphology-layout-forceatlas2: defaults / pure kernel / supervisor). On large graphs a write
 * marks the value stale; the last value keeps being served with the as-of time it was computed
 * for, while a new sampled pass runs on a private copy of the snapshot in slices that yield to
 * the event loop between them, so requests keep being answered.
 */
import type { Csr } from '../projection/csr.js';
import { brandesFromSources } from './kernels/brandes.js';
import { aliveCount, sampleSources } from './betweenness.js';

export interface BetweennessValue {
  /** the snapshot the values are indexed by (its index map only ever grows) */
  csr: Csr;
  values: Float64Array;
  exact: boolean;
  sources: number;
  /** projection version and asOf (ms) the values were computed for */
  version: number;
  asOf: number;
  computedAt: number;
}

/** A copy of the arrays a pass reads, so later in-place patches cannot disturb it. */
export function freezeCsr(csr: Csr): Csr {
  const copy = Object.create(Object.getPrototypeOf(csr) as object) as Csr;
  Object.assign(copy, csr, {
    ids: csr.ids.slice(),
    index: new Map(csr.index),
    alive: csr.alive.slice(),
    start: csr.start.slice(),
    deg: csr.deg.slice(),
    cap: csr.cap.slice(),
    targets: csr.targets.slice(),
    costs: csr.costs,
  });
  return copy;
}

/** Runs a sampled Brandes pass in slices of `slice` sources, yielding between slices. */
export async function sampledInBackground(
  csr: Csr,
  k: number,
  seed: number,
  meta: { version: number; asOf: number },
  slice = 4,
): Promise<BetweennessValue> {
  const frozen = freezeCsr(csr);
  const sources = sampleSources(frozen, k, seed);
  const raw = new Float64Array(frozen.n);
  for (let i = 0; i < sources.length; i += slice) {
    brandesFromSources(frozen, sources.slice(i, i + slice), raw);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const n = aliveCount(frozen);
  const scale = n > 2 && sources.length ? n / sources.length / ((n - 1) * (n - 2)) : 0;
  for (let i = 0; i < raw.length; i++) raw[i]! *= scale;
  return { csr: frozen, values: raw, exact: false, sources: sources.length, ...meta, computedAt: Date.now() };
}
