/**
 * Large imports on Neo4j are staged (graph/store/neo4j/staged-import.ts): written in committed
 * chunks that readers cannot see, then published in one small transaction. These tests stop an
 * import between its chunks and check what every reader and writer sees then; and they abandon
 * one (a hung importer, a killed server) and check that nothing of it ever shows and that it is
 * removed. This file launches its own server, since it kills and restarts it.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Change } from '../../graph/records.js';
import type { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { describeWithNeo4j, openStore, startTestServer, wipeDatabase, type TestServer } from './neo4j-support.js';

// A shared two-core machine makes a real database slow at times; these are not timing tests.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `n` people and a chain of interactions between them: 2n - 1 puts. */
function importOf(n: number, prefix = 'p'): Change[] {
  const changes: Change[] = [];
  for (let i = 0; i < n; i++) changes.push({ op: 'put', kind: 'person', record: { id: `${prefix}${i}`, name: `Person ${i}` } });
  for (let i = 1; i < n; i++) {
    changes.push({ op: 'put', kind: 'interaction', record: { id: `${prefix}i${i}`, a: `${prefix}${i - 1}`, b: `${prefix}${i}`, kind: 'met', at: '2026-01-02' } });
  }
  return changes;
}

/** A promise with its resolve function outside. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((done) => (open = done));
  return { wait, open };
}

describeWithNeo4j(
  'staged imports on neo4j',
  () => {
    let server: TestServer;
    let driver: Driver;
    const stores: Neo4jStore[] = [];
    const fresh = async (options: Parameters<typeof openStore>[1] = {}) => {
      const store = await openStore(server, options);
      stores.push(store);
      return store;
    };
    /** Every node and relationship the import could have left, counted in raw Cypher (staged or not). */
    const physical = async () => {
      const { records } = await driver.executeQuery(
        'RETURN COUNT { (:Person) } AS people, COUNT { ()-[:INTERACTED]->() } AS ties',
      );
      return { people: records[0]!.get('people').toNumber(), ties: records[0]!.get('ties').toNumber() };
    };

    beforeAll(async () => {
      server = await startTestServer({ launch: true });
      driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
    });
    beforeEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await wipeDatabase(server);
    });
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await driver?.close();
      await server?.dispose();
    });

    it('when an import is half staged, then readers see none of it, other writers wait, and after publishing all of it is there', async () => {
      const reader = await fresh();
      await reader.apply([{ op: 'put', kind: 'person', record: { id: 'before', name: 'Before' } }]);
      const before = await reader.currentVersion();
      const paused = gate();
      const resume = gate();
      let chunks = 0;
      const importer = await fresh({
        stageAbove: 10,
        batchSize: 20,
        onImportProgress: async () => {
          if (++chunks === 3) {
            paused.open();
            await resume.wait;
          }
        },
      });
      const importing = importer.apply(importOf(50));
      await paused.wait;

      expect((await physical()).people).toBeGreaterThan(1); // staged, committed
      expect(await reader.currentVersion()).toBe(before);
      const { document } = await reader.readAll();
      expect(document.people.map((p) => p.id)).toEqual(['before']);
      expect(document.interactions).toEqual([]);
      expect(await reader.get('person', 'p0')).toBeUndefined();
      expect(await reader.changesSince(before)).toEqual({ version: before, changes: [] });

      let written = false;
      const writing = reader.apply([{ op: 'put', kind: 'person', record: { id: 'during', name: 'During' } }]).then((v) => {
        written = true;
        return v;
      });
      await sleep(1500);
      expect(written).toBe(false);

      resume.open();
      const version = await importing;
      const after = await writing;
      expect(version).toBe(before + 1);
      expect(after).toBe(version + 1);
      const all = (await reader.readAll()).document;
      const imported = Array.from({ length: 50 }, (_, i) => `p${i}`);
      expect(all.people.map((p) => p.id)).toEqual(['before', ...imported, 'during']);
      expect(all.interactions).toHaveLength(49);
      expect(await reader.get('interaction', 'pi49')).toEqual({ id: 'pi49', a: 'p48', b: 'p49', kind: 'met', at: '2026-01-02' });
    });

    it('when an importer hangs past its lease, then nothing of it is ever visible, the next writer removes it, and the importer fails', async () => {
      const paused = gate();
      const release = gate();
      const importer = await fresh({
        stageAbove: 10,
        batchSize: 20,
        onImportProgress: async () => {
          paused.open();
          await release.wait;
        },
      });
      const importing = importer.apply(importOf(50));
      importing.catch(() => undefined);
      await paused.wait;
      expect((await physical()).people).toBeGreaterThan(0);

      const other = await fresh({ importLeaseMs: 1000 });
      await sleep(1500);
      expect((await other.readAll()).document.people).toEqual([]);
      await other.apply([{ op: 'put', kind: 'person', record: { id: 'next', name: 'Next' } }]);
      expect(await physical()).toEqual({ people: 1, ties: 0 });
      expect((await other.readAll()).document.people.map((p) => p.id)).toEqual(['next']);
      // The hung importer's own later chunks find the marker gone: it reports failure, and adds nothing.
      release.open();
      await expect(importing).rejects.toThrow(/discarded as abandoned/);
      expect(await physical()).toEqual({ people: 1, ties: 0 });
    });

    it('when the server is killed mid-import, then after the restart nothing of it is visible and recovery removes it', async () => {
      const paused = gate();
      const killed = gate();
      const importer = await fresh({
        stageAbove: 10,
        batchSize: 20,
        maxTransactionRetryTimeMs: 1000,
        connectionTimeoutMs: 1000,
        onImportProgress: async () => {
          paused.open();
          await killed.wait;
        },
      });
      const importing = importer.apply(importOf(50));
      importing.catch(() => undefined);
      await paused.wait;
      await server.stop!({ kill: true });
      killed.open();
      await expect(importing).rejects.toThrow();
      await server.start!();

      // A new instance starts after the crash (the import's lease not yet over): it reads nothing of it.
      const restarted = await fresh({ importLeaseMs: 600_000 });
      expect((await restarted.readAll()).document.people).toEqual([]);
      expect(await restarted.get('person', 'p0')).toBeUndefined();
      expect((await physical()).people).toBeGreaterThan(0); // still on disk, hidden
      // Start-up recovery of an instance opening after the lease removes it.
      await fresh({ importLeaseMs: 1000 });
      expect(await physical()).toEqual({ people: 0, ties: 0 });
      await restarted.apply(importOf(20, 'q'));
      expect((await restarted.readAll()).document.people).toHaveLength(20);
    });
  },
  { launch: true },
);
