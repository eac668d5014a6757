/**
 * Options that become fields of a request body (`log --kind`, `slip pass --value`), checked with
 * the field schemas the API validates that body with (graph/schema.ts) before the store is
 * opened: a problem names the option as typed and the hint says what it takes.
 */
import { z } from 'zod';
import { isAfterToday, localDate } from '../../graph/support/local-date.js';
import { CliError, usageError } from './errors.js';
import { checkBody } from './http-client.js';

export interface BodyOption {
  /** the flag or argument as the user typed it: `--kind`, `<status>` */
  flag: string;
  /** the hint when this option is the one refused (else the general one) */
  hint?: (given: unknown) => string | undefined;
}

/**
 * Checks `values` (the fields the options give, undefined for those not given) with the named
 * fields of `shape` (a body schema's `.shape`: each field's own schema, as the API reads it).
 */
export function checkBodyOptions(shape: Record<string, z.ZodType>, path: string, values: Record<string, unknown>, options: Record<string, BodyOption>): void {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const fields = Object.fromEntries(Object.keys(values).map((k) => [k, shape[k]!.optional()]));
  const flags = Object.fromEntries(Object.entries(options).map(([k, o]) => [k, o.flag]));
  try {
    checkBody(z.strictObject(fields), path, given, flags);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    const field = Object.keys(options).find((k) => err.problems.some((p) => p.path === options[k]!.flag));
    const hint = field === undefined ? undefined : options[field]!.hint?.(given[field]);
    throw hint === undefined ? err : new CliError(err.message, err.exitCode, hint, err.problems, err.status);
  }
}

/** Today's date where the user is (the default of --at), as the browser's forms fill it in. */
export const today = (): string => localDate();

/**
 * A meeting or slip dated after today is almost always a typo (2027 for 2026): refused as the
 * browser's forms refuse it, since it would count nowhere until that day and move "now" forward.
 */
export function notInTheFuture(flag: string, at: string, what: string): void {
  if (isAfterToday(at)) throw usageError(`${flag} ${at} is after today (${today()}): ${what}`, `leave ${flag} out for today, or give the date it happened (YYYY-MM-DD)`);
}
