/**
 * Issue #7: a load test, not a timed test. The real server (child process, API keys on, per-key
 * rate limiter on with a ceiling above the offered load) serves the bundled sample network
 * (data/sample-network.json, 300 people) while autocannon drives a 60 s mix of reads and writes
 * over 10 connections: 75 % reads (people list and lookups, person metrics, warm paths, network
 * metrics, export) and 25 % writes (PATCH of a person, PUT of an interaction from a fixed pool,
 * so the data set stays the same size). Figures: errors (non-2xx, socket errors, timeouts) with a
 * target of zero, throughput, p50/p99 latency, and the server's RSS sampled every second — after a
 * 15 s warm-up the growth to the end must stay small (the store's in-memory change log is bounded
 * at 100,000 changes; anything past it would be a leak), and the run is repeated with the server
 * heap capped at 128 MiB to tell a leak from lazy heap growth. REFNET_LOAD_SECONDS shortens it.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { keysFilePath } from '../../../api/security/key-file.js';
import { createKey } from '../../../api/security/keys.js';
import { round3 } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

interface AutocannonRequest {
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const WARMUP_S = 15;
const CONNECTIONS = 10;

/** Resident set (VmRSS) of a process in MiB. */
function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The request mix over the sample network's ids (weights by repetition). */
export function requestMix(people: string[], pairs: [string, string][], auth: Record<string, string>): AutocannonRequest[] {
  let n = 0;
  const pick = <T>(list: T[]) => list[n++ % list.length]!;
  const get = (path: () => string): AutocannonRequest => ({ method: 'GET', path: '/', headers: auth, setupRequest: (r) => ({ ...r, path: path() }) });
  const json = { ...auth, 'content-type': 'application/json' };
  const reads = [
    get(() => '/api/people?limit=50'),
    get(() => `/api/people/${pick(people)}`),
    get(() => (n % 20 === 0 ? '/api/export' : `/api/people/${pick(people)}`)),
    get(() => `/api/people/${pick(people)}/metrics`),
    get(() => {
      const [a, b] = pick(pairs);
      return `/api/paths?from=${a}&to=${b}`;
    }),
    get(() => '/api/metrics/network'),
  ];
  const writes: AutocannonRequest[] = [
    {
      method: 'PATCH',
      path: '/',
      headers: json,
      setupRequest: (r) => ({ ...r, path: `/api/people/${pick(people)}`, body: JSON.stringify({ title: `Title ${n % 7}` }) }),
    },
    {
      method: 'PUT',
      path: '/',
      headers: json,
      setupRequest: (r) => {
        const [a, b] = pick(pairs);
        const id = `load-${n % 500}`;
        return { ...r, path: `/api/interactions/${id}`, body: JSON.stringify({ id, a, b, kind: 'call', at: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}` }) };
      },
    },
  ];
  // 6 reads : 2 writes (one of the reads is the whole export now and then: a heavy read).
  return [...reads, ...writes];
}

interface LoadRun {
  result: AutocannonResult;
  samples: { t: number; rss: number }[];
  exitCode: number | null;
}

/** One load run against a fresh server; `nodeArgs` go to the server's node (e.g. a heap cap). */
async function loadRun(ctx: BenchContext, seconds: number, nodeArgs: string[]): Promise<LoadRun> {
  const dataDir = await ctx.tempDir('load');
  const { token } = await createKey(keysFilePath({ REFNET_DATA: dataDir }), { scope: 'write', name: 'load test' });
  const auth = { authorization: `Bearer ${token}` };
  const server = await ctx.startServer({ dataDir, nodeArgs, env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
  const doc = await readFile(join(ctx.root, 'data/sample-network.json'), 'utf8');
  const imported = await fetch(`${server.url}/api/import`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: doc });
  if (!imported.ok) throw new Error(`bench/load: sample import answered ${imported.status}`);
  const parsed = JSON.parse(doc) as { people: { id: string }[]; interactions: { a: string; b: string }[] };
  const people = parsed.people.map((p) => p.id);
  const pairs = parsed.interactions.slice(0, 400).map((i, k) => [i.a, parsed.interactions[(k * 7 + 3) % parsed.interactions.length]!.b] as [string, string]).filter(([a, b]) => a !== b);

  const samples: { t: number; rss: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const rss = rssMiB(server.pid);
    if (rss !== undefined) samples.push({ t: (Date.now() - started) / 1000, rss });
  }, 1000);
  ctx.log(`load: ${seconds} s of mixed reads/writes over ${CONNECTIONS} connections against ${server.url} ${nodeArgs.join(' ')}`);
  let result: AutocannonResult;
  try {
    result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, requests: requestMix(people, pairs, auth), timeout: 30 });
  } finally {
    clearInterval(sampler);
  }
  return { result, samples, exitCode: await server.stop() };
}

const HEAP_CAP_MIB = 128;

async function run(ctx: BenchContext) {
  const seconds = Number(process.env.REFNET_LOAD_SECONDS ?? 60);
  const warm = Math.min(WARMUP_S, seconds / 4);
  const free = await loadRun(ctx, seconds, []);
  // V8 grows its heap lazily up to its default limit before collecting hard, so RSS can rise
  // with no leak at all. The same run with the heap capped tells the two apart: a leak would
  // fail (out of memory, errors) or keep climbing; garbage just gets collected sooner.
  const capped = await loadRun(ctx, seconds, [`--max-old-space-size=${HEAP_CAP_MIB}`]);
  const rss = (r: LoadRun) => {
    const afterWarm = r.samples.filter((s) => s.t >= warm);
    const atWarm = afterWarm[0]?.rss ?? null;
    const end = r.samples.at(-1)?.rss ?? null;
    return { atWarm, end, growth: atWarm !== null && end !== null ? end - atWarm : null, max: r.samples.length ? Math.max(...r.samples.map((s) => s.rss)) : null };
  };
  const errors = (r: LoadRun) => r.result.non2xx + r.result.errors + r.result.timeouts;
  const byStatus = (r: LoadRun) => Object.entries(r.result.statusCodeStats ?? {}).map(([code, v]) => `${code}×${v.count}`).join(', ');
  const f = (key: string, label: string, value: number | null, unit: string, extra: Partial<Figure> = {}): Figure => ({ key, label, value: value === null ? null : round3(value), unit, ...extra });
  const a = rss(free);
  const b = rss(capped);
  const figures: Figure[] = [
    f('load_errors', 'errors (non-2xx + socket errors + timeouts)', errors(free), 'requests', { target: { op: '<=', value: 0 }, note: byStatus(free) }),
    f('load_requests', 'requests served', free.result.requests.total, 'requests', { note: `${seconds} s, ${CONNECTIONS} connections` }),
    f('load_throughput', 'throughput', free.result.requests.average, 'req/s'),
    f('load_p50', 'latency p50', free.result.latency.p50, 'ms'),
    f('load_p99', 'latency p99', free.result.latency.p99, 'ms'),
    f('load_rss_after_warmup', `RSS after ${warm} s warm-up`, a.atWarm, 'MiB'),
    f('load_rss_end', 'RSS at the end', a.end, 'MiB'),
    f('load_rss_growth', 'RSS growth after warm-up (default heap)', a.growth, 'MiB', { note: 'includes lazy V8 heap growth; see the capped run' }),
    f('load_rss_max', 'peak RSS', a.max, 'MiB'),
    f('load_capped_errors', `errors with the heap capped at ${HEAP_CAP_MIB} MiB`, errors(capped), 'requests', { target: { op: '<=', value: 0 }, note: byStatus(capped) }),
    f('load_capped_rss_growth', `RSS growth after warm-up, heap capped at ${HEAP_CAP_MIB} MiB`, b.growth, 'MiB', { target: { op: '<=', value: 16 } }),
    f('load_capped_throughput', `throughput, heap capped at ${HEAP_CAP_MIB} MiB`, capped.result.requests.average, 'req/s'),
    f('load_exit_code', 'exit code after SIGTERM (both runs)', Math.max(free.exitCode ?? 1, capped.exitCode ?? 1), '', { target: { op: '<=', value: 0 } }),
  ];
  const trace = (r: LoadRun) =>
    r.samples
      .filter((_, i) => i % Math.max(1, Math.floor(r.samples.length / 12)) === 0)
      .map((s) => `${Math.round(s.t)}s ${Math.round(s.rss)}`)
      .join(' · ');
  return {
    figures,
    notes: [
      `RSS over time, default heap (s MiB): ${trace(free)}`,
      `RSS over time, heap capped at ${HEAP_CAP_MIB} MiB (s MiB): ${trace(capped)}`,
      'One round of each run; the API-key check and the per-key rate limiter are on for every request. ' +
        'Latency is dominated by analytics reads right after a write (a new version invalidates person and network metrics, which recompute on the next read).',
    ],
  };
}

export const loadSection: Section = {
  name: 'load',
  title: 'Load: 60 s of mixed reads and writes (issue #7)',
  method:
    'The real server (child process, API keys and the per-key rate limiter on) with the bundled 300-person sample network; autocannon drives 60 s of 75 % reads ' +
    '(people list/lookups, person metrics, warm paths, network metrics, an export every 20th) and 25 % writes (PATCH a person, PUT an interaction from a pool of 500 ids, ' +
    'so the data stays the same size) over 10 connections. RSS (VmRSS) is sampled every second; growth is measured from the end of a 15 s warm-up. ' +
    'The run is repeated with the server heap capped at 128 MiB, which separates a leak (errors, out of memory, RSS still climbing) from V8 growing its heap lazily. One round each.',
  run,
};
