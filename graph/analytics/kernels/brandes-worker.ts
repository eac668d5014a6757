/** Worker-thread side of brandesInWorkers(): Brandes from its share of the sources, raw sums back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { BrandesGraph } from './brandes.js';
import { brandesInBreadthFirstOrder } from './locality.js';

const { graph, sources } = (workerData as { payload: { graph: BrandesGraph; sources: number[] } }).payload;
const raw = brandesInBreadthFirstOrder(graph, sources);
parentPort!.postMessage(raw, [raw.buffer as ArrayBuffer]);
