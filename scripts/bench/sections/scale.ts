/**
 * Issue #18, the scale run: the same product paths on the benchmark network and on one
 * `--scale-factor` times larger (default 10: 100,000 → 1,000,000 people, 1M → 10M activity
 * records), each figure at the larger size beside the base figure with its growth factor (goal
 * ≤ 12× for 10× the data). The larger document (~1 GB) is never parsed whole: it is read off disk
 * record by record (generator/json-reader.ts) and posted or applied in chunks. Every stage runs
 * in a child process (the real server, the Neo4j JVM), so a stage that runs out of memory or time
 * at the larger size becomes a note saying where it failed, and the run goes on.
 *
 * Knobs (environment): REFNET_BENCH_SCALE_SERVER_HEAP_MIB (server heap, default 16384),
 * REFNET_BENCH_SCALE_NEO4J=0 (skip Neo4j), REFNET_BENCH_SCALE_NEO4J_APPLY (records per Neo4j
 * apply, default 1,000,000), and the neo4j section's REFNET_BENCH_NEO4J_HEAP/PAGE_CACHE/TX_MEMORY.
 */
import { stat } from 'node:fs/promises';
import { Neo4jStore } from '../../../graph/store/neo4j/neo4j-store.js';
import { readDocumentRecords } from '../../generator/json-reader.js';
import { startNeo4j } from '../../neo4j/launcher.js';
import { chunkRecordStream, countRecords, putsOf } from '../chunk-document.js';
import { documentFileBodies, postImports } from '../http-import.js';
import { httpTarget, seededSelection, timeQueries } from '../query-mix.js';
import { longestHealthWait } from '../health-poller.js';
import { waitAnalyticsWarm, type ServerHandle, type WarmPolls } from '../server-process.js';
import { percentile, round3, secondsSince, singleFigure } from '../stats.js';
import type { BenchContext, BenchSize, Figure, Section } from '../types.js';
import { HTTP_CHUNK } from './import.js';
import { HEAP, PAGE_CACHE, TX_MEMORY } from './neo4j.js';

const SERVER_HEAP_MIB = Number(process.env.REFNET_BENCH_SCALE_SERVER_HEAP_MIB ?? 16_384);
const NEO4J_APPLY = Number(process.env.REFNET_BENCH_SCALE_NEO4J_APPLY ?? 1_000_000);
const WITH_NEO4J = process.env.REFNET_BENCH_SCALE_NEO4J !== '0';
/** Growth allowed for `scaleFactor` times the data: 12× for 10×, proportionally for other factors. */
const GROWTH_PER_FACTOR = 1.2;
/** Generous bounds for the larger network: a stage that takes longer is recorded as failed. */
const READY_TIMEOUT_MS = 2 * 3600_000;
const WARM_TIMEOUT_MS = 2 * 3600_000;
const MIB = 2 ** 20;

/** What is measured at each size, in table order; `grows` marks a cost that the growth goal applies to. */
const METRICS = [
  { key: 'records', label: 'records in the document', unit: 'records' },
  { key: 'document_mib', label: 'document size', unit: 'MiB' },
  { key: 'embedded_import_s', label: `embedded: import over HTTP (${HTTP_CHUNK / 1000}k-record chunks), total`, unit: 's', grows: true },
  { key: 'embedded_import_rps', label: 'embedded: import over HTTP', unit: 'records/s' },
  { key: 'embedded_import_cpu_s', label: 'embedded: import over HTTP, CPU seconds of the server (robust to neighbours)', unit: 'CPU-s', grows: true },
  { key: 'embedded_import_rss_mib', label: 'embedded: server peak RSS during the import', unit: 'MiB', grows: true },
  { key: 'embedded_restart_ready_s', label: 'embedded: restart after clean stop (spawn → ready)', unit: 's', grows: true },
  { key: 'embedded_restart_warm_s', label: 'embedded: restart until analytics warm (spawn → /readyz analytics.state warm)', unit: 's', grows: true },
  { key: 'cold_pass_s', label: 'cold analytics pass in the server (ready → projection and CSR warm → network metrics with Louvain and sampled betweenness fresh)', unit: 's', grows: true },
  { key: 'cold_pass_fresh_s', label: 'cold pass: first GET /api/metrics/network after warm → its betweenness and communities fresh (polled, 503s after their Retry-After)', unit: 's', grows: true },
  { key: 'cold_pass_slowest_read_ms', label: 'cold pass: slowest GET /api/metrics/network answer while polling (a 503 or a labelled answer)', unit: 'ms' },
  { key: 'cold_pass_healthz_max_ms', label: 'cold pass: longest /healthz answer while polling (event-loop stall)', unit: 'ms' },
  { key: 'cold_pass_cpu_s', label: 'cold analytics pass, CPU seconds of the server (all threads)', unit: 'CPU-s', grows: true },
  { key: 'path_k1_p95_ms', label: 'warm path k=1, maxHops 4, p95 (HTTP, one at a time)', unit: 'ms', grows: true },
  { key: 'path_k3_p95_ms', label: 'warm paths k=3, maxHops 4, p95 (HTTP, one at a time)', unit: 'ms', grows: true },
  { key: 'person_metrics_p95_ms', label: 'person metrics (all dimensions, cache bypassed), p95 (HTTP)', unit: 'ms', grows: true },
  { key: 'embedded_peak_rss_mib', label: 'embedded: server peak RSS after restart (cold pass + queries)', unit: 'MiB', grows: true },
  { key: 'neo4j_import_s', label: `Neo4j: staged bulk import (Neo4jStore.apply, ${NEO4J_APPLY.toLocaleString('en')}-record applies), total`, unit: 's', grows: true },
  { key: 'neo4j_import_rps', label: 'Neo4j: staged bulk import', unit: 'records/s' },
  { key: 'neo4j_restart_s', label: 'Neo4j: server restart (clean stop + start until Bolt answers)', unit: 's', grows: true },
  { key: 'neo4j_instance_ready_s', label: 'Neo4j: API instance start (spawn → ready: readAll into the live network)', unit: 's', grows: true },
  { key: 'neo4j_instance_warm_s', label: 'Neo4j: API instance until analytics warm', unit: 's', grows: true },
  { key: 'neo4j_instance_rss_mib', label: 'Neo4j: API instance peak RSS', unit: 'MiB', grows: true },
] as const;

type MetricKey = (typeof METRICS)[number]['key'];

/** One network's measurements; a failed stage leaves its metrics out and says why in `failures`. */
interface NetworkRun {
  name: string;
  size: BenchSize;
  values: Partial<Record<MetricKey, number>>;
  failures: string[];
  notes: string[];
}

/** The server's node flags: the start script sets no heap limit, and V8's default (~4 GiB here) is far below what 10× needs. */
const serverNodeArgs = [`--max-old-space-size=${SERVER_HEAP_MIB}`];

/** A measured value, or undefined when /proc could not be read. */
const finite = (value: number): number | undefined => (Number.isFinite(value) ? value : undefined);

/** Why a server stage failed: the error, and the server's exit and last lines when it died (e.g. out of memory). */
function failure(stage: string, err: unknown, server?: ServerHandle): string {
  // A server that died before ready puts its last output in the message: keep the head and the last lines.
  const lines = (err instanceof Error ? err.message : String(err)).split('\n').filter(Boolean);
  const message = (lines.length > 3 ? [lines[0], ...lines.slice(-2)] : lines).join(' / ').slice(0, 600);
  const exit = server?.exitStatus();
  // V8's out-of-memory report ends in a native stack trace: its FATAL line says more than the last lines.
  const output = server?.lastLines() ?? [];
  const fatal = output.filter((line) => /FATAL|out of memory|Error/i.test(line));
  const last = exit ? `; server ${exit}, output: ${(fatal.length ? fatal.slice(0, 2) : output.slice(-3)).join(' / ').slice(0, 400)}` : '';
  return `failed at ${stage}: ${message}${last}`;
}

/** Awaits `work`, saying every minute that it still runs (a 10× start reads millions of records). */
async function logWhile<T>(ctx: BenchContext, what: string, work: Promise<T>): Promise<T> {
  const started = performance.now();
  const timer = setInterval(() => ctx.log(`scale: ${what}, ${secondsSince(started).toFixed(0)} s so far`), 60_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** A request failing as the server dies can come before its exit: give the exit a few seconds to show. */
async function settledExit(server: ServerHandle): Promise<void> {
  const deadline = Date.now() + 5000;
  while (server.exitStatus() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Samples the server's peak RSS every 2 s, so the figure survives a server that dies (VmHWM goes
 * with it), and says every minute what it is waiting for (a 10× warm-up runs for minutes).
 */
function watchPeak(ctx: BenchContext, server: ServerHandle, doing: () => string): () => void {
  const started = performance.now();
  let logged = started;
  const timer = setInterval(() => {
    const peak = server.peakRssMiB();
    if (performance.now() - logged >= 60_000) {
      logged = performance.now();
      ctx.log(`scale: ${doing()}, ${secondsSince(started).toFixed(0)} s so far, server RSS peak ${Math.round(peak ?? 0)} MiB`);
    }
  }, 2000);
  return () => clearInterval(timer);
}

/** How long one poll of the network metrics may take: the server answers analytics reads within a bounded wait (503 + Retry-After past it). */
const POLL_REQUEST_TIMEOUT_MS = 60_000;

/** What polling the network metrics through a cold pass saw. */
export interface ColdPassPoll {
  /** seconds from the first poll until betweenness and communities were both fresh */
  freshSeconds: number;
  /** the slowest answer (ms): how long a user's read was held while the pass ran */
  slowestMs: number;
  polls: number;
  /** answers that were 503 (warming up) */
  notReady: number;
}

/**
 * Polls GET /api/metrics/network until betweenness and communities are both fresh (the first read
 * starts them on worker threads). Every answer is bounded: a 503 (analytics warming up) is polled
 * again after its Retry-After, a 200 whose passes are still computing or stale after `pauseMs`;
 * the whole wait ends at `deadlineMs`.
 */
export async function networkMetricsFresh(url: string, deadlineMs: number, pauseMs = 250): Promise<ColdPassPoll> {
  const started = performance.now();
  const asOf = new Date().toISOString();
  const seen: ColdPassPoll = { freshSeconds: 0, slowestMs: 0, polls: 0, notReady: 0 };
  let last = 'no answer yet';
  while (performance.now() - started < deadlineMs) {
    const left = deadlineMs - (performance.now() - started);
    const t = performance.now();
    const res = await fetch(`${url}/api/metrics/network?asOf=${encodeURIComponent(asOf)}`, { signal: AbortSignal.timeout(Math.min(POLL_REQUEST_TIMEOUT_MS, left)) });
    const body = (await res.json()) as { betweennessInfo?: { status?: string }; communitiesInfo?: { status?: string } };
    seen.slowestMs = Math.max(seen.slowestMs, performance.now() - t);
    seen.polls++;
    let wait = pauseMs;
    if (res.status === 503) {
      seen.notReady++;
      wait = Math.max(pauseMs, Number(res.headers.get('retry-after') ?? 1) * 1000);
      last = 'analytics warming up (503)';
    } else if (!res.ok) {
      throw new Error(`GET /api/metrics/network → ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    } else {
      const b = body.betweennessInfo?.status;
      const c = body.communitiesInfo?.status;
      if (b === 'fresh' && c === 'fresh') return { ...seen, freshSeconds: secondsSince(started) };
      last = `betweenness ${b}, communities ${c}`;
    }
    await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, deadlineMs - (performance.now() - started)))));
  }
  throw new Error(`network metrics not fresh after ${deadlineMs / 1000} s (last answer: ${last}; slowest answer ${Math.round(seen.slowestMs)} ms)`);
}

/**
 * Embedded store: HTTP import streamed off disk into a fresh server, clean stop, restart → ready →
 * warm → network metrics fresh (the cold pass), then the query mix, over HTTP. Returns the people
 * ids seen (the selection is drawn from them).
 */
async function embeddedRun(ctx: BenchContext, docPath: string, run: NetworkRun): Promise<string[]> {
  const ids: string[] = [];
  const dir = await ctx.tempDir(`scale-${run.name}`);
  let server = await ctx.startServer({ dataDir: dir, nodeArgs: serverNodeArgs, env: { RATE_LIMIT_PER_MINUTE: '0' }, readyTimeoutMs: READY_TIMEOUT_MS });
  let records = 0;
  let stopWatch = watchPeak(ctx, server, () => `${run.name}: embedded import at ${records.toLocaleString('en')} records`);
  /** Records in the request being posted, and in the requests the server acknowledged. */
  let inFlight = 0;
  let acknowledged = 0;
  const progressEvery = Math.max(1, Math.round(1_000_000 / HTTP_CHUNK));
  try {
    const started = performance.now();
    const cpu = server.cpuSeconds() ?? Number.NaN;
    const bodies = documentFileBodies(docPath, HTTP_CHUNK, (chunk) => {
      for (const p of chunk.people ?? []) ids.push(p.id);
      inFlight = countRecords(chunk);
      records += inFlight;
    });
    await postImports(server.url, bodies, {}, (posted) => {
      acknowledged += inFlight;
      if (posted % progressEvery === 0) {
        ctx.log(`scale: ${run.name}: embedded import ${records.toLocaleString('en')} records, ${secondsSince(started).toFixed(0)} s, server RSS peak ${Math.round(server.peakRssMiB() ?? 0)} MiB`);
      }
    });
    const seconds = secondsSince(started);
    Object.assign(run.values, {
      records,
      embedded_import_s: seconds,
      embedded_import_rps: records / seconds,
      embedded_import_cpu_s: finite((server.cpuSeconds() ?? Number.NaN) - cpu),
      embedded_import_rss_mib: server.peakRssMiB(),
    });
    ctx.log(`scale: ${run.name}: embedded import ${records.toLocaleString('en')} records in ${seconds.toFixed(1)} s; clean stop and restart`);
    await server.stop();
  } catch (err) {
    stopWatch();
    run.values.embedded_import_rss_mib = server.peakRssMiB();
    await settledExit(server);
    run.failures.push(failure(`the embedded import (${acknowledged.toLocaleString('en')} records acknowledged)`, err, server));
    await server.kill();
    return ids;
  }
  stopWatch();

  const spawned = performance.now();
  try {
    server = await logWhile(
      ctx,
      `${run.name}: embedded restart, waiting for ready`,
      ctx.startServer({ dataDir: dir, nodeArgs: serverNodeArgs, env: { RATE_LIMIT_PER_MINUTE: '0' }, readyTimeoutMs: READY_TIMEOUT_MS }),
    );
  } catch (err) {
    run.failures.push(failure('the restart (spawn → ready)', err));
    return ids;
  }
  let stage = 'the analytics warm-up';
  stopWatch = watchPeak(ctx, server, () => `${run.name}: embedded restart, waiting for ${stage}`);
  try {
    run.values.embedded_restart_ready_s = server.readySeconds;
    const polls: WarmPolls = { slowestMs: 0, failed: 0 };
    const warm = await waitAnalyticsWarm(server.url, WARM_TIMEOUT_MS, { alive: () => server.exitStatus() === undefined, polls });
    ctx.log(`scale: ${run.name}: warm-up: slowest /readyz ${polls.slowestMs.toFixed(0)} ms, ${polls.failed} failed connection(s)`);
    run.notes.push(`${run.name}: during the analytics warm-up after restart, the slowest /readyz answer took ${polls.slowestMs.toFixed(0)} ms (${polls.failed} poll(s) failed to connect and were retried)`);
    if (warm === undefined) throw new Error(`analytics not warm after ${WARM_TIMEOUT_MS / 1000} s`);
    run.values.embedded_restart_warm_s = secondsSince(spawned);
    stage = 'the network metrics (Louvain, betweenness)';
    const polled = networkMetricsFresh(server.url, WARM_TIMEOUT_MS);
    const health = await longestHealthWait(server.url, polled);
    const poll = await polled;
    run.values.cold_pass_s = secondsSince(spawned) - server.readySeconds;
    Object.assign(run.values, { cold_pass_fresh_s: poll.freshSeconds, cold_pass_slowest_read_ms: poll.slowestMs, cold_pass_healthz_max_ms: health.maxMs });
    run.values.cold_pass_cpu_s = finite((server.cpuSeconds() ?? Number.NaN) - (server.readyCpuSeconds ?? Number.NaN));
    ctx.log(`scale: ${run.name}: ready ${server.readySeconds.toFixed(1)} s, warm ${run.values.embedded_restart_warm_s.toFixed(1)} s, cold pass ${run.values.cold_pass_s.toFixed(1)} s; queries`);
    stage = 'the queries';
    const sel = seededSelection(ids);
    const target = httpTarget(server.url);
    const asOf = Date.now();
    // One request of each kind first: the first call of a route compiles its code, which is not a lookup's cost.
    await target.paths(sel.pairs[0]![0], sel.pairs[0]![1], 3, asOf);
    await target.personMetrics(sel.sources[0]!, asOf - 1);
    const timed = await timeQueries(target, sel, asOf);
    Object.assign(run.values, {
      path_k1_p95_ms: percentile(timed.k1, 95),
      path_k3_p95_ms: percentile(timed.k3, 95),
      person_metrics_p95_ms: percentile(timed.person, 95),
    });
    run.notes.push(`${timed.found}/${sel.pairs.length} pairs have a warm path within 4 hops`);
  } catch (err) {
    await settledExit(server);
    run.failures.push(failure(stage, err, server));
  } finally {
    stopWatch();
    run.values.embedded_peak_rss_mib = server.peakRssMiB();
    if (server.exitStatus() === undefined) await server.stop();
  }
  return ids;
}

/** Neo4j: the staged bulk import streamed off disk in applies, a server restart, and an API instance's start on it. */
async function neo4jRun(ctx: BenchContext, docPath: string, run: NetworkRun): Promise<void> {
  const dataDir = await ctx.tempDir(`scale-neo4j-${run.name}`);
  let stage = 'the Neo4j start';
  let neo = await startNeo4j({ port: 0, dataDir, heap: HEAP, pageCache: PAGE_CACHE, transactionMemory: TX_MEMORY });
  const port = neo.port;
  let instance: ServerHandle | undefined;
  try {
    stage = 'the Neo4j import';
    const store = new Neo4jStore({ uri: neo.uri, password: neo.password });
    await store.open();
    let records = 0;
    const started = performance.now();
    try {
      for await (const chunk of chunkRecordStream(readDocumentRecords(docPath), NEO4J_APPLY)) {
        await store.apply(putsOf(chunk));
        records += countRecords(chunk);
        ctx.log(`scale: ${run.name}: Neo4j import ${records.toLocaleString('en')} records, ${secondsSince(started).toFixed(0)} s`);
      }
    } finally {
      await store.close();
    }
    const seconds = secondsSince(started);
    Object.assign(run.values, { neo4j_import_s: seconds, neo4j_import_rps: records / seconds });

    stage = 'the Neo4j restart';
    let t = performance.now();
    await neo.stop();
    neo = await logWhile(ctx, `${run.name}: Neo4j restart`, startNeo4j({ port, dataDir, heap: HEAP, pageCache: PAGE_CACHE, transactionMemory: TX_MEMORY }));
    run.values.neo4j_restart_s = secondsSince(t);

    stage = 'the API instance start on Neo4j';
    t = performance.now();
    instance = await logWhile(
      ctx,
      `${run.name}: API instance on Neo4j, waiting for ready`,
      ctx.startServer({
        dataDir: await ctx.tempDir(`scale-neo4j-api-${run.name}`),
        nodeArgs: serverNodeArgs,
        env: { REFNET_STORE: 'neo4j', NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password },
        readyTimeoutMs: READY_TIMEOUT_MS,
      }),
    );
    const stopWatch = watchPeak(ctx, instance, () => `${run.name}: waiting for ${stage}`);
    try {
      run.values.neo4j_instance_ready_s = instance.readySeconds;
      stage = 'the API instance warm-up on Neo4j';
      if ((await waitAnalyticsWarm(instance.url, WARM_TIMEOUT_MS)) === undefined) throw new Error(`analytics not warm after ${WARM_TIMEOUT_MS / 1000} s`);
      run.values.neo4j_instance_warm_s = secondsSince(t);
    } finally {
      stopWatch();
      run.values.neo4j_instance_rss_mib = instance.peakRssMiB();
    }
    ctx.log(`scale: ${run.name}: Neo4j import ${seconds.toFixed(1)} s, restart ${run.values.neo4j_restart_s.toFixed(1)} s, instance ready ${instance.readySeconds.toFixed(1)} s, warm ${run.values.neo4j_instance_warm_s.toFixed(1)} s`);
  } catch (err) {
    if (instance) await settledExit(instance);
    run.failures.push(failure(stage, err, instance));
  } finally {
    if (instance && instance.exitStatus() === undefined) await instance.stop();
    await neo.stop();
  }
}

async function measure(ctx: BenchContext, name: string, size: BenchSize): Promise<NetworkRun> {
  const run: NetworkRun = { name, size, values: {}, failures: [], notes: [] };
  let docPath: string;
  try {
    docPath = await ctx.documentPath(size);
  } catch (err) {
    run.failures.push(failure('the generator', err));
    return run;
  }
  run.values.document_mib = (await stat(docPath)).size / MIB;
  ctx.log(`scale: ${name}: ${size.people.toLocaleString('en')} people, embedded store`);
  await embeddedRun(ctx, docPath, run);
  if (WITH_NEO4J) {
    ctx.log(`scale: ${name}: Neo4j`);
    try {
      await neo4jRun(ctx, docPath, run);
    } catch (err) {
      run.failures.push(failure('the Neo4j start', err));
    }
  }
  return run;
}

/** Each metric at the larger size beside the base value, then its growth factor (with the goal when it is a cost). */
export function scaleFigures(base: NetworkRun, big: NetworkRun, factor: number): Figure[] {
  const people = (n: number) => `${n.toLocaleString('en')} people`;
  const goal = Math.round(GROWTH_PER_FACTOR * factor * 10) / 10;
  const figures: Figure[] = [];
  for (const m of METRICS) {
    if (m.key.startsWith('neo4j_') && !WITH_NEO4J) continue;
    const b = base.values[m.key];
    const v = big.values[m.key];
    figures.push(
      singleFigure(`${m.key}_scaled`, `${m.label} (${people(big.size.people)})`, v ?? null, m.unit, {
        note: `${people(base.size.people)}: ${b === undefined ? 'not measured' : `${round3(b).toLocaleString('en')} ${m.unit}`}${v === undefined ? '; not measured at this size (see the notes)' : ''}`,
      }),
    );
    if (b !== undefined && v !== undefined && b > 0) {
      figures.push(singleFigure(`${m.key}_growth`, `  growth for ${factor}× the data`, v / b, '×', 'grows' in m && m.grows ? { target: { op: '<=', value: goal } } : {}));
    }
  }
  return figures;
}

export const scaleSection: Section = {
  name: 'scale',
  title: 'Scale run: the benchmark network and one 10× larger, each figure with its growth factor',
  method:
    'Two generated networks in the same run: the benchmark size (--people/--records, its document from the bench cache) and ' +
    '--scale-factor (default 10) times as many people and records. The larger document is generated streaming to disk and read ' +
    'back record by record (never parsed whole). For each: the real server (as npm start runs it, with --max-old-space-size=' +
    `${SERVER_HEAP_MIB} since the default V8 heap limit is ~4 GiB) on a temp REFNET_DATA, POST /api/import with ` +
    `${HTTP_CHUNK.toLocaleString('en')}-record bodies serialized as they are read, one at a time; clean stop; start again: ready, ` +
    'analytics warm (projection and live CSR, built in slices), then GET /api/metrics/network polled until its betweenness and ' +
    'communities are both fresh (the cold pass: Louvain and sampled betweenness on worker threads; a 503 is polled again after its ' +
    'Retry-After, every answer bounded, /healthz polled from a thread of its own meanwhile); then 100 seeded pairs (warm paths k=1 and k=3, maxHops 4) and 100 seeded sources (person ' +
    'metrics, a new asOf each) over HTTP, one request at a time. Peak RSS is the server\'s VmHWM from /proc, sampled every 2 s. Neo4j: ' +
    `a fresh Neo4j 5.26 server (scripts/neo4j/launcher.ts, heap ${HEAP}, page cache ${PAGE_CACHE}), the document applied through ` +
    `Neo4jStore.apply in ${NEO4J_APPLY.toLocaleString('en')}-record batches (each one staged import: graph/store/neo4j/staged-import.ts; ` +
    'the first into the JIT-cold server), a clean restart, then a refnet server on it (REFNET_STORE=neo4j): spawn → ready (readAll) ' +
    'and → analytics warm. One round. A stage that fails at either size (out of memory, a timeout) is a note saying where; the ' +
    'growth goal is 1.2× the scale factor (≤ 12× for 10× the data).',
  async run(ctx: BenchContext) {
    const factor = ctx.scaleFactor;
    const big: BenchSize = { people: ctx.size.people * factor, records: ctx.size.records * factor, seed: ctx.size.seed };
    const base = await measure(ctx, 'base', ctx.size);
    const scaled = await measure(ctx, `${factor}x`, big);
    const notes: string[] = [];
    for (const run of [base, scaled]) {
      const who = `${run.size.people.toLocaleString('en')} people / ${run.size.records.toLocaleString('en')} activity records`;
      for (const f of run.failures) notes.push(`${who}: ${f}`);
      for (const n of run.notes) notes.push(`${who}: ${n}`);
    }
    return { figures: scaleFigures(base, scaled, factor), notes };
  },
};
