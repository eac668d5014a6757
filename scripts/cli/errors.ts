/**
 * CLI failures and their exit codes: 0 ok, 1 runtime error (server down, store locked, I/O),
 * 2 usage or invalid input (bad option, unreadable file format, 400/404 from the API).
 * Every message says what to do next.
 */
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

/** A commander option parser for a positive whole number; anything else is a usage error naming the option. */
export function positiveInt(name: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw usageError(`${name} must be a positive whole number, got "${v}"`, `e.g. ${name} 3`);
    return n;
  };
}
