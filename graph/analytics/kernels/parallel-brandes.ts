/**
 * Brandes from a set of sources, split over worker threads: each thread gets a copy of the
 * adjacency (start, deg, targets — copied when posted, so later in-place patches of the snapshot
 * cannot disturb the pass) and an interleaved share of the sources; the raw dependency sums add.
 */
import { siblingModule } from '../../support/project-files.js';
import { runInWorker } from '../../support/ts-worker.js';
import type { BrandesGraph } from './brandes.js';

const ENTRY = siblingModule('./brandes-worker', import.meta.url);

/** Raw Σ over `sources` of δ_s(v), computed on `threads` (≥ 1) worker threads. */
export async function brandesInWorkers(csr: BrandesGraph, sources: readonly number[], threads: number): Promise<Float64Array> {
  const out = new Float64Array(csr.n);
  if (sources.length === 0) return out;
  const graph: BrandesGraph = { n: csr.n, start: csr.start, deg: csr.deg, targets: csr.targets };
  const m = Math.max(1, Math.min(threads, sources.length));
  const shares = Array.from({ length: m }, (_, t) => sources.filter((_s, i) => i % m === t));
  const parts = await Promise.all(shares.map((share) => runInWorker<Float64Array>(ENTRY, { graph, sources: share })));
  for (const part of parts) for (let i = 0; i < out.length; i++) out[i]! += part[i]!;
  return out;
}
