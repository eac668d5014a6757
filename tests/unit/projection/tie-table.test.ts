import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import '../../../graph/projection/null-prototype-adjacency.js';
import { TieTable } from '../../../graph/projection/tie-table.js';
import type { TieEvidence } from '../../../graph/projection/tie-evidence.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';

const edges = (t: TieTable) => {
  const out: [TieEvidence, string, string][] = [];
  t.forEachEdge((e, a, b) => out.push([e, a, b]));
  return out;
};
const neighbours = (t: TieTable, id: string) => {
  const out: [string, TieEvidence][] = [];
  t.forEachNeighbor(id, (n, e) => out.push([n, e]));
  return out;
};

describe('tie table', () => {
  it('when ties are added, then each is found from either end with its evidence object', () => {
    const t = new TieTable();
    for (const id of ['a', 'b', 'c']) t.addNode(id);
    const ab: TieEvidence = { interactions: ['i1'] };
    const ca: TieEvidence = { events: ['e1'] };
    t.addEdge('a', 'b', ab);
    t.addEdge('c', 'a', ca);
    expect([t.order, t.size, t.degree('a'), t.degree('b'), t.degree('nobody')]).toEqual([3, 2, 2, 1, 0]);
    expect(t.evidence('b', 'a')).toBe(ab);
    expect(t.evidence('a', 'c')).toBe(ca);
    expect([t.hasEdge('b', 'c'), t.hasEdge('a', 'nobody'), t.evidence('nobody', 'a')]).toEqual([false, false, undefined]);
    expect(edges(t)).toEqual([[ab, 'a', 'b'], [ca, 'c', 'a']]);
    expect(neighbours(t, 'a')).toEqual([['b', ab], ['c', ca]]);
  });

  it('when walked for a snapshot build, then each tie comes in order with its ends’ places among the people and a slot that setMarkAt marks it by', () => {
    const t = new TieTable();
    for (const id of ['a', 'b', 'c', 'd']) t.addNode(id);
    t.dropNode('a');
    t.addNode('e'); // takes a's number; lists last
    t.addEdge('e', 'b', { events: 'x' });
    t.addEdge('c', 'd', { interactions: 'i1' });
    t.addEdge('b', 'd', { interactions: 'i2' });
    const seen: [string, string, number, number][] = [];
    const slots: number[] = [];
    runAtOnce(
      t.forEachEdgePlacedInSteps((_e, a, b, ia, ib, slot) => {
        seen.push([a, b, ia, ib]);
        slots.push(slot);
      }, 1),
    );
    const order = [...t.nodes()];
    expect(order).toEqual(['b', 'c', 'd', 'e']);
    expect(seen).toEqual([['e', 'b', 3, 0], ['c', 'd', 1, 2], ['b', 'd', 0, 2]]);
    slots.forEach((slot, i) => t.setMarkAt(slot, 10 + i));
    expect([t.mark('b', 'e'), t.mark('d', 'c'), t.mark('d', 'b')]).toEqual([10, 11, 12]);
  });

  it('when ties are made between numbered people (a build), then they read as addEdge’s from either end', () => {
    const t = new TieTable();
    for (const id of ['a', '__proto__', 'c']) t.addNode(id);
    const [a, proto, c] = ['a', '__proto__', 'c'].map((id) => t.numberOf(id)!);
    expect(t.numberOf('nobody')).toBeUndefined();
    expect(t.evidenceBetween(a!, proto!)).toBeUndefined();
    const e: TieEvidence = { events: 'x' };
    t.addNumberedEdge(proto!, a!, e);
    expect([t.evidenceBetween(a!, proto!), t.evidenceBetween(proto!, a!), t.evidence('a', '__proto__'), t.evidenceBetween(a!, c!)]).toEqual([e, e, e, undefined]);
    expect(edges(t)).toEqual([[e, '__proto__', 'a']]);
  });

  it('when a tie would join someone unknown, join a person to themself or repeat a tie, then it is refused', () => {
    const t = new TieTable();
    t.addNode('a');
    t.addNode('b');
    t.addEdge('a', 'b', {});
    expect(() => t.addEdge('a', 'nobody', {})).toThrow(/missing/);
    expect(() => t.addEdge('a', 'a', {})).toThrow(/self-tie/);
    expect(() => t.addEdge('b', 'a', {})).toThrow(/exists/);
    expect(t.addNode('a')).toBe(false);
    expect(t.size).toBe(1);
  });

  it('when ids are named like JavaScript built-ins, then they are people and ties like any', () => {
    const t = new TieTable();
    const ids = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', '0', 'valueOf'];
    for (const id of ids) t.addNode(id);
    for (let i = 1; i < ids.length; i++) t.addEdge(ids[0]!, ids[i]!, { interactions: [ids[i]!] });
    expect([...t.nodes()]).toEqual(ids);
    expect(t.degree('__proto__')).toBe(ids.length - 1);
    expect(t.hasEdge('constructor', 'toString')).toBe(false);
    expect(t.evidence('toString', '__proto__')).toEqual({ interactions: ['toString'] });
    expect(t.dropNode('__proto__')).toBe(true);
    expect([t.size, t.degree('constructor'), t.hasNode('__proto__')]).toEqual([0, 0, false]);
  });

  it('when a person is dropped, then their ties go and they can come back with none', () => {
    const t = new TieTable();
    for (const id of ['a', 'b', 'c']) t.addNode(id);
    t.addEdge('a', 'b', {});
    t.addEdge('b', 'c', {});
    expect(t.dropNode('b')).toBe(true);
    expect(t.dropNode('b')).toBe(false);
    expect([t.size, t.degree('a'), t.degree('c'), [...t.nodes()]]).toEqual([0, 0, 0, ['a', 'c']]);
    t.addNode('b');
    expect([[...t.nodes()], t.degree('b')]).toEqual([['a', 'c', 'b'], 0]);
  });

  it('when most ties are dropped, then the rest are still found, in their order, and new ones follow them', () => {
    const t = new TieTable();
    const n = 3000;
    for (let i = 0; i <= n; i++) t.addNode(`p${i}`);
    for (let i = 1; i <= n; i++) t.addEdge('p0', `p${i}`, { interactions: [`i${i}`] });
    for (let i = 1; i <= n; i++) if (i % 4 !== 0) expect(t.dropEdge(`p${i}`, 'p0')).toBe(true);
    expect(t.dropEdge('p1', 'p0')).toBe(false);
    t.addEdge('p1', 'p2', { events: ['e'] });
    const kept = Array.from({ length: n / 4 }, (_, k) => `p${4 * (k + 1)}`);
    expect(t.size).toBe(kept.length + 1);
    expect(edges(t).map(([, a, b]) => `${a}-${b}`)).toEqual([...kept.map((id) => `p0-${id}`), 'p1-p2']);
    expect(neighbours(t, 'p0').map(([id]) => id)).toEqual(kept);
    for (const id of kept) expect(t.evidence(id, 'p0')).toEqual({ interactions: [`i${id.slice(1)}`] });
    expect(t.evidence('p2', 'p1')).toEqual({ events: ['e'] });
  });

  it('when any sequence of people and ties is added and dropped, then it reads as graphology does', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd', '__proto__', 'constructor', '7');
    const op = fc.oneof(
      fc.tuple(fc.constant('addNode' as const), id, id),
      fc.tuple(fc.constant('dropNode' as const), id, id),
      fc.tuple(fc.constant('addEdge' as const), id, id),
      fc.tuple(fc.constant('addEdge' as const), id, id),
      fc.tuple(fc.constant('dropEdge' as const), id, id),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new TieTable();
        const g = new UndirectedGraph<Record<string, never>, TieEvidence>({ allowSelfLoops: false });
        ops.forEach(([kind, a, b], i) => {
          if (kind === 'addNode') expect(t.addNode(a)).toBe(!g.hasNode(a) && g.addNode(a) !== undefined);
          else if (kind === 'dropNode') {
            expect(t.dropNode(a)).toBe(g.hasNode(a));
            if (g.hasNode(a)) g.dropNode(a);
          } else if (kind === 'addEdge') {
            if (!g.hasNode(a) || !g.hasNode(b) || a === b || g.hasEdge(a, b)) return;
            const e: TieEvidence = { interactions: [`i${i}`] };
            t.addEdge(a, b, e);
            g.addEdge(a, b, e);
          } else {
            const there = g.hasNode(a) && g.hasNode(b) && g.hasEdge(a, b);
            expect(t.dropEdge(a, b)).toBe(there);
            if (there) g.dropEdge(a, b);
          }
        });
        expect([...t.nodes()]).toEqual(g.nodes());
        expect([t.order, t.size]).toEqual([g.order, g.size]);
        const expected: [TieEvidence, string, string][] = [];
        g.forEachEdge((_k, e, a, b) => expected.push([e, a, b]));
        expect(edges(t)).toEqual(expected);
        for (const a of g.nodes()) {
          expect(t.degree(a)).toBe(g.degree(a));
          expect(neighbours(t, a).map(([n]) => n).sort()).toEqual(g.neighbors(a).sort());
          // a person's neighbours come in the order of their ties
          expect(neighbours(t, a).map(([n]) => n)).toEqual(expected.filter(([, x, y]) => x === a || y === a).map(([, x, y]) => (x === a ? y : x)));
          for (const b of g.nodes()) expect(t.evidence(a, b)).toBe(a !== b && g.hasEdge(a, b) ? g.getEdgeAttributes(a, b) : undefined);
        }
      }),
    );
  });
});
