import fc from 'fast-check';
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import '../../../graph/projection/null-prototype-adjacency.js';
import { ReferralTable } from '../../../graph/projection/referral-table.js';
import type { ReferralArc } from '../../../graph/projection/tie-evidence.js';
import { ExactSum } from '../../../graph/support/exact-sum.js';

const arcs = (t: ReferralTable) => {
  const out: [ReferralArc, string, string][] = [];
  t.forEachArc((arc, from, to) => out.push([arc, from, to]));
  return out;
};
const outs = (t: ReferralTable, p: string) => {
  const out: string[] = [];
  t.forEachOut(p, (to) => out.push(to));
  return out;
};
const ins = (t: ReferralTable, p: string) => {
  const out: string[] = [];
  t.forEachIn(p, (from) => out.push(from));
  return out;
};

describe('referral table', () => {
  it('when arcs are added, then each is found from its referrer only, with its arc object', () => {
    const t = new ReferralTable();
    const ab: ReferralArc = { ids: ['r1'], value: new ExactSum().add(5) };
    const ba: ReferralArc = { ids: ['r2'], value: new ExactSum().add(0) };
    t.addArc('a', 'b', ab);
    t.addArc('b', 'a', ba);
    t.addArc('a', 'c', { ids: ['r3'], value: new ExactSum().add(1) });
    expect(t.size).toBe(3);
    expect([t.arc('a', 'b'), t.arc('b', 'a'), t.arc('c', 'a'), t.hasArc('a', 'c'), t.hasArc('c', 'a')]).toEqual([ab, ba, undefined, true, false]);
    expect(t.arc('a', 'b')).toBe(ab);
    expect([outs(t, 'a'), ins(t, 'a'), outs(t, 'c'), ins(t, 'nobody')]).toEqual([['b', 'c'], ['b'], [], []]);
    expect([t.outNeighbors('a'), t.inNeighbors('c')]).toEqual([['b', 'c'], ['a']]);
  });

  it('when an arc would be a loop or repeat one, then it is refused', () => {
    const t = new ReferralTable();
    t.addArc('a', 'b', { ids: ['r1'], value: new ExactSum().add(0) });
    expect(() => t.addArc('a', 'a', { ids: ['r2'], value: new ExactSum().add(0) })).toThrow(/loop/);
    expect(() => t.addArc('a', 'b', { ids: ['r3'], value: new ExactSum().add(0) })).toThrow(/exists/);
    expect(t.dropArc('b', 'a')).toBe(false);
    expect(t.size).toBe(1);
  });

  it('when ids are named like JavaScript built-ins, then they are people like any', () => {
    const t = new ReferralTable();
    const ids = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];
    for (const to of ids.slice(1)) t.addArc('__proto__', to, { ids: [to], value: new ExactSum().add(1) });
    t.addArc('constructor', '__proto__', { ids: ['back'], value: new ExactSum().add(2) });
    expect(outs(t, '__proto__')).toEqual(ids.slice(1));
    expect(t.arc('constructor', '__proto__')).toEqual({ ids: ['back'], value: new ExactSum().add(2) });
    expect(t.hasArc('toString', 'constructor')).toBe(false);
    for (const to of t.outNeighbors('__proto__')) expect(t.dropArc('__proto__', to)).toBe(true);
    expect([t.size, outs(t, '__proto__'), ins(t, '__proto__')]).toEqual([1, [], ['constructor']]);
  });

  it('when most arcs are dropped, then the rest are still found, in their order', () => {
    const t = new ReferralTable();
    const n = 3000;
    for (let i = 0; i < n; i++) t.addArc(`p${i}`, `p${(i * 7 + 1) % n}`, { ids: [`r${i}`], value: new ExactSum().add(i) });
    const kept: string[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) kept.push(`p${i}`);
      else expect(t.dropArc(`p${i}`, `p${(i * 7 + 1) % n}`)).toBe(true);
    }
    expect(arcs(t).map(([, from]) => from)).toEqual(kept);
    for (const from of kept) {
      const i = Number(from.slice(1));
      expect(t.arc(from, `p${(i * 7 + 1) % n}`)).toEqual({ ids: [`r${i}`], value: new ExactSum().add(i) });
      expect(ins(t, `p${(i * 7 + 1) % n}`)).toEqual([from]);
    }
  });

  it('when any sequence of arcs is added and dropped, then it reads as graphology does', () => {
    const id = fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', 'x');
    const op = fc.tuple(fc.boolean(), id, id);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new ReferralTable();
        const g = new DirectedGraph<Record<string, never>, ReferralArc>({ allowSelfLoops: false });
        ops.forEach(([add, from, to], i) => {
          const there = g.hasNode(from) && g.hasNode(to) && g.hasEdge(from, to);
          if (add) {
            if (from === to || there) return;
            const arc: ReferralArc = { ids: [`r${i}`], value: new ExactSum().add(i) };
            t.addArc(from, to, arc);
            g.mergeNode(from);
            g.mergeNode(to);
            g.addEdge(from, to, arc);
          } else {
            expect(t.dropArc(from, to)).toBe(there);
            if (there) g.dropEdge(from, to);
          }
        });
        const expected: [ReferralArc, string, string][] = [];
        g.forEachEdge((_k, arc, from, to) => expected.push([arc, from, to]));
        expect(arcs(t)).toEqual(expected);
        expect(t.size).toBe(g.size);
        for (const p of g.nodes()) {
          expect(outs(t, p)).toEqual(g.outNeighbors(p));
          expect(ins(t, p)).toEqual(g.inNeighbors(p));
        }
      }),
    );
  });
});
