/**
 * The refnet CLI entry point (bin: scripts/refnet.mjs). Exit codes: 0 ok, 1 runtime error,
 * 2 usage or invalid input. Errors print one line saying what went wrong and one saying what to
 * do; scripts/cli/failures.ts decides both, and the exit code, for every command.
 */
import { EXIT_OK } from './cli/errors.js';
import { reportFailure } from './cli/failures.js';
import { buildProgram } from './cli/program.js';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_OK;
  } catch (err) {
    return reportFailure(err);
  }
}

// Output piped into `head` and the like: a closed pipe ends the output, not in a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv);
