/**
 * Brandes from a queue of sources shared by several threads, with the sums added in the order of
 * the sources whichever thread computed them: floating-point addition is not associative, so
 * per-thread partial sums added at the end would change the last bits with the thread count;
 * added in source order, the values are those of one thread going through the sources, bit for bit.
 *
 * Each thread claims the next source, computes its dependencies into a slot of its own, and adds
 * them to the shared sums when every earlier source has been added (`control[COMMITTED]` is the
 * count added so far). A thread may run `ahead` sources ahead of the sums; when it can go no
 * further (or nothing is left to claim), it computes the oldest source not yet added itself rather
 * than wait for the thread that claimed it: whichever copy comes first is added, the other is
 * dropped. So no thread ever waits on a slower one (one starved by the scheduler, or stopped),
 * and any one thread left finishes the pass alone.
 */
import { addDependencies, brandesScratch, dependenciesFrom, sourceDependencies, type BrandesGraph, type SourceDependencies } from './brandes.js';

/** Indexes into the control array. */
const NEXT = 0;
const COMMITTED = 1;
/** control[COMMITTED] while a thread is adding a source's dependencies. */
const ADDING = -1;

/** The control words a pass's threads share: the next source to claim, and how many are added. */
export function sharedControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * The array itself if it is in shared memory, else a copy in shared memory: posted to worker
 * threads, it is shared by them all instead of copied into each.
 */
export function inSharedMemory(a: Int32Array): Int32Array {
  return a.buffer instanceof SharedArrayBuffer ? a : sharedCopy(a);
}

/** A copy of the array in shared memory. */
export function sharedCopy(a: Int32Array): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/** How many sources' dependencies are in the sums so far. */
export function sourcesAdded(control: Int32Array): number {
  for (;;) {
    const c = Atomics.load(control, COMMITTED);
    if (c !== ADDING) return c;
    Atomics.wait(control, COMMITTED, ADDING, 1);
  }
}

interface Computed {
  index: number;
  pass: SourceDependencies;
  reached: number;
}

/**
 * Takes sources (indexes into `graph`) from the shared queue until the dependencies of every one
 * are in `sums` (shared by every thread of the pass, all 0 at the start), added in source order.
 */
export function takeSources(graph: BrandesGraph, sources: readonly number[], control: Int32Array, sums: Float64Array, ahead = 2): void {
  const total = sources.length;
  const scratch = brandesScratch(graph);
  const free = Array.from({ length: ahead + 1 }, () => sourceDependencies(graph.n));
  const pending: Computed[] = [];
  const compute = (index: number): Computed => {
    const pass = free.pop()!;
    return { index, pass, reached: dependenciesFrom(graph, sources[index]!, scratch, pass) };
  };
  const release = (c: Computed) => {
    // dropped unadded: clear its dependencies for the slot's next use
    for (let i = 0; i < c.reached; i++) c.pass.delta[c.pass.order[i]!] = 0;
    free.push(c.pass);
  };
  /** Adds c if its turn has come: true when it is done with (added, or added by another thread). */
  const tryAdd = (c: Computed): boolean => {
    for (;;) {
      const added = sourcesAdded(control);
      if (added > c.index) {
        release(c);
        return true;
      }
      if (added < c.index) return false;
      if (Atomics.compareExchange(control, COMMITTED, added, ADDING) !== added) continue;
      addDependencies(sums, c.pass, c.reached);
      free.push(c.pass);
      Atomics.store(control, COMMITTED, added + 1);
      Atomics.notify(control, COMMITTED);
      return true;
    }
  };
  for (;;) {
    while (pending.length > 0 && tryAdd(pending[0]!)) pending.shift();
    const added = sourcesAdded(control);
    if (added >= total) break;
    if (pending.length < ahead) {
      const index = Atomics.add(control, NEXT, 1);
      if (index < total) {
        pending.push(compute(index));
        continue;
      }
    }
    if (pending[0]?.index === added) continue;
    // The source due next is another thread's and it is behind: compute it here too.
    tryAdd(compute(added));
  }
  for (const c of pending) release(c);
}
