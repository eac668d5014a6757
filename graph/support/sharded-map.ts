/**
 * Maps and Sets that may grow to a million keys during one request without holding the event
 * loop. A JS Map or Set doubles its hash table in one step when it fills: at 524,288 entries that
 * single insert takes 60–250 ms (measured on 2 cores), however finely the loop around it is sliced
 * (graph/support/time-slices.ts). These spread their keys over SHARDS smaller tables, so each
 * doubling moves a SHARDS-th of the entries. Iteration is in insertion order, as a Map's. No
 * delete: the import paths that use them only ever add.
 */

/** Number of tables (a power of two): at a million keys each holds about 16,000. */
const SHARDS = 64;

/** The table a key lives in: string keys by a hash of their first and last 16 characters. */
function shardOf(key: string | number): number {
  if (typeof key === 'number') return (key | 0) & (SHARDS - 1);
  const n = key.length;
  let h = n;
  for (let i = 0; i < n && i < 16; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  for (let i = Math.max(16, n - 16); i < n; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) & (SHARDS - 1);
}

/** A Map<K, V> in SHARDS tables, iterated in insertion order. */
export class ShardedMap<K extends string | number, V> {
  private readonly shards: Map<K, V>[] = Array.from({ length: SHARDS }, () => new Map<K, V>());
  /** Keys in insertion order (an array grows by copying, a few ms at a million). */
  private readonly order: K[] = [];

  get size(): number {
    return this.order.length;
  }

  get(key: K): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  set(key: K, value: V): this {
    const shard = this.shards[shardOf(key)]!;
    if (!shard.has(key)) this.order.push(key);
    shard.set(key, value);
    return this;
  }

  *keys(): IterableIterator<K> {
    yield* this.order;
  }

  *values(): IterableIterator<V> {
    for (const key of this.order) yield this.get(key)!;
  }

  *entries(): IterableIterator<[K, V]> {
    for (const key of this.order) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

/** A Set<K> in SHARDS tables, iterated in insertion order. */
export class ShardedSet<K extends string | number> {
  private readonly shards: Set<K>[] = Array.from({ length: SHARDS }, () => new Set<K>());
  private readonly order: K[] = [];

  get size(): number {
    return this.order.length;
  }

  has(key: K): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  add(key: K): this {
    const shard = this.shards[shardOf(key)]!;
    if (!shard.has(key)) {
      shard.add(key);
      this.order.push(key);
    }
    return this;
  }

  [Symbol.iterator](): IterableIterator<K> {
    return this.order[Symbol.iterator]();
  }
}
