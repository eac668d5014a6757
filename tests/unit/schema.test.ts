import { describe, expect, it } from 'vitest';
import { networkDocumentSchema, personSchema, referralSchema } from '../../graph/schema.js';

describe('domain schema', () => {
  it('when an attribute key is __proto__, then it is reported rather than silently stripped', () => {
    const result = personSchema.safeParse(JSON.parse('{"id":"a","name":"A","attributes":{"__proto__":"x","ok":"y"}}'));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['attributes', '__proto__']]);
  });

  it('when attribute keys are ordinary or unusual, then they are kept verbatim', () => {
    const attributes = { constructor: 'c', 'dépt`}) //': 'x', club: 'Mr. Hi' };
    expect(personSchema.parse({ id: 'a', name: 'A', attributes }).attributes).toEqual(attributes);
  });

  it('when a record has an unknown field, then it is an error, not a silent drop', () => {
    const result = networkDocumentSchema.safeParse({ people: [{ id: 'a', name: 'A', nickname: 'Al' }] });
    expect(result.success).toBe(false);
  });

  it('when a referral goes from a person to themselves, then it is rejected at the receiver path', () => {
    const result = referralSchema.safeParse({ from: 'a', to: 'a', at: '2024-01-01', status: 'passed' });
    expect(result.error?.issues[0]?.path).toEqual(['to']);
  });

  it('when a document leaves collections out, then they default to empty', () => {
    expect(networkDocumentSchema.parse({}).referrals).toEqual([]);
  });
});
