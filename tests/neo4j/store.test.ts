/**
 * The store conformance suite (tests/store/conformance.ts) against a real Neo4j 5.26 server,
 * started once for this file (or NEO4J_URI); the database is wiped before each test.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Neo4jStore } from '../../graph/store/neo4j/neo4j-store.js';
import { describeStoreConformance } from '../store/conformance.js';
import { describeWithNeo4j, openStore, startTestServer, wipeDatabase, type TestServer } from './neo4j-support.js';

describeWithNeo4j('neo4j adapter', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  describeStoreConformance('neo4j', async () => {
    await wipeDatabase(server);
    let store: Neo4jStore = await openStore(server);
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openStore(server);
        return store;
      },
      forget: () => store.forgetChanges(),
      cleanup: () => store.close(),
    };
  });
});
