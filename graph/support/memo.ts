/**
 * The one cache helper: every memo in refnet is a named, bounded least-recently-used map
 * (lru-cache), so docs/ANALYTICS.md can list each cache by name with its key and bound.
 *
 * One exception, `ownerMemo`: values derived from an object (a CSR snapshot, a record) that
 * must live exactly as long as that object. An LRU would hold its keys strongly, so a snapshot
 * the keeper has dropped (tens of MB at full size) would stay alive for the sake of a scratch
 * buffer; keyed weakly, the derived value goes with its owner and the bound is whoever holds
 * the owners (the snapshot keeper, the record set).
 */
import { LRUCache } from 'lru-cache';

/** Any value but null or undefined: lru-cache's bound for keys and values. */
type Some = NonNullable<unknown>;

export type Memo<K extends Some, V extends Some> = LRUCache<K, V>;

/** Every memo created, by name, for the caching design doc and for /metrics. */
const registry = new Map<string, { max: number; memos: Set<WeakRef<Memo<Some, Some>>> }>();

/**
 * A bounded LRU memo named for what it holds. `max` is the number of entries; the least
 * recently used is dropped first.
 */
export function memo<K extends Some, V extends Some>(name: string, max: number): Memo<K, V> {
  const cache = new LRUCache<K, V>({ max });
  const entry = registry.get(name) ?? { max, memos: new Set() };
  entry.memos.add(new WeakRef(cache as unknown as Memo<Some, Some>));
  registry.set(name, entry);
  return cache;
}

/** Live entry counts per memo name (memos collected with their owner are forgotten). */
export function memoSizes(): Map<string, { max: number; size: number }> {
  const sizes = new Map<string, { max: number; size: number }>();
  for (const [name, entry] of registry) {
    let size = 0;
    for (const ref of entry.memos) {
      const cache = ref.deref();
      if (cache) size += cache.size;
      else entry.memos.delete(ref);
    }
    sizes.set(name, { max: entry.max, size });
  }
  return sizes;
}

/** A memo of values derived from objects, each value living as long as its owner (see above). */
export type OwnerMemo<O extends object, V extends Some> = WeakMap<O, V>;

/** Names of the owner memos created (their sizes follow their owners and are not counted). */
const ownerMemos = new Set<string>();

/** An owner memo named for what it holds (listed by ownerMemoNames()). */
export function ownerMemo<O extends object, V extends Some>(name: string): OwnerMemo<O, V> {
  ownerMemos.add(name);
  return new WeakMap<O, V>();
}

/**
 * An owner memo whose values also depend on state that changes while the owner lives (a version,
 * a revision, a count of changes): each value is kept with the stamp it was made under, and a
 * read under another stamp makes it again. The one place for the "get, check, make, set" of such
 * memos; a stamp is compared part by part (===).
 */
export function stampedOwnerMemo<O extends object, V extends Some>(name: string): (owner: O, stamp: readonly unknown[], make: () => V) => V {
  const values = ownerMemo<O, { stamp: readonly unknown[]; value: V }>(name);
  return (owner, stamp, make) => {
    const hit = values.get(owner);
    if (hit && hit.stamp.length === stamp.length && hit.stamp.every((part, i) => part === stamp[i])) return hit.value;
    const value = make();
    values.set(owner, { stamp, value });
    return value;
  };
}

/** The names of every owner memo, for the caching design doc's inventory test. */
export function ownerMemoNames(): string[] {
  return [...ownerMemos];
}

/**
 * Get-or-compute: the value for `key`, computed by `compute` on a miss. A promise is cached
 * as soon as it starts, so concurrent callers share one computation; a rejected one is dropped.
 */
export function through<K extends Some, V extends Some>(cache: Memo<K, V>, key: K, compute: () => V): V;
export function through<O extends object, V extends Some>(cache: OwnerMemo<O, V>, key: O, compute: () => V): V;
export function through(cache: Memo<Some, Some> | OwnerMemo<object, Some>, key: object, compute: () => Some): Some {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  if (value instanceof Promise) value.catch(() => cache.get(key) === value && cache.delete(key));
  return value;
}
