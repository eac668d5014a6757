// Entry of every refnet worker thread. On Node 20 a worker does not inherit tsx's module hooks
// from its parent (and under vitest there are none to inherit), so this plain-JS file registers
// tsx for the thread and then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
