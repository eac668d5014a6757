/**
 * GET /metrics: the Prometheus exposition parses, request counters move with requests under the
 * route template (never the raw id), store and analytics timings are recorded, each app counts
 * its own requests, and a key with read scope is needed once keys exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../api/metrics.js';
import { createKey } from '../../api/security/keys.js';
import { keysFilePath } from '../../api/security/key-file.js';
import { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { memo } from '../../graph/support/memo.js';
import { parseExposition, type Exposition } from '../support/prometheus-text.js';
import { call, isProblem, startTestApi, type TestApi } from './harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function scrape(target: TestApi = api, headers: Record<string, string> = {}): Promise<Exposition> {
  const r = await call(target.url, 'GET', '/metrics', undefined, headers);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(r.body as string);
}

const requests = (e: Exposition, method: string, route: string, status: string) => e.value('refnet_http_requests_total', { method, route, status }) ?? 0;

describe('GET /metrics', () => {
  it('when scraped, then the exposition parses and holds the process, HTTP, store and analytics families', async () => {
    const e = await scrape();
    for (const [family, type] of <[string, string][]>[
      ['process_cpu_user_seconds_total', 'counter'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['refnet_http_requests_total', 'counter'],
      ['refnet_http_request_duration_seconds', 'histogram'],
      ['refnet_store_write_duration_seconds', 'histogram'],
      ['refnet_store_fsync_seconds_total', 'counter'],
      ['refnet_store_journal_bytes', 'gauge'],
      ['refnet_analytics_projection_build_seconds', 'histogram'],
      ['refnet_analytics_pass_seconds', 'histogram'],
    ]) {
      expect(e.types.get(family.replace(/_total$/, '')) ?? e.types.get(family), family).toBe(type);
    }
  });

  it('when records are read by id, then the counter of the route template moves by exactly that many and no id becomes a label', async () => {
    const id = 'p-metrics-1234567';
    expect((await api.call('POST', '/api/people', { id, name: 'Ada' })).status).toBe(201);
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await api.call('GET', `/api/people/${id}`)).status).toBe(200);
    expect((await api.call('GET', '/api/people/nobody-here')).status).toBe(404);
    // a spelling Express routes alike counts under the same template
    expect((await api.call('GET', `/API/People/${id}`)).status).toBe(200);
    const after = await scrape();
    expect(requests(after, 'GET', '/api/people/:id', '2xx') - requests(before, 'GET', '/api/people/:id', '2xx')).toBe(4);
    expect(requests(after, 'GET', '/api/people/:id', '4xx') - requests(before, 'GET', '/api/people/:id', '4xx')).toBe(1);
    const latencyCount = (e: Exposition) => e.value('refnet_http_request_duration_seconds_count', { method: 'GET', route: '/api/people/:id', status: '2xx' }) ?? 0;
    expect(latencyCount(after) - latencyCount(before)).toBe(4);
    const routes = new Set(after.samples.map((s) => s.labels.route).filter(Boolean));
    for (const route of routes) expect(route).not.toMatch(/p-metrics|nobody-here|People/);
  });

  it('when no route matches, then the request counts under the fixed "unmatched" label', async () => {
    const before = await scrape();
    expect(isProblem(await api.call('GET', '/api/no-such-thing/42'), 404)).toBe(true);
    const after = await scrape();
    expect(requests(after, 'GET', 'unmatched', '4xx') - requests(before, 'GET', 'unmatched', '4xx')).toBe(1);
  });

  it('when records are written, then store write latency and fsyncs are counted', async () => {
    const before = await scrape();
    for (let i = 0; i < 2; i++) expect((await api.call('POST', '/api/people', { name: `W${i}` })).status).toBe(201);
    const after = await scrape();
    const writes = (e: Exposition) => e.value('refnet_store_write_duration_seconds_count', { outcome: 'ok' }) ?? 0;
    expect(writes(after) - writes(before)).toBe(2);
    expect(after.value('refnet_store_fsyncs_total')! - before.value('refnet_store_fsyncs_total')!).toBeGreaterThanOrEqual(1);
    expect(after.value('refnet_store_fsync_seconds_total')!).toBeGreaterThan(0);
    expect(after.value('refnet_store_journal_bytes')!).toBeGreaterThan(before.value('refnet_store_journal_bytes')!);
    expect(after.value('refnet_store_version')).toBe(api.refnet.network.version);
  });

  it('when network analytics are read, then the projection build and the betweenness and Louvain passes are timed', async () => {
    expect((await api.call('GET', '/api/metrics/network')).status).toBe(200);
    await api.refnet.analytics.idle();
    const e = await scrape();
    const builds = e.samples.filter((s) => s.name === 'refnet_analytics_projection_build_seconds_count').reduce((n, s) => n + s.value, 0);
    expect(builds).toBeGreaterThanOrEqual(1);
    for (const kind of ['betweenness', 'communities']) {
      const passes = e.samples.filter((s) => s.name === 'refnet_analytics_pass_seconds_count' && s.labels.kind === kind).reduce((n, s) => n + s.value, 0);
      expect(passes, kind).toBeGreaterThanOrEqual(1);
    }
    expect(e.value('refnet_analytics_projection_warm')).toBe(1);
    expect(requests(e, 'GET', '/api/metrics/network', '2xx')).toBeGreaterThanOrEqual(1);
  });

  it('when network analytics are read, then the entries each named memo holds are exposed by memo name', async () => {
    expect((await api.call('GET', '/api/metrics/network')).status).toBe(200);
    const e = await scrape();
    expect(e.types.get('refnet_cache_entries')).toBe('gauge');
    expect(e.value('refnet_cache_entries', { cache: 'analytics.network-metrics' })).toBeGreaterThanOrEqual(1);
    expect(e.value('refnet_cache_entries', { cache: 'analytics.communities' })).toBeGreaterThanOrEqual(1);
  });

  it('when two apps run in one process, then each counts only its own requests', async () => {
    const other = await startTestApi();
    try {
      const mine = requests(await scrape(), 'GET', '/healthz', '2xx');
      for (let i = 0; i < 2; i++) await call(other.url, 'GET', '/healthz');
      expect(requests(await scrape(other), 'GET', '/healthz', '2xx')).toBe(2);
      expect(requests(await scrape(), 'GET', '/healthz', '2xx')).toBe(mine);
    } finally {
      await other.close();
    }
  });

  it('when keys exist, then /metrics needs a key with read scope', async () => {
    const secured = await startTestApi();
    try {
      const { token } = await createKey(keysFilePath({ REFNET_DATA: secured.dir }), { scope: 'read', name: 'prometheus' });
      expect(isProblem(await call(secured.url, 'GET', '/metrics'), 401)).toBe(true);
      const e = await scrape(secured, { authorization: `Bearer ${token}` });
      expect(requests(e, 'GET', '/metrics', '4xx')).toBe(1);
    } finally {
      await secured.close();
    }
  });

  it('when a named cache fills and is trimmed, then its entries and bound are reported under its name', async () => {
    const cache = memo<string, number>('metrics-test-cache', 3);
    const entries = async () => (await scrape()).value('refnet_cache_entries', { cache: 'metrics-test-cache' });
    expect(await entries()).toBe(0);
    for (const k of ['a', 'b']) cache.set(k, 1);
    expect(await entries()).toBe(2);
    for (const k of ['c', 'd', 'e']) cache.set(k, 1);
    expect(await entries()).toBe(3);
    expect((await scrape()).value('refnet_cache_max_entries', { cache: 'metrics-test-cache' })).toBe(3);
    cache.clear();
    expect(await entries()).toBe(0);
  });
});

describe('Neo4j pool metrics', () => {
  it('when sessions open and close, then sessions in use, their peak and the opened counts by mode follow', async () => {
    // Never opened: no server is needed to count sessions.
    const store = new Neo4jStore({ uri: 'bolt://127.0.0.1:1' });
    const metrics = createMetrics(store);
    const read = async () => parseExposition(await metrics.registry.metrics());
    expect((await read()).value('refnet_neo4j_pool_max_connections')).toBe(100);
    const ends = [store.sessions.start('READ'), store.sessions.start('READ'), store.sessions.start('WRITE')];
    let e = await read();
    expect(e.value('refnet_neo4j_sessions_in_use')).toBe(3);
    expect(e.value('refnet_neo4j_sessions_total', { mode: 'read' })).toBe(2);
    expect(e.value('refnet_neo4j_sessions_total', { mode: 'write' })).toBe(1);
    for (const end of ends) end();
    ends[0]!(); // closing twice counts once
    e = await read();
    expect(e.value('refnet_neo4j_sessions_in_use')).toBe(0);
    expect(e.value('refnet_neo4j_sessions_in_use_peak')).toBe(3);
    expect(e.value('refnet_neo4j_session_seconds_total', { mode: 'read' })).toBeGreaterThanOrEqual(0);
    expect(e.types.get('refnet_store_journal_bytes')).toBeUndefined();
  });
});
