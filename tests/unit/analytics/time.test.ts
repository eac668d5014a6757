import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, parseAsOf, toMs } from '../../../graph/analytics/time.js';

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

describe('toMs', () => {
  // Every instant of years 0000–9999, written the three ways the fast path reads.
  const instant = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
  const written = instant.chain((ms) => {
    const iso = new Date(ms).toISOString();
    return fc.constantFrom(iso, `${iso.slice(0, 19)}Z`, iso.slice(0, 10));
  });

  it('when a date is written as the service writes dates, then it is what Date.parse says, to the millisecond', () => {
    fc.assert(
      fc.property(written, (date) => {
        expect(toMs(date)).toBe(Date.parse(date));
      }),
    );
  });

  it('when any character of such a date is changed, then the answer is still Date.parse’s (NaN when it is no date)', () => {
    fc.assert(
      fc.property(written, fc.nat(), fc.constantFrom(...'0123456789-:.TZtz+ /x9'), (date, at, c) => {
        const i = at % date.length;
        const changed = date.slice(0, i) + c + date.slice(i + 1);
        expect(Object.is(toMs(changed), Date.parse(changed))).toBe(true);
      }),
    );
  });

  it('when the day, hour, minute or second is out of range or the date has another shape, then Date.parse decides', () => {
    for (const date of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z', '2024-01-01T10:00:00+02:00', '2024-01-01T10:00Z', '2024-01-01T10:00:00.5Z', '+002024-01-01', ' 2024-01-01', '']) {
      expect(Object.is(toMs(date), Date.parse(date))).toBe(true);
    }
    expect(toMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(toMs('1969-12-31T23:59:59.999Z')).toBe(-1);
  });
});
