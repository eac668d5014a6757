import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordSet } from '../../../graph/record-set.js';
import type { Change } from '../../../graph/records.js';
import { listRecords } from '../../../graph/service/list-queries.js';
import { SortedKeys } from '../../../graph/service/sorted-keys.js';
import { foldText, searchText } from '../../../graph/service/text-match.js';
import { compareIds } from '../../../graph/support/id-order.js';

/** A record set and its sorted keys, changed together as the service changes them. */
function network(people: { id: string; name: string; company?: string }[]) {
  const records = RecordSet.fromDocument({ people } as never);
  const sorted = new SortedKeys();
  sorted.reset(records);
  const apply = (change: Change) => sorted.applied(change, records.apply(change));
  return { records, sorted, apply };
}

/** Every page of `?q=needle`, followed by its cursors. */
function allPages(records: RecordSet, sorted: SortedKeys, q: string, limit: number): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = listRecords('person', { q, limit, ...(cursor ? { cursor } : {}) } as never, records, sorted);
    ids.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('no last page');
}

/** What a search must find: everyone whose name or company holds the folded needle, in key order. */
function wanted(records: RecordSet, q: string): string[] {
  const needle = foldText(q);
  return [...records.maps.person.values()]
    .filter((p) => searchText(p, p.name, p.company).includes(needle))
    .map((p) => p.id)
    .sort(compareIds);
}

const letters = fc.constantFrom('a', 'n', 'é', 'ß', 'S', 'ø', ' ', 'x');
const text = fc.array(letters, { minLength: 0, maxLength: 6 }).map((cs) => cs.join(''));
const name = fc.array(letters, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const id = fc.integer({ min: 0, max: 30 }).map((i) => `p${String(i).padStart(2, '0')}`);
const op = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id, name, company: fc.option(text, { nil: undefined }) }),
  fc.record({ kind: fc.constant('delete' as const), id }),
  fc.record({ kind: fc.constant('search' as const), q: name, limit: fc.integer({ min: 1, max: 7 }) }),
);

describe('service/text-index (list searches read one folded text per kind)', () => {
  it('when people are put and deleted between paged searches, then every search finds exactly those whose name or company holds the needle, in key order, each once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id, name }), { selector: (p) => p.id, maxLength: 20 }), fc.array(op, { maxLength: 40 }), (people, ops) => {
        const { records, sorted, apply } = network(people);
        for (const o of ops) {
          if (o.kind === 'put') apply({ op: 'put', kind: 'person', record: { id: o.id, name: o.name, ...(o.company === undefined ? {} : { company: o.company }) } });
          else if (o.kind === 'delete') {
            if (records.has('person', o.id)) apply({ op: 'delete', kind: 'person', key: o.id });
          } else expect(allPages(records, sorted, o.q, o.limit)).toEqual(wanted(records, o.q));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when more people change than are matched one by one beside the text, then the text is built again and searches stay exact', () => {
    const people = Array.from({ length: 3_000 }, (_, i) => ({ id: `p${String(i).padStart(4, '0')}`, name: i % 7 === 0 ? `Nair ${i}` : `Lee ${i}` }));
    const { records, sorted, apply } = network(people);
    expect(allPages(records, sorted, 'nair', 50)).toEqual(wanted(records, 'nair'));
    // 2,500 renamed (past the 2,000 noted one by one), some deleted, some new.
    const rename = (i: number) => apply({ op: 'put', kind: 'person', record: { id: people[i]!.id, name: i % 5 === 0 ? `Naïr ${i}` : `Smith ${i}` } });
    // First a few: matched one by one beside the text, where some matched before and still do.
    for (let i = 0; i < 100; i++) rename(i);
    for (const q of ['nair', 'smith', 'lee']) expect(allPages(records, sorted, q, 50)).toEqual(wanted(records, q));
    for (let i = 100; i < 2_500; i++) rename(i);
    for (let i = 2_900; i < 3_000; i++) apply({ op: 'delete', kind: 'person', key: people[i]!.id });
    apply({ op: 'put', kind: 'person', record: { id: 'p9999', name: 'NAIR' } });
    for (const q of ['nair', 'smith', 'lee', '9']) expect(allPages(records, sorted, q, 50)).toEqual(wanted(records, q));
    // A needle holding the text's separator is matched record by record, as any other.
    expect(allPages(records, sorted, 'a\u0001b', 50)).toEqual([]);
  });
});
