import { describe, expect, it } from 'vitest';
import { OrderedSlots } from '../../../graph/projection/ordered-slots.js';

const listed = <V>(s: OrderedSlots<V>) => {
  const out: [V, string, string][] = [];
  s.forEach((v, a, b) => out.push([v, a, b]));
  return out;
};

describe('ordered slots', () => {
  it('when pairs are added and one is vacated, then the others keep their slots and their order', () => {
    const s = new OrderedSlots<number>();
    const slots = [s.add('a', 'b', 1), s.add('__proto__', 'constructor', 2), s.add('c', 'a', 3)];
    expect(slots).toEqual([0, 1, 2]);
    s.vacate(1);
    expect(s.size).toBe(2);
    expect([s.at(0), s.at(1), s.at(2)]).toEqual([1, undefined, 3]);
    expect(listed(s)).toEqual([[1, 'a', 'b'], [3, 'c', 'a']]);
  });

  it('when few holes are left, then compacting moves nothing', () => {
    const s = new OrderedSlots<string>();
    for (let i = 0; i < 10; i++) s.add(`p${i}`, `q${i}`, `v${i}`);
    for (let i = 0; i < 9; i++) s.vacate(i);
    const moved: number[] = [];
    s.compact((_a, _b, slot) => moved.push(slot));
    expect(moved).toEqual([]);
    expect(s.at(9)).toBe('v9');
  });

  it('when holes outnumber the pairs, then compacting closes them up in order and reports every new slot', () => {
    const s = new OrderedSlots<number>();
    const n = 5000;
    for (let i = 0; i < n; i++) s.add(`a${i}`, `b${i}`, i);
    const kept = [];
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) kept.push(i);
      else s.vacate(i);
    }
    const moved: [string, string, number][] = [];
    s.compact((a, b, slot) => moved.push([a, b, slot]));
    expect(moved).toEqual(kept.map((i, slot) => [`a${i}`, `b${i}`, slot]));
    expect(s.size).toBe(kept.length);
    expect(kept.map((_, slot) => s.at(slot))).toEqual(kept);
    expect(s.at(kept.length)).toBeUndefined();
    expect(s.add('x', 'y', -1)).toBe(kept.length);
    expect(listed(s).map(([v]) => v)).toEqual([...kept, -1]);
  });

  it('when walked in slices, then it yields after every step pairs and visits what forEach visits, holes skipped', () => {
    const s = new OrderedSlots<number>();
    for (let i = 0; i < 10; i++) s.add(`a${i}`, `b${i}`, i);
    s.vacate(4);
    const seen: number[] = [];
    const atYields: number[] = [];
    const steps = s.forEachInSteps((v) => seen.push(v), 3);
    while (!steps.next().done) atYields.push(seen.length);
    expect(atYields).toEqual([3, 6, 9]);
    expect(seen).toEqual(listed(s).map(([v]) => v));
  });
});
