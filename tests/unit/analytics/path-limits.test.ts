import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../../../graph/analytics/config.js';
import { PathLimitError, pathLimits } from '../../../graph/analytics/path-limits.js';

describe('pathLimits', () => {
  it('when a request names no limit, then it gets the settings’ defaults (k 3, maxHops 4)', () => {
    expect(pathLimits(DEFAULT_CONFIG, {})).toEqual({ k: 3, maxHops: 4 });
    expect(pathLimits(resolveConfig({ paths: { k: 5, maxHops: 2 } }), {})).toEqual({ k: 5, maxHops: 2 });
  });

  it('when a request names limits up to the caps, then it gets them; a cap itself is allowed', () => {
    expect(pathLimits(DEFAULT_CONFIG, { k: 10, maxHops: 8 })).toEqual({ k: 10, maxHops: 8 });
    expect(pathLimits(DEFAULT_CONFIG, { k: 1 })).toEqual({ k: 1, maxHops: 4 });
  });

  it('when a request asks above a cap, then PathLimitError names the field, the cap and the request', () => {
    expect(() => pathLimits(DEFAULT_CONFIG, { k: 11 })).toThrow(expect.objectContaining({ name: 'PathLimitError', field: 'k', cap: 10, requested: 11 }));
    expect(() => pathLimits(resolveConfig({ paths: { maxHopsCap: 5 } }), { maxHops: 6 })).toThrow(expect.objectContaining({ field: 'maxHops', cap: 5, requested: 6 }));
  });

  it('when a request asks below 1 or not a whole number, then it is a RangeError that is no cap error', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      const run = () => pathLimits(DEFAULT_CONFIG, { maxHops: bad });
      expect(run).toThrow(RangeError);
      try {
        run();
      } catch (err) {
        expect(err).not.toBeInstanceOf(PathLimitError);
      }
    }
  });

  it('when any caps and any request are drawn, then the answer is the request (or default) exactly when it is a whole number from 1 to the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.option(fc.integer({ min: -3, max: 25 }), { nil: undefined }), (kCap, hopsCap, k) => {
        const config = resolveConfig({ paths: { kCap, k: 1, maxHopsCap: hopsCap, maxHops: 1 } });
        if (k === undefined) expect(pathLimits(config, { k }).k).toBe(1);
        else if (k < 1) expect(() => pathLimits(config, { k })).toThrow(RangeError);
        else if (k > kCap) expect(() => pathLimits(config, { k })).toThrow(PathLimitError);
        else expect(pathLimits(config, { k })).toEqual({ k, maxHops: 1 });
      }),
    );
  });
});
