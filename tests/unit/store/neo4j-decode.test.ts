/**
 * Records read from Neo4j (graph/store/neo4j/decode.ts): the same values with or without an
 * IdPool, and with one, the ids a read repeats are held once (the driver gives every occurrence a
 * string of its own; a million people's ids over ten million records are gigabytes of copies);
 * a temporal costs what the same text parsed from JSON costs, not the driver's rope of pieces.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { decodeRecord, IdPool } from '../../../graph/store/neo4j/decode.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A string as the driver hands it over: decoded from bytes, a copy of its own every time. */
const fresh = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

describe('decodeRecord', () => {
  it('when a pool is given, then every record decodes to the same values as without one', () => {
    const pool = new IdPool();
    const cases: [Parameters<typeof decodeRecord>[0], Record<string, unknown>, Record<string, unknown>][] = [
      ['person', { id: fresh('p1'), name: 'Ann', company: fresh('c1'), industry: 'Legal', privateTo: fresh('p2'), attributes: '{"club":"Rotary"}' }, {}],
      ['event', { id: fresh('e1'), name: 'Breakfast', at: '2026-11-01T08:00:00Z' }, { group: fresh('g1') }],
      ['interaction', { id: fresh('i1'), kind: 'one_to_one', at: '2026-11-02T09:00:00Z' }, { a: fresh('p1'), b: fresh('p2') }],
      ['referral', { id: fresh('r1'), at: '2026-11-03T09:00:00Z', status: 'won', value: 1200 }, { from: fresh('p2'), to: fresh('p1') }],
      ['attendance', {}, { person: fresh('p1'), event: fresh('e1') }],
    ];
    for (const [kind, props, ends] of cases) expect(decodeRecord(kind, props, ends, pool)).toEqual(decodeRecord(kind, props, ends));
  });

  it('when records of one read name the same people, then with a pool their ids are held once', () => {
    const people = Array.from({ length: 20 }, (_, i) => `person-${String(i).padStart(6, '0')}`);
    const rows = 100_000;
    /** Heap retained by `rows` decoded interactions whose ends are fresh strings. */
    const retained = (pool?: IdPool) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = [];
      for (let i = 0; i < rows; i++) {
        kept.push(decodeRecord('interaction', { kind: 'met', at: '2026-11-02T09:00:00Z' }, { a: fresh(people[i % 20]!), b: fresh(people[(i + 7) % 20]!) }, pool));
      }
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(kept).toHaveLength(rows);
      return used;
    };
    const copies = retained();
    const shared = retained(new IdPool());
    // Two 13-character strings a row (≥ 24 bytes each) are gone: at least 4.8 MB at 100,000 rows.
    expect(copies - shared).toBeGreaterThan(rows * 2 * 24);
  });

  it('when a record holds a temporal, then its text takes the memory of a plain string, not of the pieces it was printed from', () => {
    const rows = 100_000;
    const at = (i: number) => new neo4j.types.DateTime(2026, 1 + (i % 12), 1 + (i % 28), i % 24, i % 60, i % 60, 0, 0);
    /** Heap retained by `rows` decoded interactions whose `at` is `value(i)`. */
    const retained = (value: (i: number) => unknown) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = [];
      for (let i = 0; i < rows; i++) kept.push(decodeRecord('interaction', { id: `i${i}`, kind: 'met', at: value(i) }, { a: 'p1', b: 'p2' }));
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(kept[rows - 1]!).toMatchObject({ at: at(rows - 1).toString() });
      return used;
    };
    const printed = retained(at);
    const parsed = retained((i) => JSON.parse(JSON.stringify(at(i).toString())) as string);
    // The driver's rope (a cons string and its pieces) is ~80 bytes a record more than the flat text.
    expect(printed - parsed).toBeLessThan(rows * 20);
  });
});
