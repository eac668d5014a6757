import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr, type ArcWeight, type Csr } from '../../../graph/projection/csr.js';

const neighbours = (csr: Csr, u: number) => Array.from(csr.targets.subarray(csr.start[u], csr.start[u]! + csr.deg[u]!)).sort((a, b) => a - b);
const costOf = (csr: Csr, u: number, v: number) => csr.cost(csr.slotOf(u, v), 0);

describe('buildCsr', () => {
  it('when built from ties, then each tie is two arcs with its cost, and an isolated person has none', () => {
    const csr = buildCsr(['a', 'b', 'c', 'd'], [0, 1], [1, 2], [0.5, 2], 2);
    expect([csr.n, csr.ties]).toEqual([4, 2]);
    expect([0, 1, 2, 3].map((u) => neighbours(csr, u))).toEqual([[1], [0, 2], [1], []]);
    expect([costOf(csr, 0, 1), costOf(csr, 1, 0), costOf(csr, 2, 1)]).toEqual([0.5, 0.5, 2]);
    expect(csr.slotOf(0, 2)).toBe(-1);
    expect(csr.index.get('c')).toBe(2);
  });

  it('when there are no people, then the snapshot is empty', () => {
    const csr = buildCsr([], [], [], [], 0);
    expect([csr.n, csr.ties]).toEqual([0, 0]);
  });

  it('when ids are named like JavaScript built-ins, then the index maps them like any id', () => {
    const csr = buildCsr(['__proto__', 'constructor'], [0], [1], [1], 1);
    expect([csr.index.get('__proto__'), csr.index.get('constructor'), csr.index.get('toString')]).toEqual([0, 1, undefined]);
  });
});

describe('Csr patches', () => {
  it('when a tie is added within a person’s slack, then it is patched in place; without room or tail it says so', () => {
    const roomy = buildCsr(['a', 'b', 'c'], [0], [1], [1], 1, { slack: 1 });
    expect(roomy.addTie(0, 2, 7)).toBe(true);
    expect([neighbours(roomy, 0), neighbours(roomy, 2), roomy.ties, costOf(roomy, 2, 0)]).toEqual([[1, 2], [0], 2, 7]);
    const tight = buildCsr(['a', 'b', 'c'], [0], [1], [1], 1);
    const revision = tight.revision;
    expect(tight.addTie(0, 2, 7)).toBe(false);
    expect(tight.revision).toBe(revision);
  });

  it('when a full block needs room, then it moves to the tail with its arcs and costs', () => {
    const csr = buildCsr(['a', 'b', 'c', 'd'], [0], [1], [3], 1, { tailFraction: 0.5 });
    const before = csr.start[0];
    expect(csr.addTie(0, 2, 4)).toBe(true);
    expect(csr.addTie(0, 3, 5)).toBe(true);
    expect(csr.start[0]).not.toBe(before);
    expect(neighbours(csr, 0)).toEqual([1, 2, 3]);
    expect([costOf(csr, 0, 1), costOf(csr, 0, 2), costOf(csr, 0, 3), costOf(csr, 3, 0)]).toEqual([3, 4, 5, 5]);
  });

  it('when a tie is removed, then both arcs go and the other neighbours stay; removing it again changes nothing', () => {
    const csr = buildCsr(['a', 'b', 'c', 'd'], [0, 0, 0], [1, 2, 3], [1, 2, 3], 3);
    csr.removeTie(0, 1);
    expect([neighbours(csr, 0), neighbours(csr, 1), csr.ties]).toEqual([[2, 3], [], 2]);
    expect([costOf(csr, 0, 2), costOf(csr, 0, 3)]).toEqual([2, 3]);
    csr.removeTie(0, 1);
    expect(csr.ties).toBe(2);
  });

  it('when a tie’s cost is rewritten, then both directions read the new cost', () => {
    const csr = buildCsr(['a', 'b'], [0], [1], [1], 1);
    csr.setArc(0, 1, 9);
    expect([costOf(csr, 0, 1), costOf(csr, 1, 0)]).toEqual([9, 9]);
  });

  it('when a person arrives, then they get the next index, and a known id keeps its own', () => {
    const csr = buildCsr(['a'], [], [], [], 0);
    const r0 = csr.revision;
    expect(csr.addNode('b')).toBe(1);
    expect(csr.addNode('a')).toBe(0);
    expect(csr.revision).toBe(r0 + 1);
    expect([csr.n, csr.index.get('b'), csr.deg[1]]).toEqual([2, 1, 0]);
  });

  it('when given the wrong kind of arc value, then it refuses (a cost to a weighted snapshot, terms to a plain one)', () => {
    const weight: ArcWeight = { cost: () => 1, floor: () => 1 };
    expect(() => buildCsr(['a', 'b'], [0], [1], [1], 1, { weight })).toThrow(TypeError);
    expect(() => buildCsr(['a', 'b'], [0], [1], [{ term: 0, first: 0, last: 0 }], 1)).toThrow(TypeError);
  });

  it('when weighted, then an arc’s cost is computed from its terms at the instant asked, once per instant', () => {
    const calls: number[] = [];
    const weight: ArcWeight = { cost: (term, _first, last, at) => (calls.push(at), term + (at - last) / 1000), floor: (term, _first, last, from) => term + (from - last) / 1000 };
    const csr = buildCsr(['a', 'b'], [0], [1], [{ term: 2, first: 0, last: 1000 }], 1, { weight });
    const e = csr.slotOf(0, 1);
    expect(csr.cost(e, 3000)).toBe(4);
    expect(csr.cost(e, 3000)).toBe(4);
    expect(calls).toEqual([3000]);
    expect(csr.cost(e, 5000)).toBe(6);
    expect(calls).toEqual([3000, 5000]);
    csr.setArc(0, 1, { term: 1, first: 0, last: 5000 });
    expect(csr.cost(e, 5000)).toBe(1);
  });

  it('when weighted terms come in columns, then the snapshot is the one built from term objects, and a plain build refuses them', () => {
    const weight: ArcWeight = { cost: (term, first, last, at) => term + first / 10 + (at - last) / 1000, floor: (term, first, last, from) => term + first / 10 + (from - last) / 1000 };
    const ties = [
      { term: 2, first: 10, last: 1000 },
      { term: 5, first: 20, last: 3000 },
      { term: 1, first: 0, last: 2000 },
    ];
    const columns = { term: Uint8Array.from(ties, (t) => t.term), first: Float64Array.from(ties, (t) => t.first), last: Float64Array.from(ties, (t) => t.last) };
    const us = [0, 1, 2];
    const vs = [1, 2, 0];
    const fromObjects = buildCsr(['a', 'b', 'c'], us, vs, ties, 3, { weight, slack: 1 });
    const fromColumns = buildCsr(['a', 'b', 'c'], us, vs, columns, 3, { weight, slack: 1 });
    const arcs = (csr: Csr) => Array.from(csr.targets.subarray(0, csr.top), (v, e) => [v, csr.cost(e, 9000)]);
    expect(arcs(fromColumns)).toEqual(arcs(fromObjects));
    expect([...fromColumns.deg]).toEqual([2, 2, 2]);
    expect(fromColumns.cost(fromColumns.slotOf(1, 0), 9000)).toBe(2 + 1 + 8);
    expect(() => buildCsr(['a', 'b'], [0], [1], columns, 1)).toThrow(TypeError);
  });

  it('when arcs are added, rewritten and removed at random between queries at random instants, then a node’s cheapest-arc floor stays at or below each of its arcs’ costs, and is their least on a fresh snapshot', () => {
    // Costs rise with time since the last contact; the floor is the cost at `from`.
    const weight: ArcWeight = { cost: (term, _first, last, at) => term + Math.max(0, at - last) / 1000, floor: (term, _first, last, from) => term + Math.max(0, from - last) / 1000 };
    const terms = fc.record({ term: fc.integer({ min: 0, max: 5 }), first: fc.constant(0), last: fc.integer({ min: 0, max: 9_000 }) });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), u: fc.nat(5), v: fc.nat(5), value: terms }),
      fc.record({ kind: fc.constant('set' as const), u: fc.nat(5), v: fc.nat(5), value: terms }),
      fc.record({ kind: fc.constant('remove' as const), u: fc.nat(5), v: fc.nat(5) }),
      fc.record({ kind: fc.constant('ask' as const), at: fc.integer({ min: 0, max: 12_000 }) }),
    );
    const least = (csr: Csr, u: number, at: number) => Math.min(...Array.from({ length: csr.deg[u]! }, (_, i) => csr.cost(csr.start[u]! + i, at)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(5), terms), { maxLength: 8 }), fc.integer({ min: 0, max: 12_000 }), fc.array(op, { maxLength: 40 }), (ties, at0, ops) => {
        const ids = Array.from({ length: 6 }, (_, i) => `p${i}`);
        const unique = [...new Map(ties.filter(([u, v]) => u !== v).map((t) => [`${Math.min(t[0], t[1])},${Math.max(t[0], t[1])}`, t])).values()];
        const csr = buildCsr(ids, unique.map((t) => t[0]), unique.map((t) => t[1]), unique.map((t) => t[2]), unique.length, { weight, slack: 1, tailFraction: 0.5 });
        for (let u = 0; u < 6; u++) expect(csr.cheapestArc(u, at0)).toBe(least(csr, u, at0));
        for (const o of ops) {
          if (o.kind === 'add' && o.u !== o.v && csr.slotOf(o.u, o.v) < 0 && !csr.addTie(o.u, o.v, o.value)) return;
          if (o.kind === 'set') csr.setArc(o.u, o.v, o.value);
          if (o.kind === 'remove') csr.removeTie(o.u, o.v);
          if (o.kind === 'ask') for (let u = 0; u < 6; u++) expect(csr.cheapestArc(u, o.at)).toBeLessThanOrEqual(least(csr, u, o.at));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when ties are added and removed at random, then the adjacency is always the model’s (or the snapshot asks to be rebuilt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.boolean(), fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }))), ([n, ops]) => {
        const ids = Array.from({ length: n }, (_, i) => `p${i}`);
        const csr = buildCsr(ids, [], [], [], 0, { slack: 1, tailFraction: 0.25 });
        const model = new Map<number, Set<number>>(ids.map((_, i) => [i, new Set<number>()]));
        for (const [add, u, v] of ops) {
          if (u === v) continue;
          if (add && !model.get(u)!.has(v)) {
            if (!csr.addTie(u, v, u + v)) return; // out of room: the owner rebuilds, nothing to compare
            model.get(u)!.add(v);
            model.get(v)!.add(u);
          } else if (!add) {
            csr.removeTie(u, v);
            model.get(u)!.delete(v);
            model.get(v)!.delete(u);
          }
          for (let x = 0; x < n; x++) expect(neighbours(csr, x)).toEqual([...model.get(x)!].sort((a, b) => a - b));
          for (let x = 0; x < n; x++) for (const y of model.get(x)!) expect(costOf(csr, x, y)).toBe(x + y);
        }
        expect(csr.ties).toBe([...model.values()].reduce((s, m) => s + m.size, 0) / 2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Csr canonical order', () => {
  /** Each block's targets by id, as stored (not sorted here). */
  const blocks = (csr: Csr) => csr.ids.map((id, u) => [id, Array.from(csr.targets.subarray(csr.start[u], csr.start[u]! + csr.deg[u]!), (v) => csr.ids[v])] as const).sort(([a], [b]) => (a < b ? -1 : 1));

  it('when ties are built or patched in any order, people numbered last included, then every block lists its targets in id order, as a fresh build of the same ties does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.nat(7), fc.nat(7)).filter(([a, b]) => a !== b), { selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`, maxLength: 20 }),
        fc.nat(20),
        fc.nat(7),
        (ties, built, numberedLast) => {
          const ids = ['b', 'd', 'f', 'h', 'j', 'l', 'n', 'p'];
          // The snapshot starts without one person, then numbered last, and 'a' (first in id order) after them.
          const late = ids[numberedLast]!;
          const early = ids.filter((id) => id !== late);
          const first = ties.slice(0, built).filter(([a, b]) => ids[a] !== late && ids[b] !== late);
          const csr = buildCsr(early, first.map(([a]) => early.indexOf(ids[a]!)), first.map(([, b]) => early.indexOf(ids[b]!)), first.map(() => 1), first.length, { slack: 1, tailFraction: 1 });
          csr.addNode(late);
          csr.addNode('a');
          expect(csr.inIdOrder).toBe(false);
          const number = (id: string) => csr.index.get(id)!;
          for (const [a, b] of ties.slice(built).reverse().concat(first.slice(0, 3))) {
            const [u, v] = [number(ids[a]!), number(ids[b]!)];
            if (csr.slotOf(u, v) >= 0) csr.removeTie(u, v);
            else expect(csr.addTie(u, v, 1)).toBe(true);
          }
          const kept = ties.filter(([a, b]) => csr.slotOf(number(ids[a]!), number(ids[b]!)) >= 0);
          const all = [...ids, 'a'].sort();
          const fresh = buildCsr(all, kept.map(([a]) => all.indexOf(ids[a]!)), kept.map(([, b]) => all.indexOf(ids[b]!)), kept.map(() => 1), kept.length);
          expect(fresh.inIdOrder).toBe(true);
          expect(blocks(csr)).toEqual(blocks(fresh));
          for (const [, targets] of blocks(fresh)) expect(targets).toEqual([...targets].sort());
          expect(Array.from(csr.byId(), (u) => csr.ids[u])).toEqual(all);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Csr.byIdSteps', () => {
  it('when people of any ids are built and added in any order, then the id order in steps is a full sort, pausing every few comparisons', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 40 }), fc.nat(40), fc.integer({ min: 1, max: 5 }), (ids, builtCount, step) => {
        const built = ids.slice(0, Math.min(builtCount, ids.length));
        const csr = buildCsr(built, [], [], [], 0);
        for (const id of ids.slice(built.length)) csr.addNode(id);
        const steps = csr.byIdSteps(step);
        let pauses = 0;
        let r = steps.next();
        for (; !r.done; r = steps.next()) pauses++;
        const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(Array.from(r.value, (u) => csr.ids[u])).toEqual(sorted);
        // the merge alone walks every person once
        if (ids.length > step) expect(pauses).toBeGreaterThan(0);
        expect(csr.byId()).toBe(r.value);
      }),
      { numRuns: 300 },
    );
  });
});
