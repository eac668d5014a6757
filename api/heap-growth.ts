/**
 * How far V8 lets the heap grow past what its last full collection kept: by default up to several
 * times, which in a server holding a large network is mostly garbage kept resident (the analytics
 * warm-up and cold pass allocate fast). Once the network is loaded the server asks for at most a
 * fifth (issue #18: peak RSS 1,802 → 1,328 MiB at 100,000 people, docs/BENCHMARKS.md "Server
 * memory"). Not before: while the start-up load builds the live heap from nothing, a 1.2× step
 * means a full collection at every fifth more, and the restart took a second longer.
 */
import { setFlagsFromString } from 'node:v8';

/** The heap's growth step once loaded, in percent over the live heap (V8's --heap-growing-percent). */
const LOADED_HEAP_GROWTH_PERCENT = 20;

/** Called once the network is loaded: from then on the heap grows by at most LOADED_HEAP_GROWTH_PERCENT. */
export function tightenHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${LOADED_HEAP_GROWTH_PERCENT}`);
}
