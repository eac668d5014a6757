/**
 * Where an embedded import over HTTP spends the server's time (issue #18: its growth from 100k to
 * 1M people): a fresh data directory, the server under `node --cpu-prof`, the document posted in
 * the scale section's 50,000-record bodies, then self time by function of the main thread.
 *
 *   npx tsx scripts/bench/import-profile.ts --doc .bench/network-….json --data /tmp/refnet-import [--heap 16384] [--no-profile] [--node-flag=…]
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { renderSummary, summarizeProfile } from './cpu-profile-summary.js';
import { documentFileBodies, postImports } from './http-import.js';
import { HTTP_CHUNK } from './sections/import.js';
import { killAllServers, startServer } from './server-process.js';
import { secondsSince } from './stats.js';
import { isMainThread, type CpuProfile } from './stall-windows.js';

const opts = new Command()
  .requiredOption('--doc <file>', 'network document')
  .requiredOption('--data <dir>', 'REFNET_DATA of the server (emptied first)')
  .option('--heap <mib>', 'server --max-old-space-size', Number, 16384)
  .option('--top <n>', 'functions listed', Number, 40)
  .option('--no-profile', 'no --cpu-prof (wall and CPU time without the profiler overhead)')
  .option('--node-flag <flag...>', 'extra node flags for the server (e.g. --node-flag=--max-semi-space-size=64)', [])
  .parse()
  .opts<{ doc: string; data: string; heap: number; top: number; profile: boolean; nodeFlag: string[] }>();

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  rmSync(opts.data, { recursive: true, force: true });
  await mkdir(opts.data, { recursive: true });
  const dir = join(root, '.bench', 'stalls', `import-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(dir, { recursive: true });
  const server = await startServer(root, {
    dataDir: opts.data,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    nodeArgs: [`--max-old-space-size=${opts.heap}`, ...opts.nodeFlag, ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=5000'] : [])],
  });
  const cpu0 = server.cpuSeconds() ?? 0;
  const started = performance.now();
  await postImports(server.url, documentFileBodies(opts.doc, HTTP_CHUNK), {}, (n) => n % 20 === 0 && process.stderr.write(`import-profile: ${n} bodies posted, ${secondsSince(started).toFixed(0)} s\n`));
  const wallS = secondsSince(started);
  const cpuS = (server.cpuSeconds() ?? 0) - cpu0;
  const peak = server.peakRssMiB();
  await server.stop();
  process.stdout.write(`${JSON.stringify({ wallS: Math.round(wallS * 10) / 10, cpuS: Math.round(cpuS * 10) / 10, peakRssMiB: peak })}\n`);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const path = join(dir, file);
    if (!isMainThread(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile)) continue;
    process.stdout.write(`${renderSummary(`main thread (${path})`, summarizeProfile(path, root, opts.top))}\n`);
  }
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`import-profile: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(killAllServers);
