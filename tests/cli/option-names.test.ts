/**
 * Every option whose value the CLI parses itself names, in its errors, the flag docs/CLI.md
 * documents for it (`-k`, `--limit`, `--port`), never a spelling it does not document (`--k`).
 */
import { readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../scripts/cli/program.js';

const CLI_MD = readFileSync(new URL('../../docs/CLI.md', import.meta.url), 'utf8');

/** Every command of the tree with its options that have their own parser. */
function parsedOptions(command: Command, path: string[] = []): { command: string; option: Option }[] {
  const here = command.options.filter((o) => o.parseArg !== undefined).map((option) => ({ command: [...path, command.name()].join(' '), option }));
  return [...here, ...command.commands.flatMap((c) => parsedOptions(c, [...path, command.name()]))];
}

/** The flags of the option that docs/CLI.md writes (as a whole word). */
function documented(option: Option): string[] {
  return [option.short, option.long].filter((f): f is string => f !== undefined && new RegExp(`(^|[\\s\`\\[(])${f}(?![\\w-])`).test(CLI_MD));
}

describe('option errors name the documented flag', () => {
  const options = parsedOptions(buildProgram());

  it('finds the whole-number options', () => {
    expect(options.map((o) => `${o.command} ${o.option.flags}`)).toEqual(expect.arrayContaining(['refnet paths -k, --k <n>', 'refnet serve -p, --port <port>']));
  });

  it.each(['0', 'x'])('when an option is given %j, then the error names a flag docs/CLI.md documents for it', (value) => {
    for (const { command, option } of options) {
      const flags = documented(option);
      expect(flags, `${command} ${option.flags} is not in docs/CLI.md`).not.toEqual([]);
      let message = '';
      try {
        option.parseArg!(value, undefined);
      } catch (err) {
        message = (err as Error).message;
      }
      if (message === '') continue; // a value this option takes (serve --port 0)
      expect(flags.some((f) => message.startsWith(`${f} `) || message.startsWith(`${f}:`)), `${command} ${option.flags}: "${message}"`).toBe(true);
    }
  });
});
