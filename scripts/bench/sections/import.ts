/**
 * Issue #2: import throughput into the embedded store, directly (in-process, through the
 * NetworkService as the API uses it, in big batches) and over HTTP (the real server as a child
 * process, POST /api/import in chunks), then restart (recovery) time and the server's peak RSS.
 * Targets: ≥ 50,000 records/s direct, restart < 10 s, peak RSS < 2 GiB.
 */
import { rm, stat } from 'node:fs/promises';
import { createRefnet } from '../../../api/compose.js';
import { loadConfig } from '../../../api/config.js';
import { LiveNetwork } from '../../../graph/live-network.js';
import { NetworkService } from '../../../graph/service/network-service.js';
import type { NetworkDocumentInput } from '../../../graph/schema.js';
import { EmbeddedStore } from '../../../graph/store/embedded/index.js';
import { chunkDocument, countRecords } from '../chunk-document.js';
import { importBodies, postImports } from '../http-import.js';
import { ownCpuSeconds } from '../machine.js';
import { waitAnalyticsWarm } from '../server-process.js';
import { median, round3, secondsSince } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

/** Records per direct import call, and per HTTP request. */
export const DIRECT_BATCH = 100_000;
export const HTTP_CHUNK = 50_000;
const MIB = 2 ** 20;

interface RoundFigures {
  directSeconds: number[];
  /** CPU seconds of the process doing the work (bench process for direct, server for HTTP). */
  directCpu: number[];
  composedCpu: number[];
  httpCpu: number[];
  crashRestartCpu: number[];
  /** Spawn → /readyz reporting analytics.state "warm" (the projection warms up after ready). */
  crashWarmSeconds: number[];
  composedSeconds: number[];
  composedReopenSeconds: number[];
  reopenSeconds: number[];
  httpSeconds: number[];
  crashRestartSeconds: number[];
  gracefulRestartSeconds: number[];
  importRss: number[];
  restartRss: number[];
}

async function directRound(ctx: BenchContext, batches: NetworkDocumentInput[], total: number, out: RoundFigures): Promise<void> {
  const dir = await ctx.tempDir('direct');
  const store = new EmbeddedStore(dir);
  await store.open();
  const network = new LiveNetwork(store);
  await network.load();
  const service = new NetworkService(network);
  const started = performance.now();
  const cpu = ownCpuSeconds();
  for (const batch of batches) await service.importDocument(batch);
  out.directSeconds.push(secondsSince(started));
  out.directCpu.push(ownCpuSeconds() - cpu);
  await store.close();
  // Recovery in-process: open the store and load the live network, without process start-up.
  const reopened = performance.now();
  const again = new EmbeddedStore(dir);
  await again.open();
  const view = new LiveNetwork(again);
  await view.load();
  out.reopenSeconds.push(secondsSince(reopened));
  const found = countRecords(view.records.toDocument());
  await again.close();
  await rm(dir, { recursive: true, force: true });
  if (found !== total) throw new Error(`bench/import: direct import kept ${found} of ${total} records`);
}

/**
 * The same import in-process through createRefnet, i.e. with every listener the server has
 * (analytics projection, map): the difference to the bare service is their cost. Reopening
 * with createRefnet is a restart without process start-up.
 */
async function composedRound(ctx: BenchContext, batches: NetworkDocumentInput[], out: RoundFigures): Promise<void> {
  const dir = await ctx.tempDir('composed');
  const config = loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' });
  const refnet = await createRefnet(config);
  const started = performance.now();
  const cpu = ownCpuSeconds();
  for (const batch of batches) await refnet.service.importDocument(batch);
  out.composedSeconds.push(secondsSince(started));
  out.composedCpu.push(ownCpuSeconds() - cpu);
  await refnet.close();
  const reopened = performance.now();
  const again = await createRefnet(config);
  out.composedReopenSeconds.push(secondsSince(reopened));
  await again.close();
  await rm(dir, { recursive: true, force: true });
}

async function readyVersion(url: string): Promise<number> {
  return ((await (await fetch(`${url}/readyz`)).json()) as { version: number }).version;
}

async function httpRound(ctx: BenchContext, bodies: string[], out: RoundFigures): Promise<void> {
  const dir = await ctx.tempDir('http');
  const server = await ctx.startServer({ dataDir: dir });
  const started = performance.now();
  const cpu = server.cpuSeconds() ?? Number.NaN;
  const version = await postImports(server.url, bodies);
  out.httpSeconds.push(secondsSince(started));
  out.httpCpu.push((server.cpuSeconds() ?? Number.NaN) - cpu);
  out.importRss.push(server.peakRssMiB() ?? Number.NaN);
  // A crash: recovery replays whatever the journal holds since the last snapshot.
  await server.kill();
  const crashed = await ctx.startServer({ dataDir: dir });
  out.crashRestartSeconds.push(crashed.readySeconds);
  out.crashRestartCpu.push(crashed.readyCpuSeconds ?? Number.NaN);
  out.restartRss.push(crashed.peakRssMiB() ?? Number.NaN);
  const warm = await waitAnalyticsWarm(crashed.url);
  if (warm !== undefined) out.crashWarmSeconds.push(crashed.readySeconds + warm);
  const recovered = await readyVersion(crashed.url);
  if (recovered !== version) throw new Error(`bench/import: restarted at version ${recovered}, expected ${version}`);
  await crashed.stop();
  const graceful = await ctx.startServer({ dataDir: dir });
  out.gracefulRestartSeconds.push(graceful.readySeconds);
  await graceful.stop();
  await rm(dir, { recursive: true, force: true });
}

function fig(key: string, label: string, measured: number[], unit: string, extra: Partial<Figure> = {}): Figure {
  const values = measured.filter(Number.isFinite);
  return { key, label, value: values.length ? round3(median(values)) : null, unit, rounds: values.map(round3), ...extra };
}

export const importSection: Section = {
  name: 'import',
  title: 'Import, restart and memory (embedded store)',
  method:
    `Direct: a fresh EmbeddedStore + LiveNetwork + NetworkService in the bench process, importDocument() ` +
    `called with consecutive ${DIRECT_BATCH.toLocaleString('en')}-record slices of the document (dependency order), ` +
    `each one validated, reference-checked and fsynced as the API does; the document is parsed once beforehand (parse time reported separately). ` +
    `"Reopen" opens that store again and loads the live network in-process. The same import and reopen through createRefnet ` +
    `(the server's composition: analytics projection and map listeners included, no HTTP) shows what the listeners cost. ` +
    `HTTP: the real server (as npm start runs it: node dist/server/scripts/serve.js) on a temp REFNET_DATA, POST /api/import with ` +
    `${HTTP_CHUNK.toLocaleString('en')}-record bodies (serialized beforehand), one request at a time. Then kill -9 and start again: ` +
    `"restart after crash" is spawn → first 200 from /readyz (includes node start-up, shown by "empty start"), and the ` +
    `recovered version is checked; then SIGTERM and start again ("restart after clean stop"). Peak RSS is the server's VmHWM from /proc. ` +
    `CPU-second figures divide by the CPU time (user + system, all threads) of the process doing the work, ` +
    `which the neighbours on a shared machine do not inflate. ` +
    `records/s counts every record of the document (people, companies, groups, memberships, events, attendance, interactions, referrals).`,
  async run(ctx) {
    const docPath = await ctx.documentPath();
    const doc = await ctx.document();
    const total = countRecords(doc);
    const batches = chunkDocument(doc, DIRECT_BATCH);
    const bodies = await importBodies(ctx, HTTP_CHUNK);
    const out: RoundFigures = { directCpu: [], composedCpu: [], httpCpu: [], crashRestartCpu: [], crashWarmSeconds: [], directSeconds: [], composedSeconds: [], composedReopenSeconds: [], reopenSeconds: [], httpSeconds: [], crashRestartSeconds: [], gracefulRestartSeconds: [], importRss: [], restartRss: [] };

    const emptyDir = await ctx.tempDir('empty');
    const emptyStarts: number[] = [];
    for (let r = 0; r < ctx.rounds; r++) {
      const s = await ctx.startServer({ dataDir: emptyDir });
      emptyStarts.push(s.readySeconds);
      await s.stop();
    }
    for (let r = 0; r < ctx.rounds; r++) {
      ctx.log(`import: round ${r + 1}/${ctx.rounds} direct`);
      await directRound(ctx, batches, total, out);
      ctx.log(`import: round ${r + 1}/${ctx.rounds} direct ${out.directSeconds.at(-1)!.toFixed(1)} s; in-process with the server's listeners`);
      await composedRound(ctx, batches, out);
      ctx.log(`import: round ${r + 1}/${ctx.rounds} with listeners ${out.composedSeconds.at(-1)!.toFixed(1)} s; HTTP`);
      await httpRound(ctx, bodies, out);
      ctx.log(`import: round ${r + 1}/${ctx.rounds} HTTP ${out.httpSeconds.at(-1)!.toFixed(1)} s, restart ${out.crashRestartSeconds.at(-1)!.toFixed(1)} s`);
    }
    const rps = (secs: number[]) => secs.map((s) => total / s);
    return {
      figures: [
        { key: 'records', label: 'records in the document', value: total, unit: 'records' },
        { key: 'document_mib', label: 'document size', value: round3((await stat(docPath)).size / MIB), unit: 'MiB' },
        { key: 'parse_s', label: 'JSON.parse of the document (bench process)', value: round3(ctx.parseSeconds() ?? Number.NaN), unit: 's' },
        fig('import_direct_rps', 'import direct (service → embedded store)', rps(out.directSeconds), 'records/s', { target: { op: '>=', value: 50_000 } }),
        fig('import_direct_s', 'import direct, total', out.directSeconds, 's'),
        fig('import_direct_cpu_rps', 'import direct, per CPU-second of the bench process', rps(out.directCpu), 'records/CPU-s', { note: 'robust to neighbours' }),
        fig('import_composed_rps', 'import in-process with the server\'s listeners (createRefnet)', rps(out.composedSeconds), 'records/s'),
        fig('import_http_rps', `import over HTTP (${HTTP_CHUNK / 1000}k-record chunks)`, rps(out.httpSeconds), 'records/s'),
        fig('import_composed_cpu_rps', 'import with the server\'s listeners, per CPU-second', rps(out.composedCpu), 'records/CPU-s'),
        fig('import_http_s', 'import over HTTP, total', out.httpSeconds, 's'),
        fig('import_http_cpu_rps', 'import over HTTP, per CPU-second of the server', rps(out.httpCpu), 'records/CPU-s'),
        fig('empty_start_s', 'server start, empty store (process start-up)', emptyStarts, 's'),
        fig('restart_crash_s', 'restart after kill -9 (spawn → ready)', out.crashRestartSeconds, 's', { target: { op: '<=', value: 10 } }),
        fig('restart_crash_cpu_s', 'restart after kill -9, CPU seconds of the server until ready', out.crashRestartCpu, 'CPU-s'),
        fig('restart_crash_warm_s', 'restart after kill -9 until analytics warm (spawn → /readyz analytics.state warm)', out.crashWarmSeconds, 's'),
        fig('restart_clean_s', 'restart after clean stop (spawn → ready)', out.gracefulRestartSeconds, 's', { target: { op: '<=', value: 10 } }),
        fig('reopen_inprocess_s', 'reopen store + load network, in-process', out.reopenSeconds, 's'),
        fig('reopen_composed_s', 'reopen with createRefnet (store + network + analytics), in-process', out.composedReopenSeconds, 's'),
        fig('server_peak_rss_import_mib', 'server peak RSS during HTTP import', out.importRss, 'MiB', { target: { op: '<=', value: 2048 } }),
        fig('server_peak_rss_restart_mib', 'server peak RSS after restart', out.restartRss, 'MiB', { target: { op: '<=', value: 2048 } }),
      ],
      notes: [],
    };
  },
};
