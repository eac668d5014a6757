/** graph/support/sharded-map.ts: a ShardedMap / ShardedSet answers as a Map / Set would, and no single table holds all the keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShardedMap, ShardedSet } from '../../../graph/support/sharded-map.js';

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
