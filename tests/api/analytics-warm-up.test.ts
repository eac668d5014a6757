import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../graph/analytics/engine.js';
import { parseAsOf } from '../../graph/analytics/time.js';
import { RecordSet } from '../../graph/record-set.js';
import { errorHandler } from '../../api/problem.js';
import { startServer } from '../../api/server.js';
import { WARM_UP_WAIT_MS, warmUpGate } from '../../api/routes/warm-up-gate.js';
import { call, isProblem, withTestApi, type Reply, type TestApi } from './harness.js';

const karate = JSON.parse(readFileSync(new URL('../fixtures/karate.json', import.meta.url), 'utf8'));

describe('analytics warm-up', () => {
  it('when the server is ready, then /readyz reports the analytics warm-up state, and analytics reads after an import wait for it', () =>
    withTestApi(async (api) => {
      const ready = await api.call('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(['cold', 'warming', 'warm']).toContain(ready.body.analytics.state);
      expect((await api.call('POST', '/api/import', karate)).status).toBe(200);
      const metrics = await api.call('GET', '/api/metrics/network');
      expect(metrics.status).toBe(200);
      expect(metrics.body.people).toBe(karate.people.length);
      const after = await api.call('GET', '/readyz');
      expect(after.body.analytics.state).toBe('warm');
      expect(after.body.analytics.builds).toBeGreaterThanOrEqual(1);
    }));

  it('when the warm-up outlasts the bounded wait, then an analytics read gets a 503 problem with Retry-After and a warming-up detail', async () => {
    // Far more than one slice of work: the build yields to the event loop and cannot finish in 0 ms.
    const PEOPLE = 150_000;
    const records = new RecordSet();
    for (let i = 0; i < PEOPLE; i++) records.apply({ op: 'put', kind: 'person', record: { id: `p${i}`, name: `p${i}` } });
    const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
    const app = express();
    app.use(warmUpGate(engine, { waitMs: 0 }));
    app.get('/metrics/network', (_req, res) => {
      res.json({ people: engine.projection.ties.order });
    });
    app.use(errorHandler);
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const reply = await call(server.url, 'GET', '/metrics/network');
      expect(isProblem(reply, 503, 'not-ready')).toBe(true);
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(reply.body.detail).toMatch(/warming up/);
      // The warm-up it started goes on in the background; once warm, the same read answers.
      expect(await engine.whenWarm(60_000)).toBe(true);
      const again = await call(server.url, 'GET', '/metrics/network');
      expect(again.status).toBe(200);
      expect(again.body.people).toBe(PEOPLE);
    } finally {
      await server.stop(1000);
    }
  });

  it('when a read asks for a past date whose snapshot takes longer than the bounded wait, then it gets a 503 with Retry-After while the snapshot is built in slices, and the answer once built', async () => {
    const PEOPLE = 30_000;
    const records = new RecordSet();
    for (let i = 0; i < PEOPLE; i++) records.apply({ op: 'put', kind: 'person', record: { id: `p${i}`, name: `p${i}` } });
    // Three ties a person, dated over 2024; the past date sees about half of them.
    for (let i = 0; i < PEOPLE; i++) {
      for (const step of [1, 7, 31]) {
        const at = new Date(Date.UTC(2024, 0, 1 + ((i * step) % 360))).toISOString();
        records.apply({ op: 'put', kind: 'interaction', record: { id: `i${i}-${step}`, a: `p${i}`, b: `p${(i + step) % PEOPLE}`, kind: 'met', at } });
      }
    }
    const engine = new AnalyticsEngine().attach({ subscribe: (l) => l.reset(records) });
    expect(await engine.whenWarm(120_000)).toBe(true);
    const app = express();
    app.use(warmUpGate(engine, { waitMs: 0 }));
    app.get('/metrics/network', (req, res) => {
      res.json({ ties: engine.context(parseAsOf(req.query.asOf as string)).csr.ties });
    });
    app.use(errorHandler);
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const past = '2024-07-01';
      const keeper = (engine as unknown as { snapshots: { builds: number } }).snapshots;
      const builds = keeper.builds;
      const reply = await call(server.url, 'GET', `/metrics/network?asOf=${past}`);
      expect(isProblem(reply, 503, 'not-ready')).toBe(true);
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(reply.body.detail).toMatch(/as of the asked date/);
      expect(await engine.whenSnapshotAt(parseAsOf(past)!, 60_000)).toBe(true);
      const again = await call(server.url, 'GET', `/metrics/network?asOf=${past}`);
      expect(again.status).toBe(200);
      // The read found the snapshot the background built (one build, none on the request path).
      expect(keeper.builds).toBe(builds + 1);
      const live = engine.context().csr.ties;
      expect(again.body.ties).toBeGreaterThan(0);
      expect(again.body.ties).toBeLessThan(live);
      // A live read never waits for a past build.
      expect((await call(server.url, 'GET', `/metrics/network?asOf=2030-01-01`)).status).toBe(200);
    } finally {
      await server.stop(1000);
    }
  });

  it('when the cold pass runs on a large network, then every analytics read answers within the bounded wait: a 503 with Retry-After or an answer labelled computing, until it is fresh', async () => {
    // "Large": above exactMaxPeople, so Louvain and betweenness may only run off the request path.
    const dir = await mkdtemp(join(tmpdir(), 'refnet-cold-pass-'));
    const settings = join(dir, 'analytics.json');
    await writeFile(settings, JSON.stringify({ betweenness: { exactMaxPeople: 5, samples: 20 }, backgroundThreads: 1 }));
    try {
      await withTestApi(
        async (api) => {
          const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
          const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
          // A ring tied over the first half of 2024, with chords: the past date 2024-03-01 sees part of it.
          const interactions = [
            ...ids.map((a, i) => ({ id: `r${i}`, a, b: ids[(i + 1) % ids.length]!, kind: 'met', at: day(i * 4) })),
            ...ids.slice(0, 20).map((a, i) => ({ id: `c${i}`, a, b: ids[i + 20]!, kind: 'one_to_one', at: day(i * 8) })),
          ];
          expect((await api.call('POST', '/api/import', { people: ids.map((id) => ({ id, name: id })), interactions })).status).toBe(200);
          const past = encodeURIComponent('2024-03-01T00:00:00Z');
          const reads = ['/api/metrics/network', `/api/metrics/network?asOf=${past}`, '/api/people/p3/metrics', '/api/paths?from=p0&to=p20&k=3', '/api/map?edges=false'];
          const labelled: string[] = [];
          for (const path of reads) {
            const reply = await bounded(api, path);
            if (reply.status === 503) {
              expect(isProblem(reply, 503, 'not-ready')).toBe(true);
              expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
              continue;
            }
            expect(reply.status).toBe(200);
            if (reply.body.communitiesInfo?.status === 'computing') labelled.push(`${path}: communities`);
            if (reply.body.betweennessInfo?.status === 'computing') labelled.push(`${path}: betweenness`);
          }
          // The first reads found the passes under way (they had just been started off the request path).
          expect(labelled).toEqual(
            expect.arrayContaining(['/api/metrics/network: communities', `/api/metrics/network?asOf=${past}: communities`, '/api/metrics/network: betweenness']),
          );
          // Polled like a client would (the bench's scale run): each answer bounded, until both are fresh.
          for (const path of ['/api/metrics/network', `/api/metrics/network?asOf=${past}`]) {
            const fresh = await until(api, path, (b) => b.communitiesInfo.status === 'fresh' && b.betweennessInfo.status === 'fresh');
            expect(fresh.communities.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(40);
            expect(fresh.topBrokers.length).toBeGreaterThan(0);
          }
          // The map was laid out with those communities, not before them (everyone in one).
          const map = await until(api, '/api/map?edges=false', () => true);
          const live = await until(api, '/api/metrics/network', (b) => b.communitiesInfo.status === 'fresh');
          expect(map.communities).toBe(live.communities.count);
          expect(map.communities).toBeGreaterThan(1);
        },
        { ANALYTICS_CONFIG: settings },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The longest an analytics read may take while a cold pass runs: the warm-up gate's wait, with room for a loaded machine. */
const READ_BOUND_MS = WARM_UP_WAIT_MS + 5_000;

/** One read, which must answer within READ_BOUND_MS. */
async function bounded(api: TestApi, path: string): Promise<Reply> {
  const started = performance.now();
  const reply = await api.call('GET', path);
  expect(performance.now() - started).toBeLessThan(READ_BOUND_MS);
  return reply;
}

/** Polls `path` (each read bounded, a 503 retried after its Retry-After) until `done` holds for its answer; fails after a minute. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function until(api: TestApi, path: string, done: (body: any) => boolean): Promise<any> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const reply = await bounded(api, path);
    if (reply.status === 200 && done(reply.body)) return reply.body;
    if (reply.status !== 200) expect(reply.status).toBe(503);
    if (performance.now() > deadline) throw new Error(`${path} not fresh after a minute: ${JSON.stringify(reply.body).slice(0, 300)}`);
    const retry = reply.status === 503 ? Number(reply.headers.get('retry-after')) * 1000 : 0;
    // Between polls: the Retry-After, or the background passes' next turn.
    await (retry ? new Promise((r) => setTimeout(r, retry)) : api.refnet.analytics.idle());
  }
}
