// Entry of a refnet worker thread started from the TypeScript sources (vitest, tsx). On Node 20 a
// worker does not inherit tsx's module hooks from its parent (and under vitest there are none to
// inherit), so this plain-JS file registers tsx for the thread, imports the TypeScript module named
// in workerData.entry, and hands on its default export (a pooled worker's job, worker-pool.ts).
// Compiled refnet starts the .js worker modules directly and never loads this file or tsx.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const entry = await tsImport(workerData.entry, import.meta.url);
export default entry.default;
