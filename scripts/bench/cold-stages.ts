/**
 * Memory and time of each stage of one cold analytics pass, in a process of its own (issue #18):
 * document parsed → RecordSet → projection → CSR snapshot → the rest of the cold pass, with
 * process.memoryUsage() after each stage (after a full GC, so the figures are what is retained)
 * and the peak RSS during each stage (what it held at its worst, worker threads included).
 * Run: node --expose-gc --import tsx scripts/bench/cold-stages.ts <document.json> [--json]
 *
 * It imports only the analytics and what the server runs them with, so the build compiles it
 * beside the server (tsconfig.build.json): the bench runs dist/server/scripts/bench/cold-stages.js,
 * the same compiled code as `npm start` (cold-stages-child.ts), not the sources through tsx, whose
 * compiler would count in the process's memory (~30 MiB more at its peak).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RecordSet } from '../../graph/record-set.js';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { egoDiversity } from '../../graph/analytics/diversity.js';
import { tightenHeapGrowth } from '../../api/heap-growth.js';
import type { NetworkDocument } from '../../graph/schema.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MiB = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

export interface StageFigure {
  stage: string;
  seconds: number;
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /**
   * peak RSS while the stage ran (before its full GC), MiB: the process's high-water mark, reset
   * at every stage's end; null where the kernel offers no resettable mark (not Linux)
   */
  peakRssMiB: number | null;
}

/** The highest RSS high-water mark peakSinceLastCall() has read, MiB (the reset hides it from getrusage). */
let highest = 0;

/**
 * The RSS high-water mark since the last call, MiB, then reset (Linux: VmHWM in /proc/self/status,
 * reset by writing 5 to /proc/self/clear_refs); null where either is not available.
 */
function peakSinceLastCall(): number | null {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib === undefined) return null;
    writeFileSync('/proc/self/clear_refs', '5');
    const peak = MiB(Number(kib) * 1024);
    highest = Math.max(highest, peak);
    return peak;
  } catch {
    return null;
  }
}

/**
 * The process's peak RSS so far, MiB, whether or not the high-water mark was reset: the highest
 * mark read where the kernel offers one. Not getrusage's maxRSS there: Linux carries it over exec,
 * so a process forked from the bench (1.4 GiB by then) starts with the bench's size as its peak.
 */
function processPeakMiB(): number {
  return peakSinceLastCall() === null ? process.resourceUsage().maxRSS / 1024 : highest;
}

/**
 * Parsed in a frame of its own: the file's text (UTF-16 in the heap when it has any non-Latin-1
 * character, twice its size on disk) would otherwise stay in a register of the caller's frame.
 */
function readDocument(path: string): NetworkDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as NetworkDocument;
}

/** Runs the cold pass on the document at `path`, stage by stage. */
export async function coldStages(path: string, asOf = Date.now()): Promise<{ stages: StageFigure[]; peakRssMiB: number; ties: number }> {
  const stages: StageFigure[] = [];
  let t = performance.now();
  const mark = (stage: string) => {
    const seconds = (performance.now() - t) / 1000;
    const peakRssMiB = peakSinceLastCall();
    gc();
    gc();
    const m = process.memoryUsage();
    stages.push({ stage, seconds, rssMiB: MiB(m.rss), heapUsedMiB: MiB(m.heapUsed), externalMiB: MiB(m.external), arrayBuffersMiB: MiB(m.arrayBuffers), peakRssMiB });
    peakSinceLastCall(); // the GC's own pages are not the next stage's
    t = performance.now();
  };
  peakSinceLastCall();
  mark('start');
  let doc: NetworkDocument | undefined = readDocument(path);
  mark('document parsed');
  const records = RecordSet.fromDocument(doc);
  mark('RecordSet built');
  doc = undefined;
  mark('document dropped');
  // The records are loaded: from here the heap grows as the server's does once loaded.
  tightenHeapGrowth();
  const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
  void engine.projection;
  mark('projection built');
  const ctx = engine.context(asOf);
  mark('CSR snapshot');
  const betweenness = (async () => {
    engine.betweenness(ctx);
    await engine.idle();
  })();
  // Louvain starts on a worker thread (a large network's communities never run on the event loop).
  engine.communities(ctx);
  mark('Louvain started');
  engine.networkMetrics(asOf);
  mark('network metrics');
  for (const id of records.maps.person.keys()) egoDiversity(ctx, id, 'industry');
  mark('degree + Blau');
  await betweenness;
  mark('betweenness and Louvain waited for');
  engine.networkMetrics(asOf);
  mark('network metrics with brokers');
  return { stages, peakRssMiB: processPeakMiB(), ties: ctx.csr.ties };
}

export type ColdStages = Awaited<ReturnType<typeof coldStages>>;

/** JS memory retained after a stage (heap + array buffers), MiB. */
export const retainedMiB = (s: StageFigure | undefined): number | null => (s ? s.heapUsedMiB + s.arrayBuffersMiB : null);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) throw new Error('usage: cold-stages.ts <document.json> [--json]');
  const out = await coldStages(path);
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(out));
  else {
    for (const s of out.stages)
      console.log(`${s.stage.padEnd(30)} ${s.seconds.toFixed(2).padStart(7)} s  rss ${String(s.rssMiB).padStart(7)}  peak ${String(s.peakRssMiB ?? '-').padStart(7)}  heap ${String(s.heapUsedMiB).padStart(7)}  ab ${s.arrayBuffersMiB}`);
    console.log(`peak RSS ${out.peakRssMiB.toFixed(0)} MiB; ties ${out.ties}`);
  }
  process.exit(0);
}
