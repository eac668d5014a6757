/**
 * graph/store/check-batch.ts: what every adapter stores is the batch as JSON makes it. The refusals
 * themselves are specified by the conformance suite (tests/store/conformance.ts), run on each store.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBatch, InvalidChangeError } from '../../../graph/store/check-batch.js';
import type { Change } from '../../../graph/records.js';

const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Records with a valid id and arbitrary JSON-ish fields: -0, undefined, nested arrays, prototype names. */
const record = fc.record({
  id: fc.string({ minLength: 1 }),
  fields: fc.dictionary(
    fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString')),
    fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(-0), fc.array(fc.oneof(fc.integer(), fc.constant(-0)))),
  ),
});
const change: fc.Arbitrary<Change> = fc.oneof(
  record.map(({ id, fields }): Change => ({ op: 'put', kind: 'person', record: { ...fields, id, name: id } })),
  fc.string({ minLength: 1 }).map((key): Change => ({ op: 'delete', kind: 'person', key })),
);

describe('checkBatch', () => {
  it('when a batch is valid, then it comes back exactly as a JSON round trip makes it', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), (changes) => {
        // node's deep strict equality: prototypes, -0 against 0, and an own `constructor` field as data.
        expect(isDeepStrictEqual(checkBatch(changes), asJson(changes))).toBe(true);
      }),
    );
  });

  it('when the caller changes its objects afterwards, then the checked batch does not change', () => {
    const input = { op: 'put', kind: 'person', record: { id: 'a', name: 'A', tags: ['t'], attributes: { k: 'v' } } } as Change & { op: 'put' };
    const [checked] = checkBatch([input]);
    (input.record as { tags: string[] }).tags.push('u');
    (input.record as { attributes: Record<string, string> }).attributes.k = 'w';
    expect(checked).toStrictEqual({ op: 'put', kind: 'person', record: { id: 'a', name: 'A', tags: ['t'], attributes: { k: 'v' } } });
  });

  it('when a record nests deeper than a copy walks, then JSON decides and a cycle is reported as one', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { next: deep };
    const ok = { op: 'put', kind: 'person', record: { id: 'd', name: 'D', deep } } as Change;
    expect(checkBatch([ok])).toStrictEqual(asJson([ok]));
    const cyclic: Record<string, unknown> = { id: 'c', name: 'C' };
    cyclic.self = cyclic;
    expect(() => checkBatch([{ op: 'put', kind: 'person', record: cyclic } as unknown as Change])).toThrow(InvalidChangeError);
    expect(() => checkBatch([{ op: 'put', kind: 'person', record: cyclic } as unknown as Change])).toThrow(/change 0 cannot be stored as JSON: .*circular/i);
  });
});
