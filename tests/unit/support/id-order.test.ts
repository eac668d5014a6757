import { describe, expect, it } from 'vitest';
import { compareIds } from '../../../graph/support/id-order.js';

describe('id order', () => {
  it('when ids differ in case, accents or astral characters, then they sort by UTF-16 code unit, whatever the locale', () => {
    const ids = ['b', 'B', 'a', 'é', 'e', '😀', '\uffff', '10', '9', ''];
    expect([...ids].sort(compareIds)).toEqual(['', '10', '9', 'B', 'a', 'b', 'e', 'é', '😀', '\uffff']);
  });
  it('when two ids are equal, then they compare as 0, and the order is antisymmetric', () => {
    expect(compareIds('x', 'x')).toBe(0);
    expect(Math.sign(compareIds('a', 'b'))).toBe(-Math.sign(compareIds('b', 'a')));
  });
});
