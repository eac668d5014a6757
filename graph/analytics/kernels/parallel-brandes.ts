/**
 * Brandes from a set of sources, split over worker threads: the threads share one copy of the
 * adjacency (start, deg, targets) in shared memory — made here unless the arrays are in shared
 * memory already (freezeCsr's private copy), so later in-place patches of the snapshot cannot
 * disturb the pass and no thread gets a copy of its own — and take sources from a queue they
 * share; the dependencies of each
 * source are added to shared sums in source order (shared-brandes.ts), so the sums are those of
 * one thread going through the sources, bit for bit, whatever the number of threads.
 *
 * `spare` adds one more thread at the lowest priority: it takes sources only when a core would
 * otherwise be idle (on a 2-core machine, the one left to the event loop while the main thread
 * has nothing to do), and declines where a thread's priority cannot be lowered.
 *
 * The sources may still be being drawn: the threads start at once (their start and module load,
 * and their renumbering of the graph, overlap the drawing on the main thread, issue #18) and are
 * posted the sources once drawn.
 */
import { siblingModule } from '../../support/project-files.js';
import { runInWorker } from '../../support/ts-worker.js';
import type { BrandesAnswer, BrandesJob } from './brandes-worker.js';
import type { BrandesGraph } from './brandes.js';
import { fromRenumbered } from './locality.js';
import { inSharedMemory, sharedControl } from './shared-brandes.js';

const ENTRY = siblingModule('./brandes-worker', import.meta.url);

/** Sources still being drawn: how many there will be, and the sources once drawn. */
export interface SourcesToCome {
  count: number;
  /** posted to the threads as drawn (BrandesSources) */
  ready: Promise<readonly number[]>;
}

/** Raw Σ over `sources` of δ_s(v), computed on `threads` (≥ 1) worker threads, and a spare one if asked. */
export async function brandesInWorkers(csr: BrandesGraph & { byId?(): Int32Array }, sources: readonly number[] | SourcesToCome, threads: number, spare = false): Promise<Float64Array> {
  const { count, ready } = 'ready' in sources ? sources : { count: sources.length, ready: Promise.resolve(sources) };
  if (count === 0) {
    await ready;
    return new Float64Array(csr.n);
  }
  const job: Omit<BrandesJob, 'lowPriority'> = {
    graph: { n: csr.n, start: inSharedMemory(csr.start), deg: inSharedMemory(csr.deg), targets: inSharedMemory(csr.targets), byId: csr.byId?.() },
    control: sharedControl(),
    sums: new Float64Array(new SharedArrayBuffer(csr.n * Float64Array.BYTES_PER_ELEMENT)),
  };
  const m = Math.max(1, Math.min(threads, count));
  // Once one thread has seen every source added, the others (one may be mid-way through a source
  // already added) are stopped rather than left to finish work nobody will read.
  const done = new AbortController();
  const start = (lowPriority: boolean) => runInWorker<BrandesAnswer>(ENTRY, { ...job, lowPriority }, [], done.signal, ready);
  const runs = Array.from({ length: m }, () => start(false));
  if (spare && count > m) runs.push(start(true));
  // The first thread to answer saw every source added; one that declined or failed is not needed.
  return new Promise<Float64Array>((resolve, reject) => {
    let left = runs.length;
    let failure: unknown = new Error('refnet/brandes: every worker thread declined the pass');
    const gone = () => {
      if (--left === 0) reject(failure);
    };
    for (const run of runs) {
      run.then(
        (answer) => {
          if (answer === 'declined') return gone();
          resolve(fromRenumbered(job.sums, answer.newOf));
          done.abort();
        },
        (err: unknown) => {
          failure = err;
          gone();
        },
      );
    }
  });
}
