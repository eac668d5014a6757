/**
 * What one request costs when its answer is about many people (issue #18): a real refnet (embedded
 * store in a temp dir, in this process) takes a document over HTTP, then each GET below is asked
 * `--rounds` times from the selection's sources, one at a time, and its median and p95 printed as
 * a Markdown table. For finding the requests whose work grows with the network, not with what
 * they show (a map that resolved every tie, a group report that read every referral).
 *
 *   node --import tsx scripts/bench/request-costs.ts DOC.json SELECTION.json [--rounds 21] [--only map,gap] [--data DIR]
 *
 * DOC.json: a generated document (`npm run generate`, or the bench cache's); SELECTION.json: the
 * floor peer's selection (scripts/bench/path-hops.ts says how to write one). The first round is
 * left out of the figures (it fills the per-version memos: the map's layout, the holder index), and
 * a 503 while such work runs is asked again after its Retry-After before the row is timed. A second
 * table times each GET (but the map) right after a one-to-one is logged over the API: what the first
 * reader after a write pays for memos kept per version.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { pino } from 'pino';
import { createRefnet } from '../../api/compose.js';
import { loadConfig } from '../../api/config.js';
import { startServer } from '../../api/server.js';
import type { NetworkDocumentInput } from '../../graph/schema.js';
import { readDocumentRecords } from '../generator/json-reader.js';
import { chunkRecordStream } from './chunk-document.js';
import { documentFileBodies, postImports } from './http-import.js';
import { median, percentile, round3 } from './stats.js';

const opts = new Command()
  .argument('<doc>')
  .argument('<selection>')
  .option('--rounds <n>', 'requests per row (the first is left out)', Number, 21)
  .option('--only <rows>', 'comma-separated row names')
  .option('--data <dir>', 'a data directory to keep: imported into when empty, restarted on (no import) when it holds the document already')
  .parse();
const [docPath, selPath] = opts.args as [string, string];
const o = opts.opts<{ rounds: number; only?: string; data?: string }>();

const sources = (JSON.parse(readFileSync(selPath, 'utf8')) as { sources: string[] }).sources;
const industries = new Set<string>();
const groupIds: string[] = [];
const seen = (chunk: NetworkDocumentInput) => {
  chunk.people?.forEach((p) => p.industry && industries.add(p.industry));
  chunk.groups?.forEach((g) => groupIds.push(g.id));
};
const kept = o.data !== undefined && existsSync(o.data) && readdirSync(o.data).length > 0;
const dir = o.data ?? (await mkdtemp(join(tmpdir(), 'refnet-request-costs-')));
const started = performance.now();
const refnet = await createRefnet(loadConfig({ REFNET_DATA: dir, LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
const server = await startServer(refnet.app, { port: 0, host: '127.0.0.1' });
try {
  if (kept) {
    for await (const chunk of chunkRecordStream(readDocumentRecords(docPath), 50_000)) seen(chunk);
    console.log(`restarted on ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s (records read, not imported)`);
  } else {
    await postImports(server.url, documentFileBodies(docPath, 50_000, seen));
    console.log(`import ${((performance.now() - started) / 1000).toFixed(1)} s, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  }
  const industry = [...industries].sort();
  const source = (i: number) => encodeURIComponent(sources[i % sources.length]!);
  // The document's first 50 groups (g001… at 100,000 people, g0001… at a million).
  const group = (i: number) => encodeURIComponent(groupIds[i % Math.min(50, groupIds.length)] ?? 'none');
  const rows: [string, (i: number) => string][] = [
    ['map', () => '/api/map'],
    ['people-search', (i) => `/api/people?q=${['an', 'Lee', 'Smith', 'Nair', 'Khan'][i % 5]}`],
    ['people-industry', (i) => `/api/people?industry=${encodeURIComponent(industry[i % industry.length] ?? 'none')}`],
    ['week', (i) => `/api/people/${source(i)}/week`],
    ['person-metrics', (i) => `/api/people/${source(i)}/metrics`],
    ['introductions', (i) => `/api/people/${source(i)}/introductions`],
    ['gap', (i) => `/api/reports/diversity-gap?person=${source(i)}&dimension=industry`],
    ['paths-industry', (i) => `/api/paths?from=${source(i)}&where[industry]=${encodeURIComponent(industry[i % industry.length] ?? 'none')}`],
    ['paths-person', (i) => `/api/paths?from=${source(i)}&to=${source(i + 1)}`],
    ['group-metrics', (i) => `/api/groups/${group(i)}/metrics`],
    ['chapter-report', (i) => `/api/groups/${group(i)}/report`],
    ['network-metrics', () => '/api/metrics/network'],
  ];
  const only = o.only?.split(',');
  console.log('\n| request | median | p95 | bytes |\n|---|---:|---:|---:|');
  for (const [name, path] of rows.filter(([n]) => !only || only.includes(n))) {
    // The first answer of a row may be a 503 while its per-version work runs (the map's layout):
    // asked again after its Retry-After until it is ready, and left out of the figures.
    const firstAsked = performance.now();
    let waits = 0;
    for (; waits < 120; waits++) {
      const res = await fetch(server.url + path(0));
      await res.arrayBuffer();
      if (res.status !== 503) break;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
    }
    if (waits > 0) console.log(`(${name}: answered after ${waits} × 503 with Retry-After, ${((performance.now() - firstAsked) / 1000).toFixed(1)} s from the first ask)`);
    const times: number[] = [];
    let bytes = 0;
    let failed = '';
    for (let i = 0; i < o.rounds; i++) {
      const t = performance.now();
      const res = await fetch(server.url + path(i));
      const body = await res.text();
      if (i > 0) times.push(performance.now() - t);
      bytes = body.length;
      if (!res.ok) failed = ` (${res.status} on ${path(i)})`;
    }
    console.log(`| ${name} | ${round3(median(times))} ms | ${round3(percentile(times, 95))} ms | ${bytes}${failed} |`);
  }
  // The same requests right after a write of another kind: a one-to-one logged between two of
  // the sources (a new record each time), then the GET, timed; per-version memos pay here.
  console.log('\n| request, first after a one-to-one is logged | median | p95 |\n|---|---:|---:|');
  for (const [name, path] of rows.filter(([n]) => (!only || only.includes(n)) && n !== 'map')) {
    const times: number[] = [];
    for (let i = 0; i < o.rounds; i++) {
      const logged = await fetch(`${server.url}/api/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ a: sources[(i + 3) % sources.length], b: sources[(i + 7) % sources.length], kind: 'one_to_one', at: new Date().toISOString().slice(0, 10) }),
      });
      await logged.arrayBuffer();
      if (!logged.ok) throw new Error(`bench: POST /api/interactions → ${logged.status}`);
      const t = performance.now();
      await (await fetch(server.url + path(i))).arrayBuffer();
      if (i > 0) times.push(performance.now() - t);
    }
    console.log(`| ${name} | ${round3(median(times))} ms | ${round3(percentile(times, 95))} ms |`);
  }
  console.log(`\nload ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await server.stop(1000);
  await refnet.close();
  if (o.data === undefined) await rm(dir, { recursive: true, force: true });
}
