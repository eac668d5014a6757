import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJsonBatches, toJsonBatches } from '../../../graph/support/json-batches.js';

describe('records handed to a worker as JSON batches', () => {
  it('when any JSON records are batched and read back, then they are the same records in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 2500 }), async (records) => {
        const batches = await toJsonBatches(records);
        expect(batches.length).toBe(Math.ceil(records.length / 1000));
        expect(fromJsonBatches(batches)).toStrictEqual(JSON.parse(JSON.stringify(records)));
      }),
      { numRuns: 30 },
    );
  });

  it('when a record has keys spelled like Object.prototype members, then they come back as own data', async () => {
    const person = JSON.parse('{"id":"p","name":"P","attributes":{"__proto__":"x","constructor":"y"}}') as { attributes: Record<string, string> };
    const [back] = fromJsonBatches<typeof person>(await toJsonBatches([person]));
    expect(Object.keys(back!.attributes)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(back!.attributes)).toBe(Object.prototype);
    expect(back!.attributes.constructor).toBe('y');
  });
});
