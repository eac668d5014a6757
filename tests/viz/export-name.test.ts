import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../viz/src/map/export-name.js';
import { sliderMonths } from '../../viz/src/map/timeline.js';

describe('the name of a map export', () => {
  it('when the whole network is exported, then the name is the map and its date', () => {
    expect(exportFileName(undefined, '2026-07-31')).toBe('refnet-map-2026-07-31');
  });
  it('when a view has a subject, then its name is in the file name, with what no file system takes made dashes', () => {
    expect(exportFileName('Ann Archer', '2026-12-07')).toBe('refnet-map-Ann-Archer-2026-12-07');
    expect(exportFileName('Zoë / Scott: "Law" <Co.>', '2026-12-07')).toBe('refnet-map-Zoë-Scott-Law-Co-2026-12-07');
    expect(exportFileName('../../etc\u0000\u202Epasswd', '2026-12-07')).toBe('refnet-map-etc-passwd-2026-12-07');
    expect(exportFileName(' \t', '2026-12-07')).toBe('refnet-map-2026-12-07');
  });
  it('when a subject is very long, then it is cut to 60 characters', () => {
    expect(exportFileName('x'.repeat(100), '2026-12-07')).toBe(`refnet-map-${'x'.repeat(60)}-2026-12-07`);
  });
});

describe('the time slider’s months', () => {
  it('when the network was quiet for months, then the steps still run to the current month (its step is now)', () => {
    expect(sliderMonths('2026-08-20T10:00:00.000Z', new Date('2026-12-07T12:00:00Z'))).toEqual(['2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31']);
  });
  it('when everything lies ahead of today, then there is no step', () => {
    expect(sliderMonths('2027-01-16T00:00:00.000Z', new Date('2026-12-07T12:00:00Z'))).toEqual([]);
  });
});
