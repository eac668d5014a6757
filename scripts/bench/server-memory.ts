/**
 * Where the server's peak RSS comes from (issue #18: ≤ 900 MiB on the benchmark network): runs the
 * analytics section's server flow — the document imported over HTTP in 50,000-record bodies, the
 * first path lookup, the warm-up, the cold pass (network metrics polled until fresh), path lookups
 * — and samples the server every 200 ms meanwhile: RSS, its high-water mark, the threads, and the
 * main isolate's heap from /metrics. Prints the phases with the RSS each reached, and the samples
 * around the peak (or every sample of one phase: --trace PHASE). --heap-snapshot PHASE writes a V8
 * heap snapshot of the server at the end of that phase (node's --heapsnapshot-signal).
 *
 *   npx tsx scripts/bench/server-memory.ts --doc .bench/network-100000p-1000000r-s1-….json [--node-flag=--heap-growing-percent=30 …] [--env NAME=value …] [--sources] [--trace 'cold pass'] [--heap-snapshot idle]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { documentFileBodies, postImports } from './http-import.js';
import { HTTP_CHUNK } from './sections/import.js';
import { networkMetricsFresh } from './sections/scale.js';
import { killAllServers, startServer, waitAnalyticsWarm } from './server-process.js';

const opts = new Command()
  .requiredOption('--doc <file>', 'network document to import')
  .option('--node-flag <flag...>', 'extra node flags for the server (before those of npm start)', [])
  .option('--env <pair...>', 'extra environment for the server, NAME=value', [])
  .option('--lookups <n>', 'path lookups after the cold pass', Number, 300)
  .option('--sources', 'run the server from the TypeScript sources through tsx', false)
  .option('--restart', 'after the import, stop the server and start it again on the same data (the warm-up after a restart, not after an import)', false)
  .option('--trace <phase>', 'print every sample of this phase, not only those around the peak')
  .option('--heap-snapshot <phase>', 'write a V8 heap snapshot of the server at the end of this phase (import, cold pass or idle), in the working directory')
  .parse()
  .opts<{ doc: string; nodeFlag: string[]; env: string[]; lookups: number; sources: boolean; restart: boolean; heapSnapshot?: string; trace?: string }>();

const MIB = 1024 * 1024;
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface Sample {
  t: number;
  phase: string;
  rss: number;
  hwm: number;
  threads: number;
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
}

function procStatus(pid: number): { rss: number; hwm: number; threads: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0) / 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), threads: Number(/Threads:\s+(\d+)/.exec(s)?.[1] ?? 0) };
  } catch {
    return undefined;
  }
}

/** The main isolate's heap from prom-client's default metrics (undefined while the event loop is held). */
async function heapOf(url: string): Promise<Pick<Sample, 'heapUsed' | 'heapTotal' | 'external'>> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(150) })).text();
    const value = (name: string) => {
      const m = new RegExp(`^${name} (\\S+)`, 'm').exec(text);
      return m ? Number(m[1]) / MIB : undefined;
    };
    return { heapUsed: value('nodejs_heap_size_used_bytes'), heapTotal: value('nodejs_heap_size_total_bytes'), external: value('nodejs_external_memory_bytes') };
  } catch {
    return {};
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'refnet-server-memory-'));
const env = Object.fromEntries(opts.env.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const snapshotFlags = opts.heapSnapshot ? ['--heapsnapshot-signal=SIGUSR2'] : [];
const serverOptions = { dataDir, env: { RATE_LIMIT_PER_MINUTE: '0', ...env }, nodeArgs: [...opts.nodeFlag, ...snapshotFlags], fromSources: opts.sources };

/** Asks the server for a heap snapshot (node's --heapsnapshot-signal) and waits until the file is whole. */
async function heapSnapshotAt(at: string): Promise<void> {
  if (opts.heapSnapshot !== at) return;
  const snapshots = () => readdirSync(root).filter((f) => f.endsWith('.heapsnapshot'));
  const before = new Set(snapshots());
  process.kill(server.pid, 'SIGUSR2');
  let file: string | undefined;
  let size = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    file ??= snapshots().find((f) => !before.has(f));
    if (!file) continue;
    const now = statSync(join(root, file)).size;
    // The server answers again once the snapshot is written: a steady size and a reply mean whole.
    if (now === size && (await heapOf(server.url)).heapUsed !== undefined) break;
    size = now;
  }
  console.log(`heap snapshot at the end of ${at}: ${file} (${(size / MIB).toFixed(0)} MiB)`);
}
let server = await startServer(root, serverOptions);
const started = performance.now();
const samples: Sample[] = [];
let phase = 'start';
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    if (phase === 'restart') {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const s = procStatus(server.pid);
    if (!s) break;
    const heap = await heapOf(server.url);
    samples.push({ t: (performance.now() - started) / 1000, phase, ...s, ...heap });
    await new Promise((r) => setTimeout(r, 200));
  }
})();

const pairs: [string, string][] = [];
try {
  phase = 'import';
  const ids: string[] = [];
  await postImports(
    server.url,
    documentFileBodies(opts.doc, HTTP_CHUNK, (chunk) => {
      for (const p of chunk.people ?? []) if (ids.length < 2000) ids.push(p.id);
    }),
  );
  for (let i = 0; i + 1 < ids.length; i += 2) pairs.push([ids[i]!, ids[(i * 7 + 1) % ids.length]!]);
  await heapSnapshotAt('import');
  if (opts.restart) {
    phase = 'restart';
    console.log(`import: peak RSS ${server.peakRssMiB()?.toFixed(0)} MiB; restarting`);
    await server.stop();
    server = await startServer(root, serverOptions);
  }
  phase = 'warm-up';
  const [a0, b0] = pairs[0]!;
  await fetch(`${server.url}/api/paths?from=${encodeURIComponent(a0)}&to=${encodeURIComponent(b0)}&k=1`, { signal: AbortSignal.timeout(300_000) });
  if ((await waitAnalyticsWarm(server.url, 600_000)) === undefined) throw new Error('analytics did not warm up in time');
  phase = 'cold pass';
  await networkMetricsFresh(server.url, 600_000);
  await heapSnapshotAt('cold pass');
  phase = 'lookups';
  const took: Record<number, number[]> = { 4: [], 6: [], 8: [] };
  for (let i = 0; i < opts.lookups; i++) {
    const [a, b] = pairs[i % pairs.length]!;
    const maxHops = 4 + 2 * (i % 3);
    const t = performance.now();
    const res = await fetch(`${server.url}/api/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&k=3&maxHops=${maxHops}`);
    await res.arrayBuffer();
    took[maxHops]!.push(performance.now() - t);
  }
  for (const [h, ms] of Object.entries(took)) {
    ms.sort((x, y) => x - y);
    console.log(`lookups k=3 maxHops ${h}: median ${ms[Math.floor(ms.length / 2)]?.toFixed(1)} ms, p95 ${ms[Math.floor(ms.length * 0.95)]?.toFixed(1)} ms, max ${ms.at(-1)?.toFixed(1)} ms (${ms.length})`);
  }
  phase = 'idle';
  await new Promise((r) => setTimeout(r, 3000));
  await heapSnapshotAt('idle');
} finally {
  sampling = false;
  await sampler;
  const cpu = server.cpuSeconds();
  await server.stop().catch(() => undefined);
  killAllServers();
  await rm(dataDir, { recursive: true, force: true });
  const fmt = (x: number | undefined) => (x === undefined ? '   –' : x.toFixed(0).padStart(5));
  console.log(`node flags: ${opts.nodeFlag.join(' ') || '(npm start only)'}; server CPU ${cpu?.toFixed(1)} s; wall ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log('phase       seconds  RSS max  RSS at end  heap used max  heap total max');
  for (const p of [...new Set(samples.map((s) => s.phase))]) {
    const of = samples.filter((s) => s.phase === p);
    const max = (f: (s: Sample) => number | undefined) => Math.max(...of.map((s) => f(s) ?? 0));
    console.log(`${p.padEnd(10)} ${(of.at(-1)!.t - of[0]!.t).toFixed(1).padStart(8)}  ${fmt(max((s) => s.rss))}    ${fmt(of.at(-1)!.rss)}       ${fmt(max((s) => s.heapUsed))}          ${fmt(max((s) => s.heapTotal))}`);
  }
  const peak = samples.reduce((a, s) => (s.rss > a.rss ? s : a), samples[0]!);
  console.log(`peak RSS (VmHWM) ${fmt(samples.at(-1)?.hwm)} MiB; highest sample ${fmt(peak.rss)} MiB at ${peak.t.toFixed(1)} s (${peak.phase}), threads ${peak.threads}`);
  const i = samples.indexOf(peak);
  const shown = opts.trace ? samples.filter((s) => s.phase === opts.trace) : samples.slice(Math.max(0, i - 5), i + 6);
  for (const s of shown) {
    console.log(`  ${s.t.toFixed(1).padStart(6)} s ${s.phase.padEnd(10)} RSS ${fmt(s.rss)} heap ${fmt(s.heapUsed)}/${fmt(s.heapTotal)} external ${fmt(s.external)} threads ${s.threads}`);
  }
}
