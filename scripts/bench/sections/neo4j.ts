/**
 * Issue #3: refnet on a real Neo4j 5.26 server (scripts/neo4j/launcher.ts, 4 GB heap, 1 GB page
 * cache, temp data dir): import of the benchmark document through the Neo4j adapter (one atomic
 * apply, staged in committed chunks and published at once: graph/store/neo4j/staged-import.ts), restart + recovery (readAll into a LiveNetwork with the analytics engine attached, as
 * an API instance does at start), then the analytics section's path and person-metrics queries
 * on that instance and on the embedded path (RecordSet from the document), side by side, plus the
 * same pairs as a Cypher shortestPath over INTERACTED|REFERRED (maxHops 4).
 */
import neo4j from 'neo4j-driver';
import { AnalyticsEngine } from '../../../graph/analytics/engine.js';
import { LiveNetwork } from '../../../graph/live-network.js';
import { RecordSet } from '../../../graph/record-set.js';
import type { NetworkDocument } from '../../../graph/schema.js';
import { Neo4jStore } from '../../../graph/store/neo4j/neo4j-store.js';
import { startNeo4j, type Neo4jServer } from '../../neo4j/launcher.js';
import { putsOf } from '../chunk-document.js';
import { engineTarget, seededSelection, timeQueries, type Selection as QuerySelection } from '../query-mix.js';
import { median, percentile, round3, secondsSince, singleFigure } from '../stats.js';
import type { BenchContext, Figure, Section } from '../types.js';

export const HEAP = process.env.REFNET_BENCH_NEO4J_HEAP ?? '4g';
export const PAGE_CACHE = process.env.REFNET_BENCH_NEO4J_PAGE_CACHE ?? '1g';
/** Transaction memory cap; unset = Neo4j's default (70 % of the heap): a staged import's transactions are small. */
export const TX_MEMORY = process.env.REFNET_BENCH_NEO4J_TX_MEMORY || undefined;

interface Selection extends QuerySelection {
  origin: string;
}

const fig = singleFigure;

/** The analytics section's selection (the floor peer's sources and pairs), or a seeded one when the peer is absent. */
async function selectionFor(ctx: BenchContext, doc: NetworkDocument): Promise<Selection> {
  const floor = await ctx.runPeer('floor', await ctx.documentPath());
  if (floor.available) {
    const sel = (floor.json as { selection: { sources: string[]; pairs: [string, string][] } }).selection;
    return { sources: sel.sources, pairs: sel.pairs, origin: 'the floor peer\'s selection (as in the analytics section)' };
  }
  const { sources, pairs } = seededSelection(doc.people.map((p) => p.id));
  return { sources, pairs, origin: `a seeded random selection (floor peer: ${floor.reason})` };
}

/**
 * Both engines are timed in the same steady state, as the analytics section's are: the first
 * network-metrics read starts betweenness on a worker thread (and Louvain), which would otherwise
 * compete for the two cores with the timed queries on one engine and not the other.
 */
async function settled(engine: AnalyticsEngine, asOf: number): Promise<void> {
  engine.networkMetrics(asOf);
  await engine.idle();
}

/** Deletes everything (the adapter's state node included; the next store to open creates it again). */
async function wipe(server: Neo4jServer): Promise<void> {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password), { logging: { level: 'error', logger: () => {} } });
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

/** The same pairs as a Cypher shortest path over interactions and referrals (either direction, ≤ 4 hops). */
async function cypherPaths(server: Neo4jServer, pairs: [string, string][]) {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password), { logging: { level: 'error', logger: () => {} } });
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const query =
    'MATCH (a:Person {id: $a}), (b:Person {id: $b}) ' +
    'OPTIONAL MATCH p = shortestPath((a)-[:INTERACTED|REFERRED*..4]-(b)) RETURN length(p) AS hops';
  const times: number[] = [];
  let found = 0;
  try {
    // One warm-up query: plan compilation is not part of a lookup.
    await session.executeRead((tx) => tx.run(query, { a: pairs[0]![0], b: pairs[0]![1] }));
    for (const [a, b] of pairs) {
      const t = performance.now();
      const result = await session.executeRead((tx) => tx.run(query, { a, b }));
      times.push(performance.now() - t);
      if (result.records[0]?.get('hops') !== null && result.records[0]?.get('hops') !== undefined) found++;
    }
  } finally {
    await session.close();
    await driver.close();
  }
  return { times, found };
}

export const neo4jSection: Section = {
  name: 'neo4j',
  title: 'Neo4j store: import, restart + recovery, paths and person metrics beside the embedded store and Cypher',
  method:
    `A real Neo4j 5.26 community server started by scripts/neo4j/launcher.ts in a temp directory (heap ${HEAP}, page cache ${PAGE_CACHE}, transaction memory cap ${TX_MEMORY ?? 'default (70 % of the heap)'}). ` +
    'Import: every record of the benchmark document as one batch of puts through Neo4jStore.apply — atomic and durable: staged in ' +
    'committed chunks of 10,000 rows (plain UNWIND … CREATE, two chunks in flight) that readers do not see, then published in one ' +
    'small transaction (version, visibility bound, overflow marker in the change log); records/s = records / wall time of apply, ' +
    'from the call to the published commit, on a warm server: the fresh server first imports the same document once (JIT-cold, ' +
    'its rate is in the note), everything is deleted, then the timed import runs. Restart: clean stop, start on the same data, then an API ' +
    'instance\'s start-up: LiveNetwork.load() (readAll) with the analytics engine attached. Queries: the analytics section\'s 100 pairs ' +
    '(warm paths k=1 and k=3, maxHops 4) and 100 sources (person metrics, all dimensions, cache bypassed) on that instance and on an ' +
    'engine built from the document in this process (the embedded path), each engine first settled (one network-metrics read and its ' +
    'background betweenness and Louvain finished, as in the analytics section), plus the same pairs as a Cypher ' +
    'shortestPath((a)-[:INTERACTED|REFERRED*..4]-(b)) over Bolt (unweighted hops, no evidence or asOf rules: not the same answer, ' +
    'the database-side equivalent). One timed import round at full size (the 1.2M-record import takes about a minute on this shared machine).',
  async run(ctx: BenchContext) {
    const doc = await ctx.document();
    const notes: string[] = [];
    const sel = await selectionFor(ctx, doc);
    notes.push(`selection: ${sel.pairs.length} pairs and ${sel.sources.length} sources from ${sel.origin}.`);
    const changes = putsOf(doc);
    const dataDir = await ctx.tempDir('neo4j');

    ctx.log(`neo4j: starting the server (heap ${HEAP}, page cache ${PAGE_CACHE}, transaction memory ${TX_MEMORY ?? 'default'})`);
    let t = performance.now();
    let server = await startNeo4j({ port: 0, dataDir, heap: HEAP, pageCache: PAGE_CACHE, transactionMemory: TX_MEMORY });
    const firstStartS = secondsSince(t);
    const port = server.port;
    const figures: Figure[] = [];
    try {
      const importOnce = async () => {
        const store = new Neo4jStore({ uri: server.uri, password: server.password });
        await store.open();
        const started = performance.now();
        await store.apply(changes);
        const seconds = secondsSince(started);
        await store.close();
        return seconds;
      };
      // A freshly started JVM compiles Neo4j's hot paths while it works: the first import runs JIT-cold.
      // A deployed server is long-running, so the figure is the second import, after a wipe; the first is noted.
      ctx.log(`neo4j: warm-up import of ${changes.length.toLocaleString('en')} records into the fresh server, then a wipe`);
      const coldS = await importOnce();
      await wipe(server);
      ctx.log(`neo4j: importing ${changes.length.toLocaleString('en')} records in one apply (staged, then published)`);
      const importS = await importOnce();
      const rate = changes.length / importS;
      ctx.log(`neo4j: import ${importS.toFixed(1)} s (${Math.round(rate)} records/s); JIT-cold first import ${coldS.toFixed(1)} s`);
      figures.push(
        fig('import_records_per_s', `import, ${changes.length.toLocaleString('en')} records in one atomic apply (staged + published)`, rate, 'records/s', {
          rounds: [round3(rate)],
          target: { op: '>=', value: 20_000 },
          note: `${round3(importS)} s, warm server; the first import into the fresh server (JIT-cold): ${Math.round(changes.length / coldS).toLocaleString('en')} records/s (${round3(coldS)} s)`,
        }),
      );

      ctx.log('neo4j: restart');
      t = performance.now();
      await server.stop();
      server = await startNeo4j({ port, dataDir, heap: HEAP, pageCache: PAGE_CACHE, transactionMemory: TX_MEMORY });
      const restartS = secondsSince(t);
      const instanceStore = new Neo4jStore({ uri: server.uri, password: server.password });
      const live = new LiveNetwork(instanceStore);
      const engine = new AnalyticsEngine().attach(live);
      t = performance.now();
      await instanceStore.open();
      await live.load();
      // The projection is built lazily (on the first analytics read, or in the background at start-up): wait for it, as the label says.
      engine.warmSoon();
      if (!(await engine.whenWarm(600_000))) notes.push('MISMATCH: the analytics projection was not warm after 600 s.');
      const recoveryS = secondsSince(t);
      const loaded = live.records.maps.person.size;
      ctx.log(`neo4j: restart ${restartS.toFixed(1)} s, recovery ${recoveryS.toFixed(1)} s (${loaded} people)`);
      figures.push(
        fig('restart_s', 'server restart (clean stop + start until Bolt answers)', restartS, 's', { note: `first start ${round3(firstStartS)} s` }),
        fig('recovery_s', 'API instance start-up: readAll into LiveNetwork + analytics projection', recoveryS, 's', {
          note: `${loaded.toLocaleString('en')} people, version ${live.version}`,
        }),
      );
      if (loaded !== doc.people.length) notes.push(`MISMATCH: ${loaded} people read back, ${doc.people.length} imported.`);

      const asOf = Date.now();
      ctx.log('neo4j: queries on the Neo4j-backed instance');
      await settled(engine, asOf);
      const onNeo4j = await timeQueries(engineTarget(engine), sel, asOf);
      await instanceStore.close();
      ctx.log('neo4j: the same queries on the embedded path');
      const records = RecordSet.fromDocument(doc);
      const embedded = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
      await settled(embedded, asOf);
      const onEmbedded = await timeQueries(engineTarget(embedded), sel, asOf);
      ctx.log('neo4j: Cypher shortestPath');
      const cypher = await cypherPaths(server, sel.pairs);
      const side = (embeddedTimes: number[], p?: number) => `embedded ${round3(p ? percentile(embeddedTimes, p) : median(embeddedTimes))} ms`;
      figures.push(
        fig('neo4j_path_k1_p50_ms', 'warm path k=1, maxHops 4, median (instance over Neo4j)', median(onNeo4j.k1), 'ms', { note: side(onEmbedded.k1) }),
        fig('neo4j_path_k1_p95_ms', 'warm path k=1, maxHops 4, p95 (instance over Neo4j)', percentile(onNeo4j.k1, 95), 'ms', { note: side(onEmbedded.k1, 95) }),
        fig('neo4j_path_k3_p95_ms', 'warm paths k=3, maxHops 4, p95 (instance over Neo4j)', percentile(onNeo4j.k3, 95), 'ms', {
          target: { op: '<=', value: 20 },
          note: side(onEmbedded.k3, 95),
        }),
        fig('neo4j_person_metrics_p50_ms', 'person metrics, median (instance over Neo4j)', median(onNeo4j.person), 'ms', { note: side(onEmbedded.person) }),
        fig('neo4j_person_metrics_p95_ms', 'person metrics, p95 (instance over Neo4j)', percentile(onNeo4j.person, 95), 'ms', {
          target: { op: '<=', value: 20 },
          note: side(onEmbedded.person, 95),
        }),
        fig('cypher_shortest_path_p50_ms', 'Cypher shortestPath over INTERACTED or REFERRED, ≤ 4 hops, over Bolt, median', median(cypher.times), 'ms', {
          note: `p95 ${round3(percentile(cypher.times, 95))} ms; ${cypher.found}/${sel.pairs.length} pairs connected`,
        }),
      );
      notes.push(
        `warm paths found (k=1): ${onNeo4j.found}/${sel.pairs.length} on the Neo4j-backed instance, ${onEmbedded.found}/${sel.pairs.length} on the embedded path ` +
          `(${onNeo4j.found === onEmbedded.found ? 'equal' : 'DIFFER'}); Cypher shortestPath connects ${cypher.found} (hops only, no tie rules).`,
      );
    } finally {
      await server.stop();
    }
    return { figures, notes };
  },
};
