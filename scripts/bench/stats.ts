/** Small statistics for benchmark rounds: medians and percentiles over plain number arrays. */
import type { Figure } from './types.js';

/** The median (mean of the middle two for even lengths); NaN for an empty array. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear-interpolated percentile p ∈ [0, 100] (as numpy's default); NaN for an empty array. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Seconds elapsed since a performance.now() reading. */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Rounds a figure for display and JSON: 3 significant digits, integers kept whole. */
export function round3(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1000) return Math.round(value);
  return Number(value.toPrecision(3));
}

/** A figure of one measured value (null when it could not be measured), rounded for display. */
export function singleFigure(key: string, label: string, value: number | null, unit: string, extra: Partial<Figure> = {}): Figure {
  return { key, label, value: value === null || !Number.isFinite(value) ? null : round3(value), unit, ...extra };
}
