/**
 * `npm run bench:profile`: where the import and restart time goes. Starts the real server under
 * `node --cpu-prof`, imports the generated document over HTTP, stops it, starts it again on the
 * same data (recovery), and prints a summary of both profiles (the .cpuprofile files stay in
 * .bench/profiles/ for Chrome DevTools or speedscope).
 *
 *   npm run bench:profile -- --people 10000 --records 100000
 */
import { readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createContext } from './context.js';
import { renderSummary, summarizeProfile } from './cpu-profile-summary.js';
import { importBodies, postImports } from './http-import.js';
import { secondsSince } from './stats.js';

const opts = new Command()
  .option('--people <n>', 'people', Number, 10_000)
  .option('--records <n>', 'activity records', Number, 100_000)
  .option('--seed <n>', 'seed', Number, 1)
  .option('--chunk <n>', 'records per POST /api/import', Number, 50_000)
  .option('--top <n>', 'rows per table', Number, 20)
  .parse()
  .opts<{ people: number; records: number; seed: number; chunk: number; top: number }>();

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const ctx = createContext(root, { people: opts.people, records: opts.records, seed: opts.seed }, 1);
  try {
    const bodies = await importBodies(ctx, opts.chunk);
    const dataDir = await ctx.tempDir('profile');
    const out = join(ctx.benchDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
    const phases: [string, string][] = [];
    for (const phase of ['import', 'restart'] as const) {
      const dir = join(out, phase);
      await mkdir(dir, { recursive: true });
      const server = await ctx.startServer({ dataDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
      ctx.log(`${phase}: server ready in ${server.readySeconds.toFixed(1)} s`);
      if (phase === 'import') {
        const started = performance.now();
        await postImports(server.url, bodies);
        ctx.log(`import: ${secondsSince(started).toFixed(1)} s over HTTP`);
      }
      await server.stop();
      // The main thread's profile is the first file written (the tsx loader thread writes another).
      const main = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()[0];
      if (main) phases.push([phase, join(dir, main)]);
    }
    for (const [phase, file] of phases) process.stdout.write(`\n${renderSummary(`${phase} (${file})`, summarizeProfile(file, root, opts.top))}\n`);
    await rm(dataDir, { recursive: true, force: true });
  } finally {
    await ctx.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:profile: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
