/**
 * How many paths and how many hops a request gets: what it asks for, or the settings' defaults
 * (config.paths.k / maxHops), never more than the settings' caps (config.paths.kCap /
 * maxHopsCap). The one place these limits are applied, for the engine and the API alike.
 */
import type { AnalyticsConfig } from './config.js';

/** A request asked for more than a cap allows; the API answers 400 naming the cap. */
export class PathLimitError extends RangeError {
  override readonly name = 'PathLimitError';
  constructor(
    readonly field: 'k' | 'maxHops',
    readonly cap: number,
    readonly requested: number,
  ) {
    super(`refnet/analytics: ${field} ${requested} is above the cap of ${cap} (setting paths.${field}Cap)`);
  }
}

/** The k and maxHops a request gets. Throws PathLimitError above a cap, RangeError below 1. */
export function pathLimits(config: AnalyticsConfig, requested: { k?: number; maxHops?: number }): { k: number; maxHops: number } {
  const p = config.paths;
  return { k: limit('k', requested.k, p.k, p.kCap), maxHops: limit('maxHops', requested.maxHops, p.maxHops, p.maxHopsCap) };
}

function limit(field: 'k' | 'maxHops', requested: number | undefined, fallback: number, cap: number): number {
  if (requested === undefined) return fallback;
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`refnet/analytics: ${field} must be a whole number ≥ 1, got ${requested}`);
  if (requested > cap) throw new PathLimitError(field, cap, requested);
  return requested;
}
