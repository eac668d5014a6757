/**
 * `npm run bench`: runs the benchmark sections (scripts/bench/sections) on a generated network of
 * 100,000 people / 1,000,000 activity records (cached in .bench/ by seed and size), prints a
 * table, saves .bench/results-<date>.json and rewrites the sections' blocks in docs/BENCHMARKS.md.
 *
 *   npm run bench                          every section, full size, 3 rounds
 *   npm run bench -- --only import         one section (comma-separated list)
 *   npm run bench -- --people 10000 --records 100000 --rounds 1   a quick run (docs untouched)
 *   npm run bench -- --only scale --people 10000 --records 100000 --no-docs   the scale run, small (10k and 100k people)
 *
 * Benchmarks never run in `npm test`: the speed targets are checked here, not by timed tests.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { createContext } from './context.js';
import { gitRevision, machineInfo } from './machine.js';
import { renderText, saveResults, updateDocs, type RunResults, type SectionRun } from './report.js';
import { SECTIONS } from './sections/index.js';
import { secondsSince } from './stats.js';

const DEFAULT = { people: 100_000, records: 1_000_000, seed: 1 };

function integer(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

const program = new Command()
  .name('bench')
  .description('refnet benchmarks')
  .option('--only <sections>', `comma-separated sections: ${SECTIONS.map((s) => s.name).join(', ')}`)
  .option('--people <n>', 'people in the generated network', integer, DEFAULT.people)
  .option('--records <n>', 'activity records (attendance + interactions + referrals)', integer, DEFAULT.records)
  .option('--seed <n>', 'generator seed', integer, DEFAULT.seed)
  .option('--rounds <n>', 'rounds per measurement (medians are reported)', integer, 3)
  .option('--scale-factor <n>', 'the scale section: its larger network is this many times --people and --records', integer, 10)
  .option('--docs', 'write docs/BENCHMARKS.md even for a non-default size')
  .option('--no-docs', 'do not touch docs/BENCHMARKS.md')
  .parse();

const opts = program.opts<{ only?: string; people: number; records: number; seed: number; rounds: number; scaleFactor: number; docs?: boolean }>();

async function main(): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const wanted = opts.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted?.filter((w) => !SECTIONS.some((s) => s.name === w)) ?? [];
  if (unknown.length) {
    process.stderr.write(`bench: unknown section ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const sections = wanted ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
  const size = { people: opts.people, records: opts.records, seed: opts.seed };
  const ctx = createContext(root, size, Math.max(1, opts.rounds), Math.max(1, opts.scaleFactor));
  await mkdir(ctx.benchDir, { recursive: true });
  const results: RunResults = { date: new Date().toISOString(), commit: gitRevision(root), machine: machineInfo(), size, rounds: ctx.rounds, sections: [] };
  const onSignal = () => {
    void ctx.cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const section of sections) {
      ctx.log(`section ${section.name}: ${section.title}`);
      const started = performance.now();
      const run: SectionRun = { name: section.name, title: section.title, method: section.method, seconds: 0, figures: [], notes: [] };
      try {
        Object.assign(run, await section.run(ctx));
      } catch (err) {
        run.error = err instanceof Error ? err.message : String(err);
        ctx.log(`section ${section.name} failed: ${run.error}`);
      }
      run.seconds = secondsSince(started);
      results.sections.push(run);
    }
  } finally {
    await ctx.cleanup();
  }
  process.stdout.write(`${renderText(results)}\n\n`);
  const file = await saveResults(ctx.benchDir, results);
  process.stdout.write(`results: ${file}\n`);
  const isDefault = size.people === DEFAULT.people && size.records === DEFAULT.records && size.seed === DEFAULT.seed;
  if (opts.docs ?? isDefault) {
    process.stdout.write(`docs: ${await updateDocs(root, results)}\n`);
  } else {
    process.stdout.write('docs: docs/BENCHMARKS.md left alone (not the default size; pass --docs to write it)\n');
  }
  return results.sections.some((s) => s.error) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
