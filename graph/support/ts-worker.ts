/**
 * Runs a worker module on a thread of its own for one job: the module reads `workerData.payload`
 * and posts exactly one message, its result. Used for long CPU-heavy background kernels (sampled
 * betweenness, communities) so they neither hold the event loop nor wait for it, nor keep a
 * stopping process alive (short repeated jobs use a pool instead: worker-pool.ts).
 */
import { parentPort, Worker } from 'node:worker_threads';

const BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);

/**
 * The young generation of each such thread, MiB. V8 lets a thread's young generation grow to tens
 * of MiB, and these kernels churn through short-lived objects (Louvain's induced graphs above
 * all) while the server holds the whole network: the cold analytics pass on the 100,000-person
 * benchmark network peaked at ~800 MiB with V8's default and ~765 MiB with 8 (4: ~763, 16: ~777;
 * compiled, MALLOC_ARENA_MAX=2, docs/BENCHMARKS.md, issue #18), its long-lived arrays being
 * typed arrays outside the heap anyway.
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Starts `entry` on a new thread with `payload`; resolves with its one message. A compiled .js
 * entry starts directly; a .ts one (from sources) through tsx (ts-worker-boot.mjs).
 *
 * `rest` is the part of the job still being prepared when the thread starts (the thread's start
 * and module load, and whatever it can do with `payload` alone, overlap its preparation): posted
 * to the thread once ready (read there with restOfJob()); if it cannot be prepared, the thread is
 * stopped and the job fails.
 */
export function runInWorker<T>(entry: URL, payload: unknown, transfer: ArrayBuffer[] = [], signal?: AbortSignal, rest?: Promise<unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // execArgv: [] keeps the parent's flags (e.g. --cpu-prof, inspector ports) out of the thread.
    const worker = new Worker(entry.pathname.endsWith('.ts') ? BOOT : entry, {
      workerData: { entry: entry.href, payload },
      transferList: transfer,
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    // Background work must not keep a stopping process alive.
    worker.unref();
    let settled = false;
    worker.once('message', (result: T) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(signal?.aborted ? `refnet/worker: ${entry.pathname} stopped, its answer no longer wanted` : `refnet/worker: ${entry.pathname} exited with code ${code} before answering`));
    });
    // A job whose answer is no longer wanted (another thread finished the pass) stops at once.
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    rest?.then(
      (message) => worker.postMessage(message),
      () => void worker.terminate(),
    );
  });
}

/** In a thread started by runInWorker with `rest`: that part of its job, once posted. */
export function restOfJob<T>(): Promise<T> {
  return new Promise<T>((resolve) => parentPort!.once('message', resolve));
}
