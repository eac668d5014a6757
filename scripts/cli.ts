/**
 * The refnet CLI entry point (bin: scripts/refnet.mjs). Exit codes: 0 ok, 1 runtime error,
 * 2 usage or invalid input. Errors print one line saying what went wrong and one saying what to do.
 */
import { CommanderError } from 'commander';
import { ConflictError, NotFoundError, ValidationError } from '../graph/service/errors.js';
import { CliError, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE } from './cli/errors.js';
import { buildProgram } from './cli/program.js';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (caught) {
    let err = caught;
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return EXIT_OK;
      return EXIT_USAGE; // commander already printed the message and the usage hint
    }
    // Domain errors from the embedded store mean the same as their 4xx answers from a server.
    if (err instanceof ValidationError) err = new CliError(err.message, EXIT_USAGE, 'nothing was written; fix the problems listed and run it again', err.issues);
    else if (err instanceof NotFoundError) err = new CliError(err.message, EXIT_USAGE, 'check the id or name: `refnet people find TEXT` lists people with their ids');
    else if (err instanceof ConflictError) err = new CliError(err.message, EXIT_USAGE, 'the store changed or already holds that record; `refnet export` shows what is there');
    else if ((err as Error)?.name === 'StoreUnavailableError') {
      err = new CliError((err as Error).message, EXIT_RUNTIME, 'the store is not answering: with REFNET_STORE=neo4j check that Neo4j runs and NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD');
    }
    if (err instanceof CliError) {
      process.stderr.write(`refnet: ${err.message}\n`);
      // A problem that only repeats the message adds nothing.
      const problems = err.problems.filter((p) => !err.message.includes(p.message));
      for (const p of problems.slice(0, 20)) process.stderr.write(`  ${p.path || '(document)'}: ${p.message}\n`);
      if (problems.length > 20) process.stderr.write(`  … and ${problems.length - 20} more\n`);
      process.stderr.write(`hint: ${err.hint ?? (err.exitCode === EXIT_USAGE ? 'run `refnet <command> --help` for the arguments and options it takes' : 'check the message above and run it again')}\n`);
      return err.exitCode;
    }
    const name = (err as Error)?.name;
    if (name === 'ConfigError') {
      process.stderr.write(`refnet: ${(err as Error).message}\nhint: fix the environment variable it names (see "Configuration" in README.md)\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`refnet: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.stderr.write('hint: this is a bug; please report it with the command you ran\n');
    return EXIT_RUNTIME;
  }
}

// Output piped into `head` and the like: a closed pipe ends the output, not in a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv);
