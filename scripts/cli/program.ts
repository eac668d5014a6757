/** The `refnet` command tree (commander). */
import { Command } from 'commander';
import { loadConfig } from '../../api/config.js';
import type { GlobalOptions } from './backend.js';
import { registerAnalytics } from './commands/analytics.js';
import { registerBackup } from './commands/backup.js';
import { registerChapter } from './commands/chapter.js';
import { registerExport } from './commands/export.js';
import { registerFind } from './commands/find.js';
import { registerImport } from './commands/import.js';
import { registerKeys } from './commands/keys.js';
import { registerUsers } from './commands/users.js';
import { registerPeople } from './commands/people.js';
import { registerIntro } from './commands/intro.js';

/** Builds the program; `globals()` reads the options given before or after the command. */
export function buildProgram(): Command {
  const program = new Command('refnet');
  program
    .description('refnet: referral-network analytics. Talks to a server when REFNET_URL (or --url) is set, else opens the data directory directly.')
    .option('--url <url>', 'a running refnet server (default: $REFNET_URL)')
    .option('--data <dir>', 'data directory of the embedded store (default: $REFNET_DATA or ./.refnet)')
    .option('--api-key <token>', 'API key for a server that requires one (default: $REFNET_API_KEY)')
    .option('--json', 'print machine-readable JSON on stdout (with ids)')
    .option('--ids', 'show ids beside names in tables')
    .option('--currency <code>', "currency of referral values in tables (default: $REFNET_CURRENCY, else the server's CURRENCY setting)")
    .showHelpAfterError('hint: run `refnet --help`, or `refnet <command> --help`, for usage')
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('start the HTTP API and the map (Ctrl-C stops it; the data directory is locked while it runs)')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'bind address (default: $HOST or 127.0.0.1; others need an API key)')
    .action(async (o: { port?: string; host?: string }) => {
      const g = globals();
      // Loaded here: the other commands need none of the server.
      const { serve, exitOnStartFailure } = await import('../serve.js');
      try {
        const given = Object.entries({ PORT: o.port, HOST: o.host, REFNET_DATA: g.data }).filter(([, value]) => value !== undefined);
        await serve(loadConfig({ ...process.env, ...Object.fromEntries(given) }));
      } catch (err) {
        exitOnStartFailure(err);
      }
      await new Promise(() => undefined); // serves until SIGTERM/SIGINT, which exit the process
    });
  registerImport(program, globals);
  registerExport(program, globals);
  registerBackup(program, globals);
  registerAnalytics(program, globals);
  registerFind(program, globals);
  registerChapter(program, globals);
  registerKeys(program, globals);
  registerUsers(program, globals);
  registerPeople(program, globals);
  registerIntro(program, globals);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}
