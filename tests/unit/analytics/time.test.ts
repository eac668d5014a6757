import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, parseAsOf } from '../../../graph/analytics/time.js';

describe('parseAsOf', () => {
  it('when no asOf is given, then it stays undefined (now, for the engine to resolve)', () => {
    expect(parseAsOf(undefined)).toBeUndefined();
  });

  it('when asOf is a calendar date, then it is the last millisecond of that UTC day', () => {
    fc.assert(
      // Days of years 1970–9999 (the dates asOf accepts have four-digit years).
      fc.property(fc.integer({ min: 0, max: 2_932_000 }), (days) => {
        const date = new Date(days * DAY_MS).toISOString().slice(0, 10);
        const at = parseAsOf(date)!;
        expect(new Date(at).toISOString().slice(0, 10)).toBe(date);
        expect(new Date(at + 1).toISOString().slice(0, 10)).not.toBe(date);
      }),
    );
  });

  it('when asOf is a date-time, then it is that instant exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseAsOf(iso)).toBe(ms);
      }),
    );
  });
});
