/** The `refnet` command tree (commander). */
import { Command } from 'commander';
import type { GlobalOptions } from './backend.js';
import { registerAnalytics } from './commands/analytics.js';
import { registerBackup } from './commands/backup.js';
import { registerChapter } from './commands/chapter.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerKeys } from './commands/keys.js';

/** Builds the program; `globals()` reads the options given before or after the command. */
export function buildProgram(): Command {
  const program = new Command('refnet');
  program
    .description('refnet: referral-network analytics. Talks to a server when REFNET_URL (or --url) is set, else opens the data directory directly.')
    .option('--url <url>', 'a running refnet server (default: $REFNET_URL)')
    .option('--data <dir>', 'data directory of the embedded store (default: $REFNET_DATA or ./.refnet)')
    .option('--api-key <token>', 'API key for a server that requires one (default: $REFNET_API_KEY)')
    .option('--json', 'print machine-readable JSON on stdout')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('start the HTTP API and the map (Ctrl-C stops it; the data directory is locked while it runs)')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)')
    .option('--host <host>', 'bind address (default: $HOST or 127.0.0.1; others need an API key)')
    .action(async (o: { port?: string; host?: string }) => {
      const g = globals();
      if (o.port) process.env.PORT = o.port;
      if (o.host) process.env.HOST = o.host;
      if (g.data) process.env.REFNET_DATA = g.data;
      await import('../serve.js'); // runs until SIGTERM/SIGINT; exits by itself
      await new Promise(() => undefined);
    });
  registerImport(program, globals);
  registerExport(program, globals);
  registerBackup(program, globals);
  registerAnalytics(program, globals);
  registerChapter(program, globals);
  registerKeys(program, globals);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}
