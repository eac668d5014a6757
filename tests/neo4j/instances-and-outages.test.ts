/**
 * refnet on Neo4j as deployed: two API instances on one database, and Neo4j going away — at start
 * (503, then recovery by itself) and under a stream of writes (kill -9 and restart: every
 * acknowledged write is still there). This file always launches its own server, since it has to
 * stop and restart it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../../graph/store/port.js';
import type { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { isProblem, startTestApi, type TestApi } from '../api/harness.js';
import { describeWithNeo4j, openStore, startTestServer, wipeDatabase, type TestServer } from './neo4j-support.js';

// A shared two-core machine makes a real database slow at times; these are not timing tests.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
/** Restarting Neo4j on a shared two-core machine can take a minute. */
const RESTART_TEST_MS = 300_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithNeo4j(
  'refnet on neo4j',
  () => {
    let server: TestServer;
    const apis: TestApi[] = [];
    const stores: Neo4jStore[] = [];
    const startApi = async () => {
      const api = await startTestApi({
        REFNET_STORE: 'neo4j',
        NEO4J_URI: server.uri,
        NEO4J_USER: server.user,
        NEO4J_PASSWORD: server.password,
      });
      apis.push(api);
      return api;
    };

    beforeAll(async () => {
      server = await startTestServer({ launch: true });
    });
    afterAll(async () => {
      await Promise.all(apis.map((api) => api.close()));
      await Promise.all(stores.map((store) => store.close()));
      await server?.dispose();
    });

    describe('two API instances on one database', () => {
      it('when one instance writes, then the other serves the changed metrics on its next request', async () => {
        await wipeDatabase(server);
        const a = await startApi();
        const b = await startApi();
        const imported = await a.call('POST', '/api/import', {
          people: [
            { id: 'ann', name: 'Ann', industry: 'Law' },
            { id: 'bob', name: 'Bob', industry: 'Tax' },
            { id: 'cy', name: 'Cy', industry: 'IT' },
          ],
          interactions: [{ id: 'i1', a: 'ann', b: 'bob', kind: 'one_to_one', at: '2026-10-01' }],
        });
        expect(imported.status).toBe(200);
        const before = await b.call('GET', '/api/people/bob/metrics');
        expect(before.status).toBe(200);
        expect(before.body.visibility.degree).toBe(1);

        const created = await a.call('POST', '/api/referrals', { from: 'bob', to: 'cy', at: '2026-10-02', status: 'passed' });
        expect(created.status).toBe(201);
        const after = await b.call('GET', '/api/people/bob/metrics');
        expect(after.body.visibility.degree).toBe(2);
        expect((await b.call('GET', '/api/people/cy/metrics')).body.visibility.degree).toBe(1);
        expect((await b.call('GET', '/api/referrals')).body.items).toHaveLength(1);

        // And back the other way, a delete this time.
        expect([200, 204]).toContain((await b.call('DELETE', '/api/interactions/i1')).status);
        expect((await a.call('GET', '/api/people/bob/metrics')).body.visibility.degree).toBe(1);
      });
    });

    describe('Neo4j down', () => {
      it('when Neo4j is down at start, then the service starts not ready, answers 503 problems, and recovers by itself', async () => {
        await wipeDatabase(server);
        const seed = await openStore(server);
        stores.push(seed);
        await seed.apply([{ op: 'put', kind: 'person', record: { id: 'kept', name: 'Kept' } }]);
        await server.stop!();

        const api = await startApi();
        const ready = await api.call('GET', '/readyz');
        expect(isProblem(ready, 503)).toBe(true);
        const people = await api.call('GET', '/api/people');
        expect(isProblem(people, 503)).toBe(true);
        expect(people.body.type).toBe('urn:refnet:problem:store-unavailable');
        expect(people.headers.get('retry-after')).toBeTruthy();
        expect(isProblem(await api.call('POST', '/api/people', { id: 'new', name: 'New' }), 503)).toBe(true);
        expect((await api.call('GET', '/healthz')).status).toBe(200);

        await server.start!();
        await until('readyz 200', async () => ((await api.call('GET', '/readyz')).status === 200 ? true : undefined));
        const listed = await api.call('GET', '/api/people');
        expect(listed.status).toBe(200);
        expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual(['kept']);
        expect((await api.call('POST', '/api/people', { id: 'new', name: 'New' })).status).toBe(201);
      }, RESTART_TEST_MS);

      it('when Neo4j is killed and restarted during a stream of writes, then every acknowledged write survives', async () => {
        await wipeDatabase(server);
        const store = await openStore(server, { maxTransactionRetryTimeMs: 3000, connectionTimeoutMs: 2000 });
        stores.push(store);
        const acked: string[] = [];
        const failures: unknown[] = [];
        let stop = false;
        let ackedAfterRestart = 0;
        let restarted = false;
        const writer = (async () => {
          for (let i = 0; !stop; i++) {
            const id = `w${i}`;
            try {
              await store.apply([
                { op: 'put', kind: 'person', record: { id, name: `Writer ${i}` } },
                { op: 'put', kind: 'membership', record: { person: id, group: 'g' } },
              ]);
              acked.push(id);
              if (restarted) ackedAfterRestart++;
            } catch (err) {
              failures.push(err);
              await sleep(100);
            }
          }
        })();

        await until('writes before the crash', async () => (acked.length >= 20 ? true : undefined));
        await server.stop!({ kill: true });
        await until('the store to notice the crash', async () => ((await store.isReady()) ? undefined : true));
        await server.start!();
        restarted = true;
        await until('writes after the restart', async () => (ackedAfterRestart >= 20 ? true : undefined));
        stop = true;
        await writer;

        for (const err of failures) expect(err).toBeInstanceOf(StoreUnavailableError);
        const { document } = await store.readAll();
        const stored = new Set(document.people.map((p) => p.id));
        const lost = acked.filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
        const members = new Set(document.memberships.map((m) => m.person));
        expect(acked.filter((id) => !members.has(id))).toEqual([]);
      }, RESTART_TEST_MS);
    });
  },
  { launch: true },
);
