/**
 * CLI failures and their exit codes: 0 ok, 1 runtime error (server down, store locked, I/O),
 * 2 usage or invalid input (bad option, unreadable file format, 400/404 from the API).
 * Every message says what to do next.
 */
import { isDecimalInteger } from '../../graph/service/query-number.js';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;
/** `refnet serve` only: the data directory is damaged and needs an operator (docs/STORE.md); restarting cannot help. */
export const EXIT_DAMAGED_DATA = 3;

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_RUNTIME,
    /** What to do next, printed on its own line. */
    readonly hint?: string,
    /** Field-level problems (path + message) from a validation failure. */
    readonly problems: { path: string; message: string }[] = [],
    /** The HTTP status when the error came from a server answer. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Invalid input from the user: exit 2. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, EXIT_USAGE, hint);
}

/**
 * A commander option parser for a whole number within bounds; anything else is a usage error
 * naming the option, raised while the options are parsed (before any store is opened). The rule
 * is the server's (graph/service/query-number.ts): decimal digits only, so `0x10`, `1e1`, `5.0`,
 * `+5` or ` 5` are refused here as the server refuses them in a query, not read as numbers.
 */
export function integerOption(name: string, { min, max }: { min: number; max?: number }): (v: string) => number {
  return (v) => {
    const example = `e.g. ${name} ${Math.min(max ?? 3, Math.max(min, 3))}`;
    if (!isDecimalInteger(v)) throw usageError(`${name}: expected a whole number in decimal digits, got "${v}"`, example);
    const n = Number(v) + 0;
    if (!Number.isSafeInteger(n) && n > 0) throw usageError(`${name} must be at most ${max ?? Number.MAX_SAFE_INTEGER}, got "${v}"`, example);
    if (!Number.isSafeInteger(n) || n < min) throw usageError(min === 1 ? `${name} must be a positive whole number, got "${v}"` : `${name} must be at least ${min}, got "${v}"`, example);
    if (max !== undefined && n > max) throw usageError(`${name} must be at most ${max}, got "${v}"`, example);
    return n;
  };
}

/** integerOption for a count: 1 or more. */
export const positiveInt = (name: string) => integerOption(name, { min: 1 });

/**
 * The flag an option's errors name, from the flags it is declared with: the long one, as
 * docs/CLI.md writes options ("-l, --limit <n>" → "--limit"), but the short one when the long
 * one only repeats its letter ("-k, --k <n>" → "-k", documented as `-k N`).
 */
export function documentedFlag(flags: string): string {
  const short = /(?:^|[\s,])(-[A-Za-z])\b/.exec(flags)?.[1];
  const long = /(--[A-Za-z][\w-]*)/.exec(flags)?.[1];
  if (long === undefined || (short !== undefined && long.length === 3)) return short ?? flags;
  return long;
}

/**
 * A whole-number option as commander's `.option(...)` takes it: flags, description, a parser
 * whose errors name documentedFlag(flags) (one place, so no option can name a spelling it lacks)
 * and the default, if any.
 */
export function wholeNumberOption(flags: string, description: string, bounds: { min: number; max?: number } = { min: 1 }, fallback?: number): [string, string, (v: string) => number, number?] {
  const parse = integerOption(documentedFlag(flags), bounds);
  return fallback === undefined ? [flags, description, parse] : [flags, description, parse, fallback];
}

/**
 * A commander option parser for an amount of money (`--value 1500`, `--value 1500.50`): decimal
 * digits with an optional fraction, nothing else ("1,500", "€1500", "1e3" are refused naming the
 * option, not read as another number). Its bounds are the API's (moneySchema), checked with the
 * body the command sends.
 */
export function amountOption(name: string): (v: string) => number {
  return (v) => {
    if (!/^\d+(\.\d+)?$/.test(v)) throw usageError(`${name}: expected an amount in decimal digits, got "${v}"`, `e.g. ${name} 1500 or ${name} 1500.50 (in the network's currency, no symbol or separators)`);
    return Number(v);
  };
}
