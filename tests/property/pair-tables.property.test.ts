/**
 * The typed-array tie and referral tables (graph/projection/pair-lists.ts under tie-table.ts and
 * referral-table.ts) against the simplest model that has the orders they promise: people in a Map
 * in insertion order, ties (arcs) in a list in the order added. Random add/drop sequences over
 * enough ids to make the pair hash collide and grow, with holes closed up after only a few drops
 * (minHoles 1 to 5), so numbers are reused and slots move while the orders, and the numbers kept
 * with the ties (TieTable.mark), must not; forgotten numbers (clearMarks) must stay forgotten as the
 * table grows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReferralTable } from '../../graph/projection/referral-table.js';
import type { ReferralArc, TieEvidence } from '../../graph/projection/tie-evidence.js';
import { TieTable } from '../../graph/projection/tie-table.js';
import { ExactSum } from '../../graph/support/exact-sum.js';

const ID = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((i) => `p${i}`),
  fc.constantFrom('__proto__', 'constructor', 'toString', '0'),
);
/** Which existing tie (arc) a drop picks, when it picks one: random pairs seldom hit one. */
const PICK = fc.option(fc.nat(), { nil: undefined });

interface Pair<V> {
  a: string;
  b: string;
  value: V;
  /** the number the table keeps with a tie (TieTable.setMark), while it keeps one */
  mark?: number;
}

/** The model's ties (or arcs) at a person, as the other ends in the order they were added. */
const around = <V>(pairs: Pair<V>[], p: string, side: 'a' | 'b' | 'either') =>
  pairs.flatMap(({ a, b }) => (side !== 'b' && a === p ? [b] : side !== 'a' && b === p ? [a] : []));

describe('typed-array pair tables against a Map-and-list model', () => {
  it('when people and ties are added and dropped in any order, then the tie table reads as the model, orders included', () => {
    const op = fc.tuple(fc.constantFrom('addNode', 'addNode', 'dropNode', 'addEdge', 'addEdge', 'addEdge', 'dropEdge', 'dropEdge', 'clearMarks', 'reserve'), ID, ID, PICK);
    fc.assert(
      fc.property(fc.uniqueArray(ID, { maxLength: 30, size: 'max' }), fc.array(op, { maxLength: 300, size: 'max' }), fc.constantFrom(1, 2, 5, 1024), (first, ops, minHoles) => {
        const t = new TieTable(minHoles);
        const people = new Map<string, true>();
        // people there from the start, so many ties build up before drops close holes under them
        for (const p of first) {
          t.addNode(p);
          people.set(p, true);
        }
        let ties: Pair<TieEvidence>[] = [];
        const find = (a: string, b: string) => ties.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
        ops.forEach(([kind, x, y, pick], i) => {
          // A picked tie is dropped from its second end, or its first person dropped.
          const picked = pick === undefined || ties.length === 0 ? undefined : ties[pick % ties.length]!;
          const [a, b] = picked ? [picked.b, picked.a] : [x, y];
          if (kind === 'addNode') {
            expect(t.addNode(a)).toBe(!people.has(a));
            people.set(a, true);
          } else if (kind === 'dropNode') {
            expect(t.dropNode(a)).toBe(people.delete(a));
            ties = ties.filter((x) => x.a !== a && x.b !== a);
          } else if (kind === 'reserve') {
            t.reserve((pick ?? 0) % 400, (pick ?? 0) % 3 === 0 ? (pick ?? 0) % 400 : 0); // room and hash taken ahead, less or more than held, change nothing a reader sees
          } else if (kind === 'clearMarks') {
            t.clearMarks(); // every tie's number forgotten, and ties added after it start with none
            for (const tie of ties) delete tie.mark;
          } else if (kind === 'addEdge') {
            if (!people.has(a) || !people.has(b) || a === b || find(a, b)) return;
            const value: TieEvidence = { interactions: `i${i}` };
            t.addEdge(a, b, value);
            // every other tie keeps a number with it, which must follow it when slots move
            const tie: Pair<TieEvidence> = { a, b, value };
            if (i % 2 === 0) {
              t.setMark(b, a, i);
              tie.mark = i;
            }
            ties.push(tie);
          } else {
            const there = find(a, b);
            expect(t.dropEdge(a, b)).toBe(there !== undefined);
            ties = ties.filter((x) => x !== there);
          }
        });
        expect([...t.nodes()]).toEqual([...people.keys()]);
        expect([t.order, t.size]).toEqual([people.size, ties.length]);
        const listed: Pair<TieEvidence>[] = [];
        t.forEachEdge((value, a, b) => listed.push({ a, b, value }));
        expect(listed).toEqual(ties.map(({ a, b, value }) => ({ a, b, value })));
        for (const a of people.keys()) {
          const mine: string[] = [];
          t.forEachNeighbor(a, (n, e) => {
            expect(e).toBe(find(a, n)!.value);
            mine.push(n);
          });
          expect(mine).toEqual(around(ties, a, 'either'));
          expect(t.degree(a)).toBe(mine.length);
          for (const b of people.keys()) {
            expect(t.evidence(a, b)).toBe(find(a, b)?.value);
            expect(t.hasEdge(a, b)).toBe(find(a, b) !== undefined);
            const tie = find(a, b);
            expect(t.mark(a, b)).toEqual(tie?.mark ?? NaN);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('when arcs are added and dropped in any order, then the referral table reads as the model, orders included', () => {
    const op = fc.tuple(fc.constantFrom('addArc', 'addArc', 'dropArc', 'reserve'), ID, ID, PICK);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300, size: 'max' }), fc.constantFrom(1, 2, 5, 1024), (ops, minHoles) => {
        const t = new ReferralTable(minHoles);
        let arcs: Pair<ReferralArc>[] = [];
        const find = (a: string, b: string) => arcs.find((x) => x.a === a && x.b === b);
        ops.forEach(([kind, x, y, pick], i) => {
          const picked = pick === undefined || kind === 'addArc' || arcs.length === 0 ? undefined : arcs[pick % arcs.length]!;
          const [a, b] = picked ? [picked.a, picked.b] : [x, y];
          if (kind === 'reserve') t.reserve((pick ?? 0) % 400, (pick ?? 0) % 2 === 0 ? (pick ?? 0) % 400 : 0);
          else if (kind === 'addArc') {
            if (a === b || find(a, b)) return expect(() => t.addArc(a, b, { ids: [], value: new ExactSum().add(0) })).toThrow(/loop or exists/);
            const value: ReferralArc = { ids: [`r${i}`], value: new ExactSum().add(i) };
            t.addArc(a, b, value);
            arcs.push({ a, b, value });
          } else {
            const there = find(a, b);
            expect(t.dropArc(a, b)).toBe(there !== undefined);
            arcs = arcs.filter((x) => x !== there);
          }
        });
        expect(t.size).toBe(arcs.length);
        const listed: Pair<ReferralArc>[] = [];
        t.forEachArc((value, a, b) => listed.push({ a, b, value }));
        expect(listed).toEqual(arcs);
        const everyone = new Set(ops.flatMap(([, a, b]) => [a, b]));
        for (const p of everyone) {
          expect(t.outNeighbors(p)).toEqual(around(arcs, p, 'a'));
          expect(t.inNeighbors(p)).toEqual(around(arcs, p, 'b'));
          t.forEachOut(p, (to, arc) => expect(arc).toBe(find(p, to)!.value));
          t.forEachIn(p, (from, arc) => expect(arc).toBe(find(from, p)!.value));
          for (const q of everyone) expect(t.arc(p, q)).toBe(find(p, q)?.value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
