/**
 * The one schema for a whole-number query parameter (limit, k, maxHops, radius, …). A query
 * value is text, and `z.coerce.number()` reads it with JavaScript's Number(): `0x10` became 16,
 * `1e1` 10, ` 5` 5, `5.0` 5 and an empty `limit=` 0, so a typo or a client's odd spelling was
 * answered as if it meant something. Here only decimal digits are a number (with a leading minus,
 * so that `-5` is told its bound rather than that it is no number); anything else is a 400 naming
 * the parameter. Parsing happens in a preprocess step so that the OpenAPI document still shows
 * the parameter as an integer with its bounds (the generator describes the schema after it).
 *
 * No query parameter of refnet takes a fractional number; one that does should get a sibling of
 * this helper accepting plain decimal notation only (`0.5`, not `.5e0`), for the same reasons.
 */
import { z } from 'zod';

const DECIMAL_INTEGER = /^-?[0-9]+$/;

/** The one rule for a whole number written as text (query parameters here, CLI options in scripts/cli/errors.ts). */
export const isDecimalInteger = (text: string) => DECIMAL_INTEGER.test(text);

export interface QueryIntegerBounds {
  min: number;
  /** absent: up to the largest integer a number holds exactly */
  max?: number;
  /** The number the refusal offers as an example (default: 20, or the bound nearest it). */
  example?: number;
}

/**
 * A query parameter holding a whole number in decimal digits, within the bounds (inclusive). Also
 * the rule for whole-number settings from the environment (api/config.ts).
 */
export function queryInteger({ min, max, example = Math.min(max ?? 20, Math.max(min, 20)) }: QueryIntegerBounds) {
  const tooBig = `must be at most ${max ?? Number.MAX_SAFE_INTEGER}`;
  const atLeast = z.number().int().min(min, `must be at least ${min}`);
  return z.preprocess(
    (value, ctx) => {
      if (typeof value !== 'string' || !isDecimalInteger(value)) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number in decimal digits, e.g. ${example}` });
        return z.NEVER;
      }
      // `+ 0` turns -0 into 0; digits past what a number holds exactly are refused here, once,
      // rather than by both the integer and the maximum checks below.
      const n = Number(value) + 0;
      if (!Number.isSafeInteger(n)) {
        ctx.addIssue({ code: 'custom', message: n < 0 ? `must be at least ${min}` : tooBig });
        return z.NEVER;
      }
      return n;
    },
    max === undefined ? atLeast : atLeast.max(max, tooBig),
  );
}
