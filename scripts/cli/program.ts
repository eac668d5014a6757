/** The `refnet` command tree (commander). */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { PROJECT_ROOT } from '../../graph/support/project-files.js';
import { loadConfig } from '../../api/config.js';
import type { GlobalOptions } from './backend.js';
import { CliError, documentedFlag, EXIT_DAMAGED_DATA, integerOption, usageError } from './errors.js';
import { toCliError } from './failures.js';
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
import { registerLog } from './commands/log.js';
import { registerSlip } from './commands/slip.js';
import { registerWeek } from './commands/week.js';
import { visibleText } from './visible-text.js';

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
    .version(packageVersion(), '-V, --version', 'print the version of refnet')
    .showHelpAfterError('hint: run `refnet --help`, or `refnet <command> --help`, for usage')
    // commander's own messages quote what was typed (an unknown command or option): escaped as all
    // output is, and worded as every other error (`refnet: …`, then the hint), not as "error: …".
    .configureOutput({ writeErr: (text) => process.stderr.write(visibleText(text)), outputError: (text, write) => write(text.replace(/^error: /, 'refnet: ')) })
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('start the HTTP API and the map (Ctrl-C stops it; the data directory is locked while it runs)')
    .option('-p, --port <port>', 'port (default: $PORT or 3000)', (v: string) => String(integerOption(documentedFlag('-p, --port'), { min: 0, max: 65535 })(v)))
    .option('--host <host>', 'bind address (default: $HOST or 127.0.0.1; others need an API key)')
    .action(async (o: { port?: string; host?: string }) => {
      const g = globals();
      // Loaded here: the other commands need none of the server.
      const { serve } = await import('../serve.js');
      try {
        const given = Object.entries({ PORT: o.port, HOST: o.host, REFNET_DATA: g.data }).filter(([, value]) => value !== undefined);
        await serve(loadConfig({ ...process.env, ...Object.fromEntries(given) }));
      } catch (err) {
        // A damaged data directory needs an operator, not a restart: exit 3 tells a supervisor so,
        // as `npm start` does (docs/STORE.md). Every other failure reads as in any command.
        const cli = toCliError(err);
        if (cli && /^Store(DataLoss|Corrupt)Error$/.test((err as Error).name)) throw new CliError(cli.message, EXIT_DAMAGED_DATA, cli.hint);
        throw err;
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
  registerWeek(program, globals);
  registerLog(program, globals);
  registerSlip(program, globals);
  // An empty argument ("" from an unset shell variable) is never a name, id or file: say so
  // before it turns into a request for "/api/people/" or a file called "".
  program.hook('preAction', (_program, action) => {
    action.registeredArguments.forEach((arg, i) => {
      const value: unknown = action.processedArgs[i];
      if (typeof value === 'string' && value.trim() === '') throw usageError(`<${arg.name()}> is empty`, `give <${arg.name()}>${arg.description ? `: ${arg.description}` : ''}`);
    });
  });
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride().showHelpAfterError(usageHint(sub));
    c.showHelpAfterError(c.commands.length ? groupHint(c) : usageHint(c));
  }
  return program;
}

/**
 * The hint after a command's own usage error (a missing argument or required option, one too
 * many): its usage line, arguments named as --help names them (`<person-b>`), and where to read more.
 */
function usageHint(command: Command): string {
  const path = [command.parent?.parent ? command.parent.name() : undefined, command.name()].filter(Boolean).join(' ');
  return `hint: usage: refnet ${path} ${command.usage()}; run \`refnet ${path} --help\` for what each takes`;
}

/**
 * The hint after a word a command group does not know (`refnet people Grace`): its commands with
 * their arguments, and the lookup when it has one — the word was most likely a name.
 */
function groupHint(group: Command): string {
  const name = `refnet ${group.name()}`;
  const commands = group.commands.filter((c) => c.name() !== 'help');
  const usage = commands.map((c) => [c.name(), ...c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`))].join(' '));
  const find = commands.find((c) => c.name() === 'find');
  return `hint: \`${name}\` takes one of: ${usage.join(', ')}${find ? `; to look up by name: \`${name} find <text>\`` : ''}; run \`${name} --help\` for more`;
}

/** The version in package.json (the same file from the sources and from dist/). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('package.json', PROJECT_ROOT), 'utf8')) as { version: string }).version;
}
