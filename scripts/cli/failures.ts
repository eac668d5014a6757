/**
 * The one place where anything a command throws becomes what the user sees: a `refnet:` message,
 * a `hint:` line, and the exit code docs/CLI.md documents (0 ok, 1 runtime, 2 usage or invalid
 * input). Commands throw domain, store, file and commander errors as they are; they are mapped
 * here, so the same failure reads the same from every command.
 */
import { CommanderError } from 'commander';
import { runningServer } from '../../api/server-record.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../graph/service/errors.js';
import { CliError, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE } from './errors.js';
import { visibleText } from './visible-text.js';

/** Shown when nothing more specific applies. */
const USAGE_HINT = 'run `refnet <command> --help` for the arguments and options it takes';
const RUNTIME_HINT = 'check the message above and run it again';

/** What happened, in words, for the errno codes a file named on the command line can give. */
const FS_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EEXIST: 'it exists already',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EIO: 'an input/output error',
};

/** "no such file or directory" for a Node fs error, else its message. */
export function fsProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && FS_PROBLEMS[code]) return FS_PROBLEMS[code];
  return code ?? (err instanceof Error ? err.message : String(err));
}

/** A file named on the command line that cannot be read: the user's input, exit 2. */
export function unreadableFile(file: string, err: unknown, hint = 'check the path and that the file is readable'): CliError {
  return new CliError(`cannot read ${file}: ${fsProblem(err)}`, EXIT_USAGE, hint);
}

/** An output file that cannot be written: a runtime (I/O) failure, exit 1; nothing was left behind. */
export function unwritableFile(file: string, err: unknown): CliError {
  return new CliError(`cannot write ${file}: ${fsProblem(err)}`, EXIT_RUNTIME, 'choose a path in an existing directory you can write to; nothing was written');
}

/**
 * The data directory is held by another process: the hint names the address of the server holding
 * it when that server recorded one (api/server-record.ts), never a guessed default.
 */
export function storeLocked(err: Error & { dir?: string }): CliError {
  const server = err.dir === undefined ? undefined : runningServer(err.dir);
  if (server) {
    return new CliError(
      `the data directory ${err.dir} is in use by another process: the refnet server at ${server.url} (process ${server.pid})`,
      EXIT_RUNTIME,
      `talk to it instead: set REFNET_URL=${server.url} or pass --url ${server.url}; or stop it first`,
    );
  }
  return new CliError(
    `the data directory is in use by another process (a running \`refnet serve\`?): ${err.message}`,
    EXIT_RUNTIME,
    'talk to the server that holds it instead: set REFNET_URL to its address (its log says "refnet listening on …") or pass --url; or stop it first',
  );
}

/** The CliError a thrown value stands for, or undefined for an error no rule knows (a bug). */
export function toCliError(err: unknown): CliError | undefined {
  if (err instanceof CliError) return err;
  // Domain errors from the embedded store mean the same as their 4xx answers from a server.
  if (err instanceof ValidationError) return new CliError(err.message, EXIT_USAGE, 'nothing was written; fix the problems listed and run it again', err.issues);
  if (err instanceof NotFoundError) return new CliError(err.message, EXIT_USAGE, 'check the id or name: `refnet people find TEXT` lists people with their ids');
  if (err instanceof ConflictError) return new CliError(err.message, EXIT_USAGE, 'the store changed or already holds that record; `refnet export` shows what is there');
  // A domain refusal is about who acts (a key's scope is checked before, by the server's guard, and names the scope).
  if (err instanceof ForbiddenError) return new CliError(err.message, EXIT_RUNTIME, 'this is about who acts, not the key: act as the person allowed to make this change (with --as PERSON where the command takes it)');
  const name = (err as Error | null)?.name;
  const message = (err as Error | null)?.message ?? String(err);
  switch (name) {
    case 'ConfigError':
      return new CliError(message, EXIT_USAGE, 'fix what it names: an environment variable (see "Configuration" in README.md), --data, or the file');
    case 'StoreUnavailableError':
      return new CliError(message, EXIT_RUNTIME, 'the store is not answering: with REFNET_STORE=neo4j check that Neo4j runs and NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD');
    case 'StoreLockedError':
      return storeLocked(err as Error & { dir?: string });
    case 'StoreDataLossError':
    case 'StoreCorruptError':
      // The message names the damage and the way out; this is not a bug to report.
      return new CliError(message, EXIT_RUNTIME, 'see "Data directory" in docs/STORE.md; nothing was changed');
    case 'StoreIoError':
      return new CliError(message, EXIT_RUNTIME, 'check that the data directory (--data or REFNET_DATA) is a directory this user can write to');
    case 'StoreFullError':
      return new CliError(message, EXIT_RUNTIME, 'free some space (or raise the quota) and run it again; the write was not applied');
    case 'KeyFileError':
    case 'AccountFileError':
      return new CliError(message, EXIT_RUNTIME, 'the file is damaged or not refnet\'s: restore it from a backup, or move it aside (its keys or accounts are then gone)');
  }
  // `refnet serve` on a port another process listens on.
  const errno = err as NodeJS.ErrnoException & { port?: number };
  if (errno?.code === 'EADDRINUSE') return new CliError(`port ${errno.port ?? ''} is in use by another process`, EXIT_RUNTIME, 'choose another with --port (or PORT), or stop the process using it');
  if (errno?.code === 'EADDRNOTAVAIL') return new CliError(`cannot listen on that address: ${message}`, EXIT_USAGE, '--host (or HOST) must be an address of this machine, e.g. 127.0.0.1');
  return undefined;
}

/**
 * Prints what went wrong and returns the exit code. Commander has printed its own messages
 * (unknown option, missing argument, help) already.
 */
export function reportFailure(err: unknown, writeRaw: (text: string) => void = (t) => process.stderr.write(t)): number {
  // Messages quote user data (names, ids, file contents): control characters show as escapes.
  const write = (text: string) => writeRaw(visibleText(text));
  if (err instanceof CommanderError) {
    // --help, and `help <command>`, end here with exit code 0; help shown because a command
    // was left out (`refnet`, `refnet metrics`) is a usage error like a missing argument.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  const cli = toCliError(err);
  if (!cli) {
    write(`refnet: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    write('hint: this is a bug; please report it with the command you ran\n');
    return EXIT_RUNTIME;
  }
  write(`refnet: ${cli.message}\n`);
  // A problem that only repeats the message adds nothing.
  const problems = cli.problems.filter((p) => !cli.message.includes(p.message));
  for (const p of problems.slice(0, 20)) write(`  ${p.path || '(document)'}: ${p.message}\n`);
  if (problems.length > 20) write(`  … and ${problems.length - 20} more\n`);
  write(`hint: ${cli.hint ?? (cli.exitCode === EXIT_USAGE ? USAGE_HINT : RUNTIME_HINT)}\n`);
  return cli.exitCode;
}
