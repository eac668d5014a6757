/** `refnet people|groups|companies find TEXT`: records whose name contains the text, with their ids. */
import type { Command } from 'commander';
import { backendFor, type GlobalOptions } from '../backend.js';
import { wholeNumberOption } from '../errors.js';
import { search, type RecordKind } from '../names.js';
import { printJson, say, table, idColumn } from '../output.js';

const COMMANDS: { command: string; kind: RecordKind; what: string; columns: [string, (r: Record<string, string | undefined>) => string | undefined][] }[] = [
  {
    command: 'people',
    kind: 'person',
    what: 'people whose name or company contains TEXT (any case, accents optional)',
    columns: [['company', (r) => r.company], ['industry', (r) => r.industry], ['profession', (r) => r.profession], ['location', (r) => r.location]],
  },
  { command: 'groups', kind: 'group', what: 'groups whose name contains TEXT', columns: [['kind', (r) => r.kind], ['location', (r) => r.location]] },
  { command: 'companies', kind: 'company', what: 'companies whose name contains TEXT', columns: [['industry', (r) => r.industry], ['location', (r) => r.location]] },
];

export function registerFind(program: Command, globals: () => GlobalOptions): void {
  for (const c of COMMANDS) {
    program
      .command(c.command)
      .description(`look up ${c.command} by name`)
      .command('find')
      .description(`${c.what}, with their ids`)
      .argument('<text>', 'part of a name')
      .option(...wholeNumberOption('-l, --limit <n>', 'at most this many (up to 500)', { min: 1 }, 50))
      .action(async (text: string, o: { limit: number }) => {
        const g = globals();
        const backend = backendFor(g);
        try {
          const found = await search(await backend.http(), c.kind, text, Math.min(o.limit, 500));
          if (g.json) return printJson(found);
          if (!found.length) return say(`No ${c.command} match "${text}".`);
          say(table([idColumn('id'), 'name', ...c.columns.map(([h]) => h)], found.map((r) => [r.id, r.name, ...c.columns.map(([, f]) => f(r as never))])));
        } finally {
          await backend.close();
        }
      });
  }
}
