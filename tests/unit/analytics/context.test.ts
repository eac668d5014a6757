import { describe, expect, it } from 'vitest';
import { contactsOf, neighbourIndexes, personIndex, tieAt, UnknownIdError } from '../../../graph/analytics/context.js';
import { met, people, testNetwork } from '../network-fixture.js';

const at = (d: string) => Date.parse(d);

/** a–b from 01-01, a–c from 03-01, d alone, and a person named __proto__ tied to b. */
const net = () =>
  testNetwork({
    people: people('a', 'b', 'c', 'd', '__proto__'),
    interactions: [met('a', 'b', '2024-01-01'), met('a', 'c', '2024-03-01'), met('b', '__proto__', '2024-01-01')],
  });

describe('analytics context', () => {
  it('when a person is known, then their contacts are their ties as of asOf', () => {
    const n = net();
    expect(contactsOf(n.engine.context(at('2024-06-01')), 'a').sort()).toEqual(['b', 'c']);
    expect(contactsOf(n.engine.context(at('2024-02-01')), 'a')).toEqual(['b']);
    expect(contactsOf(n.engine.context(at('2024-06-01')), 'd')).toEqual([]);
    expect(contactsOf(n.engine.context(at('2024-06-01')), '__proto__')).toEqual(['b']);
  });

  it('when asked by index, then the neighbours are the snapshot row of that person', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    const u = personIndex(ctx, 'a');
    expect(ctx.csr.ids[u]).toBe('a');
    expect(Array.from(neighbourIndexes(ctx, u), (v) => ctx.csr.ids[v]).sort()).toEqual(['b', 'c']);
  });

  it('when an id names no person (a built-in name included), then UnknownIdError says which', () => {
    const ctx = net().engine.context(at('2024-06-01'));
    for (const id of ['nobody', 'constructor', 'toString']) {
      expect(() => personIndex(ctx, id)).toThrow(UnknownIdError);
      expect(() => contactsOf(ctx, id)).toThrow(expect.objectContaining({ name: 'UnknownIdError', kind: 'person', id }));
    }
  });

  it('when a person is deleted, then their id is unknown though the snapshot kept their index', () => {
    const n = net();
    n.apply({ op: 'delete', kind: 'person', key: 'd' });
    expect(() => personIndex(n.engine.context(at('2024-06-01')), 'd')).toThrow(UnknownIdError);
  });

  it('when a tie is asked for, then its facts as of asOf are given, and nothing before it or without one', () => {
    const n = net();
    expect(tieAt(n.engine.context(at('2024-06-01')), 'a', 'c')).toMatchObject({ a: 'a', b: 'c', interactions: 1, first: at('2024-03-01') });
    expect(tieAt(n.engine.context(at('2024-02-01')), 'a', 'c')).toBeUndefined();
    expect(tieAt(n.engine.context(at('2024-06-01')), 'a', 'd')).toBeUndefined();
    expect(tieAt(n.engine.context(at('2024-06-01')), 'c', 'a')).toMatchObject({ a: 'c', b: 'a' });
  });
});
