/**
 * Where a restart's analytics warm-up and cold pass hold the event loop (issue #18: at 1M people
 * one /readyz answer took 84 s): imports a network document into a data directory once (kept for
 * the next run), then restarts the server on it under `node --cpu-prof`, polls /healthz back to
 * back and /readyz until the analytics are warm, then GET /api/metrics/network until its
 * betweenness and communities are fresh (the cold pass), stops the server and says what the main
 * thread ran during each slow /healthz poll (scripts/bench/stall-windows.ts).
 *
 *   npx tsx scripts/bench/warmup-profile.ts --doc .bench/network-300000p-3000000r-….json --data /tmp/refnet-300k [--min 50] [--sources] [--no-profile]
 *
 * --sources runs scripts/serve.ts through tsx (the code as edited, no build); --root serves another
 * checkout for a before/after in the same minutes; --no-profile measures the waits without the
 * profiler's overhead.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { documentFileBodies, postImports } from './http-import.js';
import { HTTP_CHUNK } from './sections/import.js';
import { networkMetricsFresh } from './sections/scale.js';
import { killAllServers, startServer, waitAnalyticsWarm, type WarmPolls } from './server-process.js';
import { secondsSince } from './stats.js';
import { isMainThread, renderStalls, stallReports, type CpuProfile, type PollWindow } from './stall-windows.js';

const opts = new Command()
  .requiredOption('--doc <file>', 'network document (imported into --data when that holds no store yet)')
  .requiredOption('--data <dir>', 'REFNET_DATA of the server, kept between runs')
  .option('--min <ms>', 'slowest polls listed: those over this wait', Number, 50)
  .option('--top <n>', 'functions named per stretch', Number, 6)
  .option('--heap <mib>', 'server --max-old-space-size', Number, 8192)
  .option('--sources', 'run the server from the TypeScript sources through tsx', false)
  .option('--no-profile', 'no --cpu-prof (waits without the profiler overhead)')
  .option('--root <dir>', 'serve the code of another checkout (e.g. a `git archive` of the commit before)')
  .parse()
  .opts<{ doc: string; data: string; min: number; top: number; heap: number; sources: boolean; profile: boolean; root?: string }>();

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Polls /healthz back to back (5 ms apart) until `done` settles: the longest wait and the polls over `minMs`. */
async function healthPolls(url: string, done: Promise<unknown>, minMs: number): Promise<{ maxMs: number; slow: PollWindow[] }> {
  let finished = false;
  const finish = () => (finished = true);
  done.then(finish, finish);
  const slow: PollWindow[] = [];
  let maxMs = 0;
  while (!finished) {
    const fromUs = nowUs();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined);
    const toUs = nowUs();
    maxMs = Math.max(maxMs, (toUs - fromUs) / 1000);
    if (toUs - fromUs >= minMs * 1000) slow.push({ fromUs, toUs });
    await new Promise((r) => setTimeout(r, 5));
  }
  return { maxMs, slow };
}

async function importOnce(root: string, nodeArgs: string[]): Promise<void> {
  if (existsSync(join(opts.data, '.imported'))) return;
  await mkdir(opts.data, { recursive: true });
  const server = await startServer(root, { dataDir: opts.data, nodeArgs, env: { RATE_LIMIT_PER_MINUTE: '0' }, fromSources: opts.sources });
  const started = performance.now();
  await postImports(server.url, documentFileBodies(opts.doc, HTTP_CHUNK), {}, (n) => n % 20 === 0 && process.stderr.write(`warmup-profile: ${n} bodies posted, ${secondsSince(started).toFixed(0)} s\n`));
  await server.stop();
  writeFileSync(join(opts.data, '.imported'), opts.doc);
  process.stderr.write(`warmup-profile: imported in ${secondsSince(started).toFixed(0)} s\n`);
}

async function main(): Promise<void> {
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const root = opts.root ? resolve(opts.root) : here;
  const heap = [`--max-old-space-size=${opts.heap}`];
  await importOnce(root, heap);
  const dir = join(here, '.bench', 'stalls', `warmup-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(dir, { recursive: true });
  const spawned = performance.now();
  const server = await startServer(root, {
    dataDir: opts.data,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    nodeArgs: [...heap, ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [])],
    fromSources: opts.sources,
    readyTimeoutMs: 3600_000,
  });
  const readyzPolls: WarmPolls = { slowestMs: 0, failed: 0 };
  const warm = waitAnalyticsWarm(server.url, 3600_000, { alive: () => server.exitStatus() === undefined, polls: readyzPolls });
  const warmHealth = await healthPolls(server.url, warm, opts.min);
  if ((await warm) === undefined) throw new Error('analytics not warm');
  const warmS = secondsSince(spawned);
  const fresh = networkMetricsFresh(server.url, 3600_000);
  const coldHealth = await healthPolls(server.url, fresh, opts.min);
  const poll = await fresh;
  const coldS = secondsSince(spawned) - server.readySeconds;
  const figures = {
    readyS: server.readySeconds,
    warmS,
    coldPassS: coldS,
    warmUpHealthzMaxMs: warmHealth.maxMs,
    warmUpReadyzMaxMs: readyzPolls.slowestMs,
    coldPassHealthzMaxMs: coldHealth.maxMs,
    coldPassSlowestReadMs: poll.slowestMs,
    peakRssMiB: server.peakRssMiB(),
  };
  await server.stop();
  process.stdout.write(`${JSON.stringify(figures, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))}\n`);
  const slow = [...warmHealth.slow, ...coldHealth.slow];
  writeFileSync(join(dir, 'slow-polls.json'), JSON.stringify(slow));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    if (!isMainThread(profile)) continue;
    process.stdout.write(`${renderStalls(`main thread (${join(dir, file)})`, stallReports(profile, slow, root, opts.top), 12)}\n`);
  }
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`warmup-profile: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(killAllServers);
