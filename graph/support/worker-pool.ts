/**
 * Short jobs that come again and again (a map layout, reading one large JSON body) run on pools
 * of worker threads kept between jobs (piscina): starting a thread and loading its modules for
 * each job would cost more than many such jobs. One pool per worker module; a worker module
 * exports its job as its default function (argument: the task, result: the answer).
 *
 * Long background jobs that must not hold a stopping process (sampled betweenness, communities)
 * use a thread of their own instead (ts-worker.ts).
 */
import { availableParallelism } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';

const BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);
/**
 * Threads idle this long exit (idle threads do not keep the process alive meanwhile). Long enough
 * to serve the next body of an import sent in chunks; short, because an idle thread keeps the heap
 * its last job grew (tens of MiB after a large body) beside the warm-up that follows an import.
 */
const IDLE_MS = 5_000;

/** One pool per worker module, made on first use: a fixed handful, never evicted. */
const pools = new Map<string, Piscina>();

/** Runs `task` on a thread of `entry`'s pool (a .js module, or a .ts one through tsx); resolves with its answer. */
export function runPooled<T>(entry: URL, task: unknown, transferList: (ArrayBuffer | MessagePort)[] = []): Promise<T> {
  return poolOf(entry).run(task, { transferList }) as Promise<T>;
}

function poolOf(entry: URL): Piscina {
  let pool = pools.get(entry.href);
  if (!pool) {
    const fromSources = entry.pathname.endsWith('.ts');
    pool = new Piscina({
      filename: fromSources ? BOOT.href : entry.href,
      workerData: { entry: entry.href },
      // Threads start with the first job, not with the pool.
      minThreads: 0,
      maxThreads: availableParallelism(),
      idleTimeout: IDLE_MS,
      // Keeps the parent's flags (e.g. --cpu-prof, inspector ports) out of the threads.
      execArgv: [],
    });
    pools.set(entry.href, pool);
  }
  return pool;
}
