import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentShape, checkDocumentShapeSteps, checkDocumentText } from '../../../graph/service/document-shape.js';
import { runAtOnce } from '../../../graph/support/time-slices.js';
import { anyJson, corruptedDocument, validDocumentWithIntroRequests } from '../../property/arbitraries.js';

/** Checked in chunks from one record on, so small drawn documents take the chunked path. */
const inChunks = (input: unknown) => runAtOnce(checkDocumentShapeSteps(input, 1));

describe('service/document-shape', () => {
  it('when a valid document is checked in chunks, then the verdict and the parsed document equal the whole schema’s', () => {
    fc.assert(fc.property(validDocumentWithIntroRequests, (doc) => {
        expect(inChunks(doc)).toEqual(checkDocumentShape(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('when a corrupted document or any JSON is checked in chunks, then every problem is the whole schema’s, at the same path with the same message, in the same order', () => {
    fc.assert(fc.property(fc.oneof(corruptedDocument, anyJson), (input) => {
        expect(inChunks(input)).toEqual(checkDocumentShape(input));
      }),
      { numRuns: 300 },
    );
  });

  it('when a document spans several chunks, then a bad record far in is named at its own index, and the steps pause between chunks', () => {
    const people = Array.from({ length: 5_001 }, (_, i) => ({ id: `p${i}`, name: `P ${i}` }));
    people[4_321] = { id: 'p4321', name: '' };
    const steps = checkDocumentShapeSteps({ people }, 1);
    let pauses = 0;
    let r = steps.next();
    while (!r.done) {
      pauses++;
      r = steps.next();
    }
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(r.value).toEqual(checkDocumentShape({ people }));
    expect(r.value.success ? [] : r.value.issues.map((i) => i.path)).toEqual(['/people/4321/name']);
  });

  it('when a document’s text is read a batch of records at a time, then a valid one gives the whole schema’s output, key order included, and anything else is left to the whole parse', () => {
    fc.assert(
      fc.property(fc.oneof(validDocumentWithIntroRequests, corruptedDocument, anyJson), fc.integer({ min: 1, max: 4 }), fc.boolean(), (input, batch, indent) => {
        const text = JSON.stringify(input, null, indent ? 2 : undefined) ?? 'null';
        const whole = checkDocumentShape(JSON.parse(text));
        const read = checkDocumentText(text, batch);
        if (whole.success) expect(JSON.stringify(read)).toBe(JSON.stringify(whole));
        else expect(read).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
