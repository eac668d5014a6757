/** `refnet export`: the whole network as a JSON network document, to stdout or a file. */
import type { Command } from 'commander';
import { backendFor, type GlobalOptions } from '../backend.js';
import { checkOutputFile, writeFileAtomically } from '../atomic-file.js';
import { count, note } from '../output.js';
import { terminalJson } from '../visible-text.js';

export function registerExport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('export')
    .description('write the network as a JSON network document (the format `refnet import` and POST /api/import take)')
    .option('-o, --out <file>', 'write to this file instead of stdout (whole or not at all)')
    .action(async (opts: { out?: string }) => {
      if (opts.out !== undefined) await checkOutputFile(opts.out);
      const backend = backendFor(globals());
      try {
        const doc = await backend.exportDocument();
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (!opts.out) return void process.stdout.write(terminalJson(text));
        await writeFileAtomically(opts.out, text);
        note(`wrote ${count(doc.people.length, 'person')}, ${count(doc.interactions.length, 'interaction')}, ${count(doc.referrals.length, 'referral')} to ${opts.out}`);
      } finally {
        await backend.close();
      }
    });
}
