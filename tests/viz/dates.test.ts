import { afterEach, describe, expect, it } from 'vitest';
import { isAfterToday, localDate, longDate } from '../../viz/src/dates.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('the dates the pages make up', () => {
  it('when it is 20:35 on 6 December in Los Angeles (7 December in UTC), then today is the 6th and a week on is the 13th', () => {
    process.env.TZ = 'America/Los_Angeles';
    const evening = new Date('2026-12-07T04:35:00Z');
    expect(localDate(0, evening)).toBe('2026-12-06');
    expect(localDate(7, evening)).toBe('2026-12-13');
    expect(isAfterToday('2026-12-07', evening)).toBe(true);
    expect(isAfterToday('2026-12-06', evening)).toBe(false);
  });
  it('when it is 00:30 on 7 December in Berlin (the 6th in UTC), then today is the 7th, also across a month end', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(localDate(0, new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    expect(localDate(1, new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-02');
  });
  it('when a date is shown in words, then it is that calendar date in any time zone', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(longDate('2025-06-01')).toBe('1 June 2025');
  });
});
