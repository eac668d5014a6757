/**
 * Worker-thread side of brandesInWorkers(): renumbers the graph breadth-first (the same numbering
 * in every thread of the pass) while the sources are still being drawn, then, posted them, takes
 * sources from the shared queue until every source's dependencies are in the shared sums, and
 * answers the numbering so they can be read back. A low-priority thread first lowers its own
 * priority, and declines the pass if it cannot.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../../support/thread-priority.js';
import { restOfJob } from '../../support/ts-worker.js';
import type { BrandesGraph } from './brandes.js';
import { renumberBreadthFirst } from './locality.js';
import { takeSources } from './shared-brandes.js';

export interface BrandesJob {
  /** the adjacency, in memory shared with the other threads; let go once renumbered (workerData would hold it to the end); `byId` as renumberBreadthFirst takes it */
  graph: (BrandesGraph & { byId?: Int32Array | undefined }) | undefined;
  control: Int32Array;
  /** shared sums, in the breadth-first numbering */
  sums: Float64Array;
  lowPriority: boolean;
}

/** Posted to the worker once drawn (the rest of its job): the sources, in the caller's numbering. */
export type BrandesSources = number[];

/** The worker's one message: the numbering the sums are in, or 'declined'. */
export type BrandesAnswer = { newOf: Int32Array } | 'declined';

const job = (workerData as { payload: BrandesJob }).payload;
if (job.lowPriority && !lowerThreadPriority()) parentPort!.postMessage('declined' satisfies BrandesAnswer);
else {
  const { graph, newOf } = renumberBreadthFirst(job.graph!, job.graph!.byId);
  job.graph = undefined;
  const sources = await restOfJob<BrandesSources>();
  takeSources(graph, sources.map((s) => newOf[s]!), job.control, job.sums);
  parentPort!.postMessage({ newOf } satisfies BrandesAnswer, [newOf.buffer as ArrayBuffer]);
}
