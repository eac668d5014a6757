import { describe, expect, it } from 'vitest';
import { networkDocumentSchema, personSchema, referralSchema, dateSchema } from '../../graph/schema.js';

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

describe('dates', () => {
  const problem = (value: unknown) => {
    const r = dateSchema.safeParse(value);
    return r.success ? undefined : r.error.issues.map((i) => i.message).join('; ');
  };

  it('when a date is well formed but names no day, then it says the day does not exist, not that the format is wrong', () => {
    expect(problem('2026-02-30')).toBe('2026-02-30 does not exist: February 2026 has 28 days');
    expect(problem('2024-02-30T10:00:00Z')).toBe('2024-02-30 does not exist: February 2024 has 29 days');
    expect(problem('2026-04-31')).toBe('2026-04-31 does not exist: April 2026 has 30 days');
    expect(problem('2026-13-01')).toBe('2026-13-01 does not exist: a month is 01 to 12');
    expect(problem('2026-01-00')).toBe('2026-01-00 does not exist: a day is 01 to 31');
  });

  it('when a date is badly formed, then it names the formats; real days pass', () => {
    for (const bad of ['yesterday', '2026-2-3', '03/04/2026', 42]) expect(problem(bad), String(bad)).toBe('must be an ISO 8601 date (YYYY-MM-DD) or date-time with offset');
    for (const good of ['2024-02-29', '2026-12-31', '2026-12-07T01:00:00Z', '2026-12-07T01:00:00+02:00']) expect(problem(good), good).toBeUndefined();
  });

  it('when a date names a year outside 1900–2199 (a typo such as 0202 for 2022), then it is refused naming the date and the years', () => {
    expect(problem('0202-05-01')).toBe('0202-05-01 is outside the years 1900–2199: is the year 0202 a typo?');
    expect(problem('1899-12-31T23:59:59Z')).toBe('1899-12-31 is outside the years 1900–2199: is the year 1899 a typo?');
    expect(problem('2202-01-01')).toBe('2202-01-01 is outside the years 1900–2199: is the year 2202 a typo?');
    expect(problem('9999-12-31T23:59:59.999Z')).toMatch(/^9999-12-31 is outside/);
    for (const edge of ['1900-01-01', '2199-12-31T23:59:59Z', '1900-01-01T00:00:00-01:00', '2199-12-31T23:59:59+01:00']) expect(problem(edge), edge).toBeUndefined();
    // The instant decides: written in range, these are in 2200 and 1899 in UTC.
    expect(problem('2199-12-31T23:59:59-12:00')).toBe('2199-12-31T23:59:59-12:00 is 2200-01-01T11:59:59.000Z in UTC, outside the years 1900–2199');
    expect(problem('1900-01-01T00:00:00+14:00')).toBe('1900-01-01T00:00:00+14:00 is 1899-12-31T10:00:00.000Z in UTC, outside the years 1900–2199');
  });

  it('when a referral in a document is dated in year 0000, then the document is refused at that date', () => {
    const result = networkDocumentSchema.safeParse({ people: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], referrals: [{ id: 'r', from: 'a', to: 'b', at: '0000-01-01', status: 'passed' }] });
    expect(result.error?.issues.map((i) => [i.path.join('/'), i.message])).toEqual([['referrals/0/at', '0000-01-01 is outside the years 1900–2199: is the year 0000 a typo?']]);
  });
});
