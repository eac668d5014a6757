/**
 * The n smallest items by `compare`, smallest first, as `[...items].sort(compare).slice(0, n)`
 * gives them (equal items in the order they came): one pass keeping a sorted list of n, for a
 * few out of thousands — sorting everyone to show three held a gap report for tens of
 * milliseconds at 100,000 people (issue #18).
 */
export function smallest<T>(items: Iterable<T>, n: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (const item of items) {
    if (top.length === n && !(compare(item, top[n - 1]!) < 0)) continue;
    let i = Math.min(top.length, n - 1);
    for (; i > 0 && compare(item, top[i - 1]!) < 0; i--) top[i] = top[i - 1]!;
    top[i] = item;
  }
  return top;
}
