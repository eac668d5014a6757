/**
 * Generates a realistic, seeded referral network and writes it as a network document.
 *
 *   npm run generate -- --people 300 --records 6000 --seed 1 --out data/sample-network.json
 *
 * `--records` counts activity records (attendance + interactions + referrals), exactly; people,
 * companies, groups, memberships and events come on top. Output streams, so 100,000 people and
 * 1,000,000 records need well under a gigabyte of memory. Progress goes to stderr.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { generateNetwork } from './generator/generate-network.js';
import { writeDocument } from './generator/json-writer.js';
import { DEFAULT_ANCHOR, resolveOptions } from './generator/options.js';

function integer(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

const program = new Command()
  .name('generate')
  .description('Generate a seeded, realistic referral network document')
  .option('--people <n>', 'number of people', integer, 300)
  .option('--records <n>', 'attendance + interactions + referrals', integer, 6000)
  .option('--seed <n>', 'PRNG seed', integer, 1)
  .option('--anchor <date>', 'the "as of" date; activity covers the years before it', DEFAULT_ANCHOR)
  .option('--years <n>', 'length of the activity window in years', Number, 2)
  .option('--out <file>', 'output file ("-" for stdout)', '-')
  .option('--quiet', 'no progress on stderr')
  .parse();

const opts = program.opts<{ people: number; records: number; seed: number; anchor: string; years: number; out: string; quiet?: boolean }>();

async function main(): Promise<void> {
  const started = performance.now();
  // Validate before creating the file, so a bad option leaves nothing behind.
  const options = resolveOptions({ people: opts.people, records: opts.records, seed: opts.seed, anchor: opts.anchor, years: opts.years });
  const out = opts.out === '-' ? process.stdout : createWriteStream(opts.out);
  const big = opts.people + opts.records >= 200_000;
  const progress = !opts.quiet && big ? (n: number, c: string) => process.stderr.write(`generate: ${n.toLocaleString('en')} records written (${c})\n`) : undefined;
  const counts = await writeDocument(
    generateNetwork(options),
    out,
    progress,
  );
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
  if (!opts.quiet) {
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`generate: done in ${secs}s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
