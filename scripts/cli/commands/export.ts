/** `refnet export`: the whole network as a JSON network document, to stdout or a file. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { backendFor, type GlobalOptions } from '../backend.js';
import { CliError } from '../errors.js';

export function registerExport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export')
    .description('write the network as a JSON network document (the format `refnet import` and POST /api/import take)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const backend = backendFor(globals());
      try {
        const doc = await backend.exportDocument();
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (!opts.out) return void process.stdout.write(text);
        try {
          await writeFile(opts.out, text);
        } catch (err) {
          throw new CliError(`cannot write ${opts.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        process.stderr.write(`wrote ${doc.people.length} people, ${doc.interactions.length} interactions, ${doc.referrals.length} referrals to ${opts.out}\n`);
      } finally {
        await backend.close();
      }
    });
}
