/**
 * Warm paths by hop bound, in process (issue #18): k = 1 and 3 at maxHops 4, 6 and 8 over the
 * floor peer's pairs, as the analytics section times them (engine.paths, one request at a time),
 * without the rest of the section — for comparing kernel changes quickly. `--record FILE` keeps
 * every answer (people and cost), `--check FILE` compares against such a file and fails on any
 * difference, so a change can be timed and proved answer-for-answer against the code before it.
 *
 *   node --import tsx scripts/bench/path-hops.ts DOC.json SELECTION.json [--rounds 5] [--as-of ISO] [--record F | --check F]
 *
 * SELECTION.json: `node ../shared/peers/csr_floor.mjs DOC.json --write-selection SELECTION.json --skip bfs,p2p,blau,reciprocity,betweenness`.
 * The instant is fixed (default 2026-12-05) so recorded answers compare across runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Command } from 'commander';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { RecordSet } from '../../graph/record-set.js';
import { Csr } from '../../graph/projection/csr.js';
import { median, percentile, round3 } from './stats.js';

const opts = new Command()
  .argument('<doc>')
  .argument('<selection>')
  .option('--rounds <n>', 'rounds over the pairs', Number, 5)
  .option('--as-of <iso>', 'the instant of every query', '2026-12-05T00:00:00Z')
  .option('--hops <list>', 'maxHops values', '4,6,8')
  .option('--ks <list>', 'k values', '1,3')
  .option('--count', 'count the arc costs read (slows every read a little)')
  .option('--record <file>', 'write every answer to this file')
  .option('--check <file>', 'compare every answer with this file')
  .parse();
const [docPath, selPath] = opts.args as [string, string];
const o = opts.opts<{ rounds: number; asOf: string; hops: string; ks: string; count?: boolean; record?: string; check?: string }>();

const doc = JSON.parse(readFileSync(docPath, 'utf8')) as Parameters<typeof RecordSet.fromDocument>[0];
const pairs = (JSON.parse(readFileSync(selPath, 'utf8')) as { pairs: [string, string][] }).pairs;
const asOf = Date.parse(o.asOf);
const records = RecordSet.fromDocument(doc);
const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
const t0 = performance.now();
engine.context(asOf);
console.log(`snapshot ${(performance.now() - t0).toFixed(0)} ms, ${pairs.length} pairs, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// Work counters: arc costs read by the searches (memo hits included).
let costReads = 0;
const proto = Csr.prototype as { cost: (e: number, at: number) => number };
const realCost = proto.cost;
if (o.count) {
  proto.cost = function (this: Csr, e: number, at: number) {
    costReads++;
    return realCost.call(this, e, at);
  };
}
const reads: Record<string, number[]> = {};
const hops = o.hops.split(',').map(Number);
const answers: Record<string, string> = {};
const times: Record<string, number[]> = {};
const found: Record<string, number> = {};
for (let r = 0; r < o.rounds; r++) {
  for (const maxHops of hops) {
    for (const k of o.ks.split(',').map(Number)) {
      const key = `k${k}@${maxHops}`;
      const list = (times[key] ??= []);
      for (const [a, b] of pairs) {
        const before = costReads;
        const t = performance.now();
        const res = engine.paths(a, { to: b }, { asOf, k, maxHops });
        list.push(performance.now() - t);
        if (r === 0) (reads[key] ??= []).push(costReads - before);
        if (r === 0) {
          answers[`${key} ${a} ${b}`] = res.paths.map((p) => `${p.cost} ${p.people.join('>')}`).join(' | ');
          if (res.paths.length) found[key] = (found[key] ?? 0) + 1;
        }
      }
    }
  }
}
// Round 0 warms the code and the memos up: only later rounds count.
const from = o.rounds > 1 ? pairs.length : 0;
for (const [key, list] of Object.entries(times)) {
  const xs = list.slice(from);
  console.log(`${key.padEnd(6)} median ${round3(median(xs))} ms  p95 ${round3(percentile(xs, 95))} ms  found ${found[key] ?? 0}  arc costs read ${o.count ? `median ${median(reads[key]!)} mean ${Math.round(reads[key]!.reduce((a, b) => a + b, 0) / pairs.length)}` : 'not counted'}`);
}
for (const maxHops of hops.filter((h) => h !== 4 && hops.includes(4))) {
  console.log(`k1 ${maxHops}/4 ratio ${round3(median(times[`k1@${maxHops}`]!.slice(from)) / median(times['k1@4']!.slice(from)))}×`);
}
// The 6/4 ratio compares unlike work: at maxHops 4 about half the pairs have no path, which the
// hop balls prove before any search. Split by that, per pair (each pair's median over the rounds).
if (hops.includes(4) && times['k1@4']) {
  const perPair = (key: string, i: number) => median(times[key]!.slice(from).filter((_, j) => j % pairs.length === i));
  const foundAt4 = pairs.map((p) => Boolean(answers[`k1@4 ${p[0]} ${p[1]}`]));
  for (const maxHops of hops.filter((h) => h !== 4 && times[`k1@${h}`])) {
    for (const within of [true, false]) {
      const idx = pairs.map((_, i) => i).filter((i) => foundAt4[i] === within);
      if (!idx.length) continue;
      const at4 = median(idx.map((i) => perPair('k1@4', i)));
      const atH = median(idx.map((i) => perPair(`k1@${maxHops}`, i)));
      console.log(`k1 ${maxHops}/4, the ${idx.length} pairs ${within ? 'with' : 'without'} a path within 4 hops: ${round3(atH)} / ${round3(at4)} ms = ${round3(atH / at4)}×`);
    }
  }
}
console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (o.record) writeFileSync(o.record, JSON.stringify(answers, null, 1));
if (o.check) {
  const want = JSON.parse(readFileSync(o.check, 'utf8')) as Record<string, string>;
  // Paths of exactly equal cost may come in another order or be another of the equals (the search
  // order decides among them): those answers count apart, and only when the costs and hop counts
  // match path for path; anything else is a wrong answer.
  let bad = 0;
  let ties = 0;
  const shape = (a: string) => a.split(' | ').map((p) => `${p.split(' ')[0]} ${p.split('>').length}`).join(' | ');
  for (const [key, got] of Object.entries(answers)) {
    const wanted = want[key];
    if (wanted === undefined || wanted === got) continue;
    if (shape(wanted) === shape(got)) {
      ties++;
      continue;
    }
    if (bad++ < 10) console.log(`DIFFERS ${key}\n  want ${wanted}\n  got  ${got}`);
  }
  console.log(`${Object.keys(answers).length} answers: ${bad} differ, ${ties} differ only among paths of equal cost and hops`);
  if (bad) process.exitCode = 1;
}
