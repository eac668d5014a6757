import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryCodes, MISSING } from '../../../graph/analytics/category-codes.js';
import { met, people, testNetwork } from '../network-fixture.js';

const T = Date.parse('2024-01-01');

/** Industries named like built-ins are categories like any. */
const net = () =>
  testNetwork({
    people: [
      { id: 'a', name: 'A', industry: 'tax' },
      { id: 'b', name: 'B', industry: '__proto__' },
      { id: 'c', name: 'C', industry: 'tax' },
      { id: 'd', name: 'D' },
      { id: 'constructor', name: 'E', industry: 'constructor' },
    ],
  });

describe('categoryCodes', () => {
  it('when a meeting is logged, then the tables are kept; when a person changes, then they are made again and read the new value', () => {
    const n = net();
    const table = () => categoryCodes(n.engine.context(), 'industry')!;
    const first = table();
    const codeOfA = () => table().names[table().codeOf(n.engine.context().csr.index.get('a')!)];
    expect(codeOfA()).toBe('tax');
    // new ties: the snapshot is patched, each id keeps its number
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'c', '2024-02-01') });
    n.apply({ op: 'put', kind: 'interaction', record: met('a', 'b', '2024-02-02') });
    expect(table()).toBe(first);
    expect(codeOfA()).toBe('tax');
    n.apply({ op: 'put', kind: 'person', record: { id: 'a', name: 'A', industry: 'law' } });
    expect(table()).not.toBe(first);
    expect(codeOfA()).toBe('law');
  });

  it('when values repeat, then they share a code; a person without one is MISSING; names are in first-seen order', () => {
    const ctx = net().engine.context(T);
    const codes = categoryCodes(ctx, 'industry')!;
    const code = (id: string) => codes.codeOf(ctx.csr.index.get(id)!);
    expect([code('c'), code('b'), code('a'), code('d'), code('constructor')]).toEqual([0, 1, 0, MISSING, 2]);
    expect(codes.names).toEqual(['tax', '__proto__', 'constructor']);
  });

  it('when nodes are counted, then each category’s count comes in first-seen order, with how many have a value and how many none', () => {
    const ctx = net().engine.context(T);
    const codes = categoryCodes(ctx, 'industry')!;
    const nodes = ['b', 'a', 'd', 'c', 'constructor'].map((id) => ctx.csr.index.get(id)!);
    const counted = codes.count(nodes);
    expect([...counted.counts]).toEqual([['__proto__', 1], ['tax', 2], ['constructor', 1]]);
    expect([counted.contacts, counted.missing]).toEqual([4, 1]);
    // the tallies are left zeroed: counting again gives the same
    expect(codes.count(nodes)).toEqual(counted);
    expect(codes.count([])).toEqual({ counts: new Map(), contacts: 0, missing: 0 });
  });

  it('when asked for `group`, then there is no table (a person has several groups, dated)', () => {
    expect(categoryCodes(net().engine.context(T), 'group')).toBeUndefined();
  });

  it('when asked again on the same snapshot, then the same table serves; after a change of a person, a new one with the new value', () => {
    const n = net();
    const first = categoryCodes(n.engine.context(T), 'industry')!;
    expect(categoryCodes(n.engine.context(T), 'industry')).toBe(first);
    n.apply({ op: 'put', kind: 'person', record: { id: 'd', name: 'D', industry: 'law' } });
    const ctx = n.engine.context(T);
    const after = categoryCodes(ctx, 'industry')!;
    expect(after).not.toBe(first);
    expect(after.names[after.codeOf(ctx.csr.index.get('d')!)]).toBe('law');
  });

  it('when values are drawn at random, then counts over any nodes equal a plain count of the people’s values', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('x', 'y', 'toString', '__proto__', 'hasOwnProperty'), { nil: undefined }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (values, picks) => {
        const ids = values.map((_, i) => `p${i}`);
        const n = testNetwork({ people: people(...ids).map((p, i) => ({ ...p, ...(values[i] === undefined ? {} : { industry: values[i] }) })) });
        const ctx = n.engine.context(T);
        const chosen = picks.map((k) => k % ids.length);
        const got = categoryCodes(ctx, 'industry')!.count(chosen.map((i) => ctx.csr.index.get(ids[i]!)!));
        const want = new Map<string, number>();
        for (const i of chosen) if (values[i] !== undefined) want.set(values[i], (want.get(values[i]) ?? 0) + 1);
        expect([...got.counts]).toEqual([...want]);
        expect(got.missing).toBe(chosen.filter((i) => values[i] === undefined).length);
        expect(got.contacts + got.missing).toBe(chosen.length);
      }),
      { numRuns: 150 },
    );
  });
});
