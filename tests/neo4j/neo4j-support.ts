/**
 * How the Neo4j suites get a server: NEO4J_URI when set (an existing server; its database is
 * wiped), else a real Neo4j 5.26 started by scripts/neo4j/launcher.ts on a random port in a temp
 * directory (needs java and mvn). With CI=true a missing Neo4j fails the suite; otherwise the
 * suite is skipped with a one-line reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { describe, it } from 'vitest';
import { keyOf, type Change } from '../../graph/records.js';
import { DEFAULT_NEO4J_USER } from '../../graph/store/neo4j/connection.js';
import { Neo4jStore, type Neo4jStoreOptions } from '../../graph/store/neo4j/neo4j-store.js';
import { startNeo4j, type Neo4jServer } from '../../scripts/neo4j/launcher.js';
import { putsOf, trickyNetwork } from '../store/tricky-network.js';

export interface TestServer {
  uri: string;
  user: string;
  password: string;
  /** Present for a server this suite launched: kill it (kill:true = crash) or start it again on the same data. */
  stop?: (options?: { kill?: boolean }) => Promise<void>;
  start?: () => Promise<void>;
  /** Stops it and removes its data. */
  dispose: () => Promise<void>;
}

const hasCommand = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;

/** Why Neo4j cannot be used here, or undefined when it can. `launch`: the suite must start its own server. */
export function neo4jMissing(launch = false): string | undefined {
  if (!launch && process.env.NEO4J_URI) return undefined;
  if (!hasCommand('java', '-version')) return 'java is not installed (Java 17 runs the Neo4j server)';
  if (!hasCommand('mvn', '-v')) return 'mvn is not installed (Maven fetches the Neo4j server)';
  return undefined;
}

/**
 * describe() that runs when Neo4j is usable; otherwise a failing test under CI=true, or a skip
 * with a one-line reason.
 */
export function describeWithNeo4j(name: string, body: () => void, options: { launch?: boolean } = {}): void {
  const missing = neo4jMissing(options.launch);
  if (!missing) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('when CI=true, then Neo4j must be available', () => {
        throw new Error(`Neo4j is required under CI: ${missing}`);
      });
    });
  } else {
    console.log(`skip: ${name}: ${missing}`);
    describe.skip(name, body);
  }
}

/** A server for one test file: NEO4J_URI, or a fresh launched one (launch: always launch). */
export async function startTestServer(options: { launch?: boolean } = {}): Promise<TestServer> {
  if (!options.launch && process.env.NEO4J_URI) {
    return {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER || DEFAULT_NEO4J_USER,
      password: process.env.NEO4J_PASSWORD ?? '',
      dispose: async () => {},
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'refnet-neo4j-'));
  let server: Neo4jServer = await launch(dataDir, 0);
  const port = server.port;
  return {
    uri: server.uri,
    user: server.user,
    password: server.password,
    stop: (o) => server.stop(o),
    start: async () => {
      server = await launch(dataDir, port);
    },
    dispose: async () => {
      await server.stop({ kill: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function launch(dataDir: string, port: number): Promise<Neo4jServer> {
  return startNeo4j({
    dataDir,
    port,
    heap: '768m',
    pageCache: '64m',
    onProgress: (line) => console.log(line),
  });
}

/**
 * Plans every statement the adapter runs once (Neo4j caches query plans), so the first tests do
 * not pay for query compilation on a busy machine; leaves the database empty.
 */
export async function warmUp(server: TestServer): Promise<void> {
  await wipeDatabase(server);
  const store = await openStore(server);
  try {
    const doc = trickyNetwork();
    await store.apply(putsOf(doc));
    await store.readAll();
    await store.apply(putsOf(doc));
    const deletes = putsOf(doc)
      .reverse()
      .map((c): Change => (c.op === 'put' ? { op: 'delete', kind: c.kind, key: keyOf(c.kind, c.record as never) } : c));
    await store.apply(deletes);
    for (const change of putsOf(doc)) if (change.op === 'put') await store.get(change.kind, keyOf(change.kind, change.record as never));
    await store.changesSince(0);
  } finally {
    await store.close();
  }
  await wipeDatabase(server);
}

/** Deletes every node and relationship of the database, in batches. */
export async function wipeDatabase(server: TestServer): Promise<void> {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  const session = driver.session({ database: process.env.NEO4J_DATABASE || undefined });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

/** An open adapter on the test server. */
export async function openStore(server: TestServer, options: Neo4jStoreOptions = {}): Promise<Neo4jStore> {
  const store = new Neo4jStore({
    uri: server.uri,
    user: server.user,
    password: server.password,
    database: process.env.NEO4J_DATABASE || undefined,
    ...options,
  });
  await store.open();
  return store;
}
