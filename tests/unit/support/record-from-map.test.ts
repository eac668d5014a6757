import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordFromMap } from '../../../graph/support/record-from-map.js';

describe('recordFromMap', () => {
  it('when keys are named like built-ins or look like numbers, then the object is Object.fromEntries’: own data keys in its order, the ordinary prototype', () => {
    const entries = new Map<string, number>([['b', 1], ['__proto__', 2], ['7', 3], ['constructor', 4], ['a', 5]]);
    const out = recordFromMap(entries);
    const expected = Object.fromEntries(entries);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['7', 'b', '__proto__', 'constructor', 'a']);
    expect(Object.keys(out)).toEqual(Object.keys(expected));
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')).toEqual({ value: 2, writable: true, enumerable: true, configurable: true });
    expect(JSON.stringify(out)).toBe(JSON.stringify(expected));
    expect(out).toStrictEqual(expected);
    expect(out.toString).toBe(Object.prototype.toString);
  });

  it('when entries are drawn at random, then it serialises exactly as Object.fromEntries does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toString', '0', '12', 'valueOf')), fc.integer())), (pairs) => {
        const entries = new Map(pairs);
        expect(JSON.stringify(recordFromMap(entries))).toBe(JSON.stringify(Object.fromEntries(entries)));
      }),
    );
  });
});
