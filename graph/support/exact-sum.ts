/**
 * Sums of money that are the same whatever order their terms come in, and that a removal takes
 * back exactly. Floating-point addition rounds: 0.1 + 0.2 + 0.7 and 0.7 + 0.2 + 0.1 differ in the
 * last bit, and a running total that adds 100.1 and later takes it away keeps a residue, so a
 * live server's totals drifted from a fresh one's after a referral was deleted. An ExactSum keeps
 * the exact sum of its terms as a short list of non-overlapping parts (Shewchuk, "Adaptive
 * Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates", 1997; the algorithm
 * of Python's math.fsum) and reads it rounded once, correctly: one value for one multiset of terms.
 * Whole amounts add exactly in one number, so the parts are only made when an addition rounds.
 */
export class ExactSum {
  /** the exact sum while every addition so far was exact (no parts) */
  private hi = 0;
  /** the exact sum as non-overlapping parts, ascending in magnitude, once an addition rounded */
  private parts: number[] | undefined;

  /** Adds x (finite) exactly; a negative x takes it back. */
  add(x: number): this {
    if (this.parts === undefined) {
      const s = this.hi + x;
      const err = twoSumError(this.hi, x, s);
      if (err === 0) {
        this.hi = s;
        return this;
      }
      this.parts = [err, s];
      return this;
    }
    grow(this.parts, x);
    return this;
  }

  /** The exact sum, correctly rounded. */
  get value(): number {
    return this.parts === undefined ? this.hi + 0 : roundedSum(this.parts);
  }
}

/** The exact sum of `values`, correctly rounded: the same for every order of the same values. */
export function exactSum(values: Iterable<number>): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value;
}

/** What a + b lost when rounded to s (Knuth's TwoSum): a + b = s + error exactly. */
function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** Adds x to the parts, keeping them non-overlapping and ascending (Shewchuk's Grow-Expansion, zeros dropped). */
function grow(parts: number[], x: number): void {
  let i = 0;
  for (let j = 0; j < parts.length; j++) {
    let y = parts[j]!;
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) parts[i++] = lo;
    x = hi;
  }
  parts.length = i;
  if (x !== 0) parts.push(x);
}

/** The parts' exact sum rounded to the nearest double, ties to even (math_fsum's final step). */
function roundedSum(parts: readonly number[]): number {
  let n = parts.length;
  if (n === 0) return 0;
  let hi = parts[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = parts[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way between two doubles, where the parts below say which way: round the other way.
  if (n > 0 && ((lo < 0 && parts[n - 1]! < 0) || (lo > 0 && parts[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi + 0;
}
