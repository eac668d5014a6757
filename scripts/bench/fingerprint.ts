/**
 * A fingerprint of what the analytics compute on a document, to show a change to the projection
 * or the snapshot left every result the same (issue #18): run it before and after, compare.
 * Hashes (SHA-256, first 16 hex digits) of
 * - the live CSR: ids in node order, each node's start and degree, its arcs' targets in slot
 *   order and their costs at a fixed instant; the same for a snapshot dated half a year earlier;
 * - network metrics (stages from the live stage counter, reciprocity, communities, brokers) at
 *   that instant and at the earlier date;
 * - person metrics of the first people, group metrics of the first groups, warm paths between
 *   people spread over the network, and the tie stages of the earlier date;
 * - after a few thousand changes applied one by one (records deleted, people leaving, records
 *   added): the patched live CSR, network metrics (the incrementally kept stage counter) and paths.
 * Run: node --expose-gc --import tsx scripts/bench/fingerprint.ts <document.json> [people=40]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import type { Csr } from '../../graph/projection/csr.js';
import { RecordSet } from '../../graph/record-set.js';
import type { Change } from '../../graph/records.js';
import type { NetworkDocument } from '../../graph/schema.js';

const DAY_MS = 86_400_000;

/** JSON without the wall-clock stamps (`computedAt`): when an answer was computed is no part of it. */
const json = (value: unknown): string => JSON.stringify(value ?? null, (key, v: unknown) => (key === 'computedAt' ? undefined : v));

/** What a call answered, or the error it threw (an unknown person is an answer too). */
const attempt = (call: () => unknown): string => {
  try {
    return json(call());
  } catch (err) {
    return `error ${String(err)}`;
  }
};

const hash = (parts: Iterable<string>): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\n');
  return h.digest('hex').slice(0, 16);
};

function* csrLines(csr: Csr, at: number): Generator<string> {
  yield `n ${csr.n} ties ${csr.ties}`;
  for (let u = 0; u < csr.n; u++) {
    const s = csr.start[u]!;
    const d = csr.deg[u]!;
    const arcs: string[] = [];
    for (let e = s; e < s + d; e++) arcs.push(`${csr.targets[e]}:${csr.cost(e, at)}`);
    yield `${csr.ids[u]} ${csr.alive[u]} ${s} ${d} ${arcs.join(' ')}`;
  }
}

export async function fingerprint(path: string, sample = 40): Promise<Record<string, string>> {
  const records = RecordSet.fromDocument(JSON.parse(readFileSync(path, 'utf8')) as NetworkDocument);
  const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
  const asOf = engine.latestRecordAt + DAY_MS;
  const past = asOf - 182 * DAY_MS;
  const out: Record<string, string> = {};
  // The live snapshot and metrics, then a dated snapshot's (built from the projection as of then).
  for (const [prefix, at] of [['live', asOf], ['past', past]] as const) {
    const ctx = engine.context(at);
    out[`${prefix}Csr`] = hash(csrLines(ctx.csr, at));
    // Brokers and communities settle in the background: wait, so the metrics are the full answer.
    engine.betweenness(ctx);
    engine.communities(ctx);
    await engine.idle();
    out[`${prefix}NetworkMetrics`] = hash([json(engine.networkMetrics(at))]);
  }
  const pastCtx = engine.context(past);
  out.pastTieStages = hash(engine.tieStages(pastCtx).map(json));
  const people = [...records.maps.person.keys()];
  const picked = Array.from({ length: Math.min(sample, people.length) }, (_, i) => people[Math.floor((i * people.length) / sample)]!);
  out.personMetrics = hash(picked.map((id) => attempt(() => engine.personMetrics(id, { asOf }))));
  const groups = [...records.maps.group.keys()].slice(0, 8);
  out.groupMetrics = hash(groups.map((g) => attempt(() => engine.groupMetrics(g, asOf))));
  const paths: string[] = [];
  for (let i = 0; i + 1 < picked.length; i += 2) {
    for (const at of [asOf, past]) paths.push(attempt(() => engine.paths(picked[i]!, { to: picked[i + 1]! }, { asOf: at, k: 3, maxHops: 6 })));
  }
  out.warmPaths = hash(paths);
  out.relationships = hash(picked.slice(1).map((id, i) => attempt(() => engine.relationship(picked[i]!, id, asOf))));
  // Then changes applied one by one, as a live network hears them: every 40th interaction and
  // referral deleted, every 200th person left (their ties go with them), every 40th interaction
  // back under a new id. The live snapshot is patched, the stage counter updated tie by tie.
  const changes: Change[] = [];
  let k = 0;
  for (const id of records.maps.interaction.keys()) if (k++ % 40 === 0) changes.push({ op: 'delete', kind: 'interaction', key: id });
  for (const id of records.maps.referral.keys()) if (k++ % 40 === 0) changes.push({ op: 'delete', kind: 'referral', key: id });
  people.forEach((id, i) => i % 200 === 7 && changes.push({ op: 'delete', kind: 'person', key: id }));
  for (const c of changes.slice(0, changes.length / 4)) {
    const was = c.op === 'delete' && c.kind === 'interaction' ? records.maps.interaction.get(c.key) : undefined;
    if (was) changes.push({ op: 'put', kind: 'interaction', record: { ...was, id: `${was.id}-again` } });
  }
  for (const c of changes) engine.projection.applied(c, records.apply(c), records);
  const changed = engine.context(asOf);
  out.changedCsr = hash(csrLines(changed.csr, asOf));
  engine.betweenness(changed);
  engine.communities(changed);
  await engine.idle();
  out.changedNetworkMetrics = hash([json(engine.networkMetrics(asOf))]);
  out.changedWarmPaths = hash(picked.slice(1).map((id, i) => attempt(() => engine.paths(picked[i]!, { to: id }, { asOf, k: 3, maxHops: 6 }))));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) throw new Error('usage: fingerprint.ts <document.json> [people]');
  const started = performance.now();
  const out = await fingerprint(path, Number(process.argv[3] ?? 40));
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(20)} ${v}`);
  console.log(`${'all'.padEnd(20)} ${hash(Object.values(out))}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(0);
}
