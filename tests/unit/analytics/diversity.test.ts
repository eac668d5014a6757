import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { categoryStats, countValues, egoDiversity, withholdCategories } from '../../../graph/analytics/diversity.js';
import { contactsOf } from '../../../graph/analytics/context.js';
import { met, testNetwork } from '../network-fixture.js';

const T = '2024-01-01';
const person = (id: string, industry?: string) => ({ id, name: id, ...(industry ? { industry } : {}) });

describe('diversity', () => {
  it('when there are no categories, then richness 0 and the indexes are null', () => {
    expect(categoryStats(new Map())).toEqual({ richness: 0, shannon: null, evenness: null, blau: null, iqv: null });
  });
  it('when there is one category, then Shannon, evenness, Blau and IQV are 0', () => {
    expect(categoryStats(new Map([['law', 4]]))).toEqual({ richness: 1, shannon: 0, evenness: 0, blau: 0, iqv: 0 });
  });
  it('when shares are 1/2, 1/4, 1/4, then H = 1.5 ln 2, J = H / ln 3, Blau = 0.625, IQV = 0.9375', () => {
    const s = categoryStats(new Map([['a', 2], ['b', 1], ['c', 1]]));
    expect(s.richness).toBe(3);
    expect(s.shannon!).toBeCloseTo(1.5 * Math.LN2, 14);
    expect(s.evenness!).toBeCloseTo((1.5 * Math.LN2) / Math.log(3), 14);
    expect(s.blau!).toBeCloseTo(0.625, 14);
    expect(s.iqv!).toBeCloseTo(0.9375, 14);
  });
  it('when two categories are equal, then evenness and IQV are 1', () => {
    const s = categoryStats(new Map([['a', 3], ['b', 3]]));
    expect(s.evenness!).toBeCloseTo(1, 14);
    expect(s.blau!).toBeCloseTo(0.5, 14);
    expect(s.iqv!).toBeCloseTo(1, 14);
  });
  it('when some categories may not be named, then their counts move to `unnamed` and every other figure stays; with none, the same object', () => {
    const stats = { ...categoryStats(new Map([['law', 2], ['spy', 1], ['__proto__', 1]])), contacts: 4, missing: 1, counts: { law: 2, spy: 1, ['__proto__']: 1 } };
    const shown = withholdCategories(stats, (c) => c !== 'spy' && c !== '__proto__');
    expect(shown).toEqual({ ...stats, counts: { law: 2 }, unnamed: 2 });
    expect(Object.keys(shown.counts)).toEqual(['law']);
    expect(withholdCategories(stats, () => true)).toBe(stats);
    // a category named like nothing special is still a category: no spelling is reserved
    expect(withholdCategories({ counts: { unnamed: 3, x: 1 } }, (c) => c === 'unnamed')).toEqual({ counts: { unnamed: 3 }, unnamed: 1 });
  });
  it('rejects bad input: negative counts', () => {
    expect(() => categoryStats(new Map([['a', -1]]))).toThrow(RangeError);
  });

  it('when a contact has no value, then it is left out and counted as missing; the ego itself is excluded', () => {
    const net = testNetwork({
      people: [person('p', 'law'), person('a', 'law'), person('b', 'tax'), person('c')],
      interactions: [met('p', 'a', T), met('p', 'b', T), met('p', 'c', T)],
    });
    const d = egoDiversity(net.engine.context(Date.parse(T)), 'p', 'industry');
    expect(d).toMatchObject({ richness: 2, contacts: 2, missing: 1, counts: { law: 1, tax: 1 } });
    expect(d.blau!).toBeCloseTo(0.5, 14);
  });
  it('when a person has no ties, then richness 0 and null indexes', () => {
    const net = testNetwork({ people: [person('p', 'law')] });
    expect(egoDiversity(net.engine.context(Date.parse(T)), 'p', 'industry')).toMatchObject({ richness: 0, blau: null, contacts: 0 });
  });
  it('when a contact is in two groups, then it counts once under each and shares are over all values', () => {
    const net = testNetwork({
      people: [person('p'), person('a'), person('b')],
      groups: [{ id: 'g1', name: 'g1' }, { id: 'g2', name: 'g2' }],
      memberships: [
        { person: 'a', group: 'g1' },
        { person: 'a', group: 'g2' },
        { person: 'b', group: 'g1' },
      ],
      interactions: [met('p', 'a', T), met('p', 'b', T)],
    });
    const d = egoDiversity(net.engine.context(Date.parse(T)), 'p', 'group');
    expect(d.counts).toEqual({ g1: 2, g2: 1 });
    expect(d.blau!).toBeCloseTo(1 - (4 / 9 + 1 / 9), 14);
  });
  it('when the dimension is an attribute key, then attribute values are used', () => {
    const net = testNetwork({
      people: [{ id: 'p', name: 'p' }, { id: 'a', name: 'a', attributes: { club: 'x' } }, { id: 'b', name: 'b', attributes: { club: 'y' } }],
      interactions: [met('p', 'a', T), met('p', 'b', T)],
    });
    expect(egoDiversity(net.engine.context(Date.parse(T)), 'p', 'club').richness).toBe(2);
  });
  it('when counted through the interned category codes, then every person of the sample network gets the counts of a plain count over their contacts, also after a value changes', () => {
    const net = testNetwork(JSON.parse(readFileSync('data/sample-network.json', 'utf8')));
    const asOf = Date.parse('2100-01-01');
    const check = (dimension: string) => {
      const ctx = net.engine.context(asOf);
      let valued = 0;
      for (const id of net.records.maps.person.keys()) {
        const fast = egoDiversity(ctx, id, dimension);
        const plain = countValues(ctx, contactsOf(ctx, id), dimension);
        expect(fast.counts).toEqual(Object.fromEntries(plain.counts));
        expect(Object.keys(fast.counts)).toEqual([...plain.counts.keys()]);
        expect([fast.contacts, fast.missing]).toEqual([plain.contacts, plain.missing]);
        if (fast.blau !== null) valued++;
      }
      return valued;
    };
    for (const d of ['industry', 'profession', 'location', 'company']) expect(check(d)).toBeGreaterThan(100);
    const ctx = net.engine.context(asOf);
    const [someone] = contactsOf(ctx, [...net.records.maps.person.keys()][0]!);
    const before = net.records.get('person', someone!)!;
    net.apply({ op: 'put', kind: 'person', record: { ...before, industry: 'A brand-new industry' } });
    check('industry');
    const after = egoDiversity(net.engine.context(asOf), [...net.records.maps.person.keys()][0]!, 'industry');
    expect(after.counts['A brand-new industry']).toBe(1);
  });
});
