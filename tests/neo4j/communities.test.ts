/**
 * Communities do not depend on the store: the same records in the embedded store and in Neo4j
 * give the same partition at every date (graph/analytics/communities.ts orders people by id).
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { communityAnswers, plantedNetwork } from '../api/community-network.js';
import { startTestApi, type TestApi } from '../api/harness.js';
import { describeWithNeo4j, startTestServer, wipeDatabase, type TestServer } from './neo4j-support.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

describeWithNeo4j('communities on neo4j', () => {
  let server: TestServer;
  const apis: TestApi[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    await wipeDatabase(server);
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
    if (server) await wipeDatabase(server);
    await server?.dispose();
  });

  it('when the same records are written to the embedded store and to Neo4j, then both report the same communities at every date', async () => {
    const { people, interactions } = plantedNetwork();
    const embedded = await startTestApi();
    apis.push(embedded);
    const onNeo4j = await startTestApi({ REFNET_STORE: 'neo4j', NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password });
    apis.push(onNeo4j);
    expect((await embedded.call('POST', '/api/import', { people, interactions })).status).toBe(200);
    // Neo4j: another order, in two batches.
    expect((await onNeo4j.call('POST', '/api/import', { people: [...people].reverse() })).status).toBe(200);
    expect((await onNeo4j.call('POST', '/api/import', { interactions: [...interactions].reverse() })).status).toBe(200);
    const expected = await communityAnswers(embedded);
    expect(expected.every((x) => x.status === 'fresh')).toBe(true);
    expect(new Set(expected.map((x) => x.communities.count)).size).toBeGreaterThan(1);
    expect(await communityAnswers(onNeo4j)).toEqual(expected);
  });
});
