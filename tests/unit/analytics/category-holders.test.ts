/**
 * graph/analytics/category-holders.ts: the holder index kept current as people are put, replaced
 * and deleted is, at every step, the index built afresh from the records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CategoryHolders, type Holders } from '../../../graph/analytics/category-holders.js';
import { FIELD_DIMENSIONS, isCategoryLabel } from '../../../graph/analytics/dimensions.js';
import { RecordSet } from '../../../graph/record-set.js';
import type { Change } from '../../../graph/records.js';
import { emptyDocument } from '../../../graph/schema.js';

/** An index as comparable data: lists sorted, empty entries as absent. */
function plain(index: CategoryHolders) {
  const holders = (h: Holders) => ({
    byValue: Object.fromEntries([...h.byValue].map(([v, ids]) => [v, [...ids].sort()])),
    repeated: h.repeated,
    notLabels: [...h.notLabels].sort(),
    anyValue: [...h.anyValue].sort(),
  });
  const of = (m: Map<string, Holders>) => Object.fromEntries([...m].map(([k, h]) => [k, holders(h)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  return { fields: FIELD_DIMENSIONS.map((f) => holders(index.field(f))), attributes: of(index.attributes) };
}

const id = fc.constantFrom('a', 'b', 'c', 'd');
const value = fc.constantFrom('', 'Rotary', 'Lions', 'https://x.example', 'law');
const person = fc
  .record({ id, industry: value, title: value, attributes: fc.dictionary(fc.constantFrom('club', 'note', 'constructor'), value, { maxKeys: 3 }) })
  .map((p) => ({ ...p, name: p.id }));
const change = fc.oneof(
  person.map((record): Change => ({ op: 'put', kind: 'person', record })),
  id.map((key): Change => ({ op: 'delete', kind: 'person', key })),
);

describe('CategoryHolders', () => {
  it('when people are put, replaced and deleted in any order, then the index kept current is the index built afresh', () => {
    fc.assert(
      fc.property(fc.uniqueArray(person, { selector: (p) => p.id }), fc.array(change, { maxLength: 20 }), (people, changes) => {
        const records = RecordSet.fromDocument({ ...emptyDocument(), people });
        const kept = new CategoryHolders(records, isCategoryLabel);
        // the fields asked for before the changes are kept current with the attribute keys
        for (const f of FIELD_DIMENSIONS) kept.field(f);
        for (const c of changes) {
          records.apply(c);
          expect(plain(kept)).toEqual(plain(fresh(records)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when values repeat or are not labels, then the counts say so: two holders make a repeat, a URL is no label', () => {
    const records = RecordSet.fromDocument({
      ...emptyDocument(),
      people: [
        { id: 'a', name: 'a', industry: 'law', attributes: { club: 'Rotary', site: 'https://a.example' } },
        { id: 'b', name: 'b', industry: 'law', attributes: { club: 'Lions' } },
      ],
    });
    const index = new CategoryHolders(records, isCategoryLabel);
    expect(index.field('industry').repeated).toBe(1);
    expect(index.attributes.get('club')!.repeated).toBe(0);
    expect([...index.attributes.get('site')!.notLabels]).toEqual(['https://a.example']);
    records.apply({ op: 'put', kind: 'person', record: { id: 'b', name: 'b', attributes: { club: 'Rotary' } } });
    expect(index.field('industry').repeated).toBe(0);
    expect(index.attributes.get('club')!.repeated).toBe(1);
    records.apply({ op: 'delete', kind: 'person', key: 'a' });
    expect(index.attributes.has('site')).toBe(false);
    expect(index.attributes.get('club')!.byValue).toEqual(new Map([['Rotary', ['b']]]));
  });
});

/** The index built afresh from the records' people. */
function fresh(records: RecordSet): CategoryHolders {
  return new CategoryHolders(RecordSet.fromDocument({ ...emptyDocument(), people: [...records.maps.person.values()] }), isCategoryLabel);
}
