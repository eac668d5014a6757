/**
 * Times Neo4jStore.readAll on a persistent Neo4j data directory (imported once from a document):
 * wall, peak RSS and GC, for comparing readAll changes (issue #18, the instance start on Neo4j);
 * `--instance` then starts a refnet server on it as the scale run does (spawn → ready → warm).
 *   node --expose-gc --max-old-space-size=16384 --import tsx scripts/bench/readall-probe.ts DOC.json DATA_DIR [--rounds 2] [--instance [--profile DIR]]
 *
 * `--profile DIR` runs the instance under `--cpu-prof`, its profile written to DIR when it stops.
 */
import { existsSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { readDocumentRecords } from '../generator/json-reader.js';
import { startNeo4j } from '../neo4j/launcher.js';
import { chunkRecordStream, putsOf } from './chunk-document.js';
import { HEAP, PAGE_CACHE, TX_MEMORY } from './sections/neo4j.js';
import { startServer, waitAnalyticsWarm } from './server-process.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [docPath, dataDir] = process.argv.slice(2) as [string, string];
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 2);
const profileDir = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const fresh = !existsSync(`${dataDir}/data`);
const neo = await startNeo4j({ port: 0, dataDir, heap: HEAP, pageCache: PAGE_CACHE, transactionMemory: TX_MEMORY });
try {
  const store = new Neo4jStore({ uri: neo.uri, password: neo.password });
  await store.open();
  if (fresh) {
    const t = performance.now();
    for await (const chunk of chunkRecordStream(readDocumentRecords(docPath), 1_000_000)) await store.apply(putsOf(chunk));
    console.log(`imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  let gcMs = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
  for (let r = 0; r < rounds; r++) {
    globalThis.gc?.();
    gcMs = 0;
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 200);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const snap = await store.readAll();
    const wall = (performance.now() - t) / 1000;
    const c = process.cpuUsage(cpu);
    clearInterval(timer);
    const n = Object.values(snap.document).reduce((a, v) => a + (Array.isArray(v) ? v.length : 0), 0);
    console.log(`readAll ${n} records: ${wall.toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} CPU-s, GC ${(gcMs / 1000).toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, heap after ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  }
  await store.close();
  if (process.argv.includes('--instance')) {
    const t = performance.now();
    const server = await startServer(process.cwd(), {
      dataDir: mkdtempSync(join(tmpdir(), 'readall-probe-')),
      nodeArgs: ['--max-old-space-size=16384', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
      env: { REFNET_STORE: 'neo4j', NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password },
      readyTimeoutMs: 1_800_000,
    });
    const warm = await waitAnalyticsWarm(server.url, 1_800_000);
    const warmS = (performance.now() - t) / 1000;
    console.log(`instance: spawn → ready ${server.readySeconds.toFixed(1)} s (${server.readyCpuSeconds?.toFixed(1)} CPU-s), → warm ${warm === undefined ? 'timed out' : `${warmS.toFixed(1)} s`}, CPU ${server.cpuSeconds()?.toFixed(1)} s, peak RSS ${server.peakRssMiB()} MiB`);
    await server.stop();
  }
} finally {
  await neo.stop();
}
