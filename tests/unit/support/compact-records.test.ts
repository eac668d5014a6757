/**
 * graph/support/compact-records.ts: a record made by a key set's literal is the object the keys
 * and values describe, whatever the keys' spelling; `__proto__` and key sets past the limit are
 * left to the caller.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

const fresh = async () => {
  vi.resetModules();
  return import('../../../graph/support/compact-records.js');
};

describe('recordMaker', () => {
  it('when keys and values are given, then the record has exactly those own properties, in the order assignment gives', async () => {
    const { recordMaker } = await fresh();
    fc.assert(
      fc.property(fc.uniqueArray(fc.string().filter((k) => k !== '__proto__')), (keys) => {
        const values = keys.map((k, i) => (i % 2 ? [k] : `${k}:${i}`));
        const made = recordMaker(keys)?.(values);
        const assigned: Record<string, unknown> = {};
        keys.forEach((k, i) => (assigned[k] = values[i]));
        if (!made) return; // past the limit: the caller builds it
        expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
        expect(Object.keys(made)).toEqual(Object.keys(assigned));
        expect(made).toStrictEqual(assigned);
      }),
    );
  });

  it('when a key spells code, then it is only a property name', async () => {
    const { recordMaker } = await fresh();
    const keys = ['"}; throw new Error("ran"); ({"', '\\', '\n', '`${1}`', '0', 'constructor', '</script>'];
    const made = recordMaker(keys)!(keys.map((_, i) => i));
    expect(Object.keys(made).sort()).toEqual([...keys].sort());
    for (const [i, k] of keys.entries()) expect(Object.getOwnPropertyDescriptor(made, k)?.value).toBe(i);
  });

  it('when the same keys come again, then the same maker builds a new object each time', async () => {
    const { recordMaker } = await fresh();
    const make = recordMaker(['id', 'a', 'b', 'kind', 'at'])!;
    expect(recordMaker(['id', 'a', 'b', 'kind', 'at'])).toBe(make);
    const one = make(['i1', 'p1', 'p2', 'met', '2026-01-01']);
    const two = make(['i2', 'p2', 'p3', 'call', '2026-01-02']);
    expect(one).not.toBe(two);
    expect(one).toStrictEqual({ id: 'i1', a: 'p1', b: 'p2', kind: 'met', at: '2026-01-01' });
    expect(two).toStrictEqual({ id: 'i2', a: 'p2', b: 'p3', kind: 'call', at: '2026-01-02' });
  });

  it('when two key sets would read alike joined, then each keeps its own maker', async () => {
    const { recordMaker } = await fresh();
    expect(recordMaker([])!([])).toStrictEqual({});
    expect(recordMaker([''])!([1])).toStrictEqual({ '': 1 });
    expect(recordMaker(['a\u0000b'])!([1])).toStrictEqual({ 'a\u0000b': 1 });
    expect(recordMaker(['a', 'b'])!([1, 2])).toStrictEqual({ a: 1, b: 2 });
  });

  it('when a key is __proto__, then no maker is offered (a literal would set the prototype)', async () => {
    const { recordMaker } = await fresh();
    expect(recordMaker(['id', '__proto__'])).toBeUndefined();
  });

  it('when more key sets come than it holds, then the new ones get none and the held ones still work', async () => {
    const { recordMaker } = await fresh();
    const first = recordMaker(['k0'])!;
    for (let i = 1; i < 256; i++) expect(recordMaker([`k${i}`])).toBeDefined();
    expect(recordMaker(['one more'])).toBeUndefined();
    expect(recordMaker(['k0'])).toBe(first);
    expect(recordMaker(['k7'])!(['x'])).toStrictEqual({ k7: 'x' });
  });
});
