import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { analyticsConfigSchema, DEFAULT_CONFIG, resolveConfig } from '../../../graph/analytics/config.js';

describe('analytics settings', () => {
  it('when nothing is given, then the documented defaults apply (docs/DOMAIN.md)', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      credibility: { minOneToOnes: 1, minReferrals: 1, minInteractions: 3 },
      profitability: { minWon: 1 },
      cadenceDays: { profitability: 30, credibility: 60, visibility: 90 },
      strength: { base: { profitability: 0.9, credibility: 0.6, visibility: 0.3 }, halfLifeDays: 180, tenureBonus: 0.1, tenureFullDays: 730, reciprocityBonus: 0.1 },
      followUpDays: 14,
      visibilityWindowDays: 365,
      paths: { maxHops: 4, k: 3, maxHopsCap: 8, kCap: 10 },
      underRepresentedRatio: 0.5,
      chapter: { periodMonths: 6, seatHops: 2, lights: { green: 70, amber: 50, red: 30 } },
    });
    expect(resolveConfig()).toEqual(DEFAULT_CONFIG);
  });

  it('when part of a section is given, then the rest of it keeps its defaults', () => {
    const c = resolveConfig({ cadenceDays: { credibility: 45 }, strength: { base: { visibility: 0.2 } } });
    expect(c.cadenceDays).toEqual({ profitability: 30, credibility: 45, visibility: 90 });
    expect(c.strength.base).toEqual({ profitability: 0.9, credibility: 0.6, visibility: 0.2 });
    expect(c.strength.halfLifeDays).toBe(180);
  });

  it('when a value is out of range, then it is refused with its path', () => {
    const refused = (input: unknown) => analyticsConfigSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(refused({ strength: { base: { credibility: 1.5 } } })).toEqual(['strength.base.credibility']);
    expect(refused({ cadenceDays: { visibility: 0 } })).toEqual(['cadenceDays.visibility']);
    expect(refused({ paths: { maxHops: 11 } })).toContain('paths.maxHops');
    expect(refused({ credibility: { minOneToOnes: 0.5 } })).toEqual(['credibility.minOneToOnes']);
  });

  it('when a default is above its cap, or the lights are out of order, then the setting is refused', () => {
    expect(() => resolveConfig({ paths: { maxHops: 6, maxHopsCap: 5 } })).toThrow(ZodError);
    expect(() => resolveConfig({ paths: { k: 4, kCap: 3 } })).toThrow(ZodError);
    expect(() => resolveConfig({ chapter: { lights: { green: 40, amber: 50 } } })).toThrow(ZodError);
    expect(resolveConfig({ paths: { maxHops: 5, maxHopsCap: 5 } }).paths).toMatchObject({ maxHops: 5, maxHopsCap: 5 });
  });

  it('when an unknown key is given (one named like a built-in included), then it is refused, not ignored or merged', () => {
    expect(() => resolveConfig({ followUpDay: 3 } as never)).toThrow(ZodError);
    expect(() => resolveConfig(JSON.parse('{"__proto__": {"followUpDays": 1}}'))).toThrow(ZodError);
    expect(() => resolveConfig(JSON.parse('{"strength": {"constructor": 1}}'))).toThrow(ZodError);
    expect(DEFAULT_CONFIG.followUpDays).toBe(14);
  });
});
