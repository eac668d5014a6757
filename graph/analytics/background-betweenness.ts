/**
 * Betweenness of the live graph, recomputed in the background (the supervisor of the pattern in
 * graphology-layout-forceatlas2: defaults / pure kernel / supervisor). On large graphs a write
 * marks the value stale; the last value keeps being served with the as-of time it was computed
 * for, while a new sampled pass runs on a private copy of the snapshot in slices that yield to
 * the event loop between them, so requests keep being answered.
 *
 * With threads ≥ 1 the pass runs on worker threads instead (kernels/parallel-brandes.ts): the
 * event loop is not touched at all and, on a multi-core machine, the pass runs beside the
 * other metrics; one more thread at the lowest priority takes sources whenever the core left to
 * the event loop is idle (the cold pass's Brandes uses both cores of a 2-core machine once the
 * main thread's own metrics are done), on passes long enough to be worth its start. The sums are added in source order, so the values do not
 * depend on the thread count. If no worker can start, the sliced in-process pass gives the same
 * values (and the pass reports threads: 0).
 */
import type { Csr } from '../projection/csr.js';
import { brandesFromSources } from './kernels/brandes.js';
import { fromRenumbered, renumberBreadthFirst } from './kernels/locality.js';
import { brandesInWorkers } from './kernels/parallel-brandes.js';
import { sharedCopy } from './kernels/shared-brandes.js';
import { runAtOnce, runInSlices, STEP_EVERY, type Steps } from '../support/time-slices.js';
import { everySource, normalise, sampleSize, sampleSourcesSteps } from './betweenness.js';

export interface BetweennessValue {
  /** the snapshot the values are indexed by (its index map only ever grows) */
  csr: Csr;
  values: Float64Array;
  exact: boolean;
  sources: number;
  /** the asOf (ms) the values were computed for */
  asOf: number;
  computedAt: number;
  /** worker threads of a background pass (0: sliced on the main thread) */
  threads?: number;
  /** the live snapshot and its structural revision the pass was computed from (live passes only) */
  topology?: { of: Csr; revision: number };
}

/**
 * A copy of the arrays a pass reads, so later in-place patches cannot disturb it; the adjacency
 * in shared memory, so the pass's worker threads share it rather than each receive a copy.
 */
export function freezeCsr(csr: Csr): Csr {
  return runAtOnce(freezeCsrSteps(csr, Infinity));
}

/**
 * freezeCsr in steps: the arrays and ids are copied at once (frozenArrays), the index is rebuilt
 * from the copied ids yielding every `step` people (ownIndexSteps).
 */
export function* freezeCsrSteps(csr: Csr, step: number): Steps<Csr> {
  return yield* ownIndexSteps(frozenArrays(csr), step);
}

/**
 * The arrays and ids of freezeCsr's copy (memory copies, milliseconds at a million people). Its
 * index is still `csr`'s: it gets its own from ownIndexSteps, before anything may read it.
 */
function frozenArrays(csr: Csr): Csr {
  const copy = Object.create(Object.getPrototypeOf(csr) as object) as Csr;
  return Object.assign(copy, csr, {
    ids: csr.ids.slice(),
    alive: csr.alive.slice(),
    start: sharedCopy(csr.start),
    deg: sharedCopy(csr.deg),
    cap: csr.cap.slice(),
    targets: sharedCopy(csr.targets),
  });
}

/**
 * The copy's own index, rebuilt from its ids yielding every `step` people (a Map of a million ids
 * holds the event loop for a third of a second, issue #18). The index is the inverse of the ids
 * (it only ever grows with them), so the copy is the same as copying it.
 */
function* ownIndexSteps(copy: Csr, step: number): Steps<Csr> {
  const ids = copy.ids;
  const index = new Map<string, number>();
  for (let u = 0; u < ids.length; u++) {
    index.set(ids[u]!, u);
    if (u % step === step - 1) yield;
  }
  return Object.assign(copy, { index });
}

/** Raw Brandes sums from `sources` on the main thread, in slices of `slice` sources with a yield between. */
async function slicedBrandes(csr: Csr, sources: number[], slice: number): Promise<Float64Array> {
  const { graph, newOf } = renumberBreadthFirst(csr, csr.byId());
  const local = sources.map((s) => newOf[s]!);
  const raw = new Float64Array(csr.n);
  for (let i = 0; i < local.length; i += slice) {
    brandesFromSources(graph, local.slice(i, i + slice), raw);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return fromRenumbered(raw, newOf);
}

/**
 * Arc visits (sources × arc slots, each visited twice) above which a pass starts the spare
 * low-priority thread: about a second of Brandes on one core. Below it the thread's start and
 * its copy of the graph (an isolate, tens of MiB) would cost more than it can save.
 */
const SPARE_FROM_WORK = 100_000_000;

/** Which sources a background pass takes: every person (exact), or a seeded sample. */
export type BackgroundPlan = { exact: true } | { exact: false; samples: number; seed: number };

/** Runs a Brandes pass off the request path: on `threads` worker threads, or sliced on the main thread. */
export async function betweennessInBackground(
  csr: Csr,
  plan: BackgroundPlan,
  meta: { asOf: number; topology?: BetweennessValue['topology'] },
  threads = 0,
  slice = 4,
): Promise<BetweennessValue> {
  const arrays = frozenArrays(csr);
  // Sliced: at a million people the copy's index and the id order hold the loop for seconds. The
  // id order comes first (the worker threads renumber by it, the sample is drawn from it; only
  // people numbered since the snapshot's build are sorted). Then the threads start and renumber
  // the graph while the sources are drawn (the event loop is busy with the rest of a cold pass
  // then, issue #18); the index is built while they run.
  await runInSlices(arrays.byIdSteps(STEP_EVERY));
  const sources = plan.exact ? Promise.resolve(everySource(arrays)) : runInSlices(sampleSourcesSteps(arrays, plan.samples, plan.seed, STEP_EVERY));
  // every person with a tie, or the sample's size
  const count = sampleSize(arrays, plan.exact ? Infinity : plan.samples);
  let used = threads;
  const pass =
    threads > 0
      ? brandesInWorkers(arrays, { count, ready: sources }, threads, count * arrays.targets.length * 2 > SPARE_FROM_WORK).catch(async () => {
          used = 0;
          return slicedBrandes(arrays, await sources, slice);
        })
      : sources.then((list) => slicedBrandes(arrays, list, slice));
  const [frozen, raw] = await Promise.all([sources.then(() => runInSlices(ownIndexSteps(arrays, STEP_EVERY))), pass]);
  const { values, exact, sources: counted } = normalise(frozen, raw, plan.exact, count);
  return { csr: frozen, values, exact, sources: counted, ...meta, computedAt: Date.now(), threads: used };
}
