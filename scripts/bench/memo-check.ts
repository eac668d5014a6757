/**
 * What each memo saves: for every cache in docs/ANALYTICS.md ("Caching"), the time of a miss
 * (what a request would pay with no cache) beside a hit, on a generated network. Quick (about a
 * minute at the default size), unlike `npm run bench`; the figures in the doc come from it.
 *
 *   npx tsx scripts/bench/memo-check.ts --people 20000 --records 200000
 */
import { Command } from 'commander';
import { CategoryCodes } from '../../graph/analytics/category-codes.js';
import { egoDiversity } from '../../graph/analytics/diversity.js';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { bidirectionalDijkstra, connected } from '../../graph/analytics/kernels/shortest-path.js';
import { RecordSet } from '../../graph/record-set.js';
import { foldCategory, foldText, recordMatches } from '../../graph/service/text-match.js';
import { generateDocument } from '../generator/generate-network.js';

const opts = new Command()
  .option('--people <n>', 'people', Number, 20_000)
  .option('--records <n>', 'activity records', Number, 200_000)
  .option('--seed <n>', 'seed', Number, 1)
  .parse()
  .opts<{ people: number; records: number; seed: number }>();

/** ms of f on a fresh engine (its projection and live snapshot already built). */
function missOf(f: (e: AnalyticsEngine) => unknown): number {
  const e = freshEngine();
  const s = performance.now();
  f(e);
  return performance.now() - s;
}

const rows: [string, string, string, string][] = [];
/** Median ms of `runs` calls of f. */
function time(f: () => unknown, runs = 5): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
const fmt = (ms: number) => (ms < 0.01 ? `${(ms * 1000).toFixed(1)} µs` : ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
function row(name: string, what: string, miss: number, hit: number): void {
  rows.push([name, what, fmt(miss), fmt(hit)]);
}

const doc = generateDocument({ people: opts.people, records: opts.records, seed: opts.seed });
const records = RecordSet.fromDocument(doc);
const engine = new AnalyticsEngine({ backgroundThreads: 0 }).attach({ subscribe: (l) => l.reset(records) });
const ctx = engine.context(Date.parse('2030-01-01'));
const people = [...records.maps.person.keys()];
const sample = people.filter((_, i) => i % Math.max(1, Math.floor(people.length / 200)) === 0);
const csr = ctx.csr;
/** half a year before the latest record: a date that needs its own snapshot */
const past = ctx.projection.highWater - 182 * 86_400_000;

/** A new engine with its projection and live snapshot built, so a timing shows only the cache's miss. */
function freshEngine(): AnalyticsEngine {
  const e = new AnalyticsEngine({ backgroundThreads: 0 }).attach({ subscribe: (l) => l.reset(records) });
  e.context(ctx.asOf);
  return e;
}

// analytics.person-metrics: one person's metrics, computed vs served.
{
  const fresh = freshEngine();
  const c = fresh.context(ctx.asOf);
  fresh.betweenness(c);
  let i = 0;
  const miss = time(() => fresh.personMetrics(sample[i++ % sample.length]!, { asOf: ctx.asOf }), sample.length);
  const hit = time(() => fresh.personMetrics(sample[i++ % sample.length]!, { asOf: ctx.asOf }), sample.length);
  row('analytics.person-metrics', 'GET /api/metrics/person (one person)', miss, hit);
}
// analytics.network-metrics (betweenness and communities already served)
{
  engine.betweenness(ctx);
  engine.communities(ctx);
  const e = freshEngine();
  e.betweenness(e.context(ctx.asOf));
  e.communities(e.context(ctx.asOf));
  const miss = time(() => e.networkMetrics(ctx.asOf), 1);
  engine.networkMetrics(ctx.asOf);
  const hit = time(() => engine.networkMetrics(ctx.asOf));
  row('analytics.network-metrics', 'GET /api/metrics/network (betweenness and Louvain already served)', miss, hit);
}
// analytics.communities, analytics.betweenness (past date)
{
  const pc = engine.context(past);
  const louvainMiss = missOf((e) => e.communities(pc));
  engine.communities(pc);
  row('analytics.communities', 'Louvain as of a past date', louvainMiss, time(() => engine.communities(pc)));
  const bMiss = missOf((e) => e.betweenness(pc));
  engine.betweenness(pc);
  row('analytics.betweenness', 'betweenness as of a past date', bMiss, time(() => engine.betweenness(pc)));
  const snapMiss = missOf((e) => e.context(past));
  row('projection.past-snapshots', 'CSR snapshot as of a past date', snapMiss, time(() => engine.context(past)));
}
// analytics.category-flow
{
  const miss = missOf((e) => e.categoryFlow(ctx, 'industry'));
  engine.categoryFlow(ctx, 'industry');
  row('analytics.category-flow', 'industry flow (introductions, diversity gap)', miss, time(() => engine.categoryFlow(ctx, 'industry')));
}
// analytics.category-codes: Blau of a sample with a table per request vs the snapshot's table.
{
  const perPerson = time(() => sample.forEach((p) => new CategoryCodes(ctx, 'industry').count([csr.index.get(p)!])), 1) / sample.length;
  for (const p of people) egoDiversity(ctx, p, 'industry');
  const warm = time(() => sample.forEach((p) => egoDiversity(ctx, p, 'industry')), 3) / sample.length;
  row('analytics.category-codes', `ego diversity (industry), per person; × ${people.length} people for "Blau of everyone"`, perPerson, warm);
}
// paths.workspace: buffers of a path search (8 arrays of n) allocated vs reused.
{
  const n = csr.n;
  const alloc = time(() => {
    for (let i = 0; i < 4; i++) new Float64Array(n).fill(0);
    for (let i = 0; i < 6; i++) new Int32Array(n).fill(0);
  }, 20);
  const idx = sample.map((p) => csr.index.get(p)!);
  let i = 0;
  const query = time(() => bidirectionalDijkstra(csr, ctx.asOf, [idx[i++ % idx.length]!], [idx[(i * 7) % idx.length]!]), 100);
  row('paths.workspace', 'path search buffers: allocating them (miss) vs one search reusing them (hit)', alloc, query);
}
// paths.components: the answer to "are they connected at all" for an empty path result.
{
  const copy = engine.context(past).csr;
  const miss = time(() => connected(copy, [0], [1]), 1);
  row('paths.components', 'connected components (an empty path answer)', miss, time(() => connected(copy, [0], [1])));
}
// text-match.folded: a list search over every person, folding each record vs folded once.
{
  const list = [...records.maps.person.values()];
  const cold = time(() => list.forEach((r) => foldText(`${r.name}\u0000${r.company ?? ''}`).includes('zz')), 3);
  list.forEach((r) => recordMatches('zz', r, r.name, r.company));
  const warm = time(() => list.forEach((r) => recordMatches('zz', r, r.name, r.company)), 3);
  row('text-match.folded', `GET /api/people?q= over ${list.length} people`, cold, warm);
  const industries = list.map((r) => r.industry).filter((s): s is string => s !== undefined);
  industries.forEach((s) => foldCategory(s));
  row('text-match.categories', `GET /api/people?industry= over ${industries.length} values`, time(() => industries.forEach((s) => foldText(s)), 3), time(() => industries.forEach((s) => foldCategory(s)), 3));
}

const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), 8));
process.stdout.write(`${opts.people} people, ${opts.records} records, ${csr.ties} ties\n`);
process.stdout.write(`${['memo', 'what', 'miss', 'hit'].map((h, c) => h.padEnd(w[c]!)).join(' | ')}\n`);
for (const r of rows) process.stdout.write(`${r.map((v, c) => v.padEnd(w[c]!)).join(' | ')}\n`);
