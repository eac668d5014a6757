/** graph/support/sharded-map.ts: a ShardedMap / ShardedSet / ChunkedMap answers as a Map / Set would, and no single table holds all the keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedMap, ShardedMap, ShardedSet } from '../../../graph/support/sharded-map.js';

/** Keys as users spell them: prototype names, unicode, numbers-as-strings, the empty string. */
const userKey = fc.oneof(fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), '__proto__', '', '0', 'p1', 'P1'), fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ minLength: 17, maxLength: 60 }));
const key = fc.oneof(userKey, fc.integer({ min: -1000, max: 1_000_000 }));

describe('ShardedMap', () => {
  it('when any sequence of sets is made, then get, has, size and insertion-order iteration are a Map’s', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer())), fc.array(key), (sets, probes) => {
        const map = new Map<string | number, number>();
        const sharded = new ShardedMap<string | number, number>();
        for (const [k, v] of sets) {
          map.set(k, v);
          expect(sharded.set(k, v)).toBe(sharded);
        }
        expect(sharded.size).toBe(map.size);
        expect([...sharded]).toEqual([...map]);
        expect([...sharded.keys()]).toEqual([...map.keys()]);
        expect([...sharded.values()]).toEqual([...map.values()]);
        for (const k of [...probes, ...sets.map(([s]) => s)]) {
          expect(sharded.get(k)).toBe(map.get(k));
          expect(sharded.has(k)).toBe(map.has(k));
        }
      }),
    );
  });

  it('when many similar keys are added, then they spread over the tables (no one table holds more than a few times its share)', () => {
    const sharded = new ShardedMap<string, number>();
    for (let i = 0; i < 64_000; i++) sharded.set(`person-${i}@example.com`, i);
    const shards = (sharded as unknown as { shards: Map<string, number>[] }).shards;
    expect(shards.length).toBeGreaterThan(1);
    const largest = Math.max(...shards.map((s) => s.size));
    expect(largest).toBeLessThan((3 * 64_000) / shards.length);
  });
});

describe('ShardedSet', () => {
  it('when any sequence of adds is made, then has, size and insertion-order iteration are a Set’s', () => {
    fc.assert(
      fc.property(fc.array(key), fc.array(key), (adds, probes) => {
        const set = new Set<string | number>();
        const sharded = new ShardedSet<string | number>();
        for (const k of adds) {
          set.add(k);
          expect(sharded.add(k)).toBe(sharded);
        }
        expect(sharded.size).toBe(set.size);
        expect([...sharded]).toEqual([...set]);
        for (const k of [...probes, ...adds]) expect(sharded.has(k)).toBe(set.has(k));
      }),
    );
  });
});

describe('ChunkedMap', () => {
  const op = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.nat(30), fc.integer()),
    fc.tuple(fc.constant('add' as const), fc.nat(30), fc.integer()),
    fc.tuple(fc.constant('delete' as const), fc.nat(30), fc.constant(0)),
    fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant(0)),
  );

  it('when any sequence of sets, adds of absent keys, deletes and clears is made over tables of a few entries, then get, has, size and delete answer as a Map’s', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 5 }), (ops, chunk) => {
        const objects = Array.from({ length: 31 }, (_, i) => ({ i }));
        const map = new Map<object, number>();
        const chunked = new ChunkedMap<object, number>(chunk);
        for (const [what, k, v] of ops) {
          const key = objects[k]!;
          if (what === 'set' || (what === 'add' && !map.has(key))) {
            map.set(key, v);
            expect(what === 'set' ? chunked.set(key, v) : chunked.add(key, v)).toBe(chunked);
          } else if (what === 'delete') expect(chunked.delete(key)).toBe(map.delete(key));
          else if (what === 'clear') {
            map.clear();
            chunked.clear();
          }
          expect(chunked.size).toBe(map.size);
        }
        for (const key of objects) {
          expect(chunked.get(key)).toBe(map.get(key));
          expect(chunked.has(key)).toBe(map.has(key));
        }
      }),
    );
  });

  it('when 600,000 keys are added, then no table holds more than 262,144 of them (the most one doubling moves)', () => {
    const keys = Array.from({ length: 600_000 }, (_, i) => ({ i }));
    const chunked = new ChunkedMap<object, number>();
    for (const [i, key] of keys.entries()) chunked.add(key, i);
    const tables = (chunked as unknown as { chunks: Map<object, number>[] }).chunks;
    expect(tables.length).toBe(3);
    expect(Math.max(...tables.map((t) => t.size))).toBe(262_144);
    expect(chunked.size).toBe(keys.length);
    expect(chunked.get(keys[523_456]!)).toBe(523_456);
  });
});
