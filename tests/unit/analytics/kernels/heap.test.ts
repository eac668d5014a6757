import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../../graph/analytics/kernels/heap.js';

function drain(h: MinHeap): [number, number][] {
  const out: [number, number][] = [];
  while (h.size > 0) {
    const key = h.peekKey();
    out.push([key, h.pop()]);
  }
  return out;
}

describe('MinHeap', () => {
  it('when empty, then its smallest key is Infinity and its size 0', () => {
    const h = new MinHeap();
    expect([h.size, h.peekKey()]).toEqual([0, Infinity]);
  });

  it('when keys are pushed out of order, then they pop smallest first with their items', () => {
    const h = new MinHeap();
    for (const [k, item] of [[5, 50], [1, 10], [3, 30], [2, 20], [4, 40]] as const) h.push(k, item);
    expect(drain(h)).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]]);
  });

  it('when it holds more than its capacity, then it grows and keeps every entry', () => {
    const h = new MinHeap(1);
    for (let i = 9; i >= 0; i--) h.push(i, i);
    expect(h.size).toBe(10);
    expect(drain(h).map(([k]) => k)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('when cleared, then it is empty and takes new entries', () => {
    const h = new MinHeap(2);
    h.push(1, 1);
    h.push(2, 2);
    h.clear();
    expect(h.peekKey()).toBe(Infinity);
    h.push(7, 70);
    expect(drain(h)).toEqual([[7, 70]]);
  });

  it('when pushes and pops interleave at random (ties of equal key included), then every pop gives a smallest key and each item comes back once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(null)), { maxLength: 200 }), fc.integer({ min: 1, max: 8 }), (ops, capacity) => {
        const h = new MinHeap(capacity);
        const model = new Map<number, number>(); // item → key
        let next = 0;
        for (const op of ops) {
          if (op !== null) {
            h.push(op, next);
            model.set(next++, op);
          } else if (model.size > 0) {
            const min = Math.min(...model.values());
            expect(h.peekKey()).toBe(min);
            const item = h.pop();
            expect(model.get(item)).toBe(min);
            model.delete(item);
          }
          expect(h.size).toBe(model.size);
        }
        const rest = drain(h);
        expect(rest.map(([k]) => k)).toEqual([...model.values()].sort((a, b) => a - b));
        expect(rest.map(([, item]) => item).sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
