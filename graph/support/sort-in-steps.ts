/**
 * Array.prototype.sort's order, in steps: a bottom-up merge sort that yields after about `step`
 * comparisons, so a caller can give the event loop back between slices (time-slices.ts). Sorting
 * a million ids by a string comparison holds the loop for a second or more in one call (issue
 * #18: the betweenness sample's sort of every person). Stable, as Array.prototype.sort is, so
 * the result is the same array whatever the comparator's ties.
 */
import type { Steps } from './time-slices.js';

/** Sorts `items` (a new array; the input is left as it is) by `compare`, yielding every `step` comparisons. */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number, step: number): Steps<T[]> {
  let from = items.slice();
  let to = new Array<T>(from.length);
  let work = 0;
  for (let width = 1; width < from.length; width *= 2) {
    for (let lo = 0; lo < from.length; lo += 2 * width) {
      const mid = Math.min(lo + width, from.length);
      const hi = Math.min(lo + 2 * width, from.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // Ties take the left run's item first: stable.
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
        if (++work >= step) {
          work = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
  }
  return from;
}
