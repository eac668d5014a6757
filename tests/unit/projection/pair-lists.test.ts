import { describe, expect, it } from 'vitest';
import { PairLists } from '../../../graph/projection/pair-lists.js';

const listOf = <V>(p: PairLists<V>, u: number, side: 0 | 1 = 0) => {
  const out: [number, V][] = [];
  p.forEachAt(u, side, (other, value) => out.push([other, value]));
  return out;
};
const pairsOf = <V>(p: PairLists<V>) => {
  const out: [V, number, number][] = [];
  p.forEach((value, u, v) => out.push([value, u, v]));
  return out;
};

describe('pair lists', () => {
  it('when undirected pairs are added, then each is found from either end and every list keeps the order added', () => {
    const p = new PairLists<string>(false);
    for (let u = 0; u < 4; u++) p.clearNode(u);
    const ab = p.add(0, 1, 'ab');
    p.add(2, 0, 'ca');
    p.add(1, 2, 'bc');
    expect([p.size, p.find(1, 0), p.find(0, 1), p.find(0, 3), p.at(ab)]).toEqual([3, ab, ab, -1, 'ab']);
    expect(listOf(p, 0)).toEqual([[1, 'ab'], [2, 'ca']]);
    expect(listOf(p, 2)).toEqual([[0, 'ca'], [1, 'bc']]);
    expect([p.count(0), p.count(3)]).toEqual([2, 0]);
    expect(pairsOf(p)).toEqual([['ab', 0, 1], ['ca', 2, 0], ['bc', 1, 2]]);
  });

  it('when directed arcs are added, then u → v is not v → u and each node has an out-list and an in-list', () => {
    const p = new PairLists<string>(true);
    for (let u = 0; u < 3; u++) p.clearNode(u);
    const ab = p.add(0, 1, 'ab');
    p.add(2, 1, 'cb');
    expect([p.find(0, 1), p.find(1, 0)]).toEqual([ab, -1]);
    expect(listOf(p, 1, 1)).toEqual([[0, 'ab'], [2, 'cb']]);
    expect(listOf(p, 1, 0)).toEqual([]);
    expect([p.count(1, 0), p.count(1, 1), p.count(0, 0)]).toEqual([0, 2, 1]);
  });

  it('when pairs are removed and the holes closed, then the rest keep their order, values and marks, and are found again', () => {
    const p = new PairLists<number>(false, 1);
    const n = 50;
    for (let u = 0; u < n; u++) p.clearNode(u);
    for (let u = 0; u + 1 < n; u++) p.setMarkAt(p.add(u, u + 1, u), u * 10);
    for (let u = 0; u + 1 < n; u += 2) p.remove(p.find(u + 1, u));
    p.settle();
    const kept = Array.from({ length: n / 2 - 1 }, (_, i) => 2 * i + 1);
    expect(p.size).toBe(kept.length);
    expect(pairsOf(p)).toEqual(kept.map((u) => [u, u, u + 1]));
    for (const u of kept) {
      const slot = p.find(u, u + 1);
      expect([p.at(slot), p.markAt(slot)]).toEqual([u, u * 10]);
    }
    expect(p.find(0, 1)).toBe(-1);
    expect([listOf(p, 2), listOf(p, 3)]).toEqual([[[1, 1]], [[4, 3]]]);
  });

  it('when a node is cleared for reuse, then its number starts with empty lists', () => {
    const p = new PairLists<string>(false);
    for (let u = 0; u < 3; u++) p.clearNode(u);
    p.remove(p.add(0, 1, 'ab'));
    p.clearNode(1);
    expect([p.count(1), listOf(p, 1), p.size]).toEqual([0, [], 0]);
    p.add(2, 1, 'cb');
    expect(listOf(p, 1)).toEqual([[2, 'cb']]);
  });
});
