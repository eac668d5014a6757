/**
 * The operator's metrics in the Prometheus text format (prom-client), served at GET /metrics:
 * - process metrics (CPU, memory, event-loop lag, GC, handles), collected once per process;
 * - HTTP requests: count and latency by method, route template (the matched Express route, never
 *   the raw URL, so ids never become label values; `unmatched` when no route matched) and status
 *   class (2xx…5xx);
 * - analytics: projection builds (warm-up in the background, or inline on a read) and betweenness
 *   / Louvain passes (inline or background), through the engine's observer hook; entries held by
 *   each named memo (graph/support/memo.ts);
 * - store: write latency (every atomic write), and for the embedded store its journal and snapshot
 *   sizes, fsync count and time, commits and compactions, read from its stats() at scrape time;
 * - Neo4j: sessions in use (= pooled connections in use), their peak, sessions opened and the
 *   seconds they were held (connection wait included), and the pool's bound — neo4j-driver
 *   exposes nothing of its pool, so idle connections cannot be reported;
 * - caches: entries held and the bound of every named memo (graph/support/memo.ts), process-wide.
 * Each app has its own registry (tests build many apps in one process); the process metrics live
 * in one registry per process, appended at scrape time.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AnalyticsObserver } from '../graph/analytics/observer.js';
import type { WarmUpStatus } from '../graph/projection/lazy-projection.js';
import type { EmbeddedStoreStats } from '../graph/store/embedded/embedded-store.js';
import { SessionStats, type SessionStatsSnapshot } from '../graph/store/neo4j/session-stats.js';
import type { StorePort } from '../graph/store/port.js';
import { memoSizes } from '../graph/support/memo.js';

/** The route label of a request no route matched (404s, static map pages, refused requests). */
export const UNMATCHED_ROUTE = 'unmatched';

const PREFIX = 'refnet_';
/** Seconds: from a cached read (sub-millisecond) to a large import or a cold analytics build. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: analytics passes run from milliseconds (small graphs) to minutes (sampled, 100k people). */
const PASS_BUCKETS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

let processRegistry: Registry | undefined;

/** Process metrics, registered once per process: their collectors (GC observer, lag monitor) are process-wide. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface Metrics {
  /** Counts and times every request; mount first. */
  requests: RequestHandler;
  /** Marks the requests a router mounted at `path` handles, so their route label starts with it. */
  mountedAt(path: string): RequestHandler;
  /** Serves the exposition (mount behind the auth guard). */
  handler: RequestHandler;
  /** The analytics engine's observer. */
  analytics: AnalyticsObserver;
  /** Reports the projection's warm-up state at scrape time. */
  watchWarmUp(status: () => WarmUpStatus): void;
  /** Times store writes (LiveNetwork.onWrite) and reads the store's stats at scrape time. */
  storeWrite(ms: number, ok: boolean): void;
  /** The registry of this app's own metrics (tests read it). */
  readonly registry: Registry;
}

/** The metrics of one app over `store`. */
export function createMetrics(store: StorePort): Metrics {
  const registry = new Registry();
  const registers = [registry];

  const labelNames = ['method', 'route', 'status'] as const;
  const requestsTotal = new Counter({ name: `${PREFIX}http_requests_total`, help: 'HTTP requests answered, by method, route template and status class', labelNames, registers });
  const requestSeconds = new Histogram({ name: `${PREFIX}http_request_duration_seconds`, help: 'HTTP request latency, by method, route template and status class', labelNames, buckets: LATENCY_BUCKETS, registers });

  const buildSeconds = new Histogram({ name: `${PREFIX}analytics_projection_build_seconds`, help: 'Analytics projection builds (warm-up): background (sliced) or inline on a read', labelNames: ['mode'], buckets: PASS_BUCKETS, registers });
  const passSeconds = new Histogram({ name: `${PREFIX}analytics_pass_seconds`, help: 'Betweenness and Louvain passes: inline on a request or in the background', labelNames: ['kind', 'mode'], buckets: PASS_BUCKETS, registers });
  let warmUp: (() => WarmUpStatus) | undefined;
  new Gauge({
    name: `${PREFIX}analytics_projection_warm`,
    help: '1 when the analytics projection is built (warm), 0 while cold, warming or failed',
    registers,
    collect() {
      if (warmUp) this.set(warmUp().state === 'warm' ? 1 : 0);
    },
  });

  const writeSeconds = new Histogram({ name: `${PREFIX}store_write_duration_seconds`, help: 'Atomic store writes (durable when they succeed), by outcome', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers });
  registerStoreStats(store, registers);
  registerNeo4jSessions(store, registers);
  registerCacheSizes(registers);

  return {
    registry,
    requests(req, res, next) {
      const end = requestSeconds.startTimer();
      res.once('finish', () => {
        const labels = { method: req.method, route: routeTemplate(req, res.locals), status: `${Math.floor(res.statusCode / 100)}xx` };
        requestsTotal.inc(labels);
        end(labels);
      });
      next();
    },
    mountedAt: (path) => (_req, res, next) => {
      res.locals.routeMount = path;
      next();
    },
    handler(_req, res, next) {
      Promise.all([processMetrics().metrics(), registry.metrics()]).then(([process, own]) => {
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.send(`${process}\n${own}`);
      }, next);
    },
    analytics: {
      projectionBuilt: (ms, mode) => buildSeconds.observe({ mode }, ms / 1000),
      passDone: (kind, mode, ms) => passSeconds.observe({ kind, mode }, ms / 1000),
    },
    watchWarmUp(status) {
      warmUp = status;
    },
    storeWrite(ms, ok) {
      writeSeconds.observe({ outcome: ok ? 'ok' : 'error' }, ms / 1000);
    },
  };
}

/**
 * The matched route's template, e.g. /api/people/:id. The mount path comes from mountedAt (a
 * fixed string: req.baseUrl is the client's spelling, and is undone by the time an error is
 * answered). Array routes (one handler for several paths) have no single template: unmatched.
 */
function routeTemplate(req: { route?: { path?: unknown } }, locals: Record<string, unknown>): string {
  const path = req.route?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${typeof locals.routeMount === 'string' ? locals.routeMount : ''}${path}`;
}

/** Gauges and counters read from the embedded store's stats() at scrape time; nothing for other stores. */
function registerStoreStats(store: StorePort, registers: Registry[]): void {
  const stats = (store as StorePort & { stats?: () => EmbeddedStoreStats }).stats;
  if (typeof stats !== 'function') return;
  const read = () => stats.call(store);
  const gauge = (name: string, help: string, value: (s: EmbeddedStoreStats) => number) =>
    new Gauge({ name: `${PREFIX}store_${name}`, help, registers, collect() { this.set(value(read())); } });
  const counter = (name: string, help: string, value: (s: EmbeddedStoreStats) => number) =>
    new Counter({
      name: `${PREFIX}store_${name}`,
      help,
      registers,
      collect() {
        // A running total kept by the store: exposed as it is.
        this.reset();
        this.inc(value(read()));
      },
    });
  gauge('version', 'Version of the last committed write', (s) => s.version);
  gauge('records', 'Records held', (s) => s.records);
  gauge('journal_bytes', 'Bytes of journal files (compaction folds them into a snapshot)', (s) => s.journalBytes);
  gauge('snapshot_bytes', 'Bytes of the current snapshot', (s) => s.snapshotBytes);
  counter('commits_total', 'Journal frames committed (group commit: one frame may hold several writes)', (s) => s.commits);
  counter('fsyncs_total', 'Journal fdatasync calls', (s) => s.fsyncs);
  counter('fsync_seconds_total', 'Seconds spent in journal fdatasync calls', (s) => s.fsyncSeconds);
  counter('compactions_total', 'Compactions completed', (s) => s.compactions);
}

/** Neo4j session (connection) figures read at scrape time; nothing for other stores. */
function registerNeo4jSessions(store: StorePort, registers: Registry[]): void {
  const sessions = 'sessions' in store ? store.sessions : undefined;
  if (!(sessions instanceof SessionStats)) return;
  const gauge = (name: string, help: string, value: (s: SessionStatsSnapshot) => number) =>
    new Gauge({ name: `${PREFIX}neo4j_${name}`, help, registers, collect() { this.set(value(sessions.snapshot())); } });
  const byMode = (name: string, help: string, value: (s: SessionStatsSnapshot) => Record<'READ' | 'WRITE', number>) =>
    new Counter({
      name: `${PREFIX}neo4j_${name}`,
      help,
      labelNames: ['mode'],
      registers,
      collect() {
        this.reset();
        for (const [mode, n] of Object.entries(value(sessions.snapshot()))) this.inc({ mode: mode.toLowerCase() }, n);
      },
    });
  gauge('sessions_in_use', 'Sessions open now; each holds at most one pooled connection', (s) => s.inUse);
  gauge('sessions_in_use_peak', 'Most sessions open at once since start', (s) => s.peak);
  gauge('pool_max_connections', 'Bound of the driver\'s connection pool (maxConnectionPoolSize)', (s) => s.maxPoolSize);
  byMode('sessions_total', 'Sessions opened, by access mode', (s) => s.opened);
  byMode('session_seconds_total', 'Seconds sessions were open, by access mode (waiting for a pooled connection included)', (s) => s.seconds);
}

/** Entries and bound of every named memo, read at scrape time. */
function registerCacheSizes(registers: Registry[]): void {
  const gauge = (name: string, help: string, value: (m: { max: number; size: number }) => number) =>
    new Gauge({
      name: `${PREFIX}cache_${name}`,
      help,
      labelNames: ['cache'],
      registers,
      collect() {
        this.reset();
        for (const [cache, sizes] of memoSizes()) this.set({ cache }, value(sizes));
      },
    });
  gauge('entries', 'Entries held by each named cache (graph/support/memo.ts), over the whole process', (m) => m.size);
  gauge('max_entries', 'Bound of each named cache, in entries', (m) => m.max);
}
