import { describe, expect, it } from 'vitest';
import { NodeNumbers } from '../../../graph/projection/node-numbers.js';

describe('node numbers', () => {
  it('when ids are added, then they get dense numbers, answer both ways and list in insertion order', () => {
    const n = new NodeNumbers();
    expect(['b', '__proto__', 'constructor'].map((id) => n.add(id))).toEqual([0, 1, 2]);
    expect([n.size, n.has('__proto__'), n.has('toString'), n.number('constructor'), n.number('nobody')]).toEqual([3, true, false, 2, undefined]);
    expect(n.names).toEqual(['b', '__proto__', 'constructor']);
    expect([...n.ids()]).toEqual(['b', '__proto__', 'constructor']);
  });

  it('when an id is dropped, then its number is freed (keeping no id) and handed to the next id added, which lists last', () => {
    const n = new NodeNumbers();
    for (const id of ['a', 'b', 'c']) n.add(id);
    n.drop('b');
    expect([n.size, n.has('b'), n.names[1]]).toEqual([2, false, '']);
    expect(n.add('d')).toBe(1);
    expect(n.add('e')).toBe(3);
    expect([...n.ids()]).toEqual(['a', 'c', 'd', 'e']);
    expect(n.names).toEqual(['a', 'd', 'c', 'e']);
  });

  it('when asked for positions, then each number gets its id’s place in insertion order, and a free number −1', () => {
    const n = new NodeNumbers();
    for (const id of ['a', 'b', 'c']) n.add(id);
    n.drop('a');
    n.add('d');
    n.drop('b');
    // numbers: d 0, c 2, 1 free; insertion order c, d
    expect([...n.positions()]).toEqual([1, -1, 0]);
  });
});
